import { bearer, completeNotice, createStaff, expectProblem, fileAccepted, login, postJson, StaffMember, withValue } from './factories';
import { markedNotices, MISUSE_REASON, suspensionOf } from './support/misuse-setup';
import { startTestApp, TestApp } from './support/test-app';

// Misuse (DSA Art. 23): marks on rejected notices, the desk's proposal at the threshold
// (2 in 30 days here, from the environment), legal's confirmation, held filings, the appeal.
describe('misuse: manifestly unfounded notices and suspensions', () => {
  let t: TestApp;
  let editor: StaffMember;
  let legal: StaffMember;
  let otherLegal: StaffMember;

  beforeAll(async () => {
    t = await startTestApp({ MISUSE_THRESHOLD: '2', MISUSE_PERIOD_DAYS: '30', MISUSE_SUSPENSION_DAYS: '14' });
    editor = await createStaff(t, 'editor', 'Erin Editor');
    legal = await createStaff(t, 'legal', 'Lee Legal');
    otherLegal = await createStaff(t, 'legal', 'Lou Legal');
  });
  afterAll(() => t.close());

  const act = (reference: string, body: Record<string, unknown>, who = editor) => postJson(t.baseUrl, `/api/v1/cases/${reference}/transitions`, body, bearer(who.token));
  const getCase = async (reference: string) => (await fetch(`${t.baseUrl}/api/v1/cases/${reference}`, { headers: bearer(editor.token) })).json();

  it('marks only rejected notices, once, with a reason', async () => {
    const { body } = await fileAccepted(t.baseUrl, withValue(completeNotice(), 'notifier.email', 'open-case@example.org'));
    const refused = await act(body.reference, { action: 'mark_unfounded', version: 1, reason: MISUSE_REASON });
    expect(refused.status).toBe(422);
    const [marked] = await markedNotices(t, editor, 'once@example.org', 1);
    const current = await getCase(marked.reference);
    expect(current.misuse.mark).toMatchObject({ reason: MISUSE_REASON });
    expect(current.actions).toContain('mark_unfounded');
    const again = await act(marked.reference, { action: 'mark_unfounded', version: current.version, reason: MISUSE_REASON });
    expect(again.status).toBe(409);
    await expectProblem(await act(marked.reference, { action: 'mark_unfounded', version: current.version, reason: ' ' }), 422, ['reason']);
    expect(await suspensionOf(t, editor, 'once@example.org')).toBeUndefined();
  });

  it('proposes a suspension at the threshold; legal confirms; filings are then held, told with the end date', async () => {
    const email = 'misuser@example.org';
    const notices = await markedNotices(t, editor, email, 2);
    const proposed = await suspensionOf(t, editor, email);
    expect(proposed).toMatchObject({ state: 'proposed', markCount: 2, days: 14, caseReference: notices[1].reference });
    expect(proposed.marks).toHaveLength(2);

    const byEditor = await postJson(t.baseUrl, `/api/v1/misuse/suspensions/${proposed.id}/decision`, { decision: 'confirm', reasons: MISUSE_REASON }, bearer(editor.token));
    expect(byEditor.status).toBe(403);
    await expectProblem(await postJson(t.baseUrl, `/api/v1/misuse/suspensions/${proposed.id}/decision`, { decision: 'maybe', reasons: '' }, bearer(legal.token)), 422, [
      'decision',
      'reasons',
    ]);
    const confirmed = await postJson(t.baseUrl, `/api/v1/misuse/suspensions/${proposed.id}/decision`, { decision: 'confirm', reasons: MISUSE_REASON }, bearer(legal.token));
    expect(confirmed.status).toBe(200);
    const active = await confirmed.json();
    expect(active.state).toBe('active');
    const until = active.endsAt.slice(0, 10);
    const told = await t.db.pool.query(`SELECT subject, body FROM messages WHERE kind = 'suspension' AND to_address = $1`, [email]);
    expect(told.rows).toHaveLength(1);
    expect(told.rows[0].body).toContain(until);
    expect(told.rows[0].body).toContain('/suspension-appeal');

    const held = await fileAccepted(t.baseUrl, withValue(completeNotice(), 'notifier.email', email));
    expect(held.body).toMatchObject({ status: 'held', heldUntil: expect.stringContaining(until) });
    const receipt = await t.db.pool.query(`SELECT m.body FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1 AND m.kind = 'receipt'`, [held.body.reference]);
    expect(receipt.rows[0].body).toContain(`We will not process this notice`);
    expect(receipt.rows[0].body).toContain(until);
    // Out of the working queue (the open statuses), on record all the same.
    const queue = await (await fetch(`${t.baseUrl}/api/v1/cases?limit=200`, { headers: bearer(editor.token) })).json();
    expect(queue.items.map((item: { reference: string }) => item.reference)).not.toContain(held.body.reference);
    const heldCase = await getCase(held.body.reference);
    expect(heldCase.status).toBe('held');
    expect(heldCase.misuse.senderSuspendedUntil).toBeTruthy();
    expect(heldCase.actions).toEqual(['close']);
    // Its tracking page, like that of every notice of the suspended notifier, leads to the appeal.
    for (const token of [held.token, notices[0].token]) {
      const tracking = await (await fetch(`${t.baseUrl}/track/${token}`)).text();
      expect(tracking).toContain(`Your notices are suspended until`);
      expect(tracking).toContain(`href="/track/${token}/suspension-appeal"`);
    }

    // Legal may release a held filing into the queue.
    const released = await act(held.body.reference, { action: 'release_hold', version: heldCase.version, reason: 'Filed for a different client.' }, legal);
    expect(released.status).toBe(200);
    expect((await released.json()).status).toBe('new');
  });

  it('the suspended notifier appeals through a tracking link; a second legal person lifts it; filings are processed again', async () => {
    const email = 'appellant@example.org';
    const notices = await markedNotices(t, editor, email, 2);
    const proposed = await suspensionOf(t, editor, email);
    await postJson(t.baseUrl, `/api/v1/misuse/suspensions/${proposed.id}/decision`, { decision: 'confirm', reasons: MISUSE_REASON, days: 60 }, bearer(legal.token));
    const page = await (await fetch(`${t.baseUrl}/track/${notices[0].token}/suspension-appeal`)).text();
    expect(page).toContain('Your suspension');
    await expectProblem(await postJson(t.baseUrl, `/api/v1/track/${notices[0].token}/suspension-appeal`, { grounds: '' }), 422, ['grounds']);
    const appealed = await postJson(t.baseUrl, `/api/v1/track/${notices[0].token}/suspension-appeal`, { grounds: 'Each notice concerned a photograph we own.' });
    expect(appealed.status).toBe(200);
    expect(await appealed.json()).toMatchObject({ suspended: true, appealedAt: expect.any(String) });
    expect((await postJson(t.baseUrl, `/api/v1/track/${notices[1].token}/suspension-appeal`, { grounds: 'Again.' })).status).toBe(409);

    const decide = (who: StaffMember) =>
      postJson(t.baseUrl, `/api/v1/misuse/suspensions/${proposed.id}/appeal-decision`, { outcome: 'lifted', answer: 'On review the notices were arguable.' }, bearer(who.token));
    const sameLegal = await decide(legal);
    expect(sameLegal.status).toBe(403);
    const lifted = await decide(otherLegal);
    expect(lifted.status).toBe(200);
    expect((await lifted.json()).state).toBe('lifted');
    const answer = await t.db.pool.query(`SELECT body FROM messages WHERE kind = 'suspension_appeal_answer' AND to_address = $1`, [email]);
    expect(answer.rows[0].body).toContain('lifted the suspension');
    const after = await fileAccepted(t.baseUrl, withValue(completeNotice(), 'notifier.email', email));
    expect(after.body.status).toBe('new');
    expect(await (await fetch(`${t.baseUrl}/track/${notices[0].token}`)).text()).not.toContain('Your notices are suspended');
    // The misuse page no longer calls it suspended: the end it had is past tense.
    const { cookie } = await login(t, legal.email, legal.password);
    const markup = await (await fetch(`${t.baseUrl}/desk/misuse`, { headers: { cookie } })).text();
    const section = new RegExp(`<section[^>]*>\\s*<h2[^>]*>${email}[\\s\\S]*?</section>`).exec(markup)![0];
    expect(section).toContain('Lifted on appeal');
    expect(section).toContain('Was to end on');
    expect(section).not.toContain('Suspended until');
    const events = await t.db.pool.query(`SELECT DISTINCT action FROM events WHERE action LIKE 'misuse.%' ORDER BY action`);
    expect(events.rows.map((row) => row.action)).toEqual(
      expect.arrayContaining(['misuse.marked', 'misuse.suspension_proposed', 'misuse.suspension_confirmed', 'misuse.suspension_appealed', 'misuse.appeal_decided']),
    );
  });

  it('shows proposals on the misuse page; legal declines one there', async () => {
    const email = 'declined@example.org';
    await markedNotices(t, editor, email, 2);
    const proposed = await suspensionOf(t, editor, email);
    const { cookie } = await login(t, legal.email, legal.password);
    const markup = await (await fetch(`${t.baseUrl}/desk/misuse`, { headers: { cookie } })).text();
    expect(markup).toContain(email);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(markup)![1];
    const post = (values: Record<string, string>) =>
      fetch(`${t.baseUrl}/desk/misuse/suspensions/${proposed.id}/decision`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, ...values }).toString(),
      });
    const invalid = await post({ decision: '', reasons: 'Kept text' });
    expect(invalid.status).toBe(422);
    const page = await invalid.text();
    expect(page).toContain('There is a problem');
    expect(page).toContain('Kept text');
    const declined = await post({ decision: 'decline', reasons: 'Two notices are not enough to show intent.' });
    expect(declined.status).toBe(303);
    expect((await suspensionOf(t, editor, email)).state).toBe('declined');
  });
});
