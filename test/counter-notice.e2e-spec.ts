import { RestorationJob } from '../src/aftercare/restoration.job';
import { RestorationService } from '../src/aftercare/restoration.service';
import { computeClock } from '../src/clocks';
import {
  bearer,
  COMPLETE_COUNTER_NOTICE,
  completeNotice,
  CONTRIBUTOR_URL,
  createStaff,
  REMOVAL_REASONS,
  removedContribution,
  expectProblem,
  fileAccepted,
  postJson,
  StaffMember,
  withValue,
} from './factories';
import { confirmAddressFromReceipt, ReceivedMail, startInbox, waitForMail } from './support/inbox';
import { startTestApp, TestApp } from './support/test-app';

const RESPOND_LINK = /\/respond\/([A-Za-z0-9_-]{43})/;

describe('counter-notice, court action and restoration (contributed articles)', () => {
  let t: TestApp;
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  let editor: StaffMember;
  let legal: StaffMember;
  let admin: StaffMember;

  beforeAll(async () => {
    inbox = await startInbox();
    t = await startTestApp({ SMTP_URL: inbox.smtpUrl });
    editor = await createStaff(t, 'editor', 'Erin Editor');
    legal = await createStaff(t, 'legal', 'Lee Legal');
    admin = await createStaff(t, 'admin', 'Ada Admin');
  });
  afterAll(async () => {
    await t.close();
    await inbox.close();
  });

  const act = (reference: string, body: Record<string, unknown>, who: StaffMember = editor) =>
    postJson(t.baseUrl, `/api/v1/cases/${reference}/transitions`, body, bearer(who.token));
  const caseRow = async (reference: string) => (await t.db.pool.query(`SELECT * FROM cases WHERE reference = $1`, [reference])).rows[0];
  const articleState = async () => (await t.db.pool.query(`SELECT state FROM articles WHERE normalized_url LIKE '%heirs-insurance%'`)).rows[0].state;
  const getCase = async (reference: string) => (await fetch(`${t.baseUrl}/api/v1/cases/${reference}`, { headers: bearer(editor.token) })).json();

  // A copyright notice on the contributed article, removed; returns the case, the
  // notifier's tracking token and the author's response token (from the mail).
  async function removed(): Promise<{ reference: string; tracking: string; respond: string }> {
    const { body: filed, token } = await fileAccepted(t.baseUrl, withValue(completeNotice('copyright'), 'items', [{ url: CONTRIBUTOR_URL }]));
    await confirmAddressFromReceipt(inbox.mails, filed.reference);
    const started = await (await act(filed.reference, { action: 'start_review', version: 1 })).json();
    const decided = await act(filed.reference, {
      action: 'decide',
      version: started.version,
      items: [{ itemId: started.items[0].id, action: 'remove' }],
      ground: 'copyright_infringement',
      reasons: REMOVAL_REASONS,
    });
    expect(decided.status).toBe(200);
    const mail = await waitForMail(() => inbox.mails.find((m: ReceivedMail) => m.text.includes(filed.reference) && m.text.includes('Statement of reasons')), 'statement');
    expect(mail.to).toEqual(['ada.contributor@example.org']);
    const respond = RESPOND_LINK.exec(mail.text)![1];
    return { reference: filed.reference, tracking: token, respond };
  }

  it('sends the author a private response link, keeping only its hash', async () => {
    const { reference, respond } = await removed();
    const { rows } = await t.db.pool.query(`SELECT m.body FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1 AND m.kind = 'statement_of_reasons'`, [
      reference,
    ]);
    expect(rows[0].body).not.toContain(respond);
    expect(rows[0].body).toContain('private response link');
    const stored = await t.db.pool.query(`SELECT encode(token_hash, 'hex') AS hash FROM respond_links r JOIN cases c ON c.id = r.case_id WHERE c.reference = $1`, [reference]);
    expect(stored.rows).toHaveLength(1);
    expect(JSON.stringify(stored.rows)).not.toContain(respond);
    const view = await (await fetch(`${t.baseUrl}/api/v1/respond/${respond}`)).json();
    expect(view).toMatchObject({ reference, status: 'actioned', article: { origin: 'contributor' }, actions: { counterNotice: true } });
    // The notifier's contact details are not shown to the author.
    expect(JSON.stringify(view)).not.toMatch(/jane\.doe@example\.org|High Street|7946/);
    expect((await fetch(`${t.baseUrl}/api/v1/respond/${'x'.repeat(43)}`)).status).toBe(404);
  });

  it('goes counter-notice → restored on business day 10, through the sweep', async () => {
    const { reference, tracking, respond } = await removed();
    // Incomplete: kept, with what is missing; the case still waits.
    let response = await postJson(t.baseUrl, `/api/v1/respond/${respond}/counter-notice`, { signature: 'Ada Contributor', statements: { mistake: true } });
    expect(response.status).toBe(200);
    let body = await response.json();
    expect(body.complete).toBe(false);
    expect(body.missing.map((m: { field: string }) => m.field)).toEqual(
      expect.arrayContaining([
        'material.description',
        'material.location',
        'subscriber.name',
        'subscriber.address',
        'subscriber.phone',
        'statements.jurisdiction',
        'statements.service',
      ]),
    );
    expect((await caseRow(reference)).status).toBe('actioned');

    response = await postJson(t.baseUrl, `/api/v1/respond/${respond}/counter-notice`, COMPLETE_COUNTER_NOTICE);
    body = await response.json();
    expect(body).toMatchObject({ complete: true, missing: [], status: 'counter_noticed' });
    const row = await caseRow(reference);
    const { rows: filed } = await t.db.pool.query(`SELECT received_at FROM counter_notices WHERE case_id = $1 AND (completeness->>'complete')::boolean`, [row.id]);
    const clock = computeClock('counter_notice_restore', filed[0].received_at);
    expect(row.restore_earliest_at.toISOString()).toBe(clock.earliest);
    expect(row.restore_latest_at.toISOString()).toBe(clock.latest);
    // The queue orders the case by its restoration (the case's nearest clock).
    expect(row).toMatchObject({ next_due_at: row.restore_earliest_at, next_due_kind: 'counter_notice_restore' });
    // Ten business days are at least fourteen calendar days, and never a weekend.
    expect(row.restore_earliest_at.getTime() - filed[0].received_at.getTime()).toBeGreaterThanOrEqual(13 * 86_400_000);

    // The notifier gets a copy with the author's statutory details and the date.
    const copy = await waitForMail(() => inbox.mails.find((m) => m.text.includes(reference) && m.text.includes('Counter-notice received')), 'copy');
    expect(copy.to).toEqual(['jane.doe@example.org']);
    expect(copy.text).toContain('12 Marina Road, Lagos');
    expect(copy.text).toContain('10 business days');
    const track = await (await fetch(`${t.baseUrl}/api/v1/track/${tracking}`)).json();
    expect(track).toMatchObject({ status: 'counter_noticed', actions: { courtAction: true } });
    expect(new Date(track.restoration.earliest).toISOString()).toBe(clock.earliest);
    const casePage = await getCase(reference);
    expect(casePage.restoration).not.toBeNull();

    // Not yet due: nothing happens; due: restored, by the system, once.
    const restoration = t.app.get(RestorationService);
    await restoration.sweep(new Date(row.restore_earliest_at.getTime() - 1000));
    expect((await caseRow(reference)).status).toBe('counter_noticed');
    expect(await articleState()).toBe('removed');
    await Promise.all([restoration.sweep(row.restore_earliest_at), restoration.sweep(row.restore_earliest_at)]);
    expect((await caseRow(reference)).status).toBe('restored');
    expect(await articleState()).toBe('live');
    const events = await t.db.pool.query(
      `SELECT action, actor_type FROM events WHERE case_reference = $1 AND action IN ('case.restore', 'case.restored', 'article.state_changed') ORDER BY id`,
      [reference],
    );
    expect(events.rows.filter((e) => e.action === 'case.restore')).toEqual([{ action: 'case.restore', actor_type: 'system' }]);
    expect(events.rows.at(-1)).toMatchObject({ actor_type: 'system' });
    const slug = 'heirs-insurance-essay-competition-opens-for-secondary-school-students';
    expect((await fetch(`${t.baseUrl}/removed/${slug}`, { headers: { accept: 'application/json' } })).status).toBe(404);
    const kinds = (await t.db.pool.query(`SELECT kind, recipient_role FROM messages m WHERE m.case_id = $1 AND kind = 'restoration'`, [row.id])).rows;
    expect(kinds).toEqual(
      expect.arrayContaining([
        { kind: 'restoration', recipient_role: 'notifier' },
        { kind: 'restoration', recipient_role: 'author' },
      ]),
    );
  });

  it('restores through the pg-boss job when the due date has passed (as after a downtime)', async () => {
    const { reference, respond } = await removedContribution(t, editor);
    await postJson(t.baseUrl, `/api/v1/respond/${respond}/counter-notice`, COMPLETE_COUNTER_NOTICE);
    await t.db.pool.query(`UPDATE cases SET restore_earliest_at = now() - interval '1 day' WHERE reference = $1`, [reference]);
    await t.app.get(RestorationJob).requestNow();
    for (let i = 0; i < 400 && (await caseRow(reference)).status !== 'restored'; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    expect((await caseRow(reference)).status).toBe('restored');
    expect(await articleState()).toBe('live');
  });

  it('stops the clock on a reported court action (litigation hold), and legal restores by hand', async () => {
    const { reference, tracking, respond } = await removed();
    await postJson(t.baseUrl, `/api/v1/respond/${respond}/counter-notice`, COMPLETE_COUNTER_NOTICE);
    await expectProblem(await postJson(t.baseUrl, `/api/v1/track/${tracking}/court-action`, { court: 'SDNY' }), 422, ['caseNumber', 'filedOn']);
    const response = await postJson(t.baseUrl, `/api/v1/track/${tracking}/court-action`, {
      court: 'U.S. District Court, S.D.N.Y.',
      caseNumber: '1:26-cv-01234',
      filedOn: '2026-12-01',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'litigation_hold', restoration: null });
    const row = await caseRow(reference);
    expect(row).toMatchObject({ status: 'litigation_hold', restore_earliest_at: null, next_due_at: null });
    await t.app.get(RestorationService).sweep(new Date(Date.now() + 365 * 86_400_000));
    expect((await caseRow(reference)).status).toBe('litigation_hold');
    expect(await articleState()).toBe('removed');
    // A second report is refused: nothing is waiting any more.
    expect((await postJson(t.baseUrl, `/api/v1/track/${tracking}/court-action`, { court: 'X', caseNumber: '1', filedOn: '2026-12-01' })).status).toBe(409);

    const current = await getCase(reference);
    expect((await act(reference, { action: 'restore', version: current.version, reason: 'The court dismissed the action.' })).status).toBe(403);
    const restored = await act(reference, { action: 'restore', version: current.version, reason: 'The court dismissed the action.' }, legal);
    expect(restored.status).toBe(200);
    expect((await restored.json()).status).toBe('restored');
    expect(await articleState()).toBe('live');
  });

  it('puts the article back when a reopened case is decided "no action"', async () => {
    const { reference } = await removed();
    expect(await articleState()).toBe('removed');
    let current = await getCase(reference);
    current = await (await act(reference, { action: 'reopen', version: current.version, reason: 'The licence was found after all.' }, admin)).json();
    const decided = await act(
      reference,
      {
        action: 'decide',
        version: current.version,
        items: [{ itemId: current.items[0].id, action: 'no_action' }],
        ground: 'not_illegal',
        reasons: 'A licence covering the photograph was found; nothing infringes.',
      },
      admin,
    );
    expect(decided.status).toBe(200);
    expect(await articleState()).toBe('live');
  });

  it('lets staff act on an incomplete notice: close as lapsed, or decide', async () => {
    const incomplete = withValue(completeNotice('copyright'), 'signature', undefined);
    delete incomplete.signature;
    const { body: one } = await fileAccepted(t.baseUrl, incomplete);
    expect(one.status).toBe('awaiting_info');
    const lapsed = await act(one.reference, { action: 'close_lapsed', version: 1 });
    expect(lapsed.status).toBe(200);
    expect((await lapsed.json()).status).toBe('lapsed');
    const { body: two } = await fileAccepted(t.baseUrl, incomplete);
    const current = await getCase(two.reference);
    const decided = await act(two.reference, {
      action: 'decide',
      version: current.version,
      items: [{ itemId: current.items[0].id, action: 'no_action' }],
      ground: 'insufficient_information',
      reasons: 'The notice is unsigned and the work is not ours to judge.',
    });
    expect((await decided.json()).status).toBe('rejected');
    const { body: three } = await fileAccepted(t.baseUrl, incomplete);
    const dup = await act(three.reference, { action: 'close_duplicate', version: 1, duplicateOf: two.reference });
    expect((await dup.json()).status).toBe('duplicate');
  });
});
