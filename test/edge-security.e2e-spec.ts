import { noticeToFormValues } from '../src/notices/notice-form';
import {
  bearer,
  completeNotice,
  countRows,
  createStaff,
  expectProblem,
  fileAccepted,
  fileNotice,
  login,
  NOTICES_PATH,
  postJson,
  StaffMember,
  tokenFrom,
  withValue,
  without,
} from './factories';
import { startTestApp, TestApp } from './support/test-app';

// The desk's own edges (issue 10, items 7–11): request ids, text that reorders pages or
// injects headers, caching of secrets, idempotency keys scoped to their caller, and filings
// that no one could ever be told about.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RLO = '\u202E';

describe('edge security', () => {
  let t: TestApp;
  // Served over https behind a trusted proxy.
  let secure: TestApp;
  let editor: StaffMember;

  beforeAll(async () => {
    t = await startTestApp();
    secure = await startTestApp({ PUBLIC_BASE_URL: 'https://desk.example.org', TRUST_PROXY: 'true' });
    editor = await createStaff(t, 'editor', 'Erin Editor');
  });
  afterAll(async () => {
    await t?.close();
    await secure?.close();
  });

  const eventsWithRequestId = async (app: TestApp, requestId: string): Promise<number> =>
    (await app.db.pool.query('SELECT count(*)::int AS n FROM events WHERE request_id = $1', [requestId])).rows[0].n;
  const requestIdsOfCase = async (app: TestApp, reference: string): Promise<string[]> =>
    (await app.db.pool.query('SELECT DISTINCT request_id FROM events WHERE case_reference = $1', [reference])).rows.map((row) => row.request_id);

  describe('X-Request-ID', () => {
    const HOSTILE_IDS = [
      ['15,000 characters', 'r'.repeat(15_000)],
      ['markup', '<script>alert(1)</script>'],
      ['65 characters', 'a'.repeat(65)],
    ];

    it.each([
      ...HOSTILE_IDS.map(([label, id]) => [`${label}, TRUST_PROXY off`, 'plain', id]),
      ...HOSTILE_IDS.map(([label, id]) => [`${label}, TRUST_PROXY on`, 'proxied', id]),
      ['a plain id, TRUST_PROXY off', 'plain', 'lb-request.0001_A'],
    ])('is replaced by the desk’s own id for %s: neither echoed nor stored', async (_label, where, sent) => {
      const app = where === 'plain' ? t : secure;
      const response = await postJson(app.baseUrl, NOTICES_PATH, completeNotice(), { 'x-request-id': sent });
      expect(response.status).toBe(201);
      const own = response.headers.get('x-request-id')!;
      expect(own).toMatch(UUID);
      const { reference } = await response.json();
      expect(await requestIdsOfCase(app, reference)).toEqual([own]);
      expect(await eventsWithRequestId(app, sent)).toBe(0);
    });

    it('takes a plain id from a trusted proxy, and stores it with the events', async () => {
      const sent = `lb-${Date.now()}.trace_01`;
      const response = await postJson(secure.baseUrl, NOTICES_PATH, completeNotice(), { 'x-request-id': sent });
      expect(response.status).toBe(201);
      expect(response.headers.get('x-request-id')).toBe(sent);
      expect(await requestIdsOfCase(secure, (await response.json()).reference)).toEqual([sent]);
    });
  });

  describe('control and bidi characters', () => {
    it.each([
      ['notifier.name', `Jane ${RLO}eoD`],
      ['notifier.organization', `Doe \u2066Photography`],
      ['principal.name', `Acme\u202D`],
      ['signature', `Jane${RLO}`],
      ['details.mark', `DOE\u2067PHOTO`],
      ['notifier.email', '"jane\r\nBcc: all"@example.org'],
      ['notifier.email', 'jane@example.org\r\n'],
      ['notifier.email', `jane${RLO}@example.org`],
      ['notifier.name', 'Jane\u0085Doe'],
      ['notifier.name', 'Jane Doe\n'],
    ])('refuses %s = %j at intake, and stores nothing', async (field, value) => {
      const before = await countRows(t.db.pool);
      await expectProblem(await postJson(t.baseUrl, NOTICES_PATH, withValue(completeNotice('trademark'), field, value)), 422, [field]);
      expect(await countRows(t.db.pool)).toEqual(before);
    });

    it('keeps line breaks and right-to-left isolates in free text', async () => {
      const notice = withValue(completeNotice(), 'explanation', 'The article copies my photo.\r\nIts caption says \u2067שלום\u2069 too.');
      expect((await fileNotice(t.baseUrl, notice)).response.status).toBe(201);
    });

    it('refuses a bidi override in a supplemented name', async () => {
      const { token } = await fileAccepted(t.baseUrl, without(completeNotice(), 'signature'));
      await expectProblem(await postJson(t.baseUrl, `/api/v1/track/${token}/supplement`, { notifier: { name: `X${RLO}` } }), 422, ['notifier.name']);
    });

    it('refuses bidi overrides in staff names and token names', async () => {
      const admin = await createStaff(t, 'admin');
      const user = { email: 'rtl.person@freelanews.com', name: `Eve ${RLO}rotidE`, role: 'editor', password: 'correct horse battery staple' };
      await expectProblem(await postJson(t.baseUrl, '/api/v1/users', user, bearer(admin.token)), 422, ['name']);
      await expectProblem(await postJson(t.baseUrl, '/api/v1/tokens', { name: `CMS${RLO}` }, bearer(editor.token)), 422, ['name']);
      await expectProblem(await postJson(t.baseUrl, '/api/v1/tokens', { name: 'CMS\u0007' }, bearer(editor.token)), 422, ['name']);
    });

    it('shows text stored before the rule isolated in <bdi> on the queue, the case and the tracking page', async () => {
      const { body, token } = await fileAccepted(t.baseUrl, withValue(completeNotice(), 'notifier.email', 'stored.rlo@example.org'));
      const name = `Jane ${RLO}eoD`;
      await t.db.pool.query(`UPDATE notifiers SET name = $1, organization = $2 WHERE email = 'stored.rlo@example.org'`, [name, `Org${RLO}`]);
      await t.db.pool.query(
        `UPDATE notices SET notifier = notifier || jsonb_build_object('name', $1::text, 'organization', $2::text)
         WHERE id = (SELECT notice_id FROM cases WHERE reference = $3)`,
        [name, `Org${RLO}`, body.reference],
      );
      const { cookie } = await login(t, editor.email, editor.password);
      const page = async (path: string, headers: Record<string, string> = {}) => (await fetch(`${t.baseUrl}${path}`, { headers })).text();
      const queue = await page(`/desk?q=${body.reference}`, { cookie });
      const detail = await page(`/desk/cases/${body.reference}`, { cookie });
      const tracking = await page(`/track/${token}`);
      for (const html of [queue, detail, tracking]) {
        expect(html).toContain(`<bdi>${name}</bdi>`);
        expect(html).toContain(`<bdi>Org${RLO}</bdi>`);
        // Nowhere outside an isolate.
        expect(html.replace(/<bdi>[^<]*<\/bdi>/g, '')).not.toContain(RLO);
      }
    });
  });

  describe('caching', () => {
    it('sends no-store with every API answer that carries a token, a tracking link or personal data', async () => {
      const filed = await fileNotice(t.baseUrl, completeNotice());
      const loginAnswer = await postJson(t.baseUrl, '/api/v1/auth/login', { email: editor.email, password: editor.password });
      const tokenAnswer = await postJson(t.baseUrl, '/api/v1/tokens', { name: 'Cache test' }, bearer(editor.token));
      const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.baseUrl}${path}`, { headers });
      const answers = {
        filing: filed.response,
        login: loginAnswer,
        token: tokenAnswer,
        tracking: await get(`/api/v1/track/${tokenFrom(filed.body.trackingUrl)}`),
        cases: await get('/api/v1/cases', bearer(editor.token)),
        case: await get(`/api/v1/cases/${filed.body.reference}`, bearer(editor.token)),
        tokens: await get('/api/v1/tokens', bearer(editor.token)),
        me: await get('/api/v1/auth/me', bearer(editor.token)),
        refusal: await postJson(t.baseUrl, NOTICES_PATH, { type: 'copyright' }),
        trackingPage: await get(`/track/${tokenFrom(filed.body.trackingUrl)}`),
        tokensPage: await get('/account/tokens', { cookie: (await login(t, editor.email, editor.password)).cookie }),
      };
      const cacheControl = Object.fromEntries(Object.entries(answers).map(([name, response]) => [name, response.headers.get('cache-control')]));
      expect(cacheControl).toEqual(Object.fromEntries(Object.keys(answers).map((name) => [name, 'no-store'])));
    });

    it('lets public, impersonal answers be cached, and sends no HSTS over http', async () => {
      for (const path of ['/api/v1/notice-types', '/api/docs/openapi.json', '/']) {
        const response = await fetch(`${t.baseUrl}${path}`);
        expect({ path, status: response.status, cacheControl: response.headers.get('cache-control') }).toEqual({ path, status: 200, cacheControl: null });
        expect(response.headers.get('strict-transport-security')).toBeNull();
      }
    });

    it('sends HSTS on every answer when the desk is served over https', async () => {
      for (const path of ['/', '/api/v1/notice-types', '/api/docs/openapi.json', '/api/v1/cases', '/no-such-page']) {
        const response = await fetch(`${secure.baseUrl}${path}`);
        expect({ path, hsts: response.headers.get('strict-transport-security') }).toEqual({ path, hsts: 'max-age=31536000; includeSubDomains' });
      }
    });
  });

  describe('the session cookie over https', () => {
    it('is __Host-desk_session: Secure, for the whole site, no Domain; the plain name is not read', async () => {
      const staff = await createStaff(secure, 'editor');
      const response = await postJson(secure.baseUrl, '/api/v1/auth/login', { email: staff.email, password: staff.password });
      expect(response.status).toBe(200);
      const setCookie = response.headers.getSetCookie().find((line) => line.includes('desk_session='))!;
      expect(setCookie).toMatch(/^__Host-desk_session=[A-Za-z0-9_-]{43};/);
      expect(setCookie).toMatch(/; Secure/);
      expect(setCookie).toMatch(/; Path=\/(;|$)/);
      expect(setCookie).not.toMatch(/Domain=/i);
      const { token } = await response.json();
      // Sent by hand: a browser would only send it back over https.
      const me = (cookie: string) => fetch(`${secure.baseUrl}/api/v1/auth/me`, { headers: { cookie } });
      expect((await me(`__Host-desk_session=${token}`)).status).toBe(200);
      expect((await me(`desk_session=${token}`)).status).toBe(401);

      const logout = await fetch(`${secure.baseUrl}/api/v1/auth/logout`, { method: 'POST', headers: bearer(token) });
      expect(logout.status).toBe(204);
      expect(logout.headers.getSetCookie().find((line) => line.includes('desk_session='))).toMatch(/^__Host-desk_session=;.*Secure/);
    });
  });

  describe('idempotency keys belong to their caller', () => {
    const referenceOf = async (response: Response) => ({ status: response.status, reference: (await response.json()).reference as string });

    it('files two notices for two anonymous callers with one key; each retry replays its own', async () => {
      const key = { 'idempotency-key': 'shared-key-anonymous-0001' };
      const mine = withValue(completeNotice('copyright'), 'notifier.email', 'first.caller@example.org');
      const theirs = withValue(completeNotice('trademark'), 'notifier.email', 'second.caller@example.org');
      const first = await referenceOf(await postJson(t.baseUrl, NOTICES_PATH, mine, key));
      const second = await referenceOf(await postJson(t.baseUrl, NOTICES_PATH, theirs, key));
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.reference).not.toBe(first.reference);
      expect(await referenceOf(await postJson(t.baseUrl, NOTICES_PATH, mine, key))).toEqual({ status: 200, reference: first.reference });
      expect(await referenceOf(await postJson(t.baseUrl, NOTICES_PATH, theirs, key))).toEqual({ status: 200, reference: second.reference });
    });

    it('scopes a key to the staff member whose token files: another caller never gets their reference', async () => {
      const other = await createStaff(t, 'editor');
      const apiToken = async (staff: StaffMember) => (await (await postJson(t.baseUrl, '/api/v1/tokens', { name: 'Intake script' }, bearer(staff.token))).json()).token;
      const [ownerToken, otherToken] = [await apiToken(editor), await apiToken(other)];
      const headers = (token?: string) => ({ 'idempotency-key': 'shared-key-staff-0001', ...(token ? bearer(token) : {}) });
      const notice = completeNotice('other');

      const owner = await referenceOf(await postJson(t.baseUrl, NOTICES_PATH, notice, headers(ownerToken)));
      const stranger = await referenceOf(await postJson(t.baseUrl, NOTICES_PATH, notice, headers(otherToken)));
      const anonymous = await referenceOf(await postJson(t.baseUrl, NOTICES_PATH, notice, headers()));
      expect([owner.status, stranger.status, anonymous.status]).toEqual([201, 201, 201]);
      expect(new Set([owner.reference, stranger.reference, anonymous.reference]).size).toBe(3);
      // The owner's retry (with the token or the same person's login token) replays; another body is refused.
      expect(await referenceOf(await postJson(t.baseUrl, NOTICES_PATH, notice, headers(editor.token)))).toEqual({ status: 200, reference: owner.reference });
      await expectProblem(await postJson(t.baseUrl, NOTICES_PATH, completeNotice('copyright'), headers(ownerToken)), 422, ['Idempotency-Key']);
    });

    it('refuses a filing with a token that is not valid, and stores nothing', async () => {
      const before = await countRows(t.db.pool);
      await expectProblem(await postJson(t.baseUrl, NOTICES_PATH, completeNotice(), { 'idempotency-key': 'bad-token-0001', ...bearer(`tdk_${'x'.repeat(43)}`) }), 401);
      expect(await countRows(t.db.pool)).toEqual(before);
    });
  });

  describe('a filing needs a URL and a way to reach its sender', () => {
    it('refuses an empty notice, naming items and notifier.email, and opens no case', async () => {
      const before = await countRows(t.db.pool);
      const problem = await expectProblem(await postJson(t.baseUrl, NOTICES_PATH, { type: 'trademark', notifier: {}, items: [] }), 422, ['items', 'notifier.email']);
      expect(problem.errors.map((error: { field: string }) => error.field).sort()).toEqual(['items', 'notifier.email']);
      expect(await countRows(t.db.pool)).toEqual(before);
    });

    it('takes a postal address instead of an e-mail address; the rest stays curable', async () => {
      const notice = without(completeNotice('trademark'), 'notifier.email');
      const { body } = await fileAccepted(t.baseUrl, notice);
      expect(body.status).toBe('awaiting_info');
      expect(body.missing.map((element: { field: string }) => element.field)).toContain('notifier.email');
    });

    it('shows the same errors beside the fields of the public form', async () => {
      const formPage = await (await fetch(`${t.baseUrl}/notices/new?type=trademark`)).text();
      const formToken = /name="formToken" value="([^"]+)"/.exec(formPage)![1];
      const values = noticeToFormValues(without(without(completeNotice('trademark'), 'notifier.email'), 'notifier.address') as never);
      const before = await countRows(t.db.pool);
      const response = await fetch(`${t.baseUrl}/notices`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...values, formToken }),
      });
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html).toMatch(/<span class="field-error" id="f-notifier-email-error"><span class="visually-hidden">Error: <\/span>Give your e-mail address/);
      expect(html).toContain('value="Jane Doe"');
      expect(await countRows(t.db.pool)).toEqual(before);
    });
  });
});
