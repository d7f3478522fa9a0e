import { bearer, createStaff, expectProblem, postJson, removedContribution, StaffMember } from './factories';
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
      const login = await postJson(t.baseUrl, '/api/v1/auth/login', { email: who.email, password: who.password });
      const cookie = login.headers.getSetCookie()[0].split(';')[0];
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
