import { bearer, createStaff, expectProblem, login, NO_ACTION_REASONS, postJson, removedContribution, StaffMember } from './factories';
import { startTestApp, TestApp } from './support/test-app';

const ANSWER = 'We looked again at the licence terms and the photograph: our reasons are set out in full here.';

describe('appeals (DSA Art. 20): by the notifier and by the author, decided by a second person', () => {
  let t: TestApp;
  let editor: StaffMember;
  let legal: StaffMember;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await createStaff(t, 'editor', 'Erin Editor');
    legal = await createStaff(t, 'legal', 'Lee Legal');
  });
  afterAll(() => t.close());

  const act = (reference: string, body: Record<string, unknown>, who: StaffMember) => postJson(t.baseUrl, `/api/v1/cases/${reference}/transitions`, body, bearer(who.token));
  const getCase = async (reference: string) => (await fetch(`${t.baseUrl}/api/v1/cases/${reference}`, { headers: bearer(editor.token) })).json();
  const articleState = async () => (await t.db.pool.query(`SELECT state FROM articles WHERE normalized_url LIKE '%heirs-insurance%'`)).rows[0].state;
  const answers = async (reference: string) =>
    (
      await t.db.pool.query(
        `SELECT recipient_role, body FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1 AND m.kind = 'appeal_answer' ORDER BY recipient_role`,
        [reference],
      )
    ).rows;

  it('the author appeals a removal; the decider is refused (four_eyes); a second person reverses it and the article returns', async () => {
    const { reference, respond } = await removedContribution(t, editor);
    await expectProblem(await postJson(t.baseUrl, `/api/v1/respond/${respond}/appeal`, { grounds: '  ' }), 422, ['grounds']);
    const appealed = await postJson(t.baseUrl, `/api/v1/respond/${respond}/appeal`, { grounds: 'The photograph is mine: I took it at the talks and licensed nothing to anyone.' });
    expect(appealed.status).toBe(200);
    expect(await appealed.json()).toMatchObject({ status: 'appealed' });
    expect((await postJson(t.baseUrl, `/api/v1/respond/${respond}/appeal`, { grounds: 'Again, the same grounds as before.' })).status).toBe(409);

    const { cookie } = await login(t, editor.email, editor.password);
    const queue = await (await fetch(`${t.baseUrl}/desk`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(queue).toMatch(/<h2 id="appeal-lane-heading">Appeals/);
    expect(queue.slice(queue.indexOf('appeal-lane-heading'))).toContain(reference);

    const casePage = await (await fetch(`${t.baseUrl}/desk/cases/${reference}`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(casePage).toContain('The author appealed');
    expect(casePage).toContain('I took it at the talks');
    let current = await getCase(reference);
    const refused = await act(reference, { action: 'decide_appeal', version: current.version, outcome: 'uphold', answer: ANSWER }, editor);
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('four_eyes');

    await expectProblem(await act(reference, { action: 'decide_appeal', version: current.version, outcome: 'reverse', answer: ANSWER }, legal), 422, [
      'items',
      'ground',
      'reasons',
    ]);
    const reversed = await act(
      reference,
      {
        action: 'decide_appeal',
        version: current.version,
        outcome: 'reverse',
        answer: ANSWER,
        items: [{ itemId: current.items[0].id, action: 'no_action' }],
        ground: 'not_illegal',
        reasons: NO_ACTION_REASONS,
      },
      legal,
    );
    expect(reversed.status).toBe(200);
    current = await reversed.json();
    expect(current.status).toBe('rejected');
    expect(await articleState()).toBe('live');
    const { rows } = await t.db.pool.query(`SELECT a.appellant, a.outcome, a.decided_by FROM appeals a JOIN cases c ON c.id = a.case_id WHERE c.reference = $1`, [reference]);
    expect(rows).toEqual([{ appellant: 'author', outcome: 'reversed', decided_by: legal.id }]);
    const sent = await answers(reference);
    expect(sent.map((m) => m.recipient_role)).toEqual(['author', 'notifier']);
    for (const message of sent) {
      expect(message.body).toContain(ANSWER);
      expect(message.body).toContain('out-of-court dispute settlement body');
      expect(message.body).toContain('go to court');
    }
  });

  it('the notifier appeals; a second person upholds it and the case returns where it was', async () => {
    const { reference, tracking } = await removedContribution(t, editor);
    const appealed = await postJson(t.baseUrl, `/api/v1/track/${tracking}/appeal`, { grounds: 'The removal should also cover the photo caption, which names my work.' });
    expect(appealed.status).toBe(200);
    expect(await appealed.json()).toMatchObject({ status: 'appealed', actions: { appeal: false } });
    // Upheld through the case page's form, by a second person.
    const { cookie } = await login(t, legal.email, legal.password);
    const casePage = await (await fetch(`${t.baseUrl}/desk/cases/${reference}`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(casePage).toContain('Uphold the decision');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(casePage)![1];
    const current = await getCase(reference);
    const upheld = await fetch(`${t.baseUrl}/desk/cases/${reference}/transitions`, {
      method: 'POST',
      headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, action: 'decide_appeal', version: String(current.version), answer: ANSWER }).toString(),
      redirect: 'manual',
    });
    expect(upheld.status).toBe(303);
    expect((await getCase(reference)).status).toBe('actioned');
    expect(await articleState()).toBe('removed');
    const track = await (await fetch(`${t.baseUrl}/api/v1/track/${tracking}`)).json();
    expect(track.timeline.map((entry: { summary: string }) => entry.summary)).toEqual(
      expect.arrayContaining(['You appealed the decision.', 'Appeal decided: the decision was upheld.']),
    );
    expect((await answers(reference)).map((m) => m.recipient_role)).toEqual(['author', 'notifier']);
  });
});
