import { LapseService } from '../src/aftercare/lapse.service';
import { RestrictionEndService } from '../src/aftercare/restriction-end.service';
import { ArticlesService } from '../src/articles/articles.service';
import { RestorationJob } from '../src/aftercare/restoration.job';
import { computeClock } from '../src/clocks';
import { bearer, completeNotice, createStaff, fileAccepted, postJson, StaffMember, withValue } from './factories';
import { startTestApp, TestApp } from './support/test-app';

// The due-clock sweep: curable notices that lapse when their 14 days pass unanswered, and
// restrictions lifted when their end date has passed.
describe('due clocks: curable-notice lapse and restriction end', () => {
  let t: TestApp;
  let editor: StaffMember;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await createStaff(t, 'editor', 'Erin Editor');
  });
  afterAll(async () => {
    await t.close();
  });

  const caseRow = async (reference: string) => (await t.db.pool.query(`SELECT * FROM cases WHERE reference = $1`, [reference])).rows[0];
  const pastDue = (reference: string) => t.db.pool.query(`UPDATE cases SET lapse_due_at = now() - interval '1 minute' WHERE reference = $1`, [reference]);
  async function fileIncomplete(): Promise<{ reference: string; token: string }> {
    const incomplete = withValue(completeNotice('copyright'), 'signature', undefined);
    delete incomplete.signature;
    const { body, token } = await fileAccepted(t.baseUrl, incomplete);
    expect(body.status).toBe('awaiting_info');
    return { reference: body.reference, token };
  }

  it('sets the lapse clock when a notice is filed incomplete, and lapses it through the job once due', async () => {
    const { reference, token } = await fileIncomplete();
    const filed = await caseRow(reference);
    expect(filed.lapse_due_at.toISOString()).toBe(computeClock('curable_lapse', filed.received_at).due);
    // The queue orders the waiting case by its lapse (the review clock stands still).
    expect(filed).toMatchObject({ next_due_at: filed.lapse_due_at, next_due_kind: 'curable_lapse' });
    await pastDue(reference);
    await t.app.get(RestorationJob).requestNow();
    for (let i = 0; i < 400 && (await caseRow(reference)).status !== 'lapsed'; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    const row = await caseRow(reference);
    expect(row).toMatchObject({ status: 'lapsed', lapse_due_at: null, next_due_at: null, next_due_kind: null });
    const events = (await t.db.pool.query(`SELECT action, actor_type FROM events WHERE case_id = $1 AND action = 'case.lapse'`, [row.id])).rows;
    expect(events).toEqual([{ action: 'case.lapse', actor_type: 'system' }]);
    const messages = (await t.db.pool.query(`SELECT recipient_role, subject, body FROM messages WHERE case_id = $1 AND kind = 'lapse'`, [row.id])).rows;
    expect(messages).toHaveLength(1);
    expect(messages[0].recipient_role).toBe('notifier');
    expect(messages[0].subject).toContain('lapsed');
    expect(messages[0].body).toContain('You may file a new, complete notice');
    const tracked = await (await fetch(`${t.baseUrl}/api/v1/track/${token}`)).json();
    expect(JSON.stringify(tracked)).toContain('The notice lapsed');
  });

  it('lapses nothing before the clock is due, and two sweeps at once lapse each case once', async () => {
    const { reference } = await fileIncomplete();
    const lapse = t.app.get(LapseService);
    await lapse.sweep(new Date());
    expect((await caseRow(reference)).status).toBe('awaiting_info');
    await pastDue(reference);
    const [a, b] = await Promise.all([lapse.sweep(new Date()), lapse.sweep(new Date())]);
    expect(a + b).toBe(1);
    const row = await caseRow(reference);
    expect(row.status).toBe('lapsed');
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM events WHERE case_id = $1 AND action = 'case.lapse'`, [row.id])).rows[0].n).toBe(1);
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM messages WHERE case_id = $1 AND kind = 'lapse'`, [row.id])).rows[0].n).toBe(1);
  });

  it('starts the clock on a request for information and stops it when the case leaves awaiting_info', async () => {
    const { body } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const act = (payload: Record<string, unknown>) => postJson(t.baseUrl, `/api/v1/cases/${body.reference}/transitions`, payload, bearer(editor.token));
    expect((await caseRow(body.reference)).lapse_due_at).toBeNull();
    const asked = await act({ action: 'request_info', version: 1, message: 'Which photograph exactly?' });
    expect(asked.status).toBe(200);
    const waiting = await caseRow(body.reference);
    expect(waiting.status).toBe('awaiting_info');
    expect(waiting.lapse_due_at).not.toBeNull();
    const escalated = await act({ action: 'escalate', version: waiting.version, reason: 'A question for legal while we wait.' });
    expect(escalated.status).toBe(200);
    expect(await caseRow(body.reference)).toMatchObject({ status: 'escalated', lapse_due_at: null });
  });

  it('lifts a restriction after its end date (once, even with two sweeps) and tells both parties', async () => {
    const url = 'https://freelanews.com/2026/02/01/harbour-bridge-repairs/';
    await t.app
      .get(ArticlesService)
      .importArticles([{ url, title: 'Harbour bridge repairs', body: 'The harbour bridge closes for repairs in March. '.repeat(20), authorEmail: 'author@freelanews.com' }], {
        type: 'system',
        id: null,
      });
    const { body } = await fileAccepted(t.baseUrl, { ...completeNotice('copyright'), items: [{ url }] });
    const act = (payload: Record<string, unknown>) => postJson(t.baseUrl, `/api/v1/cases/${body.reference}/transitions`, payload, bearer(editor.token));
    const current = await (await act({ action: 'start_review', version: 1 })).json();
    const decided = await act({
      action: 'decide',
      version: current.version,
      items: [{ itemId: current.items[0].id, action: 'restrict', territories: ['DE'], until: '2027-01-31' }],
      ground: 'copyright_infringement',
      reasons: 'The photograph is licensed for Germany only until the end of January; access there is restricted until then.',
    });
    expect(decided.status).toBe(200);
    const articleState = async () => (await t.db.pool.query(`SELECT state FROM articles WHERE canonical_url = $1`, [url])).rows[0].state;
    expect(await articleState()).toBe('restricted');
    const [clock] = (await t.db.pool.query(`SELECT r.* FROM restriction_ends r JOIN cases c ON c.id = r.case_id WHERE c.reference = $1`, [body.reference])).rows;
    expect(clock.due_at.toISOString()).toBe('2027-01-31T23:59:59.999Z');
    // The actioned case's nearest clock is the restriction's end, written in the decision's transaction.
    expect(await caseRow(body.reference)).toMatchObject({ status: 'actioned', next_due_at: clock.due_at, next_due_kind: 'restriction_end' });
    const panel = await (await fetch(`${t.baseUrl}/api/v1/cases/${body.reference}`, { headers: bearer(editor.token) })).json();
    expect(panel.clocks.find((entry: { clock: string }) => entry.clock === 'restriction_end')).toMatchObject({
      due: { at: '2027-01-31T23:59:59.999Z', utc: '2027-01-31 23:59 UTC', local: 'Sun, 31 Jan 2027, 23:59 GMT (Europe/London)' },
      note: 'Article: Harbour bridge repairs',
    });
    const ends = t.app.get(RestrictionEndService);
    expect(await ends.sweep(new Date())).toBe(0);
    await t.db.pool.query(`UPDATE restriction_ends SET due_at = now() - interval '1 minute' WHERE id = $1`, [clock.id]);
    const [a, b] = await Promise.all([ends.sweep(new Date()), ends.sweep(new Date())]);
    expect(a + b).toBe(1);
    expect(await articleState()).toBe('live');
    expect(await caseRow(body.reference)).toMatchObject({ next_due_at: null, next_due_kind: null });
    const events = (
      await t.db.pool.query(`SELECT action, actor_type FROM events WHERE case_id = $1 AND action IN ('case.restriction_ended', 'article.state_changed') ORDER BY id`, [
        clock.case_id,
      ])
    ).rows;
    expect(events.slice(-2)).toEqual([
      { action: 'case.restriction_ended', actor_type: 'system' },
      { action: 'article.state_changed', actor_type: 'system' },
    ]);
    const roles = (await t.db.pool.query(`SELECT recipient_role FROM messages WHERE case_id = $1 AND kind = 'restriction_end' ORDER BY recipient_role`, [clock.case_id])).rows;
    expect(roles).toEqual([{ recipient_role: 'author' }, { recipient_role: 'notifier' }]);
  });
  it('takes a restriction’s end off the case when legal restores the article before it', async () => {
    const url = 'https://freelanews.com/2026/02/02/ferry-timetable-changes/';
    await t.app
      .get(ArticlesService)
      .importArticles([{ url, title: 'Ferry timetable changes', body: 'The ferry timetable changes in April. '.repeat(20), authorEmail: 'author@freelanews.com' }], {
        type: 'system',
        id: null,
      });
    const { body } = await fileAccepted(t.baseUrl, { ...completeNotice('copyright'), items: [{ url }] });
    const legal = await createStaff(t, 'legal');
    const act = (payload: Record<string, unknown>, who: StaffMember = editor) => postJson(t.baseUrl, `/api/v1/cases/${body.reference}/transitions`, payload, bearer(who.token));
    const current = await (await act({ action: 'start_review', version: 1 })).json();
    const decided = await act({
      action: 'decide',
      version: current.version,
      items: [{ itemId: current.items[0].id, action: 'restrict', territories: ['DE'], until: '2027-03-31' }],
      ground: 'copyright_infringement',
      reasons: 'The photograph is licensed for Germany only until the end of March; access there is restricted until then.',
    });
    expect(decided.status).toBe(200);
    expect(await caseRow(body.reference)).toMatchObject({ next_due_kind: 'restriction_end' });
    const restored = await act({ action: 'restore', version: (await decided.json()).version, reason: 'The licence was extended; the restriction is no longer needed.' }, legal);
    expect(restored.status).toBe(200);
    const [end] = (await t.db.pool.query(`SELECT r.lifted_at FROM restriction_ends r JOIN cases c ON c.id = r.case_id WHERE c.reference = $1`, [body.reference])).rows;
    expect(end.lifted_at).not.toBeNull();
    expect((await caseRow(body.reference)).next_due_kind).not.toBe('restriction_end');
    const panel = await (await fetch(`${t.baseUrl}/api/v1/cases/${body.reference}`, { headers: bearer(editor.token) })).json();
    expect(panel.clocks.some((entry: { clock: string }) => entry.clock === 'restriction_end')).toBe(false);
  });
});
