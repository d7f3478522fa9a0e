import { ArticlesService } from '../src/articles/articles.service';
import { bearer, completeNotice, createStaff, fileAccepted, login, postJson, REMOVAL_REASONS, StaffMember } from './factories';
import { startTestApp, TestApp } from './support/test-app';

const PARAGRAPHS = [
  'Ministers met in Geneva on Tuesday to discuss the ceasefire proposal.',
  'Delegations from twelve countries attended the closed-door session.',
  'Officials said the talks would continue at the end of the month.',
  'Critics warned that the proposal left key questions unanswered.',
];
const BODY = PARAGRAPHS.join('\n\n');
// Fifty territories, the outlet's main market (GB) not among them.
const FIFTY = 'AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE NO IS LI CH US CA MX BR AR CL AU NZ JP KR CN IN ZA NG KE EG TR IL AE'.split(' ');

// Issue 10, items 1 and 6: four-eyes that an editor could avoid, and editors acting on
// cases assigned to someone else.
describe('case safeguards: four-eyes on public-interest articles, and who holds a case', () => {
  let t: TestApp;
  let erin: StaffMember;
  let otto: StaffMember;
  let legal: StaffMember;
  let admin: StaffMember;
  let articleCount = 0;

  beforeAll(async () => {
    t = await startTestApp();
    erin = await createStaff(t, 'editor', 'Erin Editor');
    otto = await createStaff(t, 'editor', 'Otto Other');
    legal = await createStaff(t, 'legal', 'Lee Legal');
    admin = await createStaff(t, 'admin', 'Ada Admin');
  });
  afterAll(() => t.close());

  const act = (reference: string, body: Record<string, unknown>, who: StaffMember) => postJson(t.baseUrl, `/api/v1/cases/${reference}/transitions`, body, bearer(who.token));
  const getCase = async (reference: string, who: StaffMember = erin) => (await fetch(`${t.baseUrl}/api/v1/cases/${reference}`, { headers: bearer(who.token) })).json();
  const articleState = async (url: string) => (await t.db.pool.query(`SELECT state FROM articles WHERE canonical_url = $1`, [url])).rows[0].state;

  // A fresh public-interest article for each case, so that one test's decision does not change another's.
  async function publicInterestArticle(): Promise<string> {
    articleCount += 1;
    const url = `https://freelanews.com/2026/01/0${articleCount % 10}/geneva-talks-${articleCount}/`;
    await t.app.get(ArticlesService).importArticles([{ url, title: `Geneva talks ${articleCount}`, body: BODY, authorEmail: 'desk@freelanews.com', publicInterest: true }], {
      type: 'system',
      id: null,
    });
    return url;
  }

  // A copyright notice against `url`, under review by Erin.
  async function caseOn(url: string): Promise<{ reference: string; token: string; current: any }> {
    const { body: filed, token } = await fileAccepted(t.baseUrl, { ...completeNotice('copyright'), items: [{ url }] });
    const response = await act(filed.reference, { action: 'start_review', version: 1 }, erin);
    expect(response.status).toBe(200);
    return { reference: filed.reference, token, current: await response.json() };
  }

  async function editorDecides(url: string, item: Record<string, unknown>): Promise<any> {
    const { reference, current } = await caseOn(url);
    const response = await act(
      reference,
      { action: 'decide', version: current.version, items: [{ itemId: current.items[0].id, ...item }], ground: 'copyright_infringement', reasons: REMOVAL_REASONS },
      erin,
    );
    expect(response.status).toBe(200);
    return response.json();
  }

  async function approvalReasons(reference: string): Promise<string[]> {
    const { rows } = await t.db.pool.query(`SELECT data FROM events WHERE case_reference = $1 AND action = 'decision.recorded' ORDER BY id DESC LIMIT 1`, [reference]);
    return rows[0].data.approvalReasons;
  }

  describe('four-eyes', () => {
    it('holds an editor’s restriction of a public-interest article in the main market (GB) for approval', async () => {
      const url = await publicInterestArticle();
      const decided = await editorDecides(url, { action: 'restrict', territories: ['DE', 'gb'] });
      expect(decided.status).toBe('pending_approval');
      expect(decided.decisions[0]).toMatchObject({ requiresApproval: true, approval: null, effective: false });
      expect(await approvalReasons(decided.reference)).toEqual(['main_market']);
      expect(await articleState(url)).toBe('live');
      // The notifier hears nothing yet.
      const { rows } = await t.db.pool.query(`SELECT kind FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1 AND m.recipient_role = 'notifier'`, [
        decided.reference,
      ]);
      expect(rows.map((row) => row.kind)).toEqual(['receipt']);
    });

    it('lets an editor alone restrict a public-interest article in a few territories', async () => {
      const url = await publicInterestArticle();
      const decided = await editorDecides(url, { action: 'restrict', territories: FIFTY.slice(0, 49) });
      expect(decided.status).toBe('actioned');
      expect(await articleState(url)).toBe('restricted');
    });

    it('holds a restriction in 50 territories for approval', async () => {
      const url = await publicInterestArticle();
      const decided = await editorDecides(url, { action: 'restrict', territories: FIFTY });
      expect(decided.status).toBe('pending_approval');
      expect(await approvalReasons(decided.reference)).toEqual(['many_territories']);
      expect(await articleState(url)).toBe('live');
    });

    it('holds a redaction of more than a quarter of the body for approval, not a sentence', async () => {
      const whole = await editorDecides(await publicInterestArticle(), { action: 'redact', passage: BODY });
      expect(whole.status).toBe('pending_approval');
      expect(await approvalReasons(whole.reference)).toEqual(['large_redaction']);

      const twoParagraphs = await editorDecides(await publicInterestArticle(), { action: 'redact', passage: `${PARAGRAPHS[1]} ${PARAGRAPHS[2]}` });
      expect(twoParagraphs.status).toBe('pending_approval');

      const sentence = await editorDecides(await publicInterestArticle(), { action: 'redact', passage: PARAGRAPHS[3] });
      expect(sentence.status).toBe('actioned');
    });

    it('holds any action on a public-interest article that is already restricted', async () => {
      const url = await publicInterestArticle();
      expect((await editorDecides(url, { action: 'restrict', territories: ['DE'] })).status).toBe('actioned');
      expect(await articleState(url)).toBe('restricted');

      const second = await editorDecides(url, { action: 'redact', passage: 'twelve countries' });
      expect(second.status).toBe('pending_approval');
      expect(await approvalReasons(second.reference)).toEqual(['already_restricted']);
    });

    it('takes the decision into effect when a second person approves it, with their comment kept', async () => {
      const url = await publicInterestArticle();
      const decided = await editorDecides(url, { action: 'restrict', territories: ['GB'] });

      const unconfirmed = await act(decided.reference, { action: 'approve', version: decided.version, confirm: false }, admin);
      expect(unconfirmed.status).toBe(422);
      expect((await unconfirmed.json()).errors).toEqual([expect.objectContaining({ field: 'confirm' })]);

      const approved = await act(
        decided.reference,
        { action: 'approve', version: decided.version, confirm: true, comment: 'Checked with counsel: the GB block is justified.' },
        admin,
      );
      expect(approved.status).toBe(200);
      const current = await approved.json();
      expect(current.status).toBe('actioned');
      expect(current.decisions[0].approval).toMatchObject({ outcome: 'approved', comment: 'Checked with counsel: the GB block is justified.', by: { name: 'Ada Admin' } });
      expect(await articleState(url)).toBe('restricted');
      const { rows } = await t.db.pool.query(
        `SELECT a.comment, a.reason FROM decision_approvals a JOIN decisions d ON d.id = a.decision_id JOIN cases c ON c.id = d.case_id WHERE c.reference = $1`,
        [decided.reference],
      );
      expect(rows).toEqual([{ comment: 'Checked with counsel: the GB block is justified.', reason: null }]);
      const { rows: events } = await t.db.pool.query(`SELECT data FROM events WHERE case_reference = $1 AND action = 'decision.approved'`, [decided.reference]);
      expect(events[0].data).toMatchObject({ comment: 'Checked with counsel: the GB block is justified.' });

      // A second approver who was a moment late gets their comment back, not lost.
      const { cookie } = await login(t, legal.email, legal.password);
      const casePage = await (await fetch(`${t.baseUrl}/desk/cases/${decided.reference}`, { headers: { cookie, accept: 'text/html' } })).text();
      const late = await fetch(`${t.baseUrl}/desk/cases/${decided.reference}/transitions`, {
        method: 'POST',
        headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _csrf: /name="_csrf" value="([^"]+)"/.exec(casePage)![1],
          action: 'approve',
          version: String(current.version),
          confirm: 'true',
          comment: 'Fine by legal too.',
        }).toString(),
        redirect: 'manual',
      });
      expect(late.status).toBe(422);
      const latePage = await late.text();
      expect(latePage).toContain('What you typed');
      expect(latePage).toContain('<blockquote>Fine by legal too.</blockquote>');
    });

    it('labels a pending decision pending, not “action taken”, for staff and for the notifier', async () => {
      const url = await publicInterestArticle();
      const { reference, token, current } = await caseOn(url);
      await act(
        reference,
        { action: 'decide', version: current.version, items: [{ itemId: current.items[0].id, action: 'remove' }], ground: 'copyright_infringement', reasons: REMOVAL_REASONS },
        erin,
      );
      const { cookie } = await login(t, erin.email, erin.password);
      const page = await (await fetch(`${t.baseUrl}/desk/cases/${reference}`, { headers: { cookie, accept: 'text/html' } })).text();
      expect(page).toContain('<h3>Pending approval <span class="muted">');
      expect(page).not.toContain('Action taken');
      expect(page).not.toContain('action taken');
      expect(page).toContain('Outcome: action, pending approval');
      // An editor may not approve: no approval form.
      expect(page).not.toContain('value="approve"');

      const queue = await (await fetch(`${t.baseUrl}/desk?status=pending_approval`, { headers: { cookie, accept: 'text/html' } })).text();
      expect(queue).toContain(reference);
      expect(queue).not.toContain('Action taken');

      const tracking = await (await fetch(`${t.baseUrl}/track/${token}`)).text();
      expect(tracking).toContain('Decision awaiting approval');
      expect(tracking).not.toMatch(/action taken/i);
      const view = await (await fetch(`${t.baseUrl}/api/v1/track/${token}`)).json();
      expect(view).toMatchObject({ status: 'pending_approval', statusLabel: 'Decision awaiting approval', decisions: [] });
    });
  });

  describe('who holds a case', () => {
    it('refuses another editor’s workflow actions on Erin’s case (403 not_assignee), keeps notes open, lets legal act', async () => {
      const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
      const started = await (await act(filed.reference, { action: 'start_review', version: 1 }, erin)).json();
      const itemId = started.items[0].id;
      const eventsBefore = (await t.db.pool.query(`SELECT count(*)::int AS n FROM events WHERE case_reference = $1`, [filed.reference])).rows[0].n;

      const attempts: Array<Record<string, unknown>> = [
        { action: 'request_info', message: 'Which photograph exactly?' },
        { action: 'decide', items: [{ itemId, action: 'no_action' }], ground: 'not_illegal', reasons: REMOVAL_REASONS },
        { action: 'escalate', reason: 'A court order may apply.' },
        { action: 'assign' },
        { action: 'unassign' },
      ];
      for (const attempt of attempts) {
        const response = await act(filed.reference, { ...attempt, version: started.version }, otto);
        expect({ action: attempt.action, status: response.status }).toEqual({ action: attempt.action, status: 403 });
        expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(await response.json()).toMatchObject({ code: 'not_assignee', detail: expect.stringContaining('assigned to someone else') });
      }
      const unchanged = await getCase(filed.reference, otto);
      expect(unchanged).toMatchObject({ status: 'in_review', version: started.version, assignee: { id: erin.id }, actions: [] });
      expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM events WHERE case_reference = $1`, [filed.reference])).rows[0].n).toBe(eventsBefore);

      const note = await postJson(t.baseUrl, `/api/v1/cases/${filed.reference}/notes`, { body: 'I know this photographer: ask Erin.' }, bearer(otto.token));
      expect(note.status).toBe(201);

      // The assignee and legal may act; legal may also hand the case to Otto, who then may.
      expect((await getCase(filed.reference, erin)).actions).toEqual(expect.arrayContaining(['request_info', 'decide']));
      const asked = await act(filed.reference, { action: 'request_info', version: started.version, message: 'Which photograph exactly?' }, legal);
      expect(asked.status).toBe(200);
      const handed = await act(filed.reference, { action: 'assign', version: (await asked.json()).version, assigneeId: otto.id }, legal);
      expect(handed.status).toBe(200);
      expect((await getCase(filed.reference, otto)).actions).toContain('assign');
      expect((await getCase(filed.reference, erin)).actions).toEqual([]);
    });

    it('says on the case page who holds the case and offers another editor only the note form', async () => {
      const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
      expect((await act(filed.reference, { action: 'start_review', version: 1 }, erin)).status).toBe(200);
      const { cookie } = await login(t, otto.email, otto.password);
      const response = await fetch(`${t.baseUrl}/desk/cases/${filed.reference}`, { headers: { cookie, accept: 'text/html' } });
      const page = await response.text();
      expect(page).toContain('This case is held by <strong>Erin Editor</strong>: only they, or legal or admin, can act on it.');
      expect(page).not.toContain('name="action"');
      expect(page).toContain(`action="/desk/cases/${filed.reference}/notes"`);

      // A form sent anyway (an old tab) is refused on the page, with the reason.
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1];
      const refused = await fetch(`${t.baseUrl}/desk/cases/${filed.reference}/transitions`, {
        method: 'POST',
        headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, action: 'escalate', version: '2', reason: 'Needs legal.' }).toString(),
        redirect: 'manual',
      });
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('Assigned to someone else');
    });
  });
});
