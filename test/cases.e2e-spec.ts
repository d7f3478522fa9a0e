import { bearer, completeNotice, createStaff, DEMO_PASSAGE, fileAccepted, postJson, PUBLIC_INTEREST_URL, REMOVAL_REASONS, StaffMember } from './factories';
import { startTestApp, TestApp } from './support/test-app';

describe('the editors’ desk: queue, workflow and decisions', () => {
  let t: TestApp;
  let editor: StaffMember;
  let otherEditor: StaffMember;
  let legal: StaffMember;
  let admin: StaffMember;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await createStaff(t, 'editor', 'Erin Editor');
    otherEditor = await createStaff(t, 'editor');
    legal = await createStaff(t, 'legal', 'Lee Legal');
    admin = await createStaff(t, 'admin');
  });
  afterAll(() => t.close());

  const get = async (path: string, who: StaffMember = editor) => fetch(`${t.baseUrl}${path}`, { headers: bearer(who.token) });
  const getCase = async (reference: string, who: StaffMember = editor) => (await get(`/api/v1/cases/${reference}`, who)).json();
  const act = (reference: string, body: Record<string, unknown>, who: StaffMember = editor) =>
    postJson(t.baseUrl, `/api/v1/cases/${reference}/transitions`, body, bearer(who.token));
  const track = async (token: string) => (await fetch(`${t.baseUrl}/api/v1/track/${token}`)).json();

  it('takes a case from filing to removal: article state, tombstone, messages, tracking page', async () => {
    const { body: filed, token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    let current = await getCase(filed.reference);
    expect(current).toMatchObject({ reference: filed.reference, status: 'new', version: 1, assignee: null });
    expect(current.dueAt).not.toBeNull();
    expect(current.items).toEqual([expect.objectContaining({ id: expect.any(String), url: expect.any(String), articleId: expect.any(String), state: 'pending' })]);

    let response = await act(filed.reference, { action: 'start_review', version: current.version });
    expect(response.status).toBe(200);
    current = await response.json();
    expect(current).toMatchObject({ status: 'in_review', version: 2, assignee: { id: editor.id, name: 'Erin Editor' } });

    response = await act(filed.reference, {
      action: 'decide',
      version: current.version,
      items: [{ itemId: current.items[0].id, action: 'remove' }],
      ground: 'copyright_infringement',
      reasons: REMOVAL_REASONS,
      publicNote: 'Removed at the request of the photographer.',
    });
    expect(response.status).toBe(200);
    current = await response.json();
    expect(current.status).toBe('actioned');
    expect(current.items[0].state).toBe('removed');
    expect(current.decisions).toHaveLength(1);
    expect(current.decisions[0]).toMatchObject({ outcome: 'actioned', ground: 'copyright_infringement', reasons: REMOVAL_REASONS, effective: true });

    const { rows: articles } = await t.db.pool.query(`SELECT slug, state, previous_state FROM articles WHERE id = $1`, [current.items[0].articleId]);
    expect(articles[0]).toMatchObject({ state: 'removed', previous_state: 'live' });

    const tombstone = await fetch(`${t.baseUrl}/removed/${articles[0].slug}`, { headers: { accept: 'application/json' } });
    expect(tombstone.status).toBe(200);
    expect(await tombstone.json()).toMatchObject({
      caseReference: filed.reference,
      noticeType: 'copyright',
      state: 'removed',
      publicNote: 'Removed at the request of the photographer.',
      notifier: 'Doe Photography Ltd',
    });
    const page = await fetch(`${t.baseUrl}/removed/${articles[0].slug}`, { headers: { accept: 'text/html' } });
    const pageText = await page.text();
    expect(pageText).toContain(filed.reference);
    expect(pageText).not.toContain('jane.doe@example.org');
    expect(pageText).not.toContain('Jane Doe');

    const { rows: messages } = await t.db.pool.query(
      `SELECT kind, recipient_role, to_address, body FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1 ORDER BY m.created_at`,
      [filed.reference],
    );
    expect(messages.map((m) => m.kind)).toEqual(['receipt', 'decision', 'statement_of_reasons']);
    expect(messages[1]).toMatchObject({ recipient_role: 'notifier', to_address: 'jane.doe@example.org' });
    expect(messages[1].body).toContain(REMOVAL_REASONS);
    expect(messages[2]).toMatchObject({ recipient_role: 'author', to_address: 'peculiar.adirika@freelanews.com' });
    expect(messages[2].body).toContain('Automated means: none');

    const view = await track(token);
    expect(view.status).toBe('actioned');
    expect(view.decisions).toEqual([expect.objectContaining({ outcome: 'actioned', reasons: REMOVAL_REASONS, items: [expect.objectContaining({ action: 'remove' })] })]);
    expect(view.timeline.map((entry: { action: string }) => entry.action)).toContain('case.decided');
    const trackingPage = await (await fetch(`${t.baseUrl}/track/${token}`)).text();
    expect(trackingPage).toContain('Our decision');
    expect(trackingPage).toContain('no exception applies');
    expect(trackingPage).toContain('within 6 months');

    const { rows: events } = await t.db.pool.query(`SELECT action FROM events WHERE case_reference = $1 ORDER BY id`, [filed.reference]);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['case.start_review', 'case.decide', 'decision.recorded', 'article.state_changed', 'case.decided']));
    await t.db.pool.query(`UPDATE articles SET state = 'live', previous_state = NULL WHERE id = $1`, [current.items[0].articleId]);
  });

  it('asks the notifier for information and resumes review when they answer', async () => {
    const { body: filed, token } = await fileAccepted(t.baseUrl, completeNotice('defamation'));
    let current = await (await act(filed.reference, { action: 'start_review', version: 1 })).json();
    const dueBefore = new Date(current.dueAt).getTime();
    let response = await act(filed.reference, { action: 'request_info', version: current.version, message: 'Which sentence exactly do you say is false?' });
    expect(response.status).toBe(200);
    current = await response.json();
    expect(current).toMatchObject({ status: 'awaiting_info', dueAt: null, slaPaused: true });

    let view = await track(token);
    expect(view.openQuestion).toBe('Which sentence exactly do you say is false?');
    expect(view.actions.supplyInfo).toBe(true);

    // The tracking page shows the question and an answer box; an empty answer is refused.
    const trackingPage = await (await fetch(`${t.baseUrl}/track/${token}`)).text();
    expect(trackingPage).toContain('Which sentence exactly do you say is false?');
    expect(trackingPage).toContain('name="answer"');
    const empty = await fetch(`${t.baseUrl}/track/${token}/supplement`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ answer: '' }).toString(),
      redirect: 'manual',
    });
    expect(empty.status).toBe(422);

    response = await fetch(`${t.baseUrl}/track/${token}/supplement`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ answer: `The sentence "${DEMO_PASSAGE}" is about me and false.` }).toString(),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    view = await track(token);
    expect(view.status).toBe('in_review');
    expect(view.openQuestion).toBeNull();

    current = await getCase(filed.reference);
    expect(current.status).toBe('in_review');
    expect(current.notifierRepliedAt).not.toBeNull();
    expect(current.infoRequests[0].answer).toContain('is about me and false');
    // The clock resumed with what was left, not from scratch.
    expect(Math.abs(new Date(current.dueAt).getTime() - dueBefore)).toBeLessThan(120_000);

    const queue = await (await get('/api/v1/cases?assignee=me&status=in_review')).json();
    expect(queue.items.find((item: { reference: string }) => item.reference === filed.reference)).toMatchObject({ notifierReplied: true });
  });

  it('needs a second person to remove a public-interest article', async () => {
    const notice = { ...completeNotice('copyright'), items: [{ url: PUBLIC_INTEREST_URL }] };
    const { body: filed } = await fileAccepted(t.baseUrl, notice);
    let current = await getCase(filed.reference, legal);
    let response = await act(
      filed.reference,
      { action: 'decide', version: current.version, items: [{ itemId: current.items[0].id, action: 'remove' }], ground: 'copyright_infringement', reasons: REMOVAL_REASONS },
      legal,
    );
    current = await response.json();
    expect(current.status).toBe('pending_approval');
    expect(current.decisions[0]).toMatchObject({ requiresApproval: true, approval: null, effective: false });
    const articleState = async () => (await t.db.pool.query(`SELECT state FROM articles WHERE id = $1`, [current.items[0].articleId])).rows[0].state;
    expect(await articleState()).toBe('live');

    // Not the decider, and not an editor.
    response = await act(filed.reference, { action: 'approve', version: current.version }, legal);
    expect(response.status).toBe(403);
    expect((await response.json()).code).toBe('four_eyes');
    response = await act(filed.reference, { action: 'approve', version: current.version }, editor);
    expect(response.status).toBe(403);

    response = await act(filed.reference, { action: 'approve', version: current.version }, admin);
    expect(response.status).toBe(200);
    current = await response.json();
    expect(current.status).toBe('actioned');
    expect(current.decisions[0].approval).toMatchObject({ outcome: 'approved' });
    expect(await articleState()).toBe('removed');
  });

  it('lets exactly one of 20 concurrent decisions win', async () => {
    const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const current = await getCase(filed.reference);
    const decide = { action: 'decide', version: current.version, items: [{ itemId: current.items[0].id, action: 'no_action' }], ground: 'not_illegal', reasons: REMOVAL_REASONS };
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => act(filed.reference, decide, i % 2 ? editor : otherEditor)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const conflict = await responses.find((r) => r.status === 409)!.json();
    expect(conflict.code).toBe('stale_version');
    expect(conflict.case).toMatchObject({ reference: filed.reference, status: 'rejected' });
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM decisions d JOIN cases c ON c.id = d.case_id WHERE c.reference = $1`, [filed.reference]);
    expect(rows[0].n).toBe(1);
  });

  it('answers 409 for a stale version, 422 for a transition not allowed from the status, 403 for the wrong role', async () => {
    const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('privacy'));
    expect((await act(filed.reference, { action: 'start_review', version: 7 })).status).toBe(409);
    const invalid = await act(filed.reference, { action: 'approve', version: 1 }, admin);
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).code).toBe('invalid_transition');
    expect((await act(filed.reference, { action: 'escalate', version: 1, reason: 'Court order mentioned' })).status).toBe(200);
    const wrongRole = await act(filed.reference, { action: 'decide', version: 2, items: [], ground: 'data_protection', reasons: REMOVAL_REASONS });
    expect(wrongRole.status).toBe(422); // items must not be empty: validation first
    const items = (await getCase(filed.reference)).items.map((item: { id: string }) => ({ itemId: item.id, action: 'remove' }));
    const forbidden = await act(filed.reference, { action: 'decide', version: 2, items, ground: 'data_protection', reasons: REMOVAL_REASONS });
    expect(forbidden.status).toBe(403);
    expect((await act(filed.reference, { action: 'decide', version: 2, items, ground: 'data_protection', reasons: REMOVAL_REASONS }, legal)).status).toBe(200);
    expect((await act(filed.reference, { action: 'fly', version: 3 })).status).toBe(422);
    expect((await act('TD-2026-999999', { action: 'close', version: 1 })).status).toBe(404);
  });

  it('filters, sorts and pages the queue, with counts per status', async () => {
    for (let i = 0; i < 3; i++) await fileAccepted(t.baseUrl, completeNotice('trademark'));
    const all = await (await get('/api/v1/cases?type=trademark&limit=2')).json();
    expect(all.items).toHaveLength(2);
    expect(all.nextCursor).toEqual(expect.any(String));
    expect(all.counts.byStatus.new).toBeGreaterThanOrEqual(3);
    const next = await (await get(`/api/v1/cases?type=trademark&limit=2&cursor=${all.nextCursor}`)).json();
    const seen = [...all.items, ...next.items].map((item: { reference: string }) => item.reference);
    expect(new Set(seen).size).toBe(seen.length);
    const dues = [...all.items, ...next.items].map((item: { dueAt: string }) => item.dueAt);
    expect([...dues].sort()).toEqual(dues);

    const search = await (await get(`/api/v1/cases?q=${encodeURIComponent('jane.doe@')}&status=new,in_review,actioned,rejected,awaiting_info,escalated,pending_approval`)).json();
    expect(search.items.length).toBeGreaterThan(3);
    const byTitle = await (await get(`/api/v1/cases?q=${encodeURIComponent('Istanbul')}&type=trademark`)).json();
    expect(byTitle.items.length).toBeGreaterThanOrEqual(3);
    expect((await get('/api/v1/cases?assignee=unassigned&overdue=false&sort=-received')).status).toBe(200);
    expect((await get('/api/v1/cases?status=bogus')).status).toBe(422);
    expect((await get('/api/v1/cases?cursor=garbage')).status).toBe(422);
  });

  it('refuses control characters in the queue’s text filters with a problem naming the field (a NUL reached PostgreSQL: 500)', async () => {
    for (const [field, value] of [
      ['q', 'jane\u0000doe'],
      ['notifier', 'jane\u0000@example.org'],
      ['cursor', 'abc\u0001'],
    ]) {
      const response = await get(`/api/v1/cases?${field}=${encodeURIComponent(value)}`);
      expect(response.status).toBe(422);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await response.json()).errors).toEqual([expect.objectContaining({ field })]);
    }
  });

  it('keeps internal notes for staff only', async () => {
    const { body: filed, token } = await fileAccepted(t.baseUrl, completeNotice('other'));
    const response = await postJson(t.baseUrl, `/api/v1/cases/${filed.reference}/notes`, { body: 'Check with the court clerk first.' }, bearer(editor.token));
    expect(response.status).toBe(201);
    const detail = await response.json();
    expect(detail.notes).toEqual([expect.objectContaining({ body: 'Check with the court clerk first.', author: { id: editor.id, name: 'Erin Editor' } })]);
    expect(JSON.stringify(await track(token))).not.toContain('court clerk');
  });
});
