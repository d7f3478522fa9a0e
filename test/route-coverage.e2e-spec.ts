import type { NoticeType } from '../src/notices/completeness';
import { noticeToFormValues } from '../src/notices/notice-form';
import {
  bearer,
  browserSession,
  COMPLETE_COUNTER_NOTICE,
  completeNotice,
  createSender,
  createStaff,
  senderNotice,
  fileAccepted,
  login,
  postJson,
  removedContribution,
  StaffMember,
  without,
} from './factories';
import { pdfDocument, uploadForm } from './support/evidence-files';
import { confirmAddressFromReceipt, startInbox } from './support/inbox';
import { isMutating, routesOf } from './support/routes';
import { appealedSuspension, confirmedSuspension, markedNotices, MISUSE_REASON, openAccountReview, suspensionOf } from './support/misuse-setup';
import { startTestApp, TestApp } from './support/test-app';

// Every state-changing route writes at least one event (DESIGN.md §5, the audit trail).
// Each mutating route of Nest's route table needs a realistic, valid call in CALLS below:
// a new route without one fails the first test, and a call that writes no event fails its own.

interface Call {
  path: string;
  init: RequestInit;
  // The answers a valid call gets (a form post often answers 303).
  expect: number[];
}

interface Context {
  t: TestApp;
  admin: StaffMember;
  editor: StaffMember;
  // The desk mails through it (a fresh tracking link goes only where mail can go).
  inbox: Awaited<ReturnType<typeof startInbox>>;
}

type Prepare = (ctx: Context) => Promise<Call>;

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };

function json(method: string, path: string, body: unknown, headers: Record<string, string>, expect: number[]): Call {
  return { path, init: { method, headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: JSON.stringify(body) }, expect };
}

function form(path: string, values: Record<string, string>, cookie: string | null, expect: number[]): Call {
  return { path, init: { method: 'POST', headers: { ...FORM, ...(cookie ? { cookie } : {}) }, body: new URLSearchParams(values).toString() }, expect };
}

// A multipart upload of one small PDF (evidence), with the fields first.
function upload(path: string, fields: Record<string, string>, headers: Record<string, string>, expect: number[]): Call {
  return { path, init: { method: 'POST', headers, body: uploadForm([{ name: 'licence.pdf', data: pdfDocument() }], fields) }, expect };
}

async function freshCase(ctx: Context, type: NoticeType = 'copyright'): Promise<{ reference: string; token: string }> {
  const { body, token } = await fileAccepted(ctx.t.baseUrl, completeNotice(type));
  return { reference: body.reference, token };
}

// Unsigned: the case waits for the notifier to supply the signature.
async function incompleteCase(ctx: Context): Promise<{ reference: string; token: string }> {
  const { body, token } = await fileAccepted(ctx.t.baseUrl, without(completeNotice('copyright'), 'signature'));
  return { reference: body.reference, token };
}

async function apiToken(ctx: Context, member: StaffMember): Promise<string> {
  const created = await postJson(ctx.t.baseUrl, '/api/v1/tokens', { name: 'Coverage' }, bearer(member.token));
  return (await created.json()).id;
}

let userCount = 0;
function newUser(role = 'editor'): Record<string, string> {
  userCount += 1;
  return { email: `coverage.${userCount}.${Date.now().toString(36)}@freelanews.com`, name: `Coverage ${userCount}`, role, password: 'correct horse battery staple' };
}

const CALLS: Record<string, Prepare> = {
  'POST /api/v1/notices': async () => json('POST', '/api/v1/notices', completeNotice('copyright'), {}, [201]),
  'POST /notices': async ({ t }) => {
    const page = await (await fetch(`${t.baseUrl}/notices/new?type=copyright`)).text();
    const formToken = /name="formToken" value="([^"]+)"/.exec(page)![1];
    return form('/notices', { ...noticeToFormValues(completeNotice('copyright') as { type: NoticeType }), formToken }, null, [201]);
  },
  'POST /api/v1/track/:token/supplement': async (ctx) => {
    const { token } = await incompleteCase(ctx);
    return json('POST', `/api/v1/track/${token}/supplement`, { signature: 'Jane Doe' }, {}, [200]);
  },
  'POST /api/v1/track/:token/withdraw': async (ctx) => {
    const { token } = await freshCase(ctx);
    return json('POST', `/api/v1/track/${token}/withdraw`, { confirm: true, reason: 'We settled with the publisher.' }, {}, [200]);
  },
  'PATCH /api/v1/track/:token/notice': async (ctx) => {
    const { token } = await freshCase(ctx);
    return json('PATCH', `/api/v1/track/${token}/notice`, { notifier: { name: 'Jane Q. Doe' } }, {}, [200]);
  },
  'POST /track/:token/correct': async (ctx) => {
    const { token } = await freshCase(ctx);
    return form(`/track/${token}/correct`, { 'notifier.name': 'Jane Q. Doe' }, null, [303]);
  },
  'POST /track/lost': async (ctx) => {
    // A verified address with an open case gets a fresh link (mailed through the outbox).
    const notice = completeNotice('copyright');
    notice.notifier.email = `lost.${Date.now().toString(36)}@example.org`;
    const { body } = await fileAccepted(ctx.t.baseUrl, notice);
    await confirmAddressFromReceipt(ctx.inbox.mails, body.reference);
    const page = await (await fetch(`${ctx.t.baseUrl}/track/lost`)).text();
    const formToken = /name="formToken" value="([^"]+)"/.exec(page)![1];
    return form('/track/lost', { email: notice.notifier.email, formToken }, null, [200]);
  },
  'POST /track/:token/supplement': async (ctx) => {
    const { token } = await incompleteCase(ctx);
    return form(`/track/${token}/supplement`, { signature: 'Jane Doe' }, null, [303]);
  },
  'POST /track/:token/withdraw': async (ctx) => {
    const { token } = await freshCase(ctx);
    return form(`/track/${token}/withdraw`, { confirm: 'true', reason: 'Settled.' }, null, [303]);
  },
  'POST /api/v1/respond/:token/counter-notice': async (ctx) => {
    const { respond } = await removedContribution(ctx.t, ctx.editor);
    return json('POST', `/api/v1/respond/${respond}/counter-notice`, COMPLETE_COUNTER_NOTICE, {}, [200]);
  },
  'POST /respond/:token/counter-notice': async (ctx) => {
    const { respond } = await removedContribution(ctx.t, ctx.editor);
    return form(`/respond/${respond}/counter-notice`, { signature: 'Ada Contributor' }, null, [422]);
  },
  'POST /api/v1/track/:token/court-action': async (ctx) => {
    const { respond, tracking } = await removedContribution(ctx.t, ctx.editor);
    await postJson(ctx.t.baseUrl, `/api/v1/respond/${respond}/counter-notice`, COMPLETE_COUNTER_NOTICE);
    return json('POST', `/api/v1/track/${tracking}/court-action`, { court: 'S.D.N.Y.', caseNumber: '1:26-cv-1', filedOn: '2026-12-01' }, {}, [200]);
  },
  'POST /track/:token/court-action': async (ctx) => {
    const { respond, tracking } = await removedContribution(ctx.t, ctx.editor);
    await postJson(ctx.t.baseUrl, `/api/v1/respond/${respond}/counter-notice`, COMPLETE_COUNTER_NOTICE);
    return form(`/track/${tracking}/court-action`, { court: 'S.D.N.Y.', caseNumber: '1:26-cv-1', filedOn: '2026-12-01' }, null, [303]);
  },
  'POST /api/v1/track/:token/appeal': async (ctx) => {
    const { tracking } = await removedContribution(ctx.t, ctx.editor);
    return json('POST', `/api/v1/track/${tracking}/appeal`, { grounds: 'The caption should go too.' }, {}, [200]);
  },
  'POST /track/:token/appeal': async (ctx) => {
    const { tracking } = await removedContribution(ctx.t, ctx.editor);
    return form(`/track/${tracking}/appeal`, { grounds: 'The caption should go too.' }, null, [303]);
  },
  'POST /api/v1/respond/:token/appeal': async (ctx) => {
    const { respond } = await removedContribution(ctx.t, ctx.editor);
    return json('POST', `/api/v1/respond/${respond}/appeal`, { grounds: 'The photograph is mine.' }, {}, [200]);
  },
  'POST /respond/:token/appeal': async (ctx) => {
    const { respond } = await removedContribution(ctx.t, ctx.editor);
    return form(`/respond/${respond}/appeal`, { grounds: 'The photograph is mine.' }, null, [303]);
  },
  'POST /api/v1/auth/login': async ({ editor }) => json('POST', '/api/v1/auth/login', { email: editor.email, password: editor.password }, {}, [200]),
  'POST /login': async ({ t, editor }) => {
    const response = await fetch(`${t.baseUrl}/login`);
    const nonce = response.headers
      .getSetCookie()
      .find((line) => line.startsWith('desk_login='))!
      .split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await response.text())![1];
    return form('/login', { _csrf: csrf, next: '/desk', email: editor.email, password: editor.password }, nonce, [303]);
  },
  'POST /api/v1/auth/logout': async (ctx) => {
    const { token } = await login(ctx.t, ctx.editor.email, ctx.editor.password);
    return json('POST', '/api/v1/auth/logout', {}, bearer(token), [204]);
  },
  'POST /logout': async (ctx) => {
    const { cookie, csrf } = await browserSession(ctx.t, ctx.editor);
    return form('/logout', { _csrf: csrf }, cookie, [303]);
  },
  'POST /api/v1/cases/:reference/transitions': async (ctx) => {
    const { reference } = await freshCase(ctx);
    return json('POST', `/api/v1/cases/${reference}/transitions`, { action: 'assign', version: 1 }, bearer(ctx.editor.token), [200]);
  },
  'POST /api/v1/cases/:reference/notes': async (ctx) => {
    const { reference } = await freshCase(ctx);
    return json('POST', `/api/v1/cases/${reference}/notes`, { body: 'Call the author first.' }, bearer(ctx.editor.token), [201]);
  },
  'POST /api/v1/cases:bulk': async (ctx) => {
    const cases = [
      { reference: (await freshCase(ctx)).reference, version: 1 },
      { reference: (await freshCase(ctx)).reference, version: 1 },
    ];
    return json('POST', '/api/v1/cases:bulk', { action: 'assign', cases }, bearer(ctx.editor.token), [207]);
  },
  'POST /desk/bulk': async (ctx) => {
    const { reference } = await freshCase(ctx);
    const { cookie, csrf } = await browserSession(ctx.t, ctx.editor);
    return form('/desk/bulk', { _csrf: csrf, action: 'note', note: 'Same sender as last week.', case: reference, [`version-${reference}`]: '1', queue: '' }, cookie, [303]);
  },
  'POST /desk/cases/:reference/transitions': async (ctx) => {
    const { reference } = await freshCase(ctx);
    const { cookie, csrf } = await browserSession(ctx.t, ctx.editor);
    return form(`/desk/cases/${reference}/transitions`, { _csrf: csrf, action: 'start_review', version: '1' }, cookie, [303]);
  },
  'POST /api/v1/cases/:reference/attachments': async (ctx) => {
    const { reference } = await freshCase(ctx);
    return upload(`/api/v1/cases/${reference}/attachments`, {}, bearer(ctx.editor.token), [201]);
  },
  'POST /desk/cases/:reference/attachments': async (ctx) => {
    const { reference } = await freshCase(ctx);
    const { cookie, csrf } = await browserSession(ctx.t, ctx.editor);
    return upload(`/desk/cases/${reference}/attachments`, { _csrf: csrf }, { cookie, accept: 'text/html' }, [303]);
  },
  'POST /api/v1/track/:token/attachments': async (ctx) => {
    const { token } = await freshCase(ctx);
    return upload(`/api/v1/track/${token}/attachments`, {}, {}, [201]);
  },
  'POST /track/:token/attachments': async (ctx) => {
    const { token } = await freshCase(ctx);
    return upload(`/track/${token}/attachments`, {}, { accept: 'text/html' }, [303]);
  },
  'POST /desk/cases/:reference/notes': async (ctx) => {
    const { reference } = await freshCase(ctx);
    const { cookie, csrf } = await browserSession(ctx.t, ctx.editor);
    return form(`/desk/cases/${reference}/notes`, { _csrf: csrf, body: 'Call the author first.' }, cookie, [303]);
  },
  'POST /api/v1/tokens': async ({ editor }) => json('POST', '/api/v1/tokens', { name: 'CMS integration', expiresInDays: 30 }, bearer(editor.token), [201]),
  'DELETE /api/v1/tokens/:id': async (ctx) => {
    const id = await apiToken(ctx, ctx.editor);
    return { path: `/api/v1/tokens/${id}`, init: { method: 'DELETE', headers: bearer(ctx.editor.token) }, expect: [204] };
  },
  'POST /api/v1/notifications/read': async (ctx) => json('POST', '/api/v1/notifications/read', { all: true }, bearer(ctx.editor.token), [200]),
  'POST /desk/notifications/read': async (ctx) => {
    const { cookie, csrf } = await browserSession(ctx.t, ctx.editor);
    return form('/desk/notifications/read', { _csrf: csrf, all: 'true' }, cookie, [303]);
  },
  'POST /desk/notifications/email': async (ctx) => {
    const { cookie, csrf } = await browserSession(ctx.t, ctx.editor);
    return form('/desk/notifications/email', { _csrf: csrf, email: 'off' }, cookie, [303]);
  },
  'POST /account/tokens': async (ctx) => {
    const { cookie, csrf } = await browserSession(ctx.t, ctx.editor);
    return form('/account/tokens', { _csrf: csrf, name: 'Laptop script', expiresInDays: '' }, cookie, [201]);
  },
  'POST /account/tokens/:id/revoke': async (ctx) => {
    const id = await apiToken(ctx, ctx.editor);
    const { cookie, csrf } = await browserSession(ctx.t, ctx.editor);
    return form(`/account/tokens/${id}/revoke`, { _csrf: csrf }, cookie, [303]);
  },
  'POST /api/v1/users': async ({ admin }) => json('POST', '/api/v1/users', newUser(), bearer(admin.token), [201]),
  'PATCH /api/v1/users/:id': async (ctx) => {
    const member = await createStaff(ctx.t, 'editor');
    return json('PATCH', `/api/v1/users/${member.id}`, { role: 'legal' }, bearer(ctx.admin.token), [200]);
  },
  'POST /admin/users': async (ctx) => {
    const { cookie, csrf } = await browserSession(ctx.t, ctx.admin);
    return form('/admin/users', { _csrf: csrf, ...newUser('legal') }, cookie, [303]);
  },
  'POST /admin/users/:id': async (ctx) => {
    const member = await createStaff(ctx.t, 'editor');
    const { cookie, csrf } = await browserSession(ctx.t, ctx.admin);
    return form(`/admin/users/${member.id}`, { _csrf: csrf, active: 'false' }, cookie, [303]);
  },
  'POST /api/v1/auth/password': async (ctx) => {
    const member = await createStaff(ctx.t, 'editor');
    return json('POST', '/api/v1/auth/password', { currentPassword: member.password, newPassword: 'quiet lantern over copper hills' }, bearer(member.token), [204]);
  },
  'POST /account': async (ctx) => {
    const member = await createStaff(ctx.t, 'legal');
    const { cookie, csrf } = await browserSession(ctx.t, member);
    const fields = { _csrf: csrf, currentPassword: member.password, newPassword: 'seven orange kites rising', confirmPassword: 'seven orange kites rising' };
    return form('/account', fields, cookie, [303]);
  },
  'POST /api/v1/users/:id/password-reset': async (ctx) => {
    const member = await createStaff(ctx.t, 'editor');
    return json('POST', `/api/v1/users/${member.id}/password-reset`, {}, bearer(ctx.admin.token), [201]);
  },
  'POST /admin/users/:id/password-reset': async (ctx) => {
    const member = await createStaff(ctx.t, 'editor');
    const { cookie, csrf } = await browserSession(ctx.t, ctx.admin);
    return form(`/admin/users/${member.id}/password-reset`, { _csrf: csrf }, cookie, [201]);
  },
  'POST /set-password/:token': async (ctx) => {
    const member = await createStaff(ctx.t, 'editor');
    const issued = await postJson(ctx.t.baseUrl, `/api/v1/users/${member.id}/password-reset`, {}, bearer(ctx.admin.token));
    const token = (await issued.json()).url.split('/').pop();
    return form(`/set-password/${token}`, { newPassword: 'marble otter sings at dawn', confirmPassword: 'marble otter sings at dawn' }, null, [303]);
  },
  'POST /api/v1/events/verify': async ({ admin }) => json('POST', '/api/v1/events/verify', {}, bearer(admin.token), [200]),
  'POST /api/v1/events/seal': async ({ admin }) => json('POST', '/api/v1/events/seal', {}, bearer(admin.token), [200]),
  'POST /admin/audit/verify': async (ctx) => {
    const { cookie, csrf } = await browserSession(ctx.t, ctx.admin);
    return form('/admin/audit/verify', { _csrf: csrf }, cookie, [200]);
  },
  'POST /admin/audit/seal': async (ctx) => {
    const { cookie, csrf } = await browserSession(ctx.t, ctx.admin);
    return form('/admin/audit/seal', { _csrf: csrf }, cookie, [303]);
  },
  'POST /api/v1/notices:batch': async (ctx) => {
    const { key } = await createSender(ctx.t.baseUrl, ctx.admin);
    return json('POST', '/api/v1/notices:batch', { notices: [senderNotice('copyright'), senderNotice('trademark')] }, bearer(key), [207]);
  },
  'POST /api/v1/senders': async ({ admin }) =>
    json('POST', '/api/v1/senders', { name: `Coverage Vendor ${Date.now()}`, kind: 'law_firm', contactEmail: 'firm@law.example' }, bearer(admin.token), [201]),
  'POST /api/v1/senders/:id/keys': async (ctx) => {
    const { id } = await createSender(ctx.t.baseUrl, ctx.admin);
    return json('POST', `/api/v1/senders/${id}/keys`, { name: 'Second key', allowedTypes: ['copyright'] }, bearer(ctx.admin.token), [201]);
  },
  'DELETE /api/v1/sender-keys/:id': async (ctx) => {
    const { keyId } = await createSender(ctx.t.baseUrl, ctx.admin);
    return { path: `/api/v1/sender-keys/${keyId}`, init: { method: 'DELETE', headers: bearer(ctx.admin.token) }, expect: [204] };
  },
  'POST /desk/senders': async (ctx) => {
    const { cookie, csrf } = await browserSession(ctx.t, ctx.admin);
    return form('/desk/senders', { _csrf: csrf, name: `Coverage Agency ${Date.now()}`, kind: 'agency', contactEmail: 'photos@agency.example' }, cookie, [303]);
  },
  'POST /desk/senders/keys': async (ctx) => {
    const { id } = await createSender(ctx.t.baseUrl, ctx.admin);
    const { cookie, csrf } = await browserSession(ctx.t, ctx.admin);
    return form('/desk/senders/keys', { _csrf: csrf, organisationId: id, keyName: 'From the page', allowedTypes: 'copyright' }, cookie, [201]);
  },
  'PATCH /api/v1/senders/:id': async (ctx) => {
    const { id } = await createSender(ctx.t.baseUrl, ctx.admin);
    return json('PATCH', `/api/v1/senders/${id}`, { version: 1, rateLimitPerMinute: 120 }, bearer(ctx.admin.token), [200]);
  },
  'POST /desk/senders/:id': async (ctx) => {
    const { id } = await createSender(ctx.t.baseUrl, ctx.admin);
    const { cookie, csrf } = await browserSession(ctx.t, ctx.admin);
    const values = { name: `Coverage Edited ${Date.now()}`, kind: 'agency', contactEmail: 'edited@agency.example', status: 'closed', rateLimitPerMinute: '60' };
    return form(`/desk/senders/${id}`, { _csrf: csrf, version: '1', ...values }, cookie, [303]);
  },
  'POST /desk/sender-keys/:id/revoke': async (ctx) => {
    const { keyId } = await createSender(ctx.t.baseUrl, ctx.admin);
    const { cookie, csrf } = await browserSession(ctx.t, ctx.admin);
    return form(`/desk/sender-keys/${keyId}/revoke`, { _csrf: csrf }, cookie, [303]);
  },
  // Misuse (DSA Art. 23) and repeat infringers (DMCA §512(i)).
  'POST /api/v1/misuse/suspensions/:id/decision': async (ctx) => {
    await markedNotices(ctx.t, ctx.editor, `coverage-${++misuseSenders}@example.org`, 3);
    const proposed = await suspensionOf(ctx.t, ctx.admin, `coverage-${misuseSenders}@example.org`);
    return json('POST', `/api/v1/misuse/suspensions/${proposed.id}/decision`, { decision: 'decline', reasons: MISUSE_REASON }, bearer(ctx.admin.token), [200]);
  },
  'POST /desk/misuse/suspensions/:id/decision': async (ctx) => {
    await markedNotices(ctx.t, ctx.editor, `coverage-${++misuseSenders}@example.org`, 3);
    const proposed = await suspensionOf(ctx.t, ctx.admin, `coverage-${misuseSenders}@example.org`);
    const { cookie, csrf } = await browserSession(ctx.t, ctx.admin);
    return form(`/desk/misuse/suspensions/${proposed.id}/decision`, { _csrf: csrf, decision: 'confirm', days: '10', reasons: MISUSE_REASON }, cookie, [303]);
  },
  'POST /api/v1/track/:token/suspension-appeal': async (ctx) => {
    const legal = await createStaff(ctx.t, 'legal');
    const { notices } = await confirmedSuspension(ctx.t, ctx.editor, legal, `coverage-${++misuseSenders}@example.org`);
    return json('POST', `/api/v1/track/${notices[1].token}/suspension-appeal`, { grounds: 'We own those photographs.' }, {}, [200]);
  },
  'POST /track/:token/suspension-appeal': async (ctx) => {
    const legal = await createStaff(ctx.t, 'legal');
    const { notices } = await confirmedSuspension(ctx.t, ctx.editor, legal, `coverage-${++misuseSenders}@example.org`);
    return form(`/track/${notices[1].token}/suspension-appeal`, { grounds: 'We own those photographs.' }, null, [303]);
  },
  'POST /api/v1/misuse/suspensions/:id/appeal-decision': async (ctx) => {
    const legal = await createStaff(ctx.t, 'legal');
    const { id } = await appealedSuspension(ctx.t, ctx.editor, legal, `coverage-${++misuseSenders}@example.org`);
    return json('POST', `/api/v1/misuse/suspensions/${id}/appeal-decision`, { outcome: 'lifted', answer: 'On review the notices were arguable.' }, bearer(ctx.admin.token), [200]);
  },
  'POST /desk/misuse/suspensions/:id/appeal-decision': async (ctx) => {
    const legal = await createStaff(ctx.t, 'legal');
    const { id } = await appealedSuspension(ctx.t, ctx.editor, legal, `coverage-${++misuseSenders}@example.org`);
    const { cookie, csrf } = await browserSession(ctx.t, ctx.admin);
    return form(`/desk/misuse/suspensions/${id}/appeal-decision`, { _csrf: csrf, outcome: 'upheld', answer: 'The count and the notices stand.' }, cookie, [303]);
  },
  'POST /api/v1/contributors/reviews/:id/decision': async (ctx) => {
    const id = await openAccountReview(ctx.t, ctx.editor);
    return json('POST', `/api/v1/contributors/reviews/${id}/decision`, { outcome: 'keep', reasons: 'Two of the removals concern one photograph.' }, bearer(ctx.admin.token), [200]);
  },
  'POST /desk/contributors/reviews/:id/decision': async (ctx) => {
    const id = await openAccountReview(ctx.t, ctx.editor);
    const { cookie, csrf } = await browserSession(ctx.t, ctx.admin);
    return form(`/desk/contributors/reviews/${id}/decision`, { _csrf: csrf, outcome: 'terminate', reasons: 'Three upheld copyright removals in a year.' }, cookie, [303]);
  },
};

let misuseSenders = 0;

// Reads that are on record all the same: an export takes data out of the desk.
const LOGGED_READS: Record<string, Prepare> = {
  'GET /api/v1/events/export': async ({ admin }) => ({ path: '/api/v1/events/export?format=csv&action=case.', init: { headers: bearer(admin.token) }, expect: [200] }),
};

describe('every state-changing route writes the event log', () => {
  let t: TestApp;
  let ctx: Context;

  beforeAll(async () => {
    const inbox = await startInbox();
    t = await startTestApp({ SMTP_URL: inbox.smtpUrl });
    ctx = { t, admin: await createStaff(t, 'admin', 'Ada Admin'), editor: await createStaff(t, 'editor', 'Erin Editor'), inbox };
  });
  afterAll(async () => {
    await t.close();
    await ctx.inbox.close();
  });

  const eventCount = async (): Promise<number> => (await t.db.pool.query('SELECT count(*)::int AS n FROM events')).rows[0].n;
  const eventsOfRequest = async (requestId: string): Promise<string[]> =>
    (await t.db.pool.query('SELECT action FROM events WHERE request_id = $1 ORDER BY id', [requestId])).rows.map((row) => row.action);

  it('has a valid call for every mutating route, and for no route that is gone', () => {
    const routes = routesOf(t);
    const mutating = routes.filter(isMutating);
    expect(mutating.filter((route) => !(route in CALLS))).toEqual([]);
    expect(Object.keys(CALLS).filter((route) => !mutating.includes(route))).toEqual([]);
    expect(Object.keys(LOGGED_READS).filter((route) => !routes.includes(route))).toEqual([]);
  });

  it.each(Object.keys({ ...CALLS, ...LOGGED_READS }).sort())('%s writes at least one event', async (route) => {
    const call = await (CALLS[route] ?? LOGGED_READS[route])(ctx);
    expect(call.path.startsWith(route.split(' ')[1].split('/:')[0])).toBe(true);
    const before = await eventCount();
    const response = await fetch(`${t.baseUrl}${call.path}`, { redirect: 'manual', ...call.init });
    // The desk's request id (echoed in the response) travels into the events the call writes:
    // they are this call's, not a neighbour's.
    const requestId = response.headers.get('x-request-id')!;
    // The whole body: a streamed export finishes before the count is taken.
    const body = await response.text();
    expect(call.expect.includes(response.status) ? 'valid call' : `${response.status}: ${body.slice(0, 300)}`).toBe('valid call');
    expect(await eventCount()).toBeGreaterThan(before);
    expect(await eventsOfRequest(requestId)).not.toEqual([]);
  });
});
