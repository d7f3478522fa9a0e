import type { NoticeType } from '../src/notices/completeness';

export const DEMO_ARTICLE_URL = 'https://freelanews.com/2025/06/02/russia-ukraine-resume-peace-talks-in-istanbul-amid-escalating-air-attacks/';
export const DEMO_PASSAGE = 'Kyiv has put forward a roadmap for lasting peace';
// Demo articles of the other origins (src/articles/demo-articles.ts).
export const CONTRIBUTOR_URL = 'https://freelanews.com/2025/06/01/heirs-insurance-essay-competition-opens-for-secondary-school-students/';
export const SYNDICATED_URL = 'https://freelanews.com/2025/05/28/mogadishu-helicopter-crash-ausom-leaves-multiple-feared-dead/';
// The demo article of public interest.
export const PUBLIC_INTEREST_URL = 'https://freelanews.com/2025/06/03/nato-eastern-flank-leaders-meet-in-vilnius/';

const notifier = {
  name: 'Jane Doe',
  email: 'jane.doe@example.org',
  organization: 'Doe Photography Ltd',
  kind: 'rights_holder',
  address: '1 High Street, London',
  phone: '+44 20 7946 0000',
  country: 'GB',
};

// A complete notice of each type, against the demo article; tests take one and break it.
export function completeNotice(type: NoticeType = 'copyright'): Record<string, any> {
  const base = { type, notifier: { ...notifier }, items: [{ url: DEMO_ARTICLE_URL, passage: DEMO_PASSAGE }], jurisdiction: 'GB', language: 'en' };
  switch (type) {
    case 'copyright':
      return {
        ...base,
        work: { description: 'My photograph "Istanbul talks", first published on my site.', originalUrls: ['https://doe.example.org/istanbul'] },
        explanation: 'The article reproduces my photograph without a licence.',
        statements: { goodFaith: true, accuracy: true, authority: true },
        signature: 'Jane Doe',
      };
    case 'trademark':
      return {
        ...base,
        explanation: 'The article uses our mark to suggest an endorsement we never gave.',
        statements: { goodFaith: true, accuracy: true },
        signature: 'Jane Doe',
        details: { mark: 'DOEPHOTO', registrationOffice: 'UKIPO', registrationNumber: 'UK00003123456', markOwner: 'Doe Photography Ltd' },
      };
    case 'defamation':
      return {
        ...base,
        notifier: { ...notifier, kind: 'individual' },
        details: {
          defamatoryMeaning: 'It suggests that I leaked the negotiating positions, which is false and harms my reputation.',
          inaccurateParts: 'The claim that I attended the talks is factually wrong.',
          lacksPosterInfo: true,
          consentToShare: false,
        },
      };
    case 'privacy':
      return {
        ...base,
        notifier: { ...notifier, kind: 'individual' },
        items: [{ url: DEMO_ARTICLE_URL, passage: DEMO_PASSAGE, reason: 'outdated' }],
        details: { subjectName: 'Jane Doe', identityConfirmed: true },
      };
    case 'other':
      return {
        ...base,
        explanation: 'The passage discloses details of an ongoing criminal trial that a court order forbids publishing.',
        statements: { accuracy: true },
      };
  }
}

export async function postJson(baseUrl: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function tokenFrom(trackingUrl: string): string {
  return trackingUrl.split('/track/')[1];
}

// --- shared by the JSON API e2e tests (intake, bad input, tracking, articles) ---

type Queryable = { query(sql: string, params?: unknown[]): Promise<{ rows: any[] }> };

export const NOTICES_PATH = '/api/v1/notices';

// The tables a filing writes to: a refused request must leave every count as it was.
export async function countRows(pool: Queryable): Promise<Record<'notices' | 'notice_items' | 'cases' | 'events' | 'messages', number>> {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*)::int FROM notices) AS notices, (SELECT count(*)::int FROM notice_items) AS notice_items,
            (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM events) AS events,
            (SELECT count(*)::int FROM messages) AS messages`,
  );
  return rows[0];
}

export async function getJson(baseUrl: string, path: string): Promise<Response> {
  return fetch(`${baseUrl}${path}`, { headers: { accept: 'application/json' } });
}

// Files a notice and returns the response with its parsed body.
export async function fileNotice(baseUrl: string, notice: unknown, headers: Record<string, string> = {}): Promise<{ response: Response; body: any }> {
  const response = await postJson(baseUrl, NOTICES_PATH, notice, headers);
  return { response, body: await response.json() };
}

// Files a notice that must be accepted; returns its answer and tracking token.
export async function fileAccepted(baseUrl: string, notice: unknown, headers: Record<string, string> = {}): Promise<{ body: any; token: string }> {
  const { response, body } = await fileNotice(baseUrl, notice, headers);
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${JSON.stringify(body)}`);
  return { body, token: tokenFrom(body.trackingUrl) };
}

// An RFC 9457 problem document with the given status, naming (at least) the given fields.
export async function expectProblem(response: Response, status: number, fields: string[] = []): Promise<any> {
  const text = await response.text();
  // Compared with the body so that a failure shows what the desk answered.
  expect({ status: response.status, body: text.slice(0, 500) }).toEqual({ status, body: expect.any(String) });
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(text);
  expect(problem).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), errors: expect.any(Array) });
  expect(problem.errors.map((error: { field: string }) => error.field)).toEqual(expect.arrayContaining(fields));
  for (const error of problem.errors) expect(error).toEqual({ field: expect.any(String), message: expect.any(String) });
  return problem;
}

// A deep copy of `value` with the element at a dotted path ("notifier.address",
// "items.0.reason") removed: how tests make a notice incomplete.
export function without<T>(value: T, path: string): T {
  const copy = structuredClone(value) as any;
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce((node, key) => node[key], copy);
  delete parent[keys.at(-1)!];
  return copy;
}

// The same, with the element at `path` replaced (created if absent).
export function withValue<T>(value: T, path: string, replacement: unknown): T {
  const copy = structuredClone(value) as any;
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce((node, key) => (node[key] ??= {}), copy);
  parent[keys.at(-1)!] = replacement;
  return copy;
}

// `count` distinct URLs on the publisher's host (none of them a known article).
export function publisherUrls(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `https://freelanews.com/2099/01/01/unknown-story-${i}/`);
}

export function randomToken(): string {
  // The shape of a real tracking token (43 base64url characters), but not one we issued.
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
}

// --- staff (users, sessions, tokens) ---
// (Imported here rather than at the top: this section was appended by the staff feature.)
import { UsersService } from '../src/staff/users.service';

export type StaffRole = 'editor' | 'legal' | 'admin';

export interface StaffMember {
  id: string;
  email: string;
  password: string;
  // A login token for `Authorization: Bearer`.
  token: string;
}

let staffCount = 0;

// A staff member created the way an operator would (the console path of UsersService),
// then signed in through the API.
export async function createStaff(t: { app: { get(type: unknown): unknown }; baseUrl: string }, role: StaffRole, name?: string): Promise<StaffMember> {
  staffCount += 1;
  const email = `${role}.${staffCount}.${Date.now().toString(36)}@freelanews.com`;
  const password = `correct horse ${role} ${staffCount}`;
  const users = t.app.get(UsersService) as UsersService;
  const user = await users.createFromConsole({ email, name: name ?? `${role[0].toUpperCase()}${role.slice(1)} ${staffCount}`, role, password });
  const { token } = await login(t, email, password);
  return { id: user.id, email, password, token };
}

// Signs in through POST /api/v1/auth/login; returns the login token and the session cookie.
export async function login(t: { baseUrl: string }, email: string, password: string): Promise<{ token: string; cookie: string }> {
  const response = await postJson(t.baseUrl, '/api/v1/auth/login', { email, password });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`login failed with ${response.status}: ${JSON.stringify(body)}`);
  const cookie = response.headers
    .getSetCookie()
    .find((line) => /^(__Host-)?desk_session=/.test(line))!
    .split(';')[0];
  return { token: body.token, cookie };
}

// A signed-in browser: its session cookie and the CSRF token its pages carry (one per session).
export async function browserSession(t: { baseUrl: string }, member: { email: string; password: string }): Promise<{ cookie: string; csrf: string }> {
  const { cookie } = await login(t, member.email, member.password);
  const page = await (await fetch(`${t.baseUrl}/account/tokens`, { headers: { cookie, accept: 'text/html' } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1] };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

// POST /api/v1/cases/:reference/transitions as `who`. Without a `version` in `body`, it
// sends the case's current one (read first).
export async function transition(baseUrl: string, reference: string, body: Record<string, unknown>, who: { token: string }): Promise<Response> {
  const version = body.version ?? (await (await fetch(`${baseUrl}/api/v1/cases/${reference}`, { headers: bearer(who.token) })).json()).version;
  return postJson(baseUrl, `/api/v1/cases/${reference}/transitions`, { ...body, version }, bearer(who.token));
}

// --- a decided case (start review, then a decision to take no action) ---

export const NO_ACTION_REASONS = 'The photograph is the publisher’s own: the notifier holds no rights in it, so nothing is taken down.';

// Takes the case through review to a decision with no action (the article stays live), as
// `editor`, through the API; returns the decision's response.
export async function decideNoAction(baseUrl: string, reference: string, editor: StaffMember, reasons = NO_ACTION_REASONS): Promise<Response> {
  const act = (body: Record<string, unknown>) => postJson(baseUrl, `/api/v1/cases/${reference}/transitions`, body, bearer(editor.token));
  const started = await (await act({ action: 'start_review', version: 1 })).json();
  return act({
    action: 'decide',
    version: started.version,
    items: [{ itemId: started.items[0].id, action: 'no_action' }],
    ground: 'not_illegal',
    reasons,
  });
}

// --- after a decision (counter-notice, court action, appeals) ---
import { issueRespondLink } from '../src/aftercare/respond-link';
import { Database } from '../src/database/database.service';

export const REMOVAL_REASONS = 'The article reproduces the notifier’s photograph in full without a licence; no exception applies.';

export const COMPLETE_COUNTER_NOTICE = {
  signature: 'Ada Contributor',
  material: { description: 'My essay competition article, in full.', location: CONTRIBUTOR_URL },
  statements: { mistake: true, jurisdiction: true, service: true },
  subscriber: { name: 'Ada Contributor', address: '12 Marina Road, Lagos', phone: '+234 1 555 0100', email: 'ada.contributor@example.org' },
};

// A copyright notice on the contributed demo article, removed by `editor`; returns the
// case, the notifier's tracking token and a response token issued for the author (the
// one in the statement of reasons goes out by e-mail only).
export async function removedContribution(
  t: { app: { get(type: unknown): unknown }; baseUrl: string },
  editor: StaffMember,
): Promise<{ reference: string; tracking: string; respond: string }> {
  const { body: filed, token } = await fileAccepted(t.baseUrl, withValue(completeNotice('copyright'), 'items', [{ url: CONTRIBUTOR_URL }]));
  const act = (body: Record<string, unknown>) => postJson(t.baseUrl, `/api/v1/cases/${filed.reference}/transitions`, body, bearer(editor.token));
  const started = await (await act({ action: 'start_review', version: 1 })).json();
  const decided = await act({
    action: 'decide',
    version: started.version,
    items: [{ itemId: started.items[0].id, action: 'remove' }],
    ground: 'copyright_infringement',
    reasons: REMOVAL_REASONS,
  });
  if (decided.status !== 200) throw new Error(`decision failed: ${decided.status}`);
  const url = await (t.app.get(Database) as Database).transaction((tx) => issueRespondLink(tx, started.id, started.items[0].articleId, t.baseUrl));
  return { reference: filed.reference, tracking: token, respond: url.split('/respond/')[1] };
}

// --- sender organisations and their keys (src/senders) ---

export interface SenderWithKey {
  id: string;
  name: string;
  key: string;
  keyId: string;
}

let senderCount = 0;

// An organisation registered by `admin` through the API, with one key.
export async function createSender(
  baseUrl: string,
  admin: StaffMember,
  options: { kind?: string; allowedTypes?: string[]; rateLimitPerMinute?: number; name?: string } = {},
): Promise<SenderWithKey> {
  senderCount += 1;
  const name = options.name ?? `Vendor ${senderCount} ${Date.now().toString(36)}`;
  const registered = await postJson(
    baseUrl,
    '/api/v1/senders',
    {
      name,
      kind: options.kind ?? 'agency',
      contactName: 'Rights Desk',
      contactEmail: `rights.${senderCount}@vendor.example`,
      contactAddress: '2 Harbour Street, Leith',
      contactPhone: '+44 131 496 0000',
      ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
    },
    bearer(admin.token),
  );
  const organisation = await registered.json();
  if (registered.status !== 201) throw new Error(`register failed with ${registered.status}: ${JSON.stringify(organisation)}`);
  const issued = await postJson(
    baseUrl,
    `/api/v1/senders/${organisation.id}/keys`,
    { name: 'Pipeline', ...(options.allowedTypes ? { allowedTypes: options.allowedTypes } : {}) },
    bearer(admin.token),
  );
  const key = await issued.json();
  if (issued.status !== 201) throw new Error(`key failed with ${issued.status}: ${JSON.stringify(key)}`);
  return { id: organisation.id, name, key: key.key, keyId: key.id };
}

// A complete notice as a sender files it: no notifier block (the organisation files, as
// an agent), naming the rights holder it acts for.
export function senderNotice(type: NoticeType = 'copyright'): Record<string, any> {
  const { notifier: _notifier, ...notice } = completeNotice(type);
  return { ...notice, principal: { name: 'Doe Photography Ltd' } };
}
