import { bearer, browserSession, completeNotice, createStaff, expectProblem, fileAccepted, postJson, StaffMember } from './factories';
import { startTestApp, TestApp } from './support/test-app';

const BULK = '/api/v1/cases:bulk';

describe('bulk actions on the queue: POST /api/v1/cases:bulk', () => {
  let t: TestApp;
  let editor: StaffMember;
  let otherEditor: StaffMember;
  let legal: StaffMember;
  let admin: StaffMember;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await createStaff(t, 'editor', 'Erin Editor');
    otherEditor = await createStaff(t, 'editor', 'Otto Other');
    legal = await createStaff(t, 'legal', 'Lee Legal');
    admin = await createStaff(t, 'admin', 'Ada Admin');
  });
  afterAll(() => t.close());

  const freshCases = async (count: number): Promise<Array<{ reference: string; version: number }>> => {
    const cases = [];
    for (let i = 0; i < count; i++) cases.push({ reference: (await fileAccepted(t.baseUrl, completeNotice('copyright'))).body.reference as string, version: 1 });
    return cases;
  };
  const bulk = (body: Record<string, unknown>, who: StaffMember = editor) => postJson(t.baseUrl, BULK, body, bearer(who.token));
  const bulk207 = async (body: Record<string, unknown>, who: StaffMember = editor) => {
    const response = await bulk(body, who);
    const text = await response.text();
    expect({ status: response.status, body: text.slice(0, 300) }).toEqual({ status: 207, body: expect.any(String) });
    return JSON.parse(text);
  };
  const eventsOf = async (references: string[], action: string) => {
    const { rows } = await t.db.pool.query(`SELECT case_reference FROM events WHERE action = $1 AND case_reference = ANY($2) ORDER BY id`, [action, references]);
    return rows.map((row: { case_reference: string }) => row.case_reference).sort();
  };
  const caseRow = async (reference: string) => (await t.db.pool.query(`SELECT status, version, assignee_id FROM cases WHERE reference = $1`, [reference])).rows[0];

  it('assigns each case to me, with one transition and one event per case', async () => {
    const cases = await freshCases(3);
    const answer = await bulk207({ action: 'assign', cases });
    expect(answer).toMatchObject({ done: 3, refused: 0 });
    expect(answer.results).toEqual(
      cases.map(({ reference }) => ({
        reference,
        status: 200,
        message: `${reference}: assigned to Erin Editor`,
        case: { version: 2, status: 'new', assignee: { id: editor.id, name: 'Erin Editor' } },
      })),
    );
    const references = cases.map((c) => c.reference);
    expect(await eventsOf(references, 'case.assign')).toEqual([...references].sort());
    for (const reference of references) expect(await caseRow(reference)).toMatchObject({ version: 2, assignee_id: editor.id });
  });

  it('lets legal assign a named staff member; an editor may assign only themself (403 for the whole request, nothing changed)', async () => {
    const cases = await freshCases(2);
    const refused = await expectProblem(await bulk({ action: 'assign', assigneeId: otherEditor.id, cases }), 403, ['assigneeId']);
    expect(refused.detail).toMatch(/only to yourself/);
    expect(
      await eventsOf(
        cases.map((c) => c.reference),
        'case.assign',
      ),
    ).toEqual([]);

    const answer = await bulk207({ action: 'assign', assigneeId: otherEditor.id, cases }, legal);
    expect(answer.results.map((r: { message: string }) => r.message)).toEqual(cases.map((c) => `${c.reference}: assigned to Otto Other`));
    await expectProblem(await bulk({ action: 'assign', assigneeId: '00000000-0000-4000-8000-000000000000', cases }, legal), 422, ['assigneeId']);
  });

  it('escalates what it can: an escalated case, a stale version and an unknown case are refused each on its own', async () => {
    const [open, escalatedBefore, stale, alsoOpen] = await freshCases(4);
    await bulk207({ action: 'escalate', reason: 'Needs a lawyer.', cases: [escalatedBefore] });
    await bulk207({ action: 'assign', cases: [stale] });
    const answer = await bulk207({
      action: 'escalate',
      reason: 'The notice names a court order: legal should look.',
      cases: [open, { ...escalatedBefore, version: 2 }, stale, { reference: 'TD-2026-999999', version: 1 }, alsoOpen],
    });
    expect(answer).toMatchObject({ done: 2, refused: 3 });
    const [first, second, third, fourth, fifth] = answer.results;
    expect(first).toMatchObject({ status: 200, message: `${open.reference}: escalated to legal`, case: { status: 'escalated', version: 2 } });
    expect(second).toMatchObject({ status: 422, message: `${escalatedBefore.reference}: not escalated: it is escalated to legal`, problem: { code: 'invalid_transition' } });
    expect(third).toMatchObject({
      status: 409,
      message: `${stale.reference}: not escalated: it changed since you loaded the page (now version 2, new)`,
      problem: { code: 'stale_version', currentVersion: 2, currentStatus: 'new' },
    });
    expect(third.problem.case).toBeUndefined();
    expect(fourth).toMatchObject({ status: 404, message: 'TD-2026-999999: not escalated: there is no such case' });
    expect(fifth).toMatchObject({ status: 200, case: { status: 'escalated' } });
    // One transition per case that moved; the refused ones are untouched.
    expect(await eventsOf([open.reference, escalatedBefore.reference, stale.reference, alsoOpen.reference], 'case.escalate')).toEqual(
      [open.reference, escalatedBefore.reference, alsoOpen.reference].sort(),
    );
    expect(await caseRow(stale.reference)).toMatchObject({ status: 'new', version: 2 });
  });

  it('closes cases as duplicates of a named case, refusing the named case itself', async () => {
    const [earlier, later, latest] = await freshCases(3);
    const answer = await bulk207({ action: 'close_duplicate', duplicateOf: earlier.reference, cases: [later, earlier, latest] });
    expect(answer.results.map((r: { status: number; message: string }) => [r.status, r.message])).toEqual([
      [200, `${later.reference}: closed as a duplicate of ${earlier.reference}`],
      [422, `${earlier.reference}: not closed as a duplicate: Name another existing case (its reference).`],
      [200, `${latest.reference}: closed as a duplicate of ${earlier.reference}`],
    ]);
    expect(await caseRow(later.reference)).toMatchObject({ status: 'duplicate' });
    expect(await caseRow(earlier.reference)).toMatchObject({ status: 'new', version: 1 });
    expect(await eventsOf([later.reference, latest.reference], 'case.close_duplicate')).toEqual([later.reference, latest.reference].sort());
  });

  it('adds the note to each case, also to cases assigned to someone else', async () => {
    const cases = await freshCases(2);
    await bulk207({ action: 'assign', cases: [cases[0]] });
    const answer = await bulk207({ action: 'note', note: 'Same sender as last week: check the licence.', cases }, otherEditor);
    expect(answer.results.map((r: { message: string }) => r.message)).toEqual(cases.map((c) => `${c.reference}: note added`));
    expect(
      await eventsOf(
        cases.map((c) => c.reference),
        'case.note_added',
      ),
    ).toEqual(cases.map((c) => c.reference).sort());
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM case_notes n JOIN cases c ON c.id = n.case_id WHERE c.reference = ANY($1)`, [
      cases.map((c) => c.reference),
    ]);
    expect(rows[0].n).toBe(2);
  });

  it('refuses per case what only the assignee (or legal and admin) may do', async () => {
    const cases = await freshCases(2);
    await bulk207({ action: 'assign', cases: [cases[0]] });
    const answer = await bulk207({ action: 'escalate', reason: 'Over to legal.', cases: [{ ...cases[0], version: 2 }, cases[1]] }, otherEditor);
    expect(answer.results.map((r: { status: number; message: string }) => [r.status, r.message])).toEqual([
      [403, `${cases[0].reference}: not escalated: it is assigned to someone else`],
      [200, `${cases[1].reference}: escalated to legal`],
    ]);
    // Admin may act on anyone's case.
    const byAdmin = await bulk207({ action: 'assign', assigneeId: legal.id, cases: [{ ...cases[0], version: 2 }] }, admin);
    expect(byAdmin.results[0]).toMatchObject({ status: 200, message: `${cases[0].reference}: assigned to Lee Legal` });
  });

  it('names each bad field as problem+json', async () => {
    await expectProblem(await bulk({ action: 'assign', cases: [] }), 422, ['cases']);
    const many = Array.from({ length: 101 }, (_, i) => ({ reference: `TD-2026-${String(i + 1).padStart(6, '0')}`, version: 1 }));
    await expectProblem(await bulk({ action: 'assign', cases: many }), 422, ['cases']);
    await expectProblem(await bulk({ action: 'paint', cases: [{ reference: 'TD-2026-000001', version: 1 }] }), 422, ['action']);
    await expectProblem(await bulk({ action: 'escalate', cases: [{ reference: 'TD-2026-000001', version: 1 }] }), 422, ['reason']);
    await expectProblem(await bulk({ action: 'close_duplicate', duplicateOf: '  ', cases: [{ reference: 'TD-2026-000001', version: 1 }] }), 422, ['duplicateOf']);
    await expectProblem(await bulk({ action: 'note', cases: [{ reference: 'TD-2026-000001', version: 1 }] }), 422, ['note']);
    await expectProblem(await bulk({ action: 'assign', cases: [{ reference: 'TD-2026-000001', version: 'two' }, { reference: 'nope' }, 'x'], colour: 'red' }), 422, [
      'cases[0].version',
      'cases[1].reference',
      'cases[1].version',
      'cases[2]',
      'colour',
    ]);
    await expectProblem(
      await bulk({
        action: 'assign',
        cases: [
          { reference: 'TD-2026-000001', version: 1 },
          { reference: 'TD-2026-000001', version: 1 },
        ],
      }),
      422,
      ['cases[1].reference'],
    );
    const anonymous = await postJson(t.baseUrl, BULK, { action: 'assign', cases: [{ reference: 'TD-2026-000001', version: 1 }] });
    expect(anonymous.status).toBe(401);
  });

  describe('the queue’s bulk form (POST /desk/bulk)', () => {
    const queuePage = async (cookie: string, query = '') => (await fetch(`${t.baseUrl}/desk${query}`, { headers: { cookie, accept: 'text/html' } })).text();
    const send = async (who: { cookie: string; csrf?: string }, fields: Array<[string, string]>) => {
      const body = new URLSearchParams(who.csrf ? [['_csrf', who.csrf], ...fields] : fields);
      const response = await fetch(`${t.baseUrl}/desk/bulk`, {
        method: 'POST',
        headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body: body.toString(),
        redirect: 'manual',
      });
      // Done, the form answers 303 to the run's own page: its address and what it shows.
      const location = response.headers.get('location');
      if (response.status !== 303 || !location) return { status: response.status, page: await response.text(), location: null };
      const shown = await fetch(`${t.baseUrl}${location}`, { headers: { cookie: who.cookie, accept: 'text/html' } });
      expect(shown.status).toBe(200);
      return { status: response.status, page: await shown.text(), location };
    };
    const ticked = (cases: Array<{ reference: string; version: number }>): Array<[string, string]> =>
      cases.flatMap(({ reference, version }) => [
        ['case', reference],
        [`version-${reference}`, String(version)],
      ]);
    const text = (markup: string) => markup.replace(/<[^>]+>/g, '').replace(/&#39;|&#x27;/g, "'");

    it('shows a labelled box and the version per row; "select all" ticks every box on the page', async () => {
      const [filed] = await freshCases(1);
      const who = await browserSession(t, editor);
      const page = await queuePage(who.cookie, '?q=' + filed.reference);
      expect(page).toMatch(new RegExp(`<input type="checkbox" id="select-${filed.reference}" name="case" value="${filed.reference}" form="bulk-form">`));
      expect(page).toContain(`<label for="select-${filed.reference}" class="visually-hidden">Select ${filed.reference}</label>`);
      expect(page).toContain(`name="version-${filed.reference}" value="1"`);
      expect(page).toMatch(/<form id="bulk-form"[^>]*method="post" action="\/desk\/bulk"/);
      expect(page).toContain(`<input type="hidden" name="queue" value="q=${filed.reference}">`);
      const all = await queuePage(who.cookie, `?q=${filed.reference}&select=all`);
      expect(all).toMatch(new RegExp(`id="select-${filed.reference}" name="case" value="${filed.reference}" form="bulk-form" checked>`));
      // An editor assigns only themself: the choice offers nobody else.
      expect(/<select id="f-assigneeId"[^>]*>(.*?)<\/select>/.exec(page)![1]).toBe('<option value="me" selected>Me</option>');
    });

    it('assigns the ticked cases and lists each outcome, with a link back to the queue and its filters', async () => {
      const cases = await freshCases(2);
      const who = await browserSession(t, editor);
      const { status, page, location } = await send(who, [['action', 'assign'], ['assigneeId', 'me'], ['queue', 'status=new&type=copyright'], ...ticked(cases)]);
      expect(status).toBe(303);
      expect(location).toMatch(/^\/desk\/bulk\/[0-9a-f-]{36}$/);
      for (const { reference } of cases) expect(text(page)).toContain(`${reference}: assigned to Erin Editor`);
      expect(page).toContain('href="/desk?status=new&amp;type=copyright">Back to the queue</a>');
      expect(
        await eventsOf(
          cases.map((c) => c.reference),
          'case.assign',
        ),
      ).toEqual(cases.map((c) => c.reference).sort());
    });

    it('reports a conflict for a case changed since the page was loaded, and escalates the rest', async () => {
      const [changed, untouched] = await freshCases(2);
      await bulk207({ action: 'assign', cases: [changed] });
      const who = await browserSession(t, editor);
      const { status, page } = await send(who, [['action', 'escalate'], ['reason', 'Court order attached.'], ['queue', ''], ...ticked([changed, untouched])]);
      expect(status).toBe(303);
      expect(text(page)).toContain(`${changed.reference}: not escalated: it changed since you loaded the page (now version 2, new)`);
      expect(text(page)).toContain(`${untouched.reference}: escalated to legal`);
      expect(await caseRow(changed.reference)).toMatchObject({ status: 'new', version: 2 });
    });

    it('keeps the outcome at an address of its own: shown again on refresh with nothing sent twice, and only to its sender', async () => {
      const cases = await freshCases(2);
      const who = await browserSession(t, editor);
      const { location, page } = await send(who, [['action', 'note'], ['note', 'Checked the licence register.'], ['queue', ''], ...ticked(cases)]);
      const notes = async () =>
        (await t.db.pool.query(`SELECT count(*)::int AS n FROM case_notes n JOIN cases c ON c.id = n.case_id WHERE c.reference = ANY($1)`, [cases.map((c) => c.reference)])).rows[0]
          .n;
      expect(await notes()).toBe(2);
      const again = await fetch(`${t.baseUrl}${location}`, { headers: { cookie: who.cookie, accept: 'text/html' } });
      expect(again.status).toBe(200);
      expect(text(await again.text())).toBe(text(page));
      expect(await notes()).toBe(2);
      expect(text(page)).toMatch(/Sent by you on \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC\./);

      // Another staff member, a made-up id or no id at all: not found, as a page.
      const other = await browserSession(t, legal);
      for (const path of [location!, '/desk/bulk/00000000-0000-4000-8000-000000000000', '/desk/bulk/not-an-id']) {
        const refused = await fetch(`${t.baseUrl}${path}`, { headers: { cookie: other.cookie, accept: 'text/html' } });
        expect({ path, status: refused.status }).toEqual({ path, status: 404 });
        expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
      }
    });

    it('shows bad input again beside the fields, with the boxes still ticked', async () => {
      const cases = await freshCases(2);
      const who = await browserSession(t, editor);
      const refused = await send(who, [['action', 'escalate'], ['reason', '  '], ['note', 'kept as typed'], ['queue', `q=${cases[0].reference}`], ...ticked(cases)]);
      expect(refused.status).toBe(422);
      expect(refused.page).toContain('<title>Error: Queue');
      expect(refused.page).toMatch(/<div class="field has-error"><label for="f-reason">Reason<\/label>.*Give a reason\./s);
      expect(refused.page).toMatch(new RegExp(`id="select-${cases[0].reference}" name="case" value="${cases[0].reference}" form="bulk-form" checked>`));
      expect(refused.page).toContain('kept as typed</textarea>');
      expect(refused.page).toContain('<option value="escalate" selected>');

      const none = await send(who, [
        ['action', 'note'],
        ['note', 'Hello'],
        ['queue', ''],
      ]);
      expect(none.status).toBe(422);
      expect(none.page).toMatch(/id="f-cases"[^>]*>.*Choose at least one case\./);
      const noAction = await send(who, [['action', ''], ['queue', ''], ...ticked(cases)]);
      expect(noAction.page).toContain('Choose an action.');
      expect(
        await eventsOf(
          cases.map((c) => c.reference),
          'case.escalate',
        ),
      ).toEqual([]);
    });

    it('needs the form’s CSRF token', async () => {
      const [filed] = await freshCases(1);
      const who = await browserSession(t, editor);
      const { status } = await send({ cookie: who.cookie }, [['action', 'note'], ['note', 'No token'], ['queue', ''], ...ticked([filed])]);
      expect(status).toBe(403);
      expect(await eventsOf([filed.reference], 'case.note_added')).toEqual([]);
    });
  });
});
