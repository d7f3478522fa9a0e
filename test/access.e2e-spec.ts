import { randomUUID } from 'node:crypto';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { bearer, completeNotice, createStaff, fileAccepted, login, StaffMember } from './factories';
import { startTestApp, TestApp } from './support/test-app';

// Who may call what. Every route of the application must be listed here: a new route
// that is not fails the test until someone decides who may reach it.
type Access = 'public' | 'staff' | 'admin';
const ACCESS: Record<string, Access> = {
  'GET /': 'public',
  'GET /health': 'public',
  'GET /notices/new': 'public',
  'POST /notices': 'public',
  'POST /api/v1/notices': 'public',
  'GET /api/v1/notice-types': 'public',
  'GET /track/:token': 'public',
  'POST /track/:token/supplement': 'public',
  'GET /track/:token/withdraw': 'public',
  'POST /track/:token/withdraw': 'public',
  'GET /api/v1/track/:token': 'public',
  'POST /api/v1/track/:token/supplement': 'public',
  'POST /api/v1/track/:token/withdraw': 'public',
  'GET /removed/:slug': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /logout': 'staff',
  'POST /api/v1/auth/logout': 'staff',
  'GET /api/v1/auth/me': 'staff',
  'GET /api/v1/cases': 'staff',
  'GET /api/v1/cases/:reference': 'staff',
  'POST /api/v1/cases/:reference/transitions': 'staff',
  'POST /api/v1/cases/:reference/notes': 'staff',
  'GET /desk': 'staff',
  'GET /desk/cases/:reference': 'staff',
  'POST /desk/cases/:reference/transitions': 'staff',
  'POST /desk/cases/:reference/notes': 'staff',
  'GET /api/v1/tokens': 'staff',
  'POST /api/v1/tokens': 'staff',
  'DELETE /api/v1/tokens/:id': 'staff',
  'GET /account/tokens': 'staff',
  'POST /account/tokens': 'staff',
  'POST /account/tokens/:id/revoke': 'staff',
  'GET /api/v1/users': 'admin',
  'POST /api/v1/users': 'admin',
  'PATCH /api/v1/users/:id': 'admin',
  'GET /admin/users': 'admin',
  'POST /admin/users': 'admin',
  'POST /admin/users/:id': 'admin',
  'GET /api/v1/events': 'admin',
  'GET /api/v1/events/export': 'admin',
  'POST /api/v1/events/verify': 'admin',
  'POST /api/v1/events/seal': 'admin',
  'GET /admin/audit': 'admin',
  'POST /admin/audit/verify': 'admin',
  'POST /admin/audit/seal': 'admin',
  'GET /admin/outbox': 'admin',
};

const ROLES = ['editor', 'legal', 'admin'] as const;

function routesOf(t: TestApp): string[] {
  const routes: string[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new () => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        const method = typeof handler === 'function' ? Reflect.getMetadata(METHOD_METADATA, handler) : undefined;
        if (method === undefined) continue;
        const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')].filter((p) => p && p !== '/').join('/')}`.replace(/\/+$/, '') || '/';
        routes.push(`${RequestMethod[method]} ${path}`);
      }
    }
  }
  return routes.sort();
}

describe('access to every route', () => {
  let t: TestApp;
  let staff: Record<(typeof ROLES)[number], StaffMember>;
  let deactivated: StaffMember;
  let reference: string;
  let trackingToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    staff = { editor: await createStaff(t, 'editor'), legal: await createStaff(t, 'legal'), admin: await createStaff(t, 'admin') };
    deactivated = await createStaff(t, 'editor');
    const patched = await fetch(`${t.baseUrl}/api/v1/users/${deactivated.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...bearer(staff.admin.token) },
      body: JSON.stringify({ active: false }),
    });
    expect(patched.status).toBe(200);
    const filed = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    reference = filed.body.reference;
    trackingToken = filed.token;
  });
  afterAll(() => t.close());

  it('lists every route in the access matrix, and nothing else', () => {
    expect(routesOf(t)).toEqual(Object.keys(ACCESS).sort());
  });

  const call = (route: string, headers: Record<string, string>) => {
    const [method, template] = route.split(' ');
    const url = template
      .replace(':reference', reference)
      .replace(':id', randomUUID())
      .replace(':token', trackingToken)
      .replace(':slug', 'no-such-article');
    return fetch(`${t.baseUrl}${url}`, {
      method,
      redirect: 'manual',
      headers: { accept: 'application/json', ...(method === 'GET' ? {} : { 'content-type': 'application/json' }), ...headers },
      body: method === 'GET' ? undefined : '{}',
    });
  };
  const staffRoutes = Object.entries(ACCESS).filter(([, access]) => access !== 'public').map(([route]) => route);

  // Pages send a person to the sign-in page instead (303 to /login).
  const expectRefused = async (response: Response) => {
    if (response.status === 303) expect(response.headers.get('location')).toMatch(/^\/login/);
    else expect(response.status).toBe(401);
  };

  it.each(staffRoutes)('%s refuses anonymous callers, a notifier’s tracking token and a deactivated user', async (route) => {
    await expectRefused(await call(route, {}));
    await expectRefused(await call(route, bearer(trackingToken)));
    await expectRefused(await call(route, bearer(deactivated.token)));
  });

  it.each(staffRoutes.flatMap((route) => ROLES.map((role) => [route, role] as const)))('%s as %s', async (route, role) => {
    // Signing out ends the session: use a fresh one for those routes.
    const token = route.includes('logout') ? (await login(t, staff[role].email, staff[role].password)).token : staff[role].token;
    const status = (await call(route, bearer(token))).status;
    if (ACCESS[route] === 'admin' && role !== 'admin') expect(status).toBe(403);
    else expect([401, 403]).not.toContain(status);
    expect(status).toBeLessThan(500);
  });
});
