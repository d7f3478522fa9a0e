import { RestorationService } from '../src/aftercare/restoration.service';
import { bearer, COMPLETE_COUNTER_NOTICE, createStaff, expectProblem, login, NO_ACTION_REASONS, postJson, removedContribution, StaffMember, transition } from './factories';
import { startTestApp, TestApp } from './support/test-app';

const AUTHOR = 'ada.contributor@example.org';

// Repeat infringers (DMCA §512(i)): strikes from copyright removals of contributed articles,
// expiry, legal's account decision at the threshold.
describe('strikes against contributors', () => {
  let t: TestApp;
  let editor: StaffMember;
  let legal: StaffMember;

  beforeAll(async () => {
    t = await startTestApp({ STRIKE_THRESHOLD: '2', STRIKE_EXPIRY_MONTHS: '12' });
    editor = await createStaff(t, 'editor', 'Erin Editor');
    legal = await createStaff(t, 'legal', 'Lee Legal');
  });
  afterAll(() => t.close());

  const contributors = async () => (await fetch(`${t.baseUrl}/api/v1/contributors`, { headers: bearer(editor.token) })).json();
  const author = async () => (await contributors()).contributors.find((c: { authorEmail: string }) => c.authorEmail === AUTHOR);

  it('strikes the author for each copyright removal; expired strikes do not count; at the threshold legal decides', async () => {
    expect((await contributors()).contributors).toEqual([]);
    const first = await removedContribution(t, editor);
    expect(await author()).toMatchObject({ activeStrikes: 1, allStrikes: 1, reviews: [] });
    // A year later the first strike has expired.
    await t.db.pool.query(`UPDATE contributor_strikes SET expires_at = now() - interval '1 day'`);
    await removedContribution(t, editor);
    expect(await author()).toMatchObject({ activeStrikes: 1, allStrikes: 2, reviews: [] });
    await removedContribution(t, editor);
    const struck = await author();
    expect(struck).toMatchObject({ activeStrikes: 2, allStrikes: 3 });
    expect(struck.reviews).toEqual([expect.objectContaining({ activeStrikes: 2, outcome: null })]);
    expect(struck.strikes.map((s: { caseReference: string }) => s.caseReference)).toContain(first.reference);
    const events = await t.db.pool.query(`SELECT action FROM events WHERE action LIKE 'strike.%' ORDER BY id`);
    expect(events.rows.map((row) => row.action)).toEqual(['strike.recorded', 'strike.recorded', 'strike.recorded', 'strike.review_opened']);

    const reviewId = struck.reviews[0].id;
    const decide = (who: StaffMember, body: unknown) => postJson(t.baseUrl, `/api/v1/contributors/reviews/${reviewId}/decision`, body, bearer(who.token));
    expect((await decide(editor, { outcome: 'terminate', reasons: 'Three removals.' })).status).toBe(403);
    await expectProblem(await decide(legal, { outcome: 'ban', reasons: '' }), 422, ['outcome', 'reasons']);
    const decided = await decide(legal, { outcome: 'terminate', reasons: 'Two upheld copyright removals within a year.' });
    expect(decided.status).toBe(200);
    expect((await decide(legal, { outcome: 'keep', reasons: 'Changed my mind.' })).status).toBe(409);
    expect((await author()).reviews[0]).toMatchObject({ outcome: 'terminate', decidedBy: { name: 'Lee Legal' } });
  });

  it('lists contributors on a page for staff, with the decision form for legal only', async () => {
    const page = async (who: StaffMember) => {
      const { cookie } = await login(t, who.email, who.password);
      return (await fetch(`${t.baseUrl}/desk/contributors`, { headers: { cookie } })).text();
    };
    await removedContribution(t, editor);
    const forEditor = await page(editor);
    expect(forEditor).toContain(AUTHOR);
    expect(forEditor).toContain('Contributors with strikes');
    expect(forEditor).not.toContain('Record the decision');
    // Another review opens once the next strike keeps the author at the threshold.
    const forLegal = await page(legal);
    expect(forLegal).toContain('Record the decision');
  });
});

// A strike is withdrawn, not deleted, when the removal it counted is undone.
describe('strikes withdrawn when the removal is undone', () => {
  let t: TestApp;
  let editor: StaffMember;
  let legal: StaffMember;

  beforeAll(async () => {
    t = await startTestApp({ STRIKE_THRESHOLD: '2', STRIKE_EXPIRY_MONTHS: '12' });
    editor = await createStaff(t, 'editor', 'Erin Editor');
    legal = await createStaff(t, 'legal', 'Lee Legal');
  });
  afterAll(() => t.close());

  const author = async () =>
    ((await (await fetch(`${t.baseUrl}/api/v1/contributors`, { headers: bearer(editor.token) })).json()).contributors as Array<{ authorEmail: string }>).find(
      (c) => c.authorEmail === AUTHOR,
    ) as Record<string, any>;
  const strikeOf = async (reference: string) =>
    (await t.db.pool.query(`SELECT s.withdrawn_at, s.withdrawn_reason FROM contributor_strikes s JOIN cases c ON c.id = s.case_id WHERE c.reference = $1`, [reference])).rows;
  const eventsOf = async (action: string) => (await t.db.pool.query(`SELECT actor_type, case_reference, data FROM events WHERE action = $1 ORDER BY id`, [action])).rows;

  it('reversed on appeal: the strike is withdrawn, the open review shows the count dropped and stays for legal', async () => {
    await removedContribution(t, editor);
    const second = await removedContribution(t, editor);
    expect(await author()).toMatchObject({ activeStrikes: 2, reviews: [expect.objectContaining({ activeStrikes: 2, withdrawnStrikes: 0, outcome: null })] });

    const grounds = { grounds: 'The photograph is mine: I took it at the talks and licensed nothing to anyone.' };
    expect((await postJson(t.baseUrl, `/api/v1/respond/${second.respond}/appeal`, grounds)).status).toBe(200);
    const current = await (await fetch(`${t.baseUrl}/api/v1/cases/${second.reference}`, { headers: bearer(legal.token) })).json();
    const reversed = await postJson(
      t.baseUrl,
      `/api/v1/cases/${second.reference}/transitions`,
      {
        action: 'decide_appeal',
        version: current.version,
        outcome: 'reverse',
        answer: 'We looked again at the licence terms and the photograph: the removal is reversed.',
        items: [{ itemId: current.items[0].id, action: 'no_action' }],
        ground: 'not_illegal',
        reasons: NO_ACTION_REASONS,
      },
      bearer(legal.token),
    );
    expect(reversed.status).toBe(200);

    const [row] = await strikeOf(second.reference);
    expect(row.withdrawn_reason).toBe('appeal_reversed');
    expect(row.withdrawn_at).toBeInstanceOf(Date);
    const after = await author();
    expect(after).toMatchObject({ activeStrikes: 1, allStrikes: 2, withdrawnStrikes: 1 });
    expect(after.strikes.find((s: { caseReference: string }) => s.caseReference === second.reference)).toMatchObject({
      active: false,
      withdrawn: { cause: 'appeal_reversed' },
    });
    // The review is not closed behind legal's back: it shows the count dropped below the threshold.
    expect(after.reviews).toEqual([expect.objectContaining({ activeStrikes: 2, withdrawnStrikes: 1, outcome: null })]);
    expect(await eventsOf('strike.withdrawn')).toEqual([
      expect.objectContaining({ actor_type: 'staff', case_reference: second.reference, data: expect.objectContaining({ cause: 'appeal_reversed', activeStrikes: 1 }) }),
    ]);
    expect(await eventsOf('strike.review_count_dropped')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ activeStrikes: 1, withdrawn: 1, belowThreshold: true }) }),
    ]);

    const { cookie } = await login(t, legal.email, legal.password);
    const page = await (await fetch(`${t.baseUrl}/desk/contributors`, { headers: { cookie } })).text();
    expect(page).toContain('Withdrawn');
    expect(page).toContain('the removal was reversed on appeal; it no longer counts');
    expect(page).toContain('1 of the 2 strikes counted here was withdrawn since; 1 active now, below the threshold of 2.');
  });

  it('threshold recount: a withdrawn strike no longer counts toward it; the next removal counts from what stands', async () => {
    await removedContribution(t, editor);
    const counted = await author();
    expect(counted).toMatchObject({ activeStrikes: 2, allStrikes: 3, withdrawnStrikes: 1 });
    // The review still open for this author covers the new crossing: no second review.
    expect(counted.reviews).toHaveLength(1);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM contributor_strikes WHERE author_email = $1 AND withdrawn_at IS NULL AND expires_at > now()`, [AUTHOR]);
    expect(rows[0].n).toBe(2);
  });

  it('restored after a counter-notice: the strike is withdrawn by the desk', async () => {
    const removed = await removedContribution(t, editor);
    expect((await author()).activeStrikes).toBe(3);
    const filed = await postJson(t.baseUrl, `/api/v1/respond/${removed.respond}/counter-notice`, COMPLETE_COUNTER_NOTICE);
    expect(await filed.json()).toMatchObject({ complete: true, status: 'counter_noticed' });
    const { rows } = await t.db.pool.query(`SELECT restore_earliest_at FROM cases WHERE reference = $1`, [removed.reference]);
    await t.app.get(RestorationService).sweep(rows[0].restore_earliest_at);

    const [row] = await strikeOf(removed.reference);
    expect(row.withdrawn_reason).toBe('content_restored');
    expect(await author()).toMatchObject({ activeStrikes: 2, allStrikes: 4, withdrawnStrikes: 2 });
    const withdrawn = (await eventsOf('strike.withdrawn')).filter((event) => event.case_reference === removed.reference);
    expect(withdrawn).toEqual([expect.objectContaining({ actor_type: 'system', data: expect.objectContaining({ cause: 'content_restored', activeStrikes: 2 }) })]);
  });

  it('a reopened case decided again: the same removal keeps its one strike; no removal withdraws it', async () => {
    const admin = await createStaff(t, 'admin', 'Ann Admin');
    const removed = await removedContribution(t, editor);
    expect(await author()).toMatchObject({ activeStrikes: 3, allStrikes: 5 });
    const act = async (who: StaffMember, body: Record<string, unknown>) => {
      const response = await transition(t.baseUrl, removed.reference, body, who);
      expect(response.status).toBe(200);
      return response.json();
    };
    const reopenAndDecide = async (action: string, ground: string, reasons: string) => {
      const reopened = await act(admin, { action: 'reopen', reason: 'The licence turned up after the decision.' });
      await act(editor, { action: 'decide', items: [{ itemId: reopened.items[0].id, action }], ground, reasons });
    };
    await reopenAndDecide('remove', 'copyright_infringement', 'The photograph is reproduced in full without a licence; no exception applies here.');
    expect(await author()).toMatchObject({ activeStrikes: 3, allStrikes: 5 });
    await reopenAndDecide('no_action', 'not_illegal', NO_ACTION_REASONS);
    expect(await strikeOf(removed.reference)).toEqual([expect.objectContaining({ withdrawn_reason: 'decision_reversed' })]);
    expect(await author()).toMatchObject({ activeStrikes: 2, allStrikes: 5, withdrawnStrikes: 3 });
  });
});
