import { randomUUID } from 'node:crypto';
import * as net from 'node:net';
import * as fc from 'fast-check';
import { NOTICE_TYPES, type NoticeType } from '../../src/notices/completeness';
import { FormTokens } from '../../src/notices/form-token';
import { noticeToFormValues } from '../../src/notices/notice-form';
import { completeNotice, createStaff, DEMO_ARTICLE_URL, fileAccepted, NOTICES_PATH, postJson, withValue, without } from '../factories';
import { brokenFilings, filingCounts, filingsByReference } from '../support/filing-integrity';
import { mapBounded } from '../support/bounded';
import { startTestApp, TestApp } from '../support/test-app';
import { deletePath, getPath, hostileHeaderValue, hostileString, hostileUrl, hostileValue, PROTOTYPE_KEYS, setPath } from './hostile-values';

// Whatever a client sends as a notice (JSON API, the public form, the tracking page's
// supplement), the desk answers with a success or a 4xx problem (an HTML page for the
// forms), never a 5xx, and a refused request writes nothing: counted table by table for
// every batch, and by request id in the event log. Accepted filings must be whole.

// Requests are sent in parallel batches; each property run is one batch.
const BATCH = 8;
const RUNS = { api: 110, form: 60, raw: 50, supplement: 30, staff: 25 };
const SEED = process.env.RELIABILITY_SEED ? Number(process.env.RELIABILITY_SEED) : undefined;

type Target = 'api' | 'form' | 'supplement-api' | 'supplement-form' | 'socket' | 'staff';

interface HostileRequest {
  target: Target;
  label: string;
  // An object is sent as JSON text; a string or bytes as they are.
  body: unknown;
  contentType: string | null;
  headers: Record<string, string>;
  // Form posts: where the signed form token comes from.
  formToken?: 'fresh' | 'reused' | 'none' | { value: string };
  // Supplements: which of the incomplete cases.
  caseIndex?: number;
  // Staff endpoints: where, and as whom.
  staffPath?: string;
  as?: 'editor' | 'admin' | null;
}

interface Outcome {
  request: HostileRequest;
  requestId: string;
  status: number | null;
  contentType: string;
  text: string;
}

const STATUSES: Record<Target, number[]> = {
  api: [200, 201, 400, 413, 415, 422],
  form: [200, 201, 400, 413, 415, 422],
  'supplement-api': [200, 400, 409, 413, 415, 422],
  'supplement-form': [303, 400, 409, 413, 415, 422],
  socket: [400, 408, 413, 415, 422, 431],
  // Sign-in (401 wrong credentials, 429 throttled), transitions (409 stale), tokens, users.
  staff: [200, 201, 204, 400, 401, 403, 404, 409, 413, 415, 422, 429],
};

// --- JSON notices: a complete notice of each type, mutated ---

const NOTICE_PATHS = [
  'type',
  'notifier',
  'notifier.name',
  'notifier.email',
  'notifier.organization',
  'notifier.kind',
  'notifier.address',
  'notifier.phone',
  'notifier.country',
  'principal',
  'principal.name',
  'work',
  'work.description',
  'work.originalUrls',
  'work.originalUrls.0',
  'items',
  'items.0',
  'items.0.url',
  'items.0.passage',
  'items.0.media',
  'items.0.reason',
  'items.1.url',
  'items.1.passage',
  'explanation',
  'statements',
  'statements.goodFaith',
  'statements.accuracy',
  'statements.authority',
  'signature',
  'jurisdiction',
  'language',
  'details',
  'details.mark',
  'details.registrationNumber',
  'details.defamatoryMeaning',
  'details.lacksPosterInfo',
  'details.consentToShare',
  'details.subjectName',
  'details.identityConfirmed',
];
const URL_PATHS = ['items.0.url', 'items.1.url', 'items.2.url', 'work.originalUrls.0'];

type Mutation =
  | { op: 'set'; path: string; value: unknown }
  | { op: 'delete'; path: string }
  | { op: 'sprinkle'; path: string; piece: string; at: 'start' | 'end' | 'middle' }
  | { op: 'items'; items: unknown[] };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('set' as const), path: fc.constantFrom(...NOTICE_PATHS), value: hostileValue }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('set' as const), path: fc.constantFrom(...URL_PATHS), value: hostileUrl as fc.Arbitrary<unknown> }), weight: 3 },
  {
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      path: fc
        .tuple(
          fc.constantFrom('', 'notifier.', 'details.', 'items.0.', 'statements.'),
          fc.oneof(
            fc.constantFrom(...PROTOTYPE_KEYS),
            hostileString.filter((s) => s.length < 40),
          ),
        )
        .map(([p, k]) => `${p}${k.replace(/\./g, '_')}`),
      value: hostileValue,
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), path: fc.constantFrom(...NOTICE_PATHS) }), weight: 2 },
  {
    arbitrary: fc.record({
      op: fc.constant('sprinkle' as const),
      path: fc.constantFrom(
        'notifier.name',
        'notifier.organization',
        'notifier.address',
        'signature',
        'explanation',
        'work.description',
        'items.0.passage',
        'details.mark',
        'details.defamatoryMeaning',
      ),
      piece: hostileString,
      at: fc.constantFrom('start' as const, 'end' as const, 'middle' as const),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('items' as const),
      items: fc.array(
        fc.oneof(
          hostileUrl.map((url) => ({ url })),
          hostileValue,
        ),
        { maxLength: 30 },
      ),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('items' as const),
      items: fc.integer({ min: 995, max: 1005 }).map((n) => Array.from({ length: n }, (_, i) => ({ url: `https://freelanews.com/2099/${i}/` }))),
    }),
    weight: 1,
  },
);

function mutated(type: NoticeType, mutations: Mutation[]): Record<string, unknown> {
  const notice = completeNotice(type);
  for (const change of mutations) {
    if (change.op === 'set') setPath(notice, change.path, change.value);
    else if (change.op === 'delete') deletePath(notice, change.path);
    else if (change.op === 'items') notice.items = change.items;
    else {
      const current = getPath(notice, change.path);
      const text = typeof current === 'string' ? current : 'Jane Doe';
      const half = Math.floor(text.length / 2);
      setPath(notice, change.path, change.at === 'start' ? change.piece + text : change.at === 'end' ? text + change.piece : text.slice(0, half) + change.piece + text.slice(half));
    }
  }
  return notice;
}

const apiRequest: fc.Arbitrary<HostileRequest> = fc
  .record({
    type: fc.constantFrom(...NOTICE_TYPES),
    mutations: fc.array(mutation, { minLength: 0, maxLength: 4 }),
    idempotencyKey: fc.option(hostileHeaderValue, { freq: 4 }),
    accept: fc.constantFrom('application/json', 'text/html', '*/*', 'application/problem+json', ''),
  })
  .map(({ type, mutations, idempotencyKey, accept }) => ({
    target: 'api' as const,
    label: `${type} ${mutations.map((m) => `${m.op} ${'path' in m ? m.path : ''}`).join(', ')}`,
    body: mutated(type, mutations),
    contentType: 'application/json',
    headers: { ...(idempotencyKey !== null ? { 'idempotency-key': idempotencyKey } : {}), ...(accept ? { accept } : {}) },
  }));

// --- raw bodies: truncated, duplicate keys, deep nesting, bad bytes, wrong content types ---

const JSON_CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/json;charset=latin1',
  'application/json; charset=utf-16',
  'application/vnd.api+json',
  'application/merge-patch+json',
  'application/problem+json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'text/html',
  'application/xml',
  'multipart/form-data; boundary=----hostile',
  'application/octet-stream',
  '*/*',
  'application/json, text/plain',
  'application/json; boundary="',
  ';',
  'application/',
  'json',
];

const NOTICE_TEXT = JSON.stringify(completeNotice('copyright'));
const MALFORMED_HTTP: Array<[string, string, string]> = [
  ['Content-Length and Transfer-Encoding', `Content-Length: 5\r\nTransfer-Encoding: chunked\r\n`, `0\r\n\r\n${NOTICE_TEXT}`],
  ['two Content-Lengths', `Content-Length: ${NOTICE_TEXT.length}\r\nContent-Length: 3\r\n`, NOTICE_TEXT],
  ['a negative Content-Length', 'Content-Length: -1\r\n', NOTICE_TEXT],
  ['a Content-Length that is not a number', 'Content-Length: 1e3\r\n', NOTICE_TEXT],
  ['a bad chunk size', 'Transfer-Encoding: chunked\r\n', `zz\r\n${NOTICE_TEXT}\r\n0\r\n\r\n`],
  ['a chunked body cut short', 'Transfer-Encoding: chunked\r\n', `${(NOTICE_TEXT.length + 100).toString(16)}\r\n${NOTICE_TEXT}`],
  ['a control character in a header', 'X-Note: a\u0001b\r\nContent-Length: 2\r\n', '{}'],
  ['a folded header', 'X-Note: a\r\n  folded\r\nContent-Length: 2\r\n', '{}'],
  ['a header without a colon', 'Not a header\r\nContent-Length: 2\r\n', '{}'],
  ['20 KB of headers', `X-Padding: ${'p'.repeat(20_000)}\r\nContent-Length: 2\r\n`, '{}'],
  ['a bare LF between headers', 'X-A: 1\nContent-Length: 2\r\n', '{}'],
];

const rawJsonBody: fc.Arbitrary<{ label: string; body: string | Uint8Array; contentType: string | null }> = fc.oneof(
  // A complete notice's JSON text cut short.
  fc.tuple(fc.constantFrom(...NOTICE_TYPES), fc.double({ min: 0, max: 1, noNaN: true })).map(([type, at]) => {
    const text = JSON.stringify(completeNotice(type));
    return { label: 'truncated', body: text.slice(0, Math.floor(text.length * at)), contentType: 'application/json' };
  }),
  // Duplicate keys, the hostile one before or after the real one.
  fc
    .tuple(fc.constantFrom('type', 'items', 'notifier', 'signature', 'statements', 'details', '__proto__', 'constructor'), hostileValue, fc.boolean(), fc.boolean())
    .map(([key, value, before, nested]) => {
      const text = JSON.stringify(completeNotice('copyright'));
      const pair = `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`;
      const body = nested
        ? text.replace('"notifier":{', `"notifier":{${pair},`).replace('"notifier":{', `"notifier":{"name":1,`)
        : before
          ? text.replace(/^\{/, `{${pair},`)
          : text.replace(/\}$/, `,${pair}}`);
      return { label: `duplicate key ${key}`, body, contentType: 'application/json' };
    }),
  // Nesting from just over the limit to a megabyte of brackets.
  fc.tuple(fc.integer({ min: 10, max: 600_000 }), fc.constantFrom('{"a":', '[', '{"items":['), fc.constantFrom('top', 'details', 'items')).map(([depth, open, where]) => {
    const close = open === '[' ? ']' : open === '{"a":' ? '}' : ']}';
    const nested = `${open.repeat(depth)}1${close.repeat(depth)}`;
    const body = where === 'top' ? nested : JSON.stringify({ ...completeNotice('copyright'), [where]: 0 }).replace(`"${where}":0`, `"${where}":${nested}`);
    return { label: `nesting ${depth} ${where}`, body, contentType: 'application/json' };
  }),
  // A valid notice under other content types.
  fc.tuple(fc.constantFrom(...JSON_CONTENT_TYPES, null), fc.constantFrom(...NOTICE_TYPES)).map(([contentType, type]) => ({
    label: `content type ${contentType}`,
    body: JSON.stringify(completeNotice(type)),
    contentType,
  })),
  // Bytes that are not UTF-8, a BOM, odd literals and numbers.
  fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.constantFrom('signature', 'notifier', 'type')).map(([bytes, key]) => {
    const text = JSON.stringify(completeNotice('copyright'));
    const at = text.indexOf(`"${key}":`) + key.length + 4;
    const body = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xff, 0xfe, ...bytes, 0xc0, 0x80]), Buffer.from(text.slice(at))]);
    return { label: `invalid UTF-8 in ${key}`, body: new Uint8Array(body), contentType: 'application/json' };
  }),
  fc
    .constantFrom(
      '\uFEFF{"type":"copyright"}',
      '{"type":"copyright","items":[],"notifier":{}}\u0000',
      '{"a":1e999999}',
      '{"items":NaN}',
      '{"items":Infinity}',
      '{"type":"copyright" "items":[]}',
      '{"type":"copyright",,}',
      '{"type":"\\ud800","notifier":{},"items":[]}',
      '{"type":"\\u0000"}',
      '{"\\u0000":1}',
      '{"type":"copyright","notifier":{},"items":[],"signature":"\\uDFFF\\uD800"}',
      '{}',
      '[]',
      '""',
      '0',
      '-0',
      'true',
      'null',
      ' ',
      '\n\n',
      '{"__proto__":{"isAdmin":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '{"type":"copyright","items":[{"url":"' + DEMO_ARTICLE_URL + '"}],"notifier":{"name":"' + 'n'.repeat(1_048_600) + '"}}',
    )
    .map((body) => ({ label: `literal ${body.slice(0, 30)}`, body, contentType: 'application/json' })),
);

const rawRequest: fc.Arbitrary<HostileRequest> = fc.oneof(
  { arbitrary: rawJsonBody.map(({ label, body, contentType }) => ({ target: 'api' as const, label, body, contentType, headers: {} })), weight: 6 },
  // The same bodies at the form's address.
  {
    arbitrary: rawJsonBody.map(({ label, body, contentType }) => ({
      target: 'form' as const,
      label: `form: ${label}`,
      body,
      contentType,
      headers: {},
      formToken: 'none' as const,
    })),
    weight: 2,
  },
  // A Content-Length larger than what is sent, then the client goes away.
  {
    arbitrary: fc
      .tuple(fc.constantFrom(NOTICES_PATH, '/notices'), fc.double({ min: 0, max: 0.95, noNaN: true }), fc.integer({ min: 1, max: 2_000_000 }))
      .map(([path, at, extra]) => {
        const text = path === NOTICES_PATH ? JSON.stringify(completeNotice('copyright')) : new URLSearchParams(noticeToFormValues(completeNotice('copyright') as never)).toString();
        const sent = text.slice(0, Math.floor(text.length * at));
        const contentType = path === NOTICES_PATH ? 'application/json' : 'application/x-www-form-urlencoded';
        return {
          target: 'socket' as const,
          label: `socket: ${sent.length} of ${sent.length + extra} bytes to ${path}`,
          body: `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(sent) + extra}\r\nConnection: close\r\n\r\n${sent}`,
          contentType,
          headers: {},
        };
      }),
    weight: 1,
  },
  // Malformed HTTP around a notice: smuggling attempts, bad framing, oversized headers.
  {
    arbitrary: fc.tuple(fc.constantFrom(...MALFORMED_HTTP), fc.constantFrom(NOTICES_PATH, '/notices')).map(([[label, head, body], path]) => ({
      target: 'socket' as const,
      label: `socket: ${label} to ${path}`,
      body: `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${head}\r\n${body}`,
      contentType: 'application/json',
      headers: {},
    })),
    weight: 1,
  },
);

// --- form posts: a filled form of each type, mutated ---

type FormMutation =
  | { op: 'set'; name: string; value: string }
  | { op: 'duplicate'; name: string; value: string }
  | { op: 'add'; name: string; value: string }
  | { op: 'delete'; name: string }
  | { op: 'urls'; lines: string[] };

const FORM_NAMES = [
  'type',
  'notifier.name',
  'notifier.email',
  'notifier.organization',
  'notifier.kind',
  'principal.name',
  'notifier.address',
  'notifier.phone',
  'notifier.country',
  'work.description',
  'work.originalUrls',
  'items[0].url',
  'items[0].passage',
  'items[0].reason',
  'items[1].url',
  'items[2].passage',
  'moreUrls',
  'explanation',
  'statements.goodFaith',
  'statements.accuracy',
  'statements.authority',
  'signature',
  'jurisdiction',
  'language',
  'details.mark',
  'details.defamatoryMeaning',
  'details.lacksPosterInfo',
  'details.consentToShare',
  'details.identityConfirmed',
  'formToken',
];

const formMutation: fc.Arbitrary<FormMutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('set' as const), name: fc.constantFrom(...FORM_NAMES), value: hostileString }), weight: 6 },
  { arbitrary: fc.record({ op: fc.constant('set' as const), name: fc.constantFrom('items[0].url', 'items[1].url', 'work.originalUrls'), value: hostileUrl }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('duplicate' as const), name: fc.constantFrom(...FORM_NAMES), value: hostileString }), weight: 3 },
  {
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      name: fc.oneof(
        fc.constantFrom(...PROTOTYPE_KEYS, '_csrf', 'website', 'notifier', 'items', 'items[0]', 'items[1000].url', 'notifier.isAdmin', 'status'),
        hostileString.filter((s) => s.length < 50),
      ),
      value: hostileString,
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ op: fc.constant('delete' as const), name: fc.constantFrom(...FORM_NAMES) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('urls' as const), lines: fc.array(hostileUrl, { maxLength: 40 }) }), weight: 1 },
);

const formRequest: fc.Arbitrary<HostileRequest> = fc
  .record({
    type: fc.constantFrom(...NOTICE_TYPES),
    mutations: fc.array(formMutation, { minLength: 0, maxLength: 4 }),
    formToken: fc.oneof(
      { arbitrary: fc.constant('fresh' as const), weight: 6 },
      { arbitrary: fc.constant('reused' as const), weight: 2 },
      { arbitrary: fc.constant('none' as const), weight: 1 },
      { arbitrary: hostileString.map((value) => ({ value })), weight: 1 },
    ),
    encoding: fc.constantFrom('urlencoded', 'urlencoded', 'urlencoded', 'raw-percent', 'json', 'text'),
    accept: fc.constantFrom('text/html', 'application/json', '*/*', ''),
  })
  .map(({ type, mutations, formToken, encoding, accept }) => {
    const fields: Array<[string, string]> = Object.entries(noticeToFormValues(completeNotice(type) as never));
    for (const change of mutations) {
      const index = 'name' in change ? fields.findIndex(([name]) => name === change.name) : -1;
      if (change.op === 'set') {
        if (index >= 0) fields[index] = [change.name, change.value];
        else fields.push([change.name, change.value]);
      } else if (change.op === 'duplicate' || change.op === 'add') fields.push([change.name, change.value]);
      else if (change.op === 'delete') {
        if (index >= 0) fields.splice(index, 1);
      } else fields.push(['moreUrls', change.lines.join('\n')]);
    }
    return {
      target: 'form' as const,
      label: `form ${type} (${encoding}) ${mutations.map((m) => `${m.op} ${'name' in m ? m.name : ''}`).join(', ')}`,
      body: { fields, encoding },
      contentType: encoding === 'json' ? 'application/json' : encoding === 'text' ? 'text/plain' : 'application/x-www-form-urlencoded',
      headers: (accept ? { accept } : {}) as Record<string, string>,
      formToken,
    };
  });

// --- supplements through the tracking link (JSON and form) ---

const SUPPLEMENT_PATHS = [
  'signature',
  'notifier.name',
  'notifier.address',
  'explanation',
  'answer',
  'items',
  'items.0.url',
  'itemReasons',
  'itemReasons.0.index',
  'itemReasons.0.reason',
  'statements.authority',
  'type',
  'details',
  'confirm',
];
const INCOMPLETE_CASES = 24;

const supplementRequest: fc.Arbitrary<HostileRequest> = fc
  .record({
    caseIndex: fc.integer({ min: 0, max: INCOMPLETE_CASES - 1 }),
    changes: fc.array(fc.tuple(fc.constantFrom(...SUPPLEMENT_PATHS), fc.oneof(hostileValue, hostileUrl as fc.Arbitrary<unknown>)), { maxLength: 3 }),
    form: fc.boolean(),
  })
  .map(({ caseIndex, changes, form }) => {
    const body: Record<string, unknown> = { signature: 'Jane Doe' };
    for (const [path, value] of changes) setPath(body, path, value);
    const fields: Array<[string, string]> = Object.entries(body).map(([key, value]) => [key, typeof value === 'string' ? value : (JSON.stringify(value) ?? '')]);
    return form
      ? {
          target: 'supplement-form' as const,
          label: `supplement form ${changes.map(([p]) => p).join(', ')}`,
          body: { fields, encoding: 'urlencoded' },
          contentType: 'application/x-www-form-urlencoded',
          headers: {},
          caseIndex,
        }
      : { target: 'supplement-api' as const, label: `supplement ${changes.map(([p]) => p).join(', ')}`, body, contentType: 'application/json', headers: {}, caseIndex };
  });

// --- the staff side: sign-in, transitions, notes, tokens, users, with hostile bodies ---

const STAFF_BASES = {
  login: { path: '/api/v1/auth/login', as: null, body: { email: 'someone@freelanews.com', password: 'not the password' }, paths: ['email', 'password', 'remember'] },
  transition: {
    path: '/api/v1/cases/:reference/transitions',
    as: 'editor',
    body: { action: 'escalate', version: 1, reason: 'Needs a lawyer.' },
    paths: [
      'action',
      'version',
      'reason',
      'message',
      'assigneeId',
      'items',
      'items.0.itemId',
      'items.0.action',
      'items.0.territories',
      'items.0.until',
      'ground',
      'reasons',
      'publicNote',
    ],
  },
  note: { path: '/api/v1/cases/:reference/notes', as: 'editor', body: { body: 'A note.' }, paths: ['body', 'author'] },
  token: { path: '/api/v1/tokens', as: 'editor', body: { name: 'Script', expiresInDays: 30 }, paths: ['name', 'expiresInDays', 'userId'] },
  user: {
    path: '/api/v1/users',
    as: 'admin',
    body: { email: 'new.person@freelanews.com', name: 'New Person', role: 'editor', password: 'correct horse battery' },
    paths: ['email', 'name', 'role', 'password', 'active'],
  },
} as const;

const staffRequest: fc.Arbitrary<HostileRequest> = fc
  .constantFrom(...(Object.keys(STAFF_BASES) as Array<keyof typeof STAFF_BASES>))
  .chain((name) =>
    fc.record({
      name: fc.constant(name),
      changes: fc.array(fc.tuple(fc.constantFrom(...STAFF_BASES[name].paths), fc.oneof(hostileValue, hostileString as fc.Arbitrary<unknown>)), { minLength: 1, maxLength: 3 }),
      action: fc.constantFrom('assign', 'unassign', 'start_review', 'request_info', 'escalate', 'decide', 'approve', 'reject_approval', 'close', 'reopen'),
    }),
  )
  .map(({ name, changes, action }) => {
    const base = STAFF_BASES[name];
    const body: Record<string, unknown> = structuredClone(base.body) as Record<string, unknown>;
    if (name === 'transition') body.action = action;
    for (const [path, value] of changes) setPath(body, path, value);
    return {
      target: 'staff' as const,
      label: `${name} ${changes.map(([path]) => path).join(', ')}`,
      body,
      contentType: 'application/json',
      headers: {},
      staffPath: base.path,
      as: base.as,
    };
  });

describe('hostile input (property-based)', () => {
  let t: TestApp;
  let formTokens: FormTokens;
  let reusedToken: string;
  let staffTokens: Record<'editor' | 'admin', string>;
  let staffCase: string;
  const trackingTokens: string[] = [];
  const tally = { inputs: 0, accepted: 0, refused: 0, noResponse: 0, byStatus: {} as Record<string, number>, byTarget: {} as Record<string, number> };
  const acceptedApiItems = new Map<string, number>();

  beforeAll(async () => {
    // Errors are logged (with their stack): a 5xx here is a finding to read.
    // Behind a trusted proxy, so that the desk takes each request's X-Request-ID (a UUID) and
    // its events can be found by it.
    t = await startTestApp({ LOG_LEVEL: 'error', TRUST_PROXY: 'true' });
    formTokens = t.app.get(FormTokens);
    reusedToken = await formTokens.issue();
    // Signed in before any hostile sign-in can throttle this address.
    staffTokens = { editor: (await createStaff(t, 'editor')).token, admin: (await createStaff(t, 'admin')).token };
    staffCase = (await fileAccepted(t.baseUrl, completeNotice('copyright'))).body.reference;
    // Incomplete notices (no signature; privacy items without a reason) that wait for a supplement.
    for (let i = 0; i < INCOMPLETE_CASES; i++) {
      const notice = i % 2 ? without(completeNotice('copyright'), 'signature') : without(completeNotice('privacy'), 'items.0.reason');
      trackingTokens.push((await fileAccepted(t.baseUrl, notice)).token);
    }
  });

  afterAll(async () => {
    console.log(
      `hostile input: ${tally.inputs} inputs tried (${tally.accepted} accepted, ${tally.refused} refused, ${tally.noResponse} raw connections dropped without an answer)`,
      JSON.stringify({ byTarget: tally.byTarget, byStatus: tally.byStatus }),
    );
    await t?.close();
  });

  async function send(request: HostileRequest): Promise<Outcome> {
    const requestId = randomUUID();
    if (request.target === 'socket') return sendTruncated(request, requestId);
    let path = NOTICES_PATH;
    let body: string | Uint8Array;
    if (request.target === 'api' || request.target === 'supplement-api' || request.target === 'staff') {
      if (request.target === 'supplement-api') path = `/api/v1/track/${trackingTokens[request.caseIndex!]}/supplement`;
      if (request.target === 'staff') path = request.staffPath!.replace(':reference', staffCase);
      body = typeof request.body === 'string' || request.body instanceof Uint8Array ? request.body : JSON.stringify(request.body);
    } else {
      path = request.target === 'form' ? '/notices' : `/track/${trackingTokens[request.caseIndex!]}/supplement`;
      if (typeof request.body === 'string' || request.body instanceof Uint8Array) body = request.body;
      else {
        const { fields, encoding } = request.body as { fields: Array<[string, string]>; encoding: string };
        const token =
          request.formToken === 'fresh'
            ? await formTokens.issue()
            : request.formToken === 'reused'
              ? reusedToken
              : typeof request.formToken === 'object'
                ? request.formToken.value
                : undefined;
        const all: Array<[string, string]> = token !== undefined && !fields.some(([name]) => name === 'formToken') ? [...fields, ['formToken', token]] : fields;
        body =
          encoding === 'json'
            ? JSON.stringify(Object.fromEntries(all))
            : encoding === 'raw-percent'
              ? all.map(([name, value]) => `${rawPercent(name)}=${rawPercent(value)}`).join('&')
              : new URLSearchParams(all).toString();
      }
    }
    const headers: Record<string, string> = { 'x-request-id': requestId, ...request.headers };
    if (request.as) headers.authorization = `Bearer ${staffTokens[request.as]}`;
    if (request.contentType !== null) headers['content-type'] = request.contentType;
    try {
      const response = await fetch(`${t.baseUrl}${path}`, { method: 'POST', headers, body: body as BodyInit, redirect: 'manual' });
      return { request, requestId, status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
    } catch (error) {
      // Judged with the rest of the batch, so that no request is still running after it.
      return { request, requestId, status: null, contentType: '', text: `no answer: ${error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : String(error)}` };
    }
  }

  // Bytes written straight to a socket (bodies cut short, malformed HTTP), then the client
  // stops sending: the desk answers with a problem document or just closes.
  function sendTruncated(request: HostileRequest, requestId: string): Promise<Outcome> {
    const raw = (request.body as string).replace('\r\n', `\r\nX-Request-Id: ${requestId}\r\n`);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(new URL(t.baseUrl).port), '127.0.0.1');
      let received = '';
      socket.setTimeout(5_000, () => socket.destroy());
      socket.on('data', (chunk) => (received += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
        resolve({
          request,
          requestId,
          status: status ? Number(status[1]) : null,
          contentType: /content-type: ([^\r\n]+)/i.exec(received)?.[1] ?? '',
          text: received.split('\r\n\r\n').slice(1).join(''),
        });
      });
      socket.on('connect', () => socket.end(raw, 'latin1'));
      setTimeout(() => reject(new Error('raw socket request hung')), 15_000).unref();
    });
  }

  // Checks one answer; returns the reference of a new filing it made, if any.
  function judge(outcome: Outcome): string | null {
    const { request, status, contentType, text } = outcome;
    const where = `${request.target} "${request.label.slice(0, 200)}" → ${status}: ${text.slice(0, 300)}`;
    tally.inputs += 1;
    tally.byTarget[request.target] = (tally.byTarget[request.target] ?? 0) + 1;
    tally.byStatus[String(status)] = (tally.byStatus[String(status)] ?? 0) + 1;
    if (status === null) {
      // Only a client that hung up mid-body may go unanswered.
      if (request.target !== 'socket') throw new Error(`no answer: ${where}`);
      tally.noResponse += 1;
      return null;
    }
    if (!STATUSES[request.target].includes(status)) throw new Error(`unexpected status: ${where}`);
    if (status >= 400) {
      tally.refused += 1;
      if (contentType.startsWith('application/problem+json')) {
        const problem = JSON.parse(text);
        if (problem.status !== status || typeof problem.title !== 'string' || typeof problem.detail !== 'string' || !Array.isArray(problem.errors)) {
          throw new Error(`not a problem document: ${where}`);
        }
        for (const error of problem.errors) if (typeof error.field !== 'string' || typeof error.message !== 'string') throw new Error(`bad errors entry: ${where}`);
      } else if (!(contentType.startsWith('text/html') && (request.target === 'form' || request.target === 'supplement-form'))) {
        throw new Error(`a refusal that is neither a problem document nor a page: ${contentType} ${where}`);
      }
      return null;
    }
    tally.accepted += 1;
    if (request.target === 'api' && status === 201) {
      const answer = JSON.parse(text);
      if (!/^TD-\d{4}-\d{6,}$/.test(answer.reference) || !Array.isArray(answer.items) || !answer.trackingUrl) throw new Error(`incomplete answer: ${where}`);
      acceptedApiItems.set(answer.reference, answer.items.length);
      return answer.reference;
    }
    if (request.target === 'api') expect(JSON.parse(text).replayed).toBe(true);
    if (request.target === 'form' && status === 201) return /<p class="reference">(TD-\d{4}-\d{6,})<\/p>/.exec(text)?.[1] ?? null; // none: the honeypot
    return null;
  }

  // One property run: a batch sent at once, then every table and the event log checked.
  async function runBatch(batch: HostileRequest[]): Promise<void> {
    const before = await filingCounts(t.db.pool);
    const outcomes = await mapBounded(batch, BATCH, send);
    const filed = outcomes.map(judge).filter((reference): reference is string => reference !== null);
    const after = await filingCounts(t.db.pool);
    const records = await filingsByReference(t.db.pool, filed);
    expect([...records.keys()].sort()).toEqual([...filed].sort());
    const filedItems = [...records.values()].reduce((sum, record) => sum + record.items, 0);
    for (const reference of filed) if (acceptedApiItems.has(reference)) expect(records.get(reference)!.items).toBe(acceptedApiItems.get(reference));
    const supplemented = batch.some((request) => request.target.startsWith('supplement'));
    const answers = outcomes.map(
      (o) => `${o.status} ${o.request.target} ${o.request.label.slice(0, 120)}${o.status === 201 || o.status === 200 ? ` ${o.text.slice(0, 200)}` : ''}`,
    );
    expect({
      answers,
      notices: after.notices - before.notices,
      cases: after.cases - before.cases,
      receipts: after.receipts - before.receipts,
      filingEvents: after.filingEvents - before.filingEvents,
      ...(supplemented ? {} : { items: after.items - before.items }),
    }).toEqual({ answers, notices: filed.length, cases: filed.length, receipts: filed.length, filingEvents: 2 * filed.length, ...(supplemented ? {} : { items: filedItems }) });
    expect(after.notifiers - before.notifiers).toBeLessThanOrEqual(filed.length);

    // By request id: a refused request wrote no event (but a failed sign-in, which is
    // recorded on purpose); an accepted supplement wrote its own.
    const { rows } = await t.db.pool.query(`SELECT request_id, array_agg(action) AS actions FROM events WHERE request_id = ANY($1) GROUP BY request_id`, [
      outcomes.map((o) => o.requestId),
    ]);
    const written = new Map<string, string[]>(rows.map((row) => [row.request_id, row.actions]));
    for (const outcome of outcomes) {
      const refused = outcome.status === null || outcome.status >= 400;
      const actions = (written.get(outcome.requestId) ?? []).filter((action) => !(outcome.status === 401 && action === 'auth.login_failed'));
      if (refused && actions.length) throw new Error(`refused ${outcome.request.target} "${outcome.request.label}" wrote ${actions}`);
      if (!refused && outcome.request.target.startsWith('supplement')) expect(written.get(outcome.requestId)).toContain('notice.supplemented');
    }
  }

  const options = (numRuns: number) => ({ numRuns, seed: SEED, endOnFailure: true, interruptAfterTimeLimit: 240_000 });

  it('JSON notices with hostile fields: a 201 or a 4xx problem, and refused ones write nothing', async () => {
    await fc.assert(fc.asyncProperty(fc.array(apiRequest, { minLength: BATCH, maxLength: BATCH }), runBatch), options(RUNS.api));
  }, 300_000);

  it('form posts with hostile fields, duplicate keys and odd encodings', async () => {
    await fc.assert(fc.asyncProperty(fc.array(formRequest, { minLength: BATCH, maxLength: BATCH }), runBatch), options(RUNS.form));
  }, 300_000);

  it('raw bodies: truncated, duplicate keys, deep nesting, bad bytes, wrong content types, short bodies', async () => {
    await fc.assert(fc.asyncProperty(fc.array(rawRequest, { minLength: BATCH, maxLength: BATCH }), runBatch), options(RUNS.raw));
  }, 300_000);

  it('supplements through the tracking link (JSON and form) with hostile fields', async () => {
    await fc.assert(fc.asyncProperty(fc.array(supplementRequest, { minLength: BATCH, maxLength: BATCH }), runBatch), options(RUNS.supplement));
  }, 300_000);

  it('staff endpoints (sign-in, transitions, notes, tokens, users) with hostile bodies', async () => {
    await fc.assert(fc.asyncProperty(fc.array(staffRequest, { minLength: BATCH, maxLength: BATCH }), runBatch), options(RUNS.staff));
  }, 300_000);

  // What the properties found, kept as fixed examples (each was a 500 or a bare 400).
  it.each([
    ['a lone surrogate in the notifier’s e-mail (IsEmail threw: 500)', 'api', withValue(completeNotice('copyright'), 'notifier.email', 'jane\udfff@example.org'), 422],
    ['a lone surrogate in a supplemented e-mail', 'supplement-api', { notifier: { email: '\ud800@example.org' } }, 422],
    ['a lone surrogate in a new staff member’s e-mail', 'users', { email: 'eve\udc00@freelanews.com', name: 'Eve', role: 'editor', password: 'correct horse battery' }, 422],
  ] as const)('refuses %s with a problem document', async (_label, target, body, status) => {
    const path = target === 'api' ? NOTICES_PATH : target === 'users' ? '/api/v1/users' : `/api/v1/track/${trackingTokens[0]}/supplement`;
    const headers: Record<string, string> = target === 'users' ? { authorization: `Bearer ${(await createStaff(t, 'admin')).token}` } : {};
    const response = await postJson(t.baseUrl, path, body, headers);
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it.each([
    ['a body cut short', `POST ${NOTICES_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":`, 400],
    ['headers over 16 KB', `GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'p'.repeat(20_000)}\r\n\r\n`, 431],
    ['a control character in a header', `GET /health HTTP/1.1\r\nHost: x\r\nX-Note: a\u0001b\r\n\r\n`, 400],
  ])('answers %s (refused by the HTTP parser) with a problem document, not Fastify’s default', async (_label, raw, status) => {
    const outcome = await sendTruncated({ target: 'socket', label: _label, body: raw, contentType: null, headers: {} }, randomUUID());
    expect(outcome.status).toBe(status);
    expect(outcome.contentType).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(outcome.text)).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), errors: [] });
  });

  it('leaves every accepted filing whole, and tried at least 2,000 inputs', async () => {
    expect(await brokenFilings(t.db.pool)).toEqual([]);
    expect(tally.inputs).toBeGreaterThanOrEqual(2_000);
  });
});

// Percent-encodes like a sloppy client: only & = % + and space, everything else raw
// (control characters, non-ASCII, lone surrogates as their UTF-8 replacement).
function rawPercent(value: string): string {
  return value.replace(/[&=%+ ]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
