import { bearer, completeNotice, createStaff, DEMO_PASSAGE, fileAccepted, login, postJson, REMOVAL_REASONS, StaffMember } from './factories';
import { startTestApp, TestApp } from './support/test-app';

const SCRIPT = '<script>alert(1)</script>';
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';

describe('the editors’ desk pages (HTML)', () => {
  let t: TestApp;
  let editor: StaffMember;
  let legal: StaffMember;
  let cookie: string;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await createStaff(t, 'editor', 'Erin Editor');
    legal = await createStaff(t, 'legal', 'Lee Legal');
    ({ cookie } = await login(t, editor.email, editor.password));
  });
  afterAll(() => t.close());

  const open = (path: string, headers: Record<string, string> = { cookie }) => fetch(`${t.baseUrl}${path}`, { headers: { accept: 'text/html', ...headers }, redirect: 'manual' });
  const openText = async (path: string) => {
    const response = await open(path);
    expect(response.status).toBe(200);
    return response.text();
  };
  const postForm = (path: string, fields: Record<string, string>) =>
    fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
  const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)![1];
  const caseJson = async (reference: string) => (await fetch(`${t.baseUrl}/api/v1/cases/${reference}`, { headers: bearer(editor.token) })).json();
  const decideFields = (csrf: string, current: any, reasons = REMOVAL_REASONS) => ({
    _csrf: csrf,
    action: 'decide',
    version: String(current.version),
    'items[0].itemId': current.items[0].id,
    'items[0].action': 'remove',
    'items[0].territories': '',
    'items[0].until': '',
    'items[0].passage': '',
    ground: 'copyright_infringement',
    reasons,
    publicNote: '',
  });
  const textareaValue = (page: string, name: string) => new RegExp(`<textarea[^>]*name="${name.replace(/[[\].]/g, '\\$&')}"[^>]*>\\n?([\\s\\S]*?)</textarea>`).exec(page)?.[1];

  it('lists a filed case in the queue, with counts per status, as a private page', async () => {
    const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const response = await open('/desk');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).toContain(`<a href="/desk/cases/${filed.reference}">${filed.reference}</a>`);
    expect(page).toContain('Jane Doe');
    expect(page).toContain('Russia, Ukraine resume peace talks in Istanbul amid escalating air attacks');
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM cases WHERE status = 'new'`);
    expect(page).toMatch(new RegExp(`<span class="count">${rows[0].n}</span> New</a>`));
    expect(page).toMatch(/due in \d+ (h|days)/);
    expect(page).not.toMatch(/<script|style=/);
  });

  it('keeps the filters in the URL and fills the filter form in again', async () => {
    const { body: trademark } = await fileAccepted(t.baseUrl, completeNotice('trademark'));
    const { body: copyright } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const page = await openText('/desk?status=new&type=trademark&q=Doe&sort=-received');
    expect(page).toContain(trademark.reference);
    expect(page).not.toContain(copyright.reference);
    expect(page).toMatch(/<option value="trademark" selected>/);
    expect(page).toMatch(/<input type="checkbox" id="f-status-new" name="status" value="new" checked>/);
    expect(page).toMatch(/<input type="text" id="f-q" name="q" value="Doe"/);
    expect(page).toMatch(/<option value="-received" selected>/);
    // A status count keeps the other filters.
    expect(page).toContain('href="/desk?status=in_review&amp;type=trademark&amp;q=Doe&amp;sort=-received"');

    const none = await openText('/desk?type=privacy&q=nobody-has-this-name');
    expect(none).toContain('No cases match these filters');

    const bad = await open('/desk?status=bogus&sort=sideways');
    expect(bad.status).toBe(422);
    const badPage = await bad.text();
    expect(badPage).toContain('There is a problem');
    expect(badPage).toContain('The address names a status that does not exist');
    expect(badPage).toContain('Sort by: Choose one of the options.');
    expect(badPage).toContain('The queue could not be shown with these filters');
  });

  it('sends an anonymous browser to sign in, and back to the queue after', async () => {
    const response = await open('/desk', {});
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/login?next=%2Fdesk');
    const casePage = await open('/desk/cases/TD-2026-000001', {});
    expect(casePage.status).toBe(303);
  });

  it('shows the notice beside the article with the claimed passage highlighted', async () => {
    const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const page = await openText(`/desk/cases/${filed.reference}`);
    expect(page).toContain(`<mark id="passage-1">${DEMO_PASSAGE}</mark>`);
    expect(page).toContain('My photograph &quot;Istanbul talks&quot;, first published on my site.');
    expect(page).toContain('Doe Photography Ltd');
    expect(page).toContain('Accepted:</strong> I have a good faith belief');
    expect(page).toContain('Complete</span>');
    expect(page).toContain('Case opened');
    // The actions an editor may take on a new case, each with the version and the CSRF token.
    for (const action of ['assign', 'start_review', 'request_info', 'escalate', 'decide']) expect(page).toContain(`name="action" value="${action}"`);
    expect(page).not.toContain('value="approve"');
    expect(page).toContain('name="version" value="1"');
    expect(page).toContain(`name="_csrf" value="${csrfOf(page)}"`);
    expect((await open('/desk/cases/TD-2026-999999')).status).toBe(404);
  });

  it('shows markup typed into a notice as text on the queue and case pages', async () => {
    const notice = completeNotice('copyright');
    notice.notifier.name = SCRIPT;
    notice.items = [{ url: notice.items[0].url, passage: SCRIPT }];
    const { body: filed } = await fileAccepted(t.baseUrl, notice);
    for (const path of [`/desk?q=${encodeURIComponent(filed.reference)}`, `/desk/cases/${filed.reference}`]) {
      const page = await openText(path);
      expect(page).toContain(ESCAPED_SCRIPT);
      expect(page).not.toContain(SCRIPT);
      expect(page).not.toMatch(/<script/i);
    }
  });

  it('refuses a form post without the CSRF token', async () => {
    const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const response = await postForm(`/desk/cases/${filed.reference}/transitions`, { action: 'start_review', version: '1' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<h1>');
    expect((await caseJson(filed.reference)).status).toBe('new');
    const forged = await postForm(`/desk/cases/${filed.reference}/notes`, { _csrf: 'forged', body: 'Hello' });
    expect(forged.status).toBe(403);
  });

  it('decides a removal through the form: the article is removed and the page says so', async () => {
    const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const csrf = csrfOf(await openText(`/desk/cases/${filed.reference}`));
    const current = await caseJson(filed.reference);
    const response = await postForm(`/desk/cases/${filed.reference}/transitions`, decideFields(csrf, current));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/desk/cases/${filed.reference}?done=decide`);
    const { rows } = await t.db.pool.query(`SELECT state FROM articles WHERE id = $1`, [current.items[0].articleId]);
    expect(rows[0].state).toBe('removed');
    const page = await openText(`/desk/cases/${filed.reference}?done=decide`);
    expect(page).toContain('The decision was recorded and has taken effect.');
    expect(page).toContain('Statement of reasons');
    expect(page).toContain(REMOVAL_REASONS);
    expect(page).toContain('<span class="status status-actioned">Actioned</span>');
    await t.db.pool.query(`UPDATE articles SET state = 'live', previous_state = NULL WHERE id = $1`, [current.items[0].articleId]);
  });

  it('shows field errors beside the fields and keeps what was typed (422)', async () => {
    const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const csrf = csrfOf(await openText(`/desk/cases/${filed.reference}`));
    const current = await caseJson(filed.reference);
    const response = await postForm(`/desk/cases/${filed.reference}/transitions`, {
      ...decideFields(csrf, current, ''),
      'items[0].action': 'restrict',
      'items[0].territories': 'Narnia',
      publicNote: 'Kept <b>as typed</b>',
    });
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('There is a problem');
    expect(page).toContain('<a href="#f-items-0-territories">');
    expect(page).toContain('Give the statement of reasons.');
    expect(page).toMatch(/id="f-items-0-territories" name="items\[0\]\.territories" value="Narnia"/);
    expect(page).toMatch(/<input type="radio" id="f-items-0-action-restrict" name="items\[0\]\.action" value="restrict" checked>/);
    expect(textareaValue(page, 'publicNote')).toBe('Kept &lt;b&gt;as typed&lt;/b&gt;');
    expect((await caseJson(filed.reference)).version).toBe(1);
  });

  it('keeps the typed reasons when someone else changed the case first (409), and the resubmission works', async () => {
    const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const csrf = csrfOf(await openText(`/desk/cases/${filed.reference}`));
    const loaded = await caseJson(filed.reference);
    // Meanwhile legal hands the case to this editor (another editor could no longer act on it).
    const assigned = await postJson(t.baseUrl, `/api/v1/cases/${filed.reference}/transitions`, { action: 'assign', version: 1, assigneeId: editor.id }, bearer(legal.token));
    expect(assigned.status).toBe(200);

    const typed = `${REMOVAL_REASONS} <em>Typed</em> before the conflict.`;
    const response = await postForm(`/desk/cases/${filed.reference}/transitions`, {
      ...decideFields(csrf, loaded, typed),
      seen_status: 'new',
      seen_assignee: '',
      seen_event: '',
    });
    expect(response.status).toBe(409);
    const page = await response.text();
    expect(page).toContain('Someone else changed this case while you were working on it');
    expect(page).toContain('The case was assigned to Erin Editor (before: nobody).');
    expect(textareaValue(page, 'reasons')).toBe(`${REMOVAL_REASONS} &lt;em&gt;Typed&lt;/em&gt; before the conflict.`);
    expect(page).toMatch(/<input type="hidden" name="action" value="decide"><input type="hidden" name="version" value="2">/);

    const again = await postForm(`/desk/cases/${filed.reference}/transitions`, {
      ...decideFields(csrf, { ...loaded, version: 2 }, typed),
      'items[0].action': 'no_action',
      ground: 'not_illegal',
    });
    expect(again.status).toBe(303);
    expect((await caseJson(filed.reference)).status).toBe('rejected');
  });

  it('explains a refused action instead of failing (403 for the role, 422 from the wrong status)', async () => {
    const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const csrf = csrfOf(await openText(`/desk/cases/${filed.reference}`));
    const approve = await postForm(`/desk/cases/${filed.reference}/transitions`, { _csrf: csrf, action: 'approve', version: '1', confirm: 'true' });
    expect(approve.status).toBe(422);
    expect(await approve.text()).toContain('Not possible now');
    const escalated = await postForm(`/desk/cases/${filed.reference}/transitions`, { _csrf: csrf, action: 'escalate', version: '1', reason: 'Court order mentioned.' });
    expect(escalated.status).toBe(303);
    const decide = await postForm(`/desk/cases/${filed.reference}/transitions`, decideFields(csrf, { ...(await caseJson(filed.reference)) }));
    expect(decide.status).toBe(403);
    const page = await decide.text();
    expect(page).toContain('Not allowed');
    // The decision form is gone for an editor, but the typed reasons are shown, not lost.
    expect(page).toContain(`<blockquote>${REMOVAL_REASONS}</blockquote>`);
  });

  it('asks the notifier, adds internal notes, and marks the paused clock', async () => {
    const { body: filed, token } = await fileAccepted(t.baseUrl, completeNotice('defamation'));
    const csrf = csrfOf(await openText(`/desk/cases/${filed.reference}`));
    const empty = await postForm(`/desk/cases/${filed.reference}/notes`, { _csrf: csrf, body: '   ' });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Write the note.');
    const note = await postForm(`/desk/cases/${filed.reference}/notes`, { _csrf: csrf, body: 'Call the <i>author</i> first.' });
    expect(note.status).toBe(303);
    expect(note.headers.get('location')).toBe(`/desk/cases/${filed.reference}?done=note`);

    const noMessage = await postForm(`/desk/cases/${filed.reference}/transitions`, { _csrf: csrf, action: 'request_info', version: '1', message: '' });
    expect(noMessage.status).toBe(422);
    expect(await noMessage.text()).toContain('Write the question for the notifier.');
    const asked = await postForm(`/desk/cases/${filed.reference}/transitions`, { _csrf: csrf, action: 'request_info', version: '1', message: 'Which sentence is false?' });
    expect(asked.status).toBe(303);
    const page = await openText(`/desk/cases/${filed.reference}?done=request_info`);
    expect(page).toContain('Your question was sent to the notifier.');
    expect(page).toContain('clock paused');
    expect(page).toContain('Call the &lt;i&gt;author&lt;/i&gt; first.');
    expect(page).toContain('Which sentence is false?');
    expect(page).toContain('No answer yet.');

    // The notifier answers through their tracking link: the queue marks the reply.
    const answered = await postJson(t.baseUrl, `/api/v1/track/${token}/supplement`, { answer: 'The second sentence.' });
    expect(answered.status).toBe(200);
    const queue = await openText(`/desk?q=${filed.reference}`);
    expect(queue).toMatch(new RegExp(`${filed.reference}</a> <span class="tag reply">New reply</span>`));
  });

  it('lets legal assign a case to someone else, and pages through the queue keeping the filters', async () => {
    const legal = await createStaff(t, 'legal', 'Lee Legal');
    const legalCookie = (await login(t, legal.email, legal.password)).cookie;
    const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('privacy'));
    const asLegal = (path: string, init: RequestInit = {}) =>
      fetch(`${t.baseUrl}${path}`, { ...init, headers: { cookie: legalCookie, accept: 'text/html', ...(init.headers ?? {}) }, redirect: 'manual' });
    const page = await (await asLegal(`/desk/cases/${filed.reference}`)).text();
    expect(page).toContain(`<option value="${editor.id}">Erin Editor (editor)</option>`);
    const assigned = await asLegal(`/desk/cases/${filed.reference}/transitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfOf(page), action: 'assign', version: '1', assigneeId: editor.id }).toString(),
    });
    expect(assigned.status).toBe(303);
    expect((await caseJson(filed.reference)).assignee).toMatchObject({ id: editor.id });

    // An editor's page shows no one else to assign to.
    expect(await openText(`/desk/cases/${filed.reference}`)).not.toContain('name="assigneeId"');

    await fileAccepted(t.baseUrl, completeNotice('privacy'));
    const first = await openText('/desk?type=privacy&limit=1');
    const next = /<a href="([^"]+)" rel="next">Next page<\/a>/.exec(first)![1].replace(/&amp;/g, '&');
    expect(next).toMatch(/^\/desk\?type=privacy&limit=1&cursor=/);
    const second = await openText(next);
    expect(second).toContain('First page');
    const reference = (html: string) => /<a href="\/desk\/cases\/([^"]+)">/.exec(html)![1];
    expect(reference(second)).not.toBe(reference(first));
  });
});
