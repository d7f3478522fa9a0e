import { computeClock } from '../src/clocks';
import { bearer, completeNotice, CONTRIBUTOR_URL, createStaff, DEMO_ARTICLE_URL, expectProblem, fileAccepted, postJson, StaffMember, SYNDICATED_URL, withValue } from './factories';
import { startTestApp, TestApp } from './support/test-app';

// Every running clock of a case in its detail (what it waits for, due when in the desk's
// zone and in UTC, what happens then), the nearest one kept on the case for the queue, and
// the GDPR and defamation clocks with the actions that move them.
describe('clocks on the case and in the queue', () => {
  let t: TestApp;
  let editor: StaffMember;
  let legal: StaffMember;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await createStaff(t, 'editor', 'Erin Editor');
    legal = await createStaff(t, 'legal', 'Lee Legal');
  });
  afterAll(async () => {
    await t.close();
  });

  const detail = async (reference: string, who: StaffMember = editor) => (await fetch(`${t.baseUrl}/api/v1/cases/${reference}`, { headers: bearer(who.token) })).json();
  const queue = async (query: string) => fetch(`${t.baseUrl}/api/v1/cases?${query}`, { headers: bearer(editor.token) });
  const act = (reference: string, who: StaffMember, body: Record<string, unknown>) => postJson(t.baseUrl, `/api/v1/cases/${reference}/transitions`, body, bearer(who.token));
  const caseRow = async (reference: string) => (await t.db.pool.query(`SELECT * FROM cases WHERE reference = $1`, [reference])).rows[0];

  // The nearest clock the page shows is the one the queue orders by, for every case so far.
  async function expectNextDueAgreesWithPanel(): Promise<void> {
    const { rows } = await t.db.pool.query(`SELECT reference, next_due_at, next_due_kind FROM cases ORDER BY reference`);
    for (const row of rows) {
      const nearest = (await detail(row.reference)).clocks.find((clock: { counted: boolean }) => clock.counted) ?? null;
      expect({ reference: row.reference, at: row.next_due_at?.toISOString() ?? null, clock: row.next_due_kind }).toEqual({
        reference: row.reference,
        at: nearest?.due.at ?? null,
        clock: nearest?.clock ?? null,
      });
    }
  }

  it('runs the GDPR answer clock on a privacy notice and shows it with the review deadline', async () => {
    const { body } = await fileAccepted(t.baseUrl, completeNotice('privacy'));
    const row = await caseRow(body.reference);
    expect(row.gdpr_due_at.toISOString()).toBe(computeClock('gdpr_answer', row.received_at).due);
    const shown = await detail(body.reference);
    expect(shown.clocks.map((clock: { clock: string }) => clock.clock)).toEqual(['review_sla', 'gdpr_answer']);
    const gdpr = shown.clocks[1];
    expect(gdpr).toMatchObject({
      title: 'Answer to the erasure request (GDPR)',
      due: { at: row.gdpr_due_at.toISOString(), local: expect.stringContaining('(Europe/London)'), utc: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/) },
      overdue: false,
      status: expect.stringMatching(/left$/),
      counted: true,
    });
    expect(gdpr.waitsFor).toContain('one month from receipt');
    expect(gdpr.whenDue).toContain('supervisory authority');
    expect(shown.nextDue).toEqual({ at: row.due_at.toISOString(), clock: 'review_sla', overdue: false });
    expect(shown.actions).not.toContain('extend_gdpr_deadline');
    expect((await detail(body.reference, legal)).actions).toContain('extend_gdpr_deadline');
  });

  it('lets legal extend the GDPR deadline once, with reasons sent to the person and shown on their tracking page', async () => {
    const { body, token } = await fileAccepted(t.baseUrl, completeNotice('privacy'));
    const before = await (await fetch(`${t.baseUrl}/api/v1/track/${token}`)).json();
    expect(before.gdprAnswer).toEqual({ dueAt: (await caseRow(body.reference)).gdpr_due_at.toISOString(), extended: false });
    const reasons = 'Your request names twelve articles across three archives; checking each against the public interest needs more time.';
    await expectProblem(await act(body.reference, editor, { action: 'extend_gdpr_deadline', version: 1, extensionReasons: reasons }), 403);
    await expectProblem(await act(body.reference, legal, { action: 'extend_gdpr_deadline', version: 1 }), 422, ['extensionReasons']);
    const extended = await act(body.reference, legal, { action: 'extend_gdpr_deadline', version: 1, extensionReasons: reasons });
    expect(extended.status).toBe(200);
    const row = await caseRow(body.reference);
    expect(row.gdpr_due_at.toISOString()).toBe(computeClock('gdpr_answer', row.received_at).latest);
    expect(row.gdpr_extended_at).not.toBeNull();
    const [message] = (await t.db.pool.query(`SELECT recipient_role, to_address, subject, body FROM messages WHERE case_id = $1 AND kind = 'gdpr_extension'`, [row.id])).rows;
    expect(message).toMatchObject({ recipient_role: 'notifier', to_address: 'jane.doe@example.org', subject: expect.stringContaining('more time') });
    expect(message.body).toContain(reasons);
    expect(message.body).toContain('GDPR Art. 12(3)');
    const events = (await t.db.pool.query(`SELECT action, actor_type, visibility FROM events WHERE case_id = $1 AND action LIKE '%gdpr%' ORDER BY id`, [row.id])).rows;
    expect(events).toEqual([
      { action: 'case.extend_gdpr_deadline', actor_type: 'staff', visibility: 'internal' },
      { action: 'case.gdpr_deadline_extended', actor_type: 'staff', visibility: 'notifier' },
    ]);
    const tracked = await (await fetch(`${t.baseUrl}/api/v1/track/${token}`)).json();
    expect(JSON.stringify(tracked)).toContain('We extended the time to answer your request by two months');
    // The deadline itself, on the person's tracking page and in its API.
    expect(tracked.gdprAnswer).toEqual({ dueAt: row.gdpr_due_at.toISOString(), extended: true });
    const trackingPage = await (await fetch(`${t.baseUrl}/track/${token}`)).text();
    expect(trackingPage).toContain('The law gives us until');
    expect(trackingPage).toContain('one month, extended by two: we sent you the reasons');
    const gdpr = (await detail(body.reference, legal)).clocks.find((clock: { clock: string }) => clock.clock === 'gdpr_answer');
    expect(gdpr.note).toMatch(/^Extended once, on /);
    const again = await act(body.reference, legal, { action: 'extend_gdpr_deadline', version: row.version, extensionReasons: reasons });
    expect(await expectProblem(again, 409)).toMatchObject({ code: 'gdpr_not_extendable' });
    expect((await caseRow(body.reference)).version).toBe(row.version);
  });

  it('refuses to extend a deadline that has passed or a case without one', async () => {
    const { body } = await fileAccepted(t.baseUrl, completeNotice('privacy'));
    await t.db.pool.query(`UPDATE cases SET gdpr_due_at = date_trunc('milliseconds', now()) - interval '1 hour' WHERE reference = $1`, [body.reference]);
    const late = await act(body.reference, legal, { action: 'extend_gdpr_deadline', version: 1, extensionReasons: 'Too late for this, but we try.' });
    expect(await expectProblem(late, 409)).toMatchObject({ code: 'gdpr_not_extendable' });
    const copyright = (await fileAccepted(t.baseUrl, completeNotice('copyright'))).body;
    expect((await caseRow(copyright.reference)).gdpr_due_at).toBeNull();
    expect(await expectProblem(await act(copyright.reference, legal, { action: 'extend_gdpr_deadline', version: 1, extensionReasons: 'No GDPR clock here.' }), 409)).toMatchObject({
      code: 'gdpr_not_extendable',
    });
  });

  it('runs the defamation clocks on a contributor’s article: contact the author, then the author’s 5 days', async () => {
    const { body } = await fileAccepted(t.baseUrl, withValue(completeNotice('defamation'), 'items', [{ url: CONTRIBUTOR_URL }]));
    const row = await caseRow(body.reference);
    expect(row.defamation_contact_due_at.toISOString()).toBe(computeClock('defamation_contact', row.received_at).due);
    expect((await detail(body.reference)).clocks.map((clock: { clock: string }) => clock.clock)).toContain('defamation_contact');
    await expectProblem(await act(body.reference, editor, { action: 'record_author_contact', version: 1 }), 422, ['note']);
    const note = 'Phoned the reporter and e-mailed the complaint to her at 10:05.';
    const contacted = await act(body.reference, editor, { action: 'record_author_contact', version: 1, note });
    expect(contacted.status).toBe(200);
    const after = await caseRow(body.reference);
    expect(after).toMatchObject({ defamation_contact_due_at: null });
    expect(after.defamation_answer_due_at.toISOString()).toBe(computeClock('defamation_author_answer', after.author_contacted_at).due);
    const shown = await detail(body.reference);
    const answer = shown.clocks.find((clock: { clock: string }) => clock.clock === 'defamation_author_answer');
    expect(answer.note).toMatch(/^The author was contacted /);
    expect(shown.actions).not.toContain('record_author_contact');
    const events = (
      await t.db.pool.query(`SELECT action, data FROM events WHERE case_id = $1 AND action IN ('case.record_author_contact', 'case.author_contacted') ORDER BY id`, [after.id])
    ).rows;
    expect(events.map((event: { action: string }) => event.action)).toEqual(['case.record_author_contact', 'case.author_contacted']);
    expect(events[1].data.note).toBe(note);
    expect(await expectProblem(await act(body.reference, editor, { action: 'record_author_contact', version: after.version, note }), 409)).toMatchObject({
      code: 'no_author_contact_due',
    });

    // The author answers within their 5 days: the answer clock stops, the answer is kept.
    expect(shown.actions).toContain('record_author_answer');
    await expectProblem(await act(body.reference, editor, { action: 'record_author_answer', version: after.version }), 422, ['authorAnswer', 'note']);
    const answerNote = 'The author stands by the report and gave her full name and postal address.';
    const answered = await act(body.reference, editor, { action: 'record_author_answer', version: after.version, authorAnswer: 'defends_statement', note: answerNote });
    expect(answered.status).toBe(200);
    const settled = await caseRow(body.reference);
    expect(settled).toMatchObject({ defamation_answer_due_at: null, status: after.status });
    const answerEvent = (await t.db.pool.query(`SELECT data FROM events WHERE case_id = $1 AND action = 'case.author_answered'`, [after.id])).rows[0];
    expect(answerEvent.data).toEqual({ answer: 'defends_statement', note: answerNote });
    const afterAnswer = await detail(body.reference);
    expect(afterAnswer.clocks.map((clock: { clock: string }) => clock.clock)).not.toContain('defamation_author_answer');
    expect(afterAnswer.actions).not.toContain('record_author_answer');
    expect(
      await expectProblem(
        await act(body.reference, editor, { action: 'record_author_answer', version: settled.version, authorAnswer: 'consents_to_removal', note: answerNote }),
        409,
      ),
    ).toMatchObject({
      code: 'no_author_answer_due',
    });
  });

  it('starts no defamation clock on syndicated copy or staff journalism (no s.5 route), and stops the answer clocks once the case is decided', async () => {
    const wire = (await fileAccepted(t.baseUrl, withValue(completeNotice('defamation'), 'items', [{ url: SYNDICATED_URL }]))).body;
    expect((await caseRow(wire.reference)).defamation_contact_due_at).toBeNull();
    const staff = (await fileAccepted(t.baseUrl, withValue(completeNotice('defamation'), 'items', [{ url: DEMO_ARTICLE_URL }]))).body;
    expect((await caseRow(staff.reference)).defamation_contact_due_at).toBeNull();
    expect((await detail(staff.reference)).actions).not.toContain('record_author_contact');
    const { body } = await fileAccepted(t.baseUrl, withValue(completeNotice('privacy'), 'items', [{ url: DEMO_ARTICLE_URL, reason: 'outdated' }]));
    const started = await (await act(body.reference, editor, { action: 'start_review', version: 1 })).json();
    const decided = await act(body.reference, editor, {
      action: 'decide',
      version: started.version,
      items: [{ itemId: started.items[0].id, action: 'no_action' }],
      ground: 'not_illegal',
      reasons: 'The article reports a matter of continuing public interest; the data stays.',
    });
    expect(decided.status).toBe(200);
    const row = await caseRow(body.reference);
    expect(row).toMatchObject({ status: 'rejected', gdpr_due_at: null, due_at: null });
    const shown = await detail(body.reference);
    expect(shown.clocks.map((clock: { clock: string }) => clock.clock)).toEqual(['appeal_window']);
    expect(shown.clocks[0]).toMatchObject({ overdue: false, counted: false });
    expect(row.next_due_at).toBeNull();
  });

  it('orders and filters the queue by the nearest clock, overdue ones flagged', async () => {
    const late = (await fileAccepted(t.baseUrl, completeNotice('copyright'))).body;
    const soon = (await fileAccepted(t.baseUrl, completeNotice('privacy'))).body;
    // Milliseconds, as the desk's own clocks are (a cursor carries an ISO instant).
    await t.db.pool.query(`UPDATE cases SET due_at = date_trunc('milliseconds', now()) - interval '3 hours' WHERE reference = $1`, [late.reference]);
    await t.db.pool.query(`UPDATE cases SET gdpr_due_at = date_trunc('milliseconds', now()) + interval '2 hours' WHERE reference = $1`, [soon.reference]);
    const overdue = await (await queue('due=overdue&limit=200')).json();
    const references = overdue.items.map((item: { reference: string }) => item.reference);
    expect(references).toContain(late.reference);
    expect(references).not.toContain(soon.reference);
    for (const item of overdue.items) expect(item).toMatchObject({ overdue: true, nextDue: { overdue: true } });
    expect(overdue.counts.overdue).toBeGreaterThanOrEqual(1);
    const day = await (await queue('sort=due&due=24h&limit=200')).json();
    const inDay = day.items.map((item: { reference: string }) => item.reference);
    expect(inDay.indexOf(late.reference)).toBeLessThan(inDay.indexOf(soon.reference));
    expect(day.items.find((item: { reference: string }) => item.reference === soon.reference)).toMatchObject({ overdue: false, nextDue: { clock: 'gdpr_answer', overdue: false } });
    const dues = day.items.map((item: { nextDue: { at: string } }) => item.nextDue.at);
    expect(dues).toEqual([...dues].sort());
    await expectProblem(await queue('due=soon'), 422, ['due']);
  });

  it('pages the queue in nearest-clock order with its cursor', async () => {
    const first = await (await queue('sort=due&limit=2')).json();
    const second = await (await queue(`sort=due&limit=2&cursor=${first.nextCursor}`)).json();
    const keys = [...first.items, ...second.items].map((item: { nextDue: { at: string } | null; reference: string }) => item.nextDue?.at ?? 'infinity');
    expect(keys).toEqual([...keys].sort());
    expect(new Set([...first.items, ...second.items].map((item: { reference: string }) => item.reference)).size).toBe(4);
  });

  it('keeps the nearest clock of every case equal to the first one its page shows', async () => {
    await expectNextDueAgreesWithPanel();
  });
});
