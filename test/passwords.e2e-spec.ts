import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { createUserFromConsole } from '../src/staff/users-cli';
import { UsersService } from '../src/staff/users.service';
import { bearer, createStaff, expectProblem, login, postJson, StaffMember } from './factories';
import { startTestApp, TestApp } from './support/test-app';

// Password rules wherever a password is set, changing one's password, the admin's
// one-time set-password link, and the first-start admin's forced change.
describe('passwords', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const api = (method: string, url: string, headers: Record<string, string>, body?: unknown) =>
    fetch(`${t.baseUrl}${url}`, {
      method,
      redirect: 'manual',
      headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const page = (url: string, cookie?: string) => fetch(`${t.baseUrl}${url}`, { redirect: 'manual', headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) } });
  const form = (url: string, fields: Record<string, string>, cookie?: string) =>
    fetch(`${t.baseUrl}${url}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...(cookie ? { cookie } : {}) },
      body: new URLSearchParams(fields).toString(),
    });
  const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];
  const events = async (action: string, subjectId: string) =>
    (await t.db.pool.query(`SELECT * FROM events WHERE action = $1 AND subject_id = $2 ORDER BY id`, [action, subjectId])).rows;

  // First, while the desk has no users at all.
  describe('the first-start admin', () => {
    it('must choose a new password before anything else: pages go to /account, the API answers 403 password_change_required', async () => {
      const first = (await t.app.get(UsersService).createFirstAdminIfNone('admin@freelanews.com'))!;
      const { token, cookie } = await login(t, first.email, first.password);

      const refused = await expectProblem(await api('GET', '/api/v1/cases', bearer(token)), 403);
      expect(refused.code).toBe('password_change_required');
      await expectProblem(await api('GET', '/api/v1/users', bearer(token)), 403);
      const desk = await page('/desk', cookie);
      expect(desk.status).toBe(303);
      expect(desk.headers.get('location')).toBe('/account');
      expect((await api('GET', '/api/v1/auth/me', bearer(token))).status).toBe(200);
      const account = await (await page('/account', cookie)).text();
      expect(account).toContain('Choose a new password before you go on.');

      await expectProblem(await api('POST', '/api/v1/auth/password', bearer(token), { currentPassword: first.password, newPassword: 'password1234' }), 422, ['newPassword']);
      expect((await api('POST', '/api/v1/auth/password', bearer(token), { currentPassword: first.password, newPassword: 'quiet lantern over copper hills' })).status).toBe(204);
      expect((await api('GET', '/api/v1/cases', bearer(token))).status).toBe(200);
      const { rows } = await t.db.pool.query(`SELECT must_change_password FROM users WHERE email = $1`, [first.email]);
      expect(rows[0].must_change_password).toBe(false);
    });
  });

  describe('rules', () => {
    let admin: StaffMember;

    beforeAll(async () => {
      admin = await createStaff(t, 'admin');
    });

    const newUser = (password: string) => ({ email: `new.${Date.now()}.${Math.random().toString(36).slice(2)}@freelanews.com`, name: 'Nora Newcomer', role: 'editor', password });

    it.each([
      ['twelve spaces', '            '],
      ['a common password', 'password1234'],
      ['the person’s own name', 'NoraNewcomer2'],
      ['too short', 'short one'],
    ])('refuses %s for a new user, naming the field (API)', async (_, password) => {
      const problem = await expectProblem(await api('POST', '/api/v1/users', bearer(admin.token), newUser(password)), 422, ['password']);
      expect(problem.errors[0].message).toMatch(/spaces|guess|at least 12/);
    });

    it('refuses a weak password on the console and on the admin page too, and takes a strong one', async () => {
      const output = new Writable({ write: (_chunk, _encoding, done) => done() });
      const users = t.app.get(UsersService);
      await expect(
        createUserFromConsole(users, ['--email', 'c@freelanews.com', '--name', 'Cleo Console', '--role', 'legal'], Readable.from(['password1234\n']), output),
      ).rejects.toMatchObject({
        errors: [{ field: 'password', message: expect.stringContaining('Too easy to guess') }],
      });
      const { cookie } = await login(t, admin.email, admin.password);
      const html = await (await page('/admin/users', cookie)).text();
      const refused = await form('/admin/users', { _csrf: csrfOf(html), ...newUser('            ') }, cookie);
      expect(refused.status).toBe(422);
      expect(await refused.text()).toContain('Initial password: Must not be only spaces.');
      expect((await api('POST', '/api/v1/users', bearer(admin.token), newUser('amber violin drifts north'))).status).toBe(201);
    });
  });

  describe('changing one’s own password', () => {
    let editor: StaffMember;

    beforeAll(async () => {
      editor = await createStaff(t, 'editor', 'Edgar Example');
    });

    it('needs the current password and a strong new one, then ends the other sessions only', async () => {
      const other = await login(t, editor.email, editor.password);
      const change = (body: Record<string, unknown>) => api('POST', '/api/v1/auth/password', bearer(editor.token), body);
      await expectProblem(await change({ currentPassword: 'not my password', newPassword: 'quiet lantern over copper hills' }), 422, ['currentPassword']);
      await expectProblem(await change({ currentPassword: editor.password, newPassword: 'Edgar Example 1' }), 422, ['newPassword']);
      await expectProblem(await change({ currentPassword: editor.password }), 422, ['newPassword']);
      expect((await change({ currentPassword: editor.password, newPassword: 'quiet lantern over copper hills' })).status).toBe(204);

      expect((await api('GET', '/api/v1/auth/me', bearer(editor.token))).status).toBe(200);
      expect((await api('GET', '/api/v1/auth/me', bearer(other.token))).status).toBe(401);
      expect((await postJson(t.baseUrl, '/api/v1/auth/login', { email: editor.email, password: editor.password })).status).toBe(401);
      const signedIn = await login(t, editor.email, 'quiet lantern over copper hills');
      expect((await events('user.password_changed', editor.id))[0]).toMatchObject({ actor_id: editor.id, data: { sessionsRevoked: 1, wasRequired: false } });

      // The same on /account, with the repeat checked.
      const html = await (await page('/account', signedIn.cookie)).text();
      const mismatch = await form(
        '/account',
        { _csrf: csrfOf(html), currentPassword: 'quiet lantern over copper hills', newPassword: 'seven orange kites rising', confirmPassword: 'seven orange kites' },
        signedIn.cookie,
      );
      expect(mismatch.status).toBe(422);
      expect(await mismatch.text()).toContain('Repeat the new password: Must be the same as the new password.');
      const fields = {
        _csrf: csrfOf(html),
        currentPassword: 'quiet lantern over copper hills',
        newPassword: 'seven orange kites rising',
        confirmPassword: 'seven orange kites rising',
      };
      const changed = await form('/account', fields, signedIn.cookie);
      expect(changed.status).toBe(303);
      expect(changed.headers.get('location')).toBe('/account?done=password_changed');
      expect((await api('GET', '/api/v1/auth/me', bearer(editor.token))).status).toBe(401);
    });
  });

  describe('the admin’s reset', () => {
    let admin: StaffMember;
    let legal: StaffMember;

    beforeAll(async () => {
      admin = await createStaff(t, 'admin');
      legal = await createStaff(t, 'legal', 'Lena Legal');
    });

    const issue = async (userId: string) => {
      const response = await api('POST', `/api/v1/users/${userId}/password-reset`, bearer(admin.token));
      expect(response.status).toBe(201);
      return response.json();
    };

    it('issues a one-time link (hash stored, e-mailed without the link kept) that sets the password once and ends every session', async () => {
      const issued = await issue(legal.id);
      expect(issued.url).toMatch(new RegExp(`^${t.baseUrl}/set-password/[A-Za-z0-9_-]{43}$`));
      const hours = (new Date(issued.expiresAt).getTime() - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(23.9);
      const token = issued.url.split('/').pop();
      const { rows } = await t.db.pool.query(`SELECT token_hash, issued_by, used_at FROM password_resets WHERE user_id = $1`, [legal.id]);
      expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest(), issued_by: admin.id, used_at: null }]);
      const messages = await t.db.pool.query(`SELECT kind, recipient_role, to_address, body FROM messages WHERE to_address = $1`, [legal.email]);
      expect(messages.rows).toEqual([{ kind: 'password_reset', recipient_role: 'staff', to_address: legal.email, body: expect.stringContaining('one-time link') }]);
      expect(messages.rows[0].body).not.toContain(token);
      expect(JSON.stringify(await events('user.password_reset_issued', legal.id))).not.toContain(token);

      const shown = await page(`/set-password/${token}`);
      expect(shown.status).toBe(200);
      expect(await shown.text()).toContain('For Lena Legal');
      const weak = await form(`/set-password/${token}`, { newPassword: 'Lena Legal 12', confirmPassword: 'Lena Legal 12' });
      expect(weak.status).toBe(422);
      expect(await weak.text()).toContain('New password: Too easy to guess.');

      const set = await form(`/set-password/${token}`, { newPassword: 'marble otter sings at dawn', confirmPassword: 'marble otter sings at dawn' });
      expect(set.status).toBe(303);
      expect(set.headers.get('location')).toBe('/login?password_set=1');
      expect((await api('GET', '/api/v1/auth/me', bearer(legal.token))).status).toBe(401);
      await login(t, legal.email, 'marble otter sings at dawn');
      expect((await events('user.password_reset_used', legal.id))[0].data).toMatchObject({ sessionsRevoked: expect.any(Number) });

      expect((await page(`/set-password/${token}`)).status).toBe(404);
      expect((await form(`/set-password/${token}`, { newPassword: 'another fine phrase here', confirmPassword: 'another fine phrase here' })).status).toBe(404);
    });

    it('stops a link after 24 hours, and when a newer one is issued', async () => {
      const older = (await issue(legal.id)).url.split('/').pop();
      const newer = (await issue(legal.id)).url.split('/').pop();
      expect((await page(`/set-password/${older}`)).status).toBe(404);
      expect((await page(`/set-password/${newer}`)).status).toBe(200);
      await t.db.pool.query(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE token_hash = $1`, [createHash('sha256').update(newer).digest()]);
      expect((await page(`/set-password/${newer}`)).status).toBe(404);
    });

    it('shows the link once on the admin page, and refuses other roles', async () => {
      const { cookie } = await login(t, admin.email, admin.password);
      const html = await (await page('/admin/users', cookie)).text();
      const response = await form(`/admin/users/${legal.id}/password-reset`, { _csrf: csrfOf(html) }, cookie);
      expect(response.status).toBe(201);
      expect(await response.text()).toMatch(/<code class="token-link" id="reset-link">http:\/\/127\.0\.0\.1:\d+\/set-password\/[A-Za-z0-9_-]{43}<\/code>/);
      const editor = await createStaff(t, 'editor');
      await expectProblem(await api('POST', `/api/v1/users/${admin.id}/password-reset`, bearer(editor.token)), 403);
    });
  });
});
