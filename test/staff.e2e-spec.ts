import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { createUserFromConsole } from '../src/staff/users-cli';
import { UsersService } from '../src/staff/users.service';
import { bearer, createStaff, expectProblem, login, postJson, StaffMember } from './factories';
import { startTestApp, TestApp } from './support/test-app';

// Staff sign-in, sessions, API tokens, administration and their guard, through real HTTP
// on a real PostgreSQL.
describe('staff', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  // Every test starts with no throttle: they all come from 127.0.0.1.
  beforeEach(async () => {
    await t.db.pool.query('DELETE FROM login_throttles');
  });

  const api = (method: string, url: string, options: { headers?: Record<string, string>; body?: unknown } = {}) =>
    fetch(`${t.baseUrl}${url}`, {
      method,
      redirect: 'manual',
      headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  const form = (url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${t.baseUrl}${url}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  const page = (url: string, headers: Record<string, string> = {}) => fetch(`${t.baseUrl}${url}`, { redirect: 'manual', headers: { accept: 'text/html', ...headers } });
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
  const events = async (action: string) => (await t.db.pool.query(`SELECT * FROM events WHERE action = $1 ORDER BY id`, [action])).rows;

  describe('first start', () => {
    it('creates one admin with a random password when there are no users, and only then', async () => {
      const users = t.app.get(UsersService);
      const created = await users.createFirstAdminIfNone('admin@freelanews.com');
      expect(created).toEqual({ email: 'admin@freelanews.com', password: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) });
      expect(await users.createFirstAdminIfNone('admin@freelanews.com')).toBeNull();
      const { rows } = await t.db.pool.query(`SELECT role, active, password_hash FROM users`);
      expect(rows).toEqual([{ role: 'admin', active: true, password_hash: expect.stringMatching(/^\$argon2id\$/) }]);
      expect((await login(t, created!.email, created!.password)).token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await events('user.created')).toEqual([expect.objectContaining({ actor_type: 'system', actor_id: 'first-start', subject_id: expect.any(String) })]);
    });
  });

  describe('sign-in through the API', () => {
    let editor: StaffMember;

    beforeAll(async () => {
      editor = await createStaff(t, 'editor');
    });

    it('answers a login token, its expiry and the user, and sets a session cookie', async () => {
      const response = await postJson(t.baseUrl, '/api/v1/auth/login', { email: editor.email.toUpperCase(), password: editor.password }, { 'user-agent': 'staff-e2e' });
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body).toEqual({
        token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        expiresAt: expect.any(String),
        user: { id: editor.id, email: editor.email, name: expect.any(String), role: 'editor' },
      });
      const hours = (new Date(body.expiresAt).getTime() - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(11.9);
      expect(hours).toBeLessThanOrEqual(12);
      const cookie = response.headers.getSetCookie().find((line) => line.startsWith('desk_session='))!;
      expect(cookie).toContain(`desk_session=${body.token}`);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).not.toMatch(/Secure/);

      // Only the SHA-256 of the token is stored.
      const { rows } = await t.db.pool.query(`SELECT token_hash, user_agent, ip, revoked_at FROM sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`, [editor.id]);
      expect(rows[0].token_hash).toEqual(createHash('sha256').update(body.token).digest());
      expect(rows[0]).toMatchObject({ user_agent: 'staff-e2e', ip: '127.0.0.1', revoked_at: null });
      const succeeded = (await events('auth.login_succeeded')).filter((event) => event.actor_id === editor.id);
      expect(succeeded.at(-1)).toMatchObject({
        actor_type: 'staff',
        actor_role: 'editor',
        subject_type: 'user',
        subject_id: editor.id,
        visibility: 'internal',
        client_network: '127.0.0.0/24',
      });
      expect(succeeded.at(-1).request_id).toBe(response.headers.get('x-request-id'));
    });

    it('accepts the login token as Bearer and the cookie, and refuses anything else with 401', async () => {
      const { token, cookie } = await login(t, editor.email, editor.password);
      for (const headers of [bearer(token), { cookie }]) {
        const response = await api('GET', '/api/v1/auth/me', { headers });
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ id: editor.id, email: editor.email, name: expect.any(String), role: 'editor' });
      }
      for (const headers of [{}, bearer('x'.repeat(43)), bearer(`tdk_${'x'.repeat(43)}`), { authorization: 'Basic abc' }, { cookie: 'desk_session=nonsense' }]) {
        const problem = await expectProblem(await api('GET', '/api/v1/auth/me', { headers }), 401);
        expect(problem.code).toBe('unauthenticated');
      }
    });

    it('signs out: the token and the cookie stop working at once', async () => {
      const { token, cookie } = await login(t, editor.email, editor.password);
      expect((await api('POST', '/api/v1/auth/logout', { headers: bearer(token) })).status).toBe(204);
      expect((await api('GET', '/api/v1/auth/me', { headers: bearer(token) })).status).toBe(401);
      expect((await api('GET', '/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
      const logout = (await events('auth.logout')).at(-1);
      expect(logout).toMatchObject({ actor_type: 'staff', actor_id: editor.id, subject_id: editor.id });
    });

    it('refuses a sign-in e-mail with control characters as bad input, not a server error (a NUL reached PostgreSQL: 500)', async () => {
      const response = await postJson(t.baseUrl, '/api/v1/auth/login', { email: 'editor\u0000@freelanews.com', password: 'whatever it is' });
      expect((await expectProblem(response, 422)).errors).toEqual([expect.objectContaining({ field: 'email' })]);
    });

    it('gives the same answer for a wrong password and an unknown address, and logs neither password nor address', async () => {
      const wrong = await postJson(t.baseUrl, '/api/v1/auth/login', { email: editor.email, password: 'wrong password 1' });
      const unknown = await postJson(t.baseUrl, '/api/v1/auth/login', { email: 'nobody@freelanews.com', password: 'wrong password 2' });
      const [a, b] = [await expectProblem(wrong, 401), await expectProblem(unknown, 401)];
      expect({ ...a, requestId: null }).toEqual({ ...b, requestId: null });
      expect(a.code).toBe('invalid_credentials');
      const failed = await events('auth.login_failed');
      expect(failed.slice(-2)).toEqual([
        expect.objectContaining({ actor_type: 'system', actor_id: null, subject_type: 'user', subject_id: editor.id }),
        expect.objectContaining({ actor_type: 'system', actor_id: null, subject_type: 'login', subject_id: expect.stringMatching(/^[0-9a-f]{16}$/) }),
      ]);
      const logged = JSON.stringify(failed);
      expect(logged).not.toContain('wrong password');
      expect(logged).not.toContain('nobody@freelanews.com');
      expect(failed.at(-1).data).toEqual({ emailFingerprint: failed.at(-1).subject_id, reason: 'unknown_email', channel: 'api' });
    });

    it('takes about as long for an unknown address as for a wrong password', async () => {
      const median = async (email: string) => {
        const times: number[] = [];
        for (let i = 0; i < 7; i++) {
          await t.db.pool.query('DELETE FROM login_throttles');
          const started = performance.now();
          expect((await postJson(t.baseUrl, '/api/v1/auth/login', { email, password: `timing guess ${i}` })).status).toBe(401);
          times.push(performance.now() - started);
        }
        // The median of seven: one slow answer (a pause of the shared machine) does not decide.
        return times.sort((a, b) => a - b)[3];
      };
      const known = await median(editor.email);
      const unknown = await median('unknown.person@freelanews.com');
      // Both are dominated by one argon2id verification (tens of milliseconds).
      expect(unknown / known).toBeGreaterThan(0.4);
      expect(unknown / known).toBeLessThan(2.5);
    });

    it('takes JSON only (a cross-site form cannot sign a browser in) and checks the fields', async () => {
      const urlencoded = await fetch(`${t.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: editor.email, password: editor.password }).toString(),
      });
      expect(urlencoded.status).toBe(415);
      expect(urlencoded.headers.getSetCookie()).toEqual([]);
      await expectProblem(await postJson(t.baseUrl, '/api/v1/auth/login', { email: editor.email }), 422, ['password']);
    });
  });

  describe('backoff on failed sign-ins', () => {
    it('blocks an account at one address after 5 failures for 30 s (429 with Retry-After), even for the right password, then resets on success', async () => {
      const editor = await createStaff(t, 'editor');
      for (let i = 0; i < 5; i++) {
        expect((await postJson(t.baseUrl, '/api/v1/auth/login', { email: editor.email, password: `wrong password ${i}` })).status).toBe(401);
      }
      const blocked = await postJson(t.baseUrl, '/api/v1/auth/login', { email: editor.email, password: editor.password });
      const problem = await expectProblem(blocked, 429);
      expect(problem).toMatchObject({ code: 'login_throttled', retryAfter: expect.any(Number) });
      const retryAfter = Number(blocked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(29);
      expect(retryAfter).toBeLessThanOrEqual(30);
      // Other accounts are not blocked by it.
      expect((await postJson(t.baseUrl, '/api/v1/auth/login', { email: 'someone.else@freelanews.com', password: 'whatever it is' })).status).toBe(401);

      // The block passes; one more failure doubles it.
      await t.db.pool.query(`UPDATE login_throttles SET blocked_until = now() - interval '1 second' WHERE key LIKE 'account-ip:%'`);
      expect((await postJson(t.baseUrl, '/api/v1/auth/login', { email: editor.email, password: 'wrong again!' })).status).toBe(401);
      const doubled = await postJson(t.baseUrl, '/api/v1/auth/login', { email: editor.email, password: editor.password });
      expect(doubled.status).toBe(429);
      expect(Number(doubled.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);

      // Once it passes, the right password signs in and clears the account's counter.
      await t.db.pool.query(`UPDATE login_throttles SET blocked_until = now() - interval '1 second' WHERE key LIKE 'account-ip:%'`);
      expect((await postJson(t.baseUrl, '/api/v1/auth/login', { email: editor.email, password: editor.password })).status).toBe(200);
      const { rows } = await t.db.pool.query(`SELECT key FROM login_throttles WHERE key LIKE 'account%'`);
      const hash = createHash('sha256').update(editor.email).digest('hex');
      expect(rows.map((row) => row.key)).not.toContain(`account:${hash}`);
      expect(rows.map((row) => row.key)).not.toContain(`account-ip:${hash}:127.0.0.1`);
    });

    it('blocks an unknown address the same way (its existence does not show)', async () => {
      for (let i = 0; i < 5; i++) expect((await postJson(t.baseUrl, '/api/v1/auth/login', { email: 'ghost@freelanews.com', password: `guess ${i} guess` })).status).toBe(401);
      expect((await postJson(t.baseUrl, '/api/v1/auth/login', { email: 'ghost@freelanews.com', password: 'guess 5 guess' })).status).toBe(429);
    });

    it('blocks a client address after 20 failures, whatever the account', async () => {
      for (let i = 0; i < 20; i++) expect((await postJson(t.baseUrl, '/api/v1/auth/login', { email: `spray${i}@freelanews.com`, password: 'Summer2026!!' })).status).toBe(401);
      const blocked = await postJson(t.baseUrl, '/api/v1/auth/login', { email: 'spray-new@freelanews.com', password: 'Summer2026!!' });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('counts parallel guesses one by one', async () => {
      const editor = await createStaff(t, 'editor');
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => postJson(t.baseUrl, '/api/v1/auth/login', { email: editor.email, password: `parallel guess ${i}` }).then((r) => r.status)),
      );
      expect(answers.filter((status) => status === 401)).toHaveLength(5);
      expect(answers.filter((status) => status === 429)).toHaveLength(3);
    });
  });

  describe('session expiry', () => {
    let editor: StaffMember;

    beforeAll(async () => {
      editor = await createStaff(t, 'editor');
    });

    const sessionOf = async (token: string) =>
      (await t.db.pool.query(`SELECT id, last_seen_at FROM sessions WHERE token_hash = $1`, [createHash('sha256').update(token).digest()])).rows[0];

    it('ends after 60 idle minutes', async () => {
      const { token } = await login(t, editor.email, editor.password);
      const { id } = await sessionOf(token);
      await t.db.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '59 minutes' WHERE id = $1`, [id]);
      expect((await api('GET', '/api/v1/auth/me', { headers: bearer(token) })).status).toBe(200);
      // That request counted as activity.
      expect(Date.now() - new Date((await sessionOf(token)).last_seen_at).getTime()).toBeLessThan(10_000);
      await t.db.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '61 minutes' WHERE id = $1`, [id]);
      const problem = await expectProblem(await api('GET', '/api/v1/auth/me', { headers: bearer(token) }), 401);
      expect(problem.detail).toMatch(/expired/);
    });

    it('ends at its absolute expiry however active it is', async () => {
      const { token, cookie } = await login(t, editor.email, editor.password);
      await t.db.pool.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [(await sessionOf(token)).id]);
      expect((await api('GET', '/api/v1/auth/me', { headers: bearer(token) })).status).toBe(401);
      expect((await api('GET', '/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
    });

    it('records activity at most once a minute', async () => {
      const { token } = await login(t, editor.email, editor.password);
      const { id } = await sessionOf(token);
      await t.db.pool.query(`UPDATE sessions SET last_seen_at = now() - interval '30 seconds' WHERE id = $1`, [id]);
      const before = (await sessionOf(token)).last_seen_at;
      expect((await api('GET', '/api/v1/auth/me', { headers: bearer(token) })).status).toBe(200);
      expect((await sessionOf(token)).last_seen_at).toEqual(before);
    });
  });

  describe('personal API tokens', () => {
    let editor: StaffMember;

    beforeAll(async () => {
      editor = await createStaff(t, 'editor');
    });

    it('are created once-shown, work as Bearer, are listed without the secret, and stop working when revoked', async () => {
      const created = await api('POST', '/api/v1/tokens', { headers: bearer(editor.token), body: { name: 'CMS integration', expiresInDays: 30 } });
      expect(created.status).toBe(201);
      const body = await created.json();
      expect(body).toEqual({
        id: expect.any(String),
        name: 'CMS integration',
        prefix: body.token.slice(0, 12),
        token: expect.stringMatching(/^tdk_[A-Za-z0-9_-]{43}$/),
        createdAt: expect.any(String),
        lastUsedAt: null,
        expiresAt: expect.any(String),
        revokedAt: null,
        canCreateTokens: false,
        parentTokenId: null,
      });
      expect(Math.round((new Date(body.expiresAt).getTime() - Date.now()) / 86_400_000)).toBe(30);

      const me = await api('GET', '/api/v1/auth/me', { headers: bearer(body.token) });
      expect(me.status).toBe(200);
      expect((await me.json()).id).toBe(editor.id);

      const list = await (await api('GET', '/api/v1/tokens', { headers: bearer(body.token) })).json();
      expect(list).toEqual([expect.objectContaining({ id: body.id, name: 'CMS integration', lastUsedAt: expect.any(String) })]);
      expect(JSON.stringify(list)).not.toContain(body.token);
      const { rows } = await t.db.pool.query(`SELECT token_hash FROM api_tokens WHERE id = $1`, [body.id]);
      expect(rows[0].token_hash).toEqual(createHash('sha256').update(body.token).digest());

      // Someone else cannot revoke it.
      const other = await createStaff(t, 'legal');
      await expectProblem(await api('DELETE', `/api/v1/tokens/${body.id}`, { headers: bearer(other.token) }), 404);
      await expectProblem(await api('DELETE', `/api/v1/tokens/not-a-uuid`, { headers: bearer(other.token) }), 404);

      expect((await api('DELETE', `/api/v1/tokens/${body.id}`, { headers: bearer(editor.token) })).status).toBe(204);
      expect((await api('GET', '/api/v1/auth/me', { headers: bearer(body.token) })).status).toBe(401);
      expect((await api('DELETE', `/api/v1/tokens/${body.id}`, { headers: bearer(editor.token) })).status).toBe(204);

      expect(await events('token.created')).toContainEqual(expect.objectContaining({ actor_id: editor.id, subject_type: 'api_token', subject_id: body.id }));
      const revoked = (await events('token.revoked')).filter((event) => event.subject_id === body.id);
      expect(revoked).toHaveLength(1);
      expect(JSON.stringify(await events('token.created'))).not.toContain(body.token);
    });

    it('stop working when they expire, and cannot sign out', async () => {
      const { token, id } = await (await api('POST', '/api/v1/tokens', { headers: bearer(editor.token), body: { name: 'Short-lived' } })).json();
      await expectProblem(await api('POST', '/api/v1/auth/logout', { headers: bearer(token) }), 400);
      await t.db.pool.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
      expect((await api('GET', '/api/v1/auth/me', { headers: bearer(token) })).status).toBe(401);
    });

    it('check their fields', async () => {
      const response = await api('POST', '/api/v1/tokens', { headers: bearer(editor.token), body: { name: '', expiresInDays: 0, extra: 1 } });
      await expectProblem(response, 422, ['name', 'expiresInDays', 'extra']);
    });

    it('are managed on /account/tokens, with the token shown once', async () => {
      const { cookie } = await login(t, editor.email, editor.password);
      const html = await (await page('/account/tokens', { cookie })).text();
      expect(html).toContain('<h1>API tokens</h1>');
      const created = await form('/account/tokens', { _csrf: csrfOf(html), name: 'Page token', expiresInDays: '' }, { cookie });
      expect(created.status).toBe(201);
      const shown = await created.text();
      const token = /<code class="token-link" id="new-token">(tdk_[A-Za-z0-9_-]{43})<\/code>/.exec(shown)![1];
      expect((await api('GET', '/api/v1/auth/me', { headers: bearer(token) })).status).toBe(200);
      expect((await page('/account/tokens', { cookie }).then((r) => r.text())).includes(token)).toBe(false);

      const invalid = await form('/account/tokens', { _csrf: csrfOf(html), name: '<b>x</b>', expiresInDays: 'soon' }, { cookie });
      expect(invalid.status).toBe(422);
      const again = await invalid.text();
      expect(again).toContain('There is a problem');
      expect(again).toContain('value="&lt;b&gt;x&lt;/b&gt;"');

      const id = (await t.db.pool.query(`SELECT id FROM api_tokens WHERE token_hash = $1`, [createHash('sha256').update(token).digest()])).rows[0].id;
      const revoked = await form(`/account/tokens/${id}/revoke`, { _csrf: csrfOf(html) }, { cookie });
      expect(revoked.status).toBe(303);
      expect(revoked.headers.get('location')).toBe('/account/tokens?done=revoked');
      expect((await api('GET', '/api/v1/auth/me', { headers: bearer(token) })).status).toBe(401);
    });
  });

  describe('CSRF', () => {
    let editor: StaffMember;
    let cookie: string;
    let csrf: string;

    beforeAll(async () => {
      editor = await createStaff(t, 'editor');
      ({ cookie } = await login(t, editor.email, editor.password));
      csrf = csrfOf(await (await page('/account/tokens', { cookie })).text());
    });

    it('refuses a cookie-authenticated change without the token or with a wrong one (403 csrf)', async () => {
      const missing = await api('POST', '/api/v1/tokens', { headers: { cookie }, body: { name: 'x' } });
      expect((await expectProblem(missing, 403)).code).toBe('csrf');
      const wrong = await api('POST', '/api/v1/tokens', { headers: { cookie, 'x-csrf-token': `${csrf.slice(0, -2)}AA` }, body: { name: 'x' } });
      expect((await expectProblem(wrong, 403)).code).toBe('csrf');
      const otherSession = csrfOf(await (await page('/account/tokens', { cookie: (await login(t, editor.email, editor.password)).cookie })).text());
      expect((await api('POST', '/api/v1/tokens', { headers: { cookie, 'x-csrf-token': otherSession }, body: { name: 'x' } })).status).toBe(403);
      const formPost = await form('/account/tokens', { name: 'x' }, { cookie });
      expect(formPost.status).toBe(403);
      expect(await formPost.text()).toContain('security token');
      expect(await t.db.pool.query(`SELECT 1 FROM api_tokens WHERE user_id = $1`, [editor.id]).then((r) => r.rowCount)).toBe(0);
    });

    it('takes the right token as a header or a form field (and removes the field before validation)', async () => {
      expect((await api('POST', '/api/v1/tokens', { headers: { cookie, 'x-csrf-token': csrf }, body: { name: 'header' } })).status).toBe(201);
      expect((await api('POST', '/api/v1/tokens', { headers: { cookie }, body: { name: 'field', _csrf: csrf } })).status).toBe(201);
      expect((await form('/account/tokens', { _csrf: csrf, name: 'form' }, { cookie })).status).toBe(201);
    });

    it('asks nothing of Bearer requests, and nothing of safe methods', async () => {
      expect((await api('POST', '/api/v1/tokens', { headers: bearer(editor.token), body: { name: 'bearer' } })).status).toBe(201);
      expect((await api('GET', '/api/v1/tokens', { headers: { cookie } })).status).toBe(200);
    });
  });

  describe('administration', () => {
    let admin: StaffMember;
    let editor: StaffMember;
    let legal: StaffMember;

    beforeAll(async () => {
      admin = await createStaff(t, 'admin');
      editor = await createStaff(t, 'editor');
      legal = await createStaff(t, 'legal');
    });

    it('refuses anonymous requests (401) and editors and legal (403) on every admin route', async () => {
      const routes: Array<[string, string, unknown?]> = [
        ['GET', '/api/v1/users'],
        ['POST', '/api/v1/users', { email: 'x@freelanews.com', name: 'X', role: 'editor', password: 'long enough password' }],
        ['PATCH', `/api/v1/users/${editor.id}`, { role: 'admin' }],
      ];
      for (const [method, url, body] of routes) {
        expect((await expectProblem(await api(method, url, { body }), 401)).code).toBe('unauthenticated');
        for (const member of [editor, legal]) {
          expect((await expectProblem(await api(method, url, { headers: bearer(member.token), body }), 403)).code).toBe('forbidden');
        }
      }
      expect((await t.db.pool.query(`SELECT role FROM users WHERE id = $1`, [editor.id])).rows[0].role).toBe('editor');

      // The pages: anonymous people are sent to sign in and back; the wrong role sees 403.
      const anonymous = await page('/admin/users');
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get('location')).toBe('/login?next=%2Fadmin%2Fusers');
      const { cookie } = await login(t, editor.email, editor.password);
      const forbidden = await page('/admin/users', { cookie });
      expect(forbidden.status).toBe(403);
      expect(await forbidden.text()).toContain('may not');
      expect((await page('/account/tokens')).headers.get('location')).toBe('/login?next=%2Faccount%2Ftokens');
    });

    it('creates users (addresses unique whatever their case), changes roles at once, and logs both', async () => {
      const created = await api('POST', '/api/v1/users', {
        headers: bearer(admin.token),
        body: { email: ' New.Person@Freelanews.com ', name: 'New Person', role: 'editor', password: 'a long initial password' },
      });
      expect(created.status).toBe(201);
      const user = await created.json();
      expect(user).toMatchObject({ email: 'new.person@freelanews.com', name: 'New Person', role: 'editor', active: true, deactivatedAt: null });
      expect(user).not.toHaveProperty('passwordHash');
      const duplicate = await api('POST', '/api/v1/users', {
        headers: bearer(admin.token),
        body: { email: 'NEW.PERSON@freelanews.com', name: 'Again', role: 'legal', password: 'a long initial password' },
      });
      expect((await expectProblem(duplicate, 409)).code).toBe('email_taken');
      await expectProblem(await api('POST', '/api/v1/users', { headers: bearer(admin.token), body: { email: 'not-an-address', name: '', role: 'boss', password: 'short' } }), 422, [
        'email',
        'name',
        'role',
        'password',
      ]);

      const { token } = await login(t, 'new.person@freelanews.com', 'a long initial password');
      expect((await api('GET', '/api/v1/users', { headers: bearer(token) })).status).toBe(403);
      const promoted = await api('PATCH', `/api/v1/users/${user.id}`, { headers: bearer(admin.token), body: { role: 'admin' } });
      expect(promoted.status).toBe(200);
      expect((await promoted.json()).role).toBe('admin');
      // The same login token now has the new role.
      expect((await api('GET', '/api/v1/users', { headers: bearer(token) })).status).toBe(200);

      expect(await events('user.created')).toContainEqual(expect.objectContaining({ actor_type: 'staff', actor_id: admin.id, actor_role: 'admin', subject_id: user.id }));
      expect((await events('user.role_changed')).at(-1)).toMatchObject({ actor_id: admin.id, subject_id: user.id, changes: { role: { before: 'editor', after: 'admin' } } });
      expect(JSON.stringify(await events('user.created'))).not.toContain('a long initial password');
      await api('PATCH', `/api/v1/users/${user.id}`, { headers: bearer(admin.token), body: { role: 'editor' } });
    });

    it('deactivation ends sessions, login tokens and API tokens for good; reactivation revives none of them', async () => {
      const member = await createStaff(t, 'legal');
      const { cookie } = await login(t, member.email, member.password);
      const { token: apiToken } = await (await api('POST', '/api/v1/tokens', { headers: bearer(member.token), body: { name: 'script' } })).json();

      const deactivated = await api('PATCH', `/api/v1/users/${member.id}`, { headers: bearer(admin.token), body: { active: false } });
      expect(deactivated.status).toBe(200);
      expect(await deactivated.json()).toMatchObject({ active: false, deactivatedAt: expect.any(String) });
      for (const headers of [bearer(member.token), { cookie }, bearer(apiToken)]) {
        expect((await api('GET', '/api/v1/auth/me', { headers })).status).toBe(401);
      }
      const { rows } = await t.db.pool.query(`SELECT count(*)::int AS open FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`, [member.id]);
      expect(rows[0].open).toBe(0);
      expect((await postJson(t.baseUrl, '/api/v1/auth/login', { email: member.email, password: member.password })).status).toBe(401);
      expect((await events('user.deactivated')).at(-1)).toMatchObject({ actor_id: admin.id, subject_id: member.id, changes: { active: { before: true, after: false } } });

      expect((await api('PATCH', `/api/v1/users/${member.id}`, { headers: bearer(admin.token), body: { active: true } })).status).toBe(200);
      expect((await api('GET', '/api/v1/auth/me', { headers: bearer(apiToken) })).status).toBe(401);
      expect((await api('GET', '/api/v1/auth/me', { headers: bearer(member.token) })).status).toBe(401);
      expect((await events('user.reactivated')).at(-1)).toMatchObject({ subject_id: member.id, changes: { active: { before: false, after: true } } });
      expect((await postJson(t.baseUrl, '/api/v1/auth/login', { email: member.email, password: member.password })).status).toBe(200);
    });

    it('never leaves the desk without an active admin', async () => {
      // Make this admin the only active one.
      await t.db.pool.query(`UPDATE users SET active = false WHERE role = 'admin' AND id <> $1`, [admin.id]);
      for (const body of [{ role: 'editor' }, { active: false }]) {
        const refused = await api('PATCH', `/api/v1/users/${admin.id}`, { headers: bearer(admin.token), body });
        expect((await expectProblem(refused, 409)).code).toBe('last_admin');
      }
      expect((await t.db.pool.query(`SELECT role, active FROM users WHERE id = $1`, [admin.id])).rows[0]).toEqual({ role: 'admin', active: true });

      // With a second admin, each may step down, but not both at once.
      const second = await createStaff(t, 'admin');
      const [a, b] = await Promise.all([
        api('PATCH', `/api/v1/users/${second.id}`, { headers: bearer(admin.token), body: { role: 'editor' } }),
        api('PATCH', `/api/v1/users/${admin.id}`, { headers: bearer(second.token), body: { role: 'editor' } }),
      ]);
      // One wins. The other is refused: 409 when it is checked while both are admins, 403 when
      // the winner's change has already taken its author's admin rights away.
      const statuses = [a.status, b.status].sort();
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      const { rows } = await t.db.pool.query(`SELECT count(*)::int AS admins FROM users WHERE role = 'admin' AND active`);
      expect(rows[0].admins).toBe(1);
      // Put things back for the next tests.
      await t.db.pool.query(`UPDATE users SET role = 'admin' WHERE id IN ($1, $2)`, [admin.id, second.id]);
    });

    it('does the same through /admin/users with forms', async () => {
      const { cookie } = await login(t, admin.email, admin.password);
      const html = await (await page('/admin/users', { cookie })).text();
      expect(html).toContain('<h1>Staff</h1>');
      expect(html).toContain(editor.email);
      expect(html).toContain('href="/admin/users">Admin</a>');
      const csrf = csrfOf(html);

      const invalid = await form('/admin/users', { _csrf: csrf, email: 'form.person@freelanews.com', name: 'Form Person', role: 'legal', password: 'short' }, { cookie });
      expect(invalid.status).toBe(422);
      const again = await invalid.text();
      expect(again).toContain('There is a problem');
      expect(again).toContain('value="form.person@freelanews.com"');
      expect(again).not.toContain('value="short"');

      const created = await form(
        '/admin/users',
        { _csrf: csrf, email: 'form.person@freelanews.com', name: 'Form Person', role: 'legal', password: 'a long initial password' },
        { cookie },
      );
      expect(created.status).toBe(303);
      expect(created.headers.get('location')).toBe('/admin/users?done=created');
      const id = (await t.db.pool.query(`SELECT id, role FROM users WHERE email = 'form.person@freelanews.com'`)).rows[0].id;

      const changed = await form(`/admin/users/${id}`, { _csrf: csrf, role: 'editor' }, { cookie });
      expect(changed.headers.get('location')).toBe('/admin/users?done=role_changed');
      const off = await form(`/admin/users/${id}`, { _csrf: csrf, active: 'false' }, { cookie });
      expect(off.headers.get('location')).toBe('/admin/users?done=deactivated');
      expect((await t.db.pool.query(`SELECT role, active FROM users WHERE id = $1`, [id])).rows[0]).toEqual({ role: 'editor', active: false });
      const done = await (await page('/admin/users?done=deactivated', { cookie })).text();
      expect(done).toContain('The account was deactivated');
      expect((await form(`/admin/users/${id}`, { role: 'admin' }, { cookie })).status).toBe(403);
    });
  });

  describe('sign-in page', () => {
    let editor: StaffMember;

    beforeAll(async () => {
      editor = await createStaff(t, 'editor');
    });

    async function openLoginPage(next = '') {
      const response = await page(`/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
      expect(response.status).toBe(200);
      const nonceCookie = response.headers.getSetCookie().find((line) => line.startsWith('desk_login='))!;
      expect(nonceCookie).toMatch(/HttpOnly/);
      return { html: await response.text(), cookie: nonceCookie.split(';')[0] };
    }

    it('signs in with the form and goes on to the page asked for', async () => {
      const { html, cookie } = await openLoginPage('/account/tokens');
      expect(html).toContain('<label for="f-email">E-mail address</label>');
      expect(html).toContain('<label for="f-password">Password</label>');
      expect(html).toContain('name="next" value="/account/tokens"');
      expect(html).not.toMatch(/<script|style=/);
      const response = await form('/login', { _csrf: csrfOf(html), next: '/account/tokens', email: editor.email, password: editor.password }, { cookie });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/account/tokens');
      const session = response.headers.getSetCookie().find((line) => line.startsWith('desk_session='))!;
      expect(session).toMatch(/HttpOnly; SameSite=Lax/);
      const tokensPage = await (await page('/account/tokens', { cookie: session.split(';')[0] })).text();
      expect(tokensPage).toContain('href="/account/tokens">API tokens</a>');
      expect(tokensPage).not.toContain('href="/admin/users"');
      expect((await events('auth.login_succeeded')).at(-1)).toMatchObject({ actor_id: editor.id, data: { channel: 'form', sessionId: expect.any(String) } });
    });

    it('keeps the address but not the password after a failure, with an error summary', async () => {
      const { html, cookie } = await openLoginPage();
      const response = await form('/login', { _csrf: csrfOf(html), next: '', email: editor.email, password: 'not my password' }, { cookie });
      expect(response.status).toBe(401);
      const again = await response.text();
      expect(again).toContain('There is a problem');
      expect(again).toContain('Wrong e-mail address or password.');
      expect(again).toContain(`value="${editor.email}"`);
      expect(again).not.toContain('not my password');
      expect(response.headers.getSetCookie().some((line) => line.startsWith('desk_session='))).toBe(false);
    });

    it('refuses a form that did not come from this browser (login CSRF)', async () => {
      const { html } = await openLoginPage();
      const { cookie: otherBrowser } = await openLoginPage();
      for (const headers of [{}, { cookie: otherBrowser }] as Array<Record<string, string>>) {
        const response = await form('/login', { _csrf: csrfOf(html), email: editor.email, password: editor.password }, headers);
        expect(response.status).toBe(403);
        expect(await response.text()).toContain('did not come from this site');
        expect(response.headers.getSetCookie().some((line) => line.startsWith('desk_session='))).toBe(false);
      }
    });

    it('never sends people to another site after signing in', async () => {
      const { html, cookie } = await openLoginPage('//evil.example/phish');
      expect(html).toContain('name="next" value="/desk"');
      const response = await form('/login', { _csrf: csrfOf(html), next: 'https://evil.example', email: editor.email, password: editor.password }, { cookie });
      expect(response.headers.get('location')).toBe('/desk');
    });

    it('answers 429 with Retry-After on the page too', async () => {
      const { html, cookie } = await openLoginPage();
      for (let i = 0; i < 5; i++) await form('/login', { _csrf: csrfOf(html), email: editor.email, password: `wrong ${i} password` }, { cookie });
      const response = await form('/login', { _csrf: csrfOf(html), email: editor.email, password: editor.password }, { cookie });
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await response.text()).toContain('Too many failed sign-ins');
    });

    it('signs out with the form (CSRF checked) and ends the session', async () => {
      const { cookie } = await login(t, editor.email, editor.password);
      const html = await (await page('/account/tokens', { cookie })).text();
      expect((await form('/logout', {}, { cookie })).status).toBe(403);
      const response = await form('/logout', { _csrf: csrfOf(html) }, { cookie });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/login?signed_out=1');
      expect(response.headers.getSetCookie().find((line) => line.startsWith('desk_session='))).toMatch(/desk_session=;/);
      expect((await api('GET', '/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
      expect(await page('/login?signed_out=1').then((r) => r.text())).toContain('You have signed out.');
    });
  });

  describe('npm run desk -- users:create', () => {
    const cli = path.join(__dirname, '..', 'dist', 'src', 'cli.js');
    const built = fs.existsSync(path.join(__dirname, '..', 'dist', 'src', 'staff', 'users-cli.js'));

    function runCli(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
      const { DATABASE_URL: _ignored, ...env } = process.env;
      const child = spawn(process.execPath, [cli, ...args], { env: { ...env, DATABASE_URL: t.db.url, LOG_LEVEL: 'warn' }, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.stdin.end(stdin);
      return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
    }

    (built ? it : it.skip)('reads the password from stdin, never from the arguments (built CLI)', async () => {
      const ok = await runCli(['users:create', '--email', 'Cli.Person@freelanews.com', '--name', 'Cli Person', '--role', 'legal'], 'a password from stdin\nsecond line ignored\n');
      expect(ok.stderr).toBe('');
      expect(ok).toMatchObject({ code: 0, stdout: expect.stringContaining('Created legal cli.person@freelanews.com') });
      expect((await login(t, 'cli.person@freelanews.com', 'a password from stdin')).token).toBeTruthy();

      const withPassword = await runCli(['users:create', '--email', 'x@freelanews.com', '--name', 'X', '--role', 'editor', '--password', 'in the arguments'], '');
      expect(withPassword.code).toBe(64);
      expect(withPassword.stderr).toContain('never given on the command line');

      const short = await runCli(['users:create', '--email', 'y@freelanews.com', '--name', 'Y', '--role', 'boss'], 'short\n');
      expect(short.code).toBe(65);
      expect(short.stderr).toContain('password: Must be at least 12 characters.');
      expect(short.stderr).toContain('role: Must be one of: editor, legal, admin.');
      expect((await t.db.pool.query(`SELECT 1 FROM users WHERE email IN ('x@freelanews.com', 'y@freelanews.com')`)).rowCount).toBe(0);
    });

    it('reads the password from the first line of a non-terminal stdin (command function)', async () => {
      const output = new Writable({ write: (_chunk, _encoding, done) => done() });
      const user = await createUserFromConsole(
        t.app.get(UsersService),
        ['--email=Fn.Person@freelanews.com', '--name', 'Fn Person', '--role', 'editor'],
        Readable.from(['piped password line\n', 'ignored\n']),
        output,
      );
      expect(user).toMatchObject({ email: 'fn.person@freelanews.com', role: 'editor' });
      expect((await login(t, 'fn.person@freelanews.com', 'piped password line')).token).toBeTruthy();
      await expect(
        createUserFromConsole(t.app.get(UsersService), ['--email', 'z@freelanews.com', '--name', 'Z', '--role', 'editor'], Readable.from(['tiny\n']), output),
      ).rejects.toMatchObject({
        status: 422,
        errors: [{ field: 'password', message: 'Must be at least 12 characters.' }],
      });
      await expect(createUserFromConsole(t.app.get(UsersService), ['--email', 'z@freelanews.com', '--password', 'x'], Readable.from([]), output)).rejects.toThrow(/never given/);
    });
  });

  it('describes the staff API and how it authenticates in the OpenAPI document', async () => {
    const document = await (await fetch(`${t.baseUrl}/api/docs/openapi.json`)).json();
    expect(document.components.securitySchemes).toMatchObject({ bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'desk_session' } });
    for (const [route, method] of [
      ['/api/v1/users', 'get'],
      ['/api/v1/users', 'post'],
      ['/api/v1/users/{id}', 'patch'],
      ['/api/v1/tokens', 'get'],
      ['/api/v1/tokens', 'post'],
      ['/api/v1/tokens/{id}', 'delete'],
      ['/api/v1/auth/logout', 'post'],
      ['/api/v1/auth/password', 'post'],
      ['/api/v1/users/{id}/tokens', 'get'],
      ['/api/v1/users/{id}/password-reset', 'post'],
    ]) {
      expect(document.paths[route][method].security).toEqual(expect.arrayContaining([{ bearer: [] }, { cookie: [] }]));
      expect(document.paths[route][method].responses).toHaveProperty('401');
    }
    expect(document.paths['/api/v1/auth/login'].post.security).toBeUndefined();
    expect(Object.keys(document.components.schemas.CreateUserDto.properties).sort()).toEqual(['email', 'name', 'password', 'role']);
    // No page of the staff feature is in the API document.
    expect(Object.keys(document.paths).filter((route) => /login|logout|admin|account|set-password/.test(route) && !route.startsWith('/api/'))).toEqual([]);
  });

  it('wrote an event for every kind of action', async () => {
    const { rows } = await t.db.pool.query(`SELECT DISTINCT action FROM events WHERE visibility = 'internal' ORDER BY action`);
    expect(rows.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'auth.login_failed',
        'auth.login_succeeded',
        'auth.logout',
        'token.created',
        'token.revoked',
        'user.created',
        'user.deactivated',
        'user.reactivated',
        'user.role_changed',
      ]),
    );
  });
});
