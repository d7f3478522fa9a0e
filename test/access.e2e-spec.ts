import { randomUUID } from 'node:crypto';
import { bearer, completeNotice, createSender, createStaff, fileAccepted, login, SenderWithKey, StaffMember } from './factories';
import { routesOf } from './support/routes';
import { startTestApp, TestApp } from './support/test-app';

// Who may call what. Every route of the application must be listed here: a new route
// that is not fails the test until someone decides who may reach it.
// 'legal': the legal and admin roles.
// 'sender': a sender organisation's key only (tds_…); every staff identity is refused too.
type Access = 'public' | 'staff' | 'legal' | 'admin' | 'sender';
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
  'PATCH /api/v1/track/:token/notice': 'public',
  'GET /track/:token/correct': 'public',
  'POST /track/:token/correct': 'public',
  'GET /track': 'public',
  'GET /track/lost': 'public',
  'POST /track/lost': 'public',
  'GET /removed/:slug': 'public',
  'GET /articles/:slug': 'public',
  'POST /api/v1/track/:token/court-action': 'public',
  'POST /track/:token/court-action': 'public',
  'POST /api/v1/track/:token/appeal': 'public',
  'POST /track/:token/appeal': 'public',
  'POST /api/v1/track/:token/attachments': 'public',
  'POST /track/:token/attachments': 'public',
  'POST /api/v1/respond/:token/appeal': 'public',
  'POST /respond/:token/appeal': 'public',
  'GET /respond/:token': 'public',
  'POST /respond/:token/counter-notice': 'public',
  'GET /api/v1/respond/:token': 'public',
  'POST /api/v1/respond/:token/counter-notice': 'public',
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /api/v1/auth/login': 'public',
  'GET /set-password/:token': 'public',
  'POST /set-password/:token': 'public',
  'POST /logout': 'staff',
  'POST /api/v1/auth/logout': 'staff',
  'GET /api/v1/auth/me': 'staff',
  'POST /api/v1/auth/password': 'staff',
  'GET /account': 'staff',
  'POST /account': 'staff',
  'GET /api/v1/cases': 'staff',
  'GET /api/v1/cases/:reference': 'staff',
  'POST /api/v1/cases/:reference/transitions': 'staff',
  'POST /api/v1/cases/:reference/notes': 'staff',
  'POST /api/v1/cases:bulk': 'staff',
  'POST /desk/bulk': 'staff',
  'GET /desk/bulk/:id': 'staff',
  'GET /desk': 'staff',
  'GET /desk/notifications': 'staff',
  'GET /desk/notifications/:id': 'staff',
  'POST /desk/notifications/read': 'staff',
  'POST /desk/notifications/email': 'staff',
  'GET /api/v1/notifications': 'staff',
  'POST /api/v1/notifications/read': 'staff',
  'GET /desk/cases/:reference': 'staff',
  'POST /desk/cases/:reference/transitions': 'staff',
  'POST /desk/cases/:reference/notes': 'staff',
  'POST /desk/cases/:reference/attachments': 'staff',
  'POST /api/v1/cases/:reference/attachments': 'staff',
  'GET /api/v1/cases/:reference/attachments': 'staff',
  'GET /api/v1/attachments/:id/file': 'staff',
  'GET /api/v1/attachments/:id/preview': 'staff',
  'GET /api/v1/tokens': 'staff',
  'POST /api/v1/tokens': 'staff',
  'DELETE /api/v1/tokens/:id': 'staff',
  'GET /account/tokens': 'staff',
  'POST /account/tokens': 'staff',
  'POST /account/tokens/:id/revoke': 'staff',
  'GET /api/v1/users': 'admin',
  'POST /api/v1/users': 'admin',
  'PATCH /api/v1/users/:id': 'admin',
  'GET /api/v1/users/:id/tokens': 'admin',
  'POST /api/v1/users/:id/password-reset': 'admin',
  'GET /admin/users': 'admin',
  'POST /admin/users': 'admin',
  'POST /admin/users/:id': 'admin',
  'POST /admin/users/:id/password-reset': 'admin',
  'GET /api/v1/events': 'admin',
  'GET /api/v1/events/export': 'admin',
  'POST /api/v1/events/verify': 'admin',
  'POST /api/v1/events/seal': 'admin',
  'GET /admin/audit': 'admin',
  'POST /admin/audit/verify': 'admin',
  'POST /admin/audit/seal': 'admin',
  'GET /admin/outbox': 'admin',
  // Public accountability (src/reports, src/exports).
  'GET /transparency': 'public',
  'GET /api/v1/reports/transparency': 'public',
  'GET /api/v1/cases/:reference/dsa-statements': 'staff',
  'GET /desk/cases/:reference/statements': 'staff',
  'GET /api/v1/exports/dsa-sor': 'legal',
  'GET /api/v1/exports/lumen': 'legal',
  'POST /api/v1/notices:batch': 'sender',
  'GET /api/v1/senders': 'admin',
  'POST /api/v1/senders': 'admin',
  'GET /api/v1/senders/:id': 'admin',
  'PATCH /api/v1/senders/:id': 'admin',
  'POST /api/v1/senders/:id/keys': 'admin',
  'DELETE /api/v1/sender-keys/:id': 'admin',
  'GET /desk/senders': 'admin',
  'POST /desk/senders': 'admin',
  'POST /desk/senders/keys': 'admin',
  'GET /desk/senders/:id': 'admin',
  'POST /desk/senders/:id': 'admin',
  'POST /desk/sender-keys/:id/revoke': 'admin',
  'GET /api/v1/articles/:slug/cases': 'staff',
  'GET /desk/articles/:slug': 'staff',
  'GET /api/v1/misuse/suspensions': 'staff',
  'GET /desk/misuse': 'staff',
  'POST /api/v1/misuse/suspensions/:id/decision': 'legal',
  'POST /desk/misuse/suspensions/:id/decision': 'legal',
  'POST /api/v1/misuse/suspensions/:id/appeal-decision': 'legal',
  'POST /desk/misuse/suspensions/:id/appeal-decision': 'legal',
  'GET /track/:token/suspension-appeal': 'public',
  'POST /track/:token/suspension-appeal': 'public',
  'POST /api/v1/track/:token/suspension-appeal': 'public',
  'GET /api/v1/contributors': 'staff',
  'GET /desk/contributors': 'staff',
  'POST /api/v1/contributors/reviews/:id/decision': 'legal',
  'POST /desk/contributors/reviews/:id/decision': 'legal',
};

const ROLES = ['editor', 'legal', 'admin'] as const;

describe('access to every route', () => {
  let t: TestApp;
  let staff: Record<(typeof ROLES)[number], StaffMember>;
  let deactivated: StaffMember;
  let reference: string;
  let trackingToken: string;
  // A notifier's tracking token for another case than the one the routes are called on.
  let otherCaseToken: string;
  let sender: SenderWithKey;

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
    otherCaseToken = (await fileAccepted(t.baseUrl, completeNotice('trademark'))).token;
    sender = await createSender(t.baseUrl, staff.admin);
  });
  afterAll(() => t.close());

  it('lists every route in the access matrix, and nothing else', () => {
    expect(routesOf(t)).toEqual(Object.keys(ACCESS).sort());
  });

  const call = (route: string, headers: Record<string, string>) => {
    const [method, template] = route.split(' ');
    const url = template.replace(':reference', reference).replace(':id', randomUUID()).replace(':token', trackingToken).replace(':slug', 'no-such-article');
    return fetch(`${t.baseUrl}${url}`, {
      method,
      redirect: 'manual',
      headers: { accept: 'application/json', ...(method === 'GET' ? {} : { 'content-type': 'application/json' }), ...headers },
      body: method === 'GET' ? undefined : '{}',
    });
  };
  const staffRoutes = Object.entries(ACCESS)
    .filter(([, access]) => access === 'staff' || access === 'admin')
    .map(([route]) => route);

  // Pages send a person to the sign-in page instead (303 to /login).
  const expectRefused = async (response: Response) => {
    if (response.status === 303) expect(response.headers.get('location')).toMatch(/^\/login/);
    else expect(response.status).toBe(401);
  };

  // A sender key opens its own routes and no staff route; no staff identity opens a sender route.
  const senderRoutes = Object.entries(ACCESS)
    .filter(([, access]) => access === 'sender')
    .map(([route]) => route);
  it.each(senderRoutes)('%s answers a sender key and refuses anonymous callers, tracking tokens and every staff role', async (route) => {
    const status = (await call(route, bearer(sender.key))).status;
    expect([401, 403]).not.toContain(status);
    expect(status).toBeLessThan(500);
    for (const token of [trackingToken, deactivated.token, ...ROLES.map((role) => staff[role].token)]) expect((await call(route, bearer(token))).status).toBe(401);
    expect((await call(route, {})).status).toBe(401);
  });
  it.each(staffRoutes)('%s refuses a sender key', async (route) => {
    await expectRefused(await call(route, bearer(sender.key)));
  });

  it.each(staffRoutes)('%s refuses anonymous callers, notifiers’ tracking tokens (this case’s and another’s) and a deactivated user', async (route) => {
    await expectRefused(await call(route, {}));
    await expectRefused(await call(route, bearer(trackingToken)));
    await expectRefused(await call(route, bearer(otherCaseToken)));
    await expectRefused(await call(route, bearer(deactivated.token)));
  });

  // Public routes ignore who calls: every identity gets what an anonymous caller gets.
  const publicRoutes = Object.entries(ACCESS)
    .filter(([, access]) => access === 'public')
    .map(([route]) => route);
  it.each(publicRoutes)('%s answers notifiers, every role and a deactivated user as it answers anonymous callers', async (route) => {
    const anonymous = (await call(route, {})).status;
    expect(anonymous).toBeLessThan(500);
    const identities = { otherCase: otherCaseToken, deactivated: deactivated.token, ...Object.fromEntries(ROLES.map((role) => [role, staff[role].token])) };
    const statuses = Object.fromEntries(await Promise.all(Object.entries(identities).map(async ([who, token]) => [who, (await call(route, bearer(token))).status])));
    expect(statuses).toEqual(Object.fromEntries(Object.keys(identities).map((who) => [who, anonymous])));
  });

  // Nothing answers beyond the matrix: other methods on its paths, and paths one might try.
  it('reaches no route the matrix does not list', async () => {
    const listed = new Set(Object.keys(ACCESS));
    const paths = [...new Set(Object.keys(ACCESS).map((route) => route.split(' ')[1]))];
    const probes = paths.flatMap((path) => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => `${method} ${path}`)).filter((route) => !listed.has(route));
    const guesses = [
      '/admin',
      '/api',
      '/api/v1',
      '/api/v1/articles',
      '/api/v1/messages',
      '/api/v1/notices/1',
      '/api/v1/cases/:reference/decisions',
      '/debug',
      '/metrics',
      '/.env',
      '/desk/cases',
    ];
    probes.push(...guesses.flatMap((path) => ['GET', 'POST'].map((method) => `${method} ${path}`)));
    const reachable: string[] = [];
    for (const route of probes) {
      const status = (await call(route, bearer(staff.admin.token))).status;
      if (status !== 404) reachable.push(`${route} → ${status}`);
    }
    expect(reachable).toEqual([]);
  });

  it.each(staffRoutes.flatMap((route) => ROLES.map((role) => [route, role] as const)))('%s as %s', async (route, role) => {
    // Signing out ends the session: use a fresh one for those routes.
    const token = route.includes('logout') ? (await login(t, staff[role].email, staff[role].password)).token : staff[role].token;
    const status = (await call(route, bearer(token))).status;
    if (ACCESS[route] === 'admin' && role !== 'admin') expect(status).toBe(403);
    else if (ACCESS[route] === 'legal' && role === 'editor') expect(status).toBe(403);
    else expect([401, 403]).not.toContain(status);
    expect(status).toBeLessThan(500);
  });
});
