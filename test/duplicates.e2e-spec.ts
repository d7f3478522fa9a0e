import { bearer, completeNotice, createStaff, expectProblem, fileAccepted, postJson, StaffMember, withValue } from './factories';
import { startTestApp, TestApp } from './support/test-app';

// Probable duplicates (issue 11): same notifier, same URLs, same claimed work, within 30 days
// of an open case; merged (closed as duplicate, the notifier told) or kept apart.
describe('duplicates and the staff article page', () => {
  let t: TestApp;
  let editor: StaffMember;
  let senders = 0;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await createStaff(t, 'editor', 'Erin Editor');
  });
  afterAll(() => t.close());

  const sender = () => `dup-sender-${++senders}@example.org`;
  const noticeFrom = (email: string) => withValue(completeNotice('copyright'), 'notifier.email', email);
  const file = async (notice: unknown) => (await fileAccepted(t.baseUrl, notice)).body.reference as string;
  const getCase = async (reference: string) => (await fetch(`${t.baseUrl}/api/v1/cases/${reference}`, { headers: bearer(editor.token) })).json();
  const act = (reference: string, body: Record<string, unknown>) => postJson(t.baseUrl, `/api/v1/cases/${reference}/transitions`, body, bearer(editor.token));

  it('links a repeated notice to the earlier open case, shown on both cases', async () => {
    const email = sender();
    const first = await file(noticeFrom(email));
    // The same work in other spacing and case, the URL with a tracking parameter.
    const again = withValue(noticeFrom(email), 'work.description', '  my photograph "ISTANBUL talks", first published on my site ');
    const second = await file(withValue(again, 'items', [{ url: `${completeNotice().items[0].url}?utm_source=mail` }]));
    const later = await getCase(second);
    expect(later.duplicates.earlier).toMatchObject({ reference: first, link: 'open' });
    expect(later.actions).toContain('keep_apart');
    const earlier = await getCase(first);
    expect(earlier.duplicates.later).toEqual([expect.objectContaining({ reference: second, link: 'open' })]);
    expect(earlier.actions).not.toContain('keep_apart');
    const filed = later.timeline.find((event: { action: string }) => event.action === 'notice.filed');
    expect(filed.data.probableDuplicateOf).toBe(first);
  });

  it('does not link another notifier, another work, a closed case or one older than 30 days', async () => {
    const email = sender();
    const first = await file(noticeFrom(email));
    expect((await getCase(await file(noticeFrom(sender())))).duplicates.earlier).toBeNull();
    expect((await getCase(await file(withValue(noticeFrom(email), 'work.description', 'A different photograph of the talks')))).duplicates.earlier).toBeNull();

    await t.db.pool.query(`UPDATE cases SET received_at = now() - interval '31 days' WHERE reference = $1`, [first]);
    expect((await getCase(await file(noticeFrom(email)))).duplicates.earlier).toBeNull();

    const other = sender();
    const closed = await file(noticeFrom(other));
    await t.db.pool.query(`UPDATE cases SET status = 'withdrawn' WHERE reference = $1`, [closed]);
    expect((await getCase(await file(noticeFrom(other)))).duplicates.earlier).toBeNull();
  });

  it('merges a duplicate into the earlier case: closed as duplicate, the notifier told, both timelines say so', async () => {
    const email = sender();
    const first = await file(noticeFrom(email));
    const second = await file(noticeFrom(email));
    const current = await getCase(second);
    await expectProblem(await act(second, { action: 'close_duplicate', version: current.version, duplicateOf: second }), 422, ['duplicateOf']);
    const merged = await act(second, { action: 'close_duplicate', version: current.version, duplicateOf: first.toLowerCase() });
    expect(merged.status).toBe(200);
    const after = await merged.json();
    expect(after.status).toBe('duplicate');
    expect(after.duplicates.earlier).toMatchObject({ reference: first, link: 'merged' });
    const { rows } = await t.db.pool.query(
      `SELECT m.to_address, m.subject, m.body FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1 AND m.kind = 'duplicate_merged'`,
      [second],
    );
    expect(rows).toEqual([expect.objectContaining({ to_address: email })]);
    expect(rows[0].body).toContain(`which we are already handling`);
    expect(rows[0].subject).toContain(first);
    const earlier = await getCase(first);
    expect(earlier.timeline.map((event: { action: string }) => event.action)).toContain('case.duplicate_merged');
    expect(earlier.duplicates.later).toEqual([expect.objectContaining({ reference: second, link: 'merged' })]);
  });

  it('keeps a probable duplicate apart: the link is dismissed, once', async () => {
    const email = sender();
    const first = await file(noticeFrom(email));
    const second = await file(noticeFrom(email));
    const current = await getCase(second);
    const kept = await act(second, { action: 'keep_apart', version: current.version });
    expect(kept.status).toBe(200);
    const after = await kept.json();
    expect(after).toMatchObject({ status: 'new', duplicates: { earlier: { reference: first, link: 'kept_apart' } } });
    expect(after.actions).not.toContain('keep_apart');
    const again = await act(second, { action: 'keep_apart', version: after.version });
    expect(again.status).toBe(409);
    expect((await again.json()).code).toBe('no_probable_duplicate');
    expect((await getCase(first)).duplicates.later).toEqual([expect.objectContaining({ reference: second, link: 'kept_apart' })]);
  });

  it('shows every case and decision about an article on its page, linked from the case page', async () => {
    const { rows } = await t.db.pool.query(`SELECT slug FROM articles WHERE canonical_url = $1`, [completeNotice().items[0].url]);
    const slug = rows[0].slug;
    const reference = await file(noticeFrom(sender()));
    const api = await (await fetch(`${t.baseUrl}/api/v1/articles/${slug}/cases`, { headers: bearer(editor.token) })).json();
    expect(api.article).toMatchObject({ slug });
    expect(api.cases.map((row: { reference: string }) => row.reference)).toContain(reference);
    const probable = api.cases.filter((row: { probableDuplicateOf: unknown }) => row.probableDuplicateOf);
    expect(probable.length).toBeGreaterThan(0);

    const login = await postJson(t.baseUrl, '/api/v1/auth/login', { email: editor.email, password: editor.password });
    const cookie = login.headers.getSetCookie()[0].split(';')[0];
    const casePage = await (await fetch(`${t.baseUrl}/desk/cases/${reference}`, { headers: { cookie } })).text();
    expect(casePage).toContain(`href="/desk/articles/${slug}"`);
    const articlePage = await fetch(`${t.baseUrl}/desk/articles/${slug}`, { headers: { cookie } });
    expect(articlePage.status).toBe(200);
    const markup = await articlePage.text();
    expect(markup).toContain(reference);
    expect(markup).toContain('Cases about this article');
    expect((await fetch(`${t.baseUrl}/desk/articles/no-such-article`, { headers: { cookie } })).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/api/v1/articles/no-such-article/cases`, { headers: bearer(editor.token) })).status).toBe(404);
  });
});
