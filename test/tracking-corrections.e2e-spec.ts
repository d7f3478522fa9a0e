import { DEMO_ARTICLES } from '../src/articles/demo-articles';
import { escapeHtml } from '../src/common/html';
import { bearer, completeNotice, createStaff, decideNoAction, DEMO_ARTICLE_URL, expectProblem, fileAccepted, NO_ACTION_REASONS, postJson, StaffMember, without } from './factories';
import { startTestApp, TestApp } from './support/test-app';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const WRONG_URL = 'https://freelanews.com/2025/06/02/russia-ukraine-resume-peace-talks/';

// The notifier corrects their notice after filing, through the API and the tracking page:
// the original is kept (notice_revisions), the change is logged, staff see it.
describe('correcting a notice after filing', () => {
  let t: TestApp;
  let editor: StaffMember;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await createStaff(t, 'editor', 'Erin Editor');
  });
  afterAll(() => t.close());

  const patch = (token: string, body: unknown) =>
    fetch(`${t.baseUrl}/api/v1/track/${token}/notice`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function stateOf(reference: string) {
    const { rows } = await t.db.pool.query(
      `SELECT c.status, c.version, n.id AS notice_id, n.notifier, n.completeness,
              (SELECT json_agg(json_build_object('url', i.url, 'match', i.match, 'state', i.state) ORDER BY i.position) FROM notice_items i WHERE i.notice_id = n.id) AS items,
              (SELECT json_agg(r.snapshot ORDER BY r.revision) FROM notice_revisions r WHERE r.notice_id = n.id) AS revisions
       FROM cases c JOIN notices n ON n.id = c.notice_id WHERE c.reference = $1`,
      [reference],
    );
    return rows[0];
  }

  const correctedEvents = async (reference: string) =>
    (await t.db.pool.query(`SELECT actor_type, changes, data, visibility FROM events WHERE case_reference = $1 AND action = 'notice.corrected' ORDER BY id`, [reference])).rows;

  // A copyright notice with a misspelt name and a wrong address on our site.
  function mistaken() {
    const notice = completeNotice('copyright');
    notice.notifier.name = 'Jane Deo';
    notice.items = [{ url: WRONG_URL, passage: 'A passage' }];
    return notice;
  }

  describe('through the API', () => {
    it('corrects the name and a URL, matches the URL again, keeps the original and logs each change', async () => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, mistaken());
      const before = await stateOf(filed.reference);
      expect(before.items).toEqual([{ url: WRONG_URL, match: 'not_found', state: 'out_of_scope' }]);

      const response = await patch(token, { notifier: { name: 'Jane Doe' }, items: [{ index: 0, url: DEMO_ARTICLE_URL }], addItems: [{ url: DEMO_ARTICLES[1].url }] });
      expect(response.status).toBe(200);
      const view = await response.json();
      expect(view.notifier.name).toBe('Jane Doe');
      expect(view.items.map((item: { url: string; match: string }) => [item.url, item.match])).toEqual([
        [DEMO_ARTICLE_URL, 'article'],
        [DEMO_ARTICLES[1].url, 'article'],
      ]);
      expect(view.sent.corrections).toBe(1);
      expect(view.timeline.at(-1).summary).toMatch(/^You corrected your notice \(3 changes\)/);

      const after = await stateOf(filed.reference);
      expect(after.notifier.name).toBe('Jane Doe');
      expect(after.version).toBe(before.version + 1);
      expect(after.revisions).toHaveLength(1);
      expect(after.revisions[0]).toMatchObject({ notifier: { name: 'Jane Deo' }, items: [{ position: 0, url: WRONG_URL, match: 'not_found' }] });
      expect(await correctedEvents(filed.reference)).toEqual([
        {
          actor_type: 'notifier',
          visibility: 'notifier',
          changes: {
            'notifier.name': { before: 'Jane Deo', after: 'Jane Doe' },
            'items[0].url': { before: WRONG_URL, after: DEMO_ARTICLE_URL },
            items: { before: 1, after: 2 },
          },
          data: { revision: 1, complete: true, missing: [] },
        },
      ]);

      // Staff see the change on the case page's timeline.
      const casePage = await (await fetch(`${t.baseUrl}/api/v1/cases/${filed.reference}`, { headers: { authorization: `Bearer ${editor.token}` } })).json();
      expect(JSON.stringify(casePage)).toContain('notice.corrected');
    });

    it('refuses bad fields with a problem document naming each, and writes nothing', async () => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, mistaken());
      await expectProblem(await patch(token, { notifier: { email: 'not an address' }, items: [{ index: 0, url: 'ftp://x' }] }), 422, ['notifier.email', 'items[0].url']);
      await expectProblem(await patch(token, { items: [{ index: 7, url: DEMO_ARTICLE_URL }] }), 422, ['items[0].index']);
      await expectProblem(await patch(token, {}), 422, ['']);
      await expectProblem(await patch(token, { notifier: { name: 'Jane Deo' } }), 422, ['']);
      await expectProblem(await patch(token, { unknown: 1 }), 422);
      const state = await stateOf(filed.reference);
      expect(state.revisions).toBeNull();
      expect(await correctedEvents(filed.reference)).toEqual([]);
    });

    it('returns a notice waiting for information to the queue when the correction completes it', async () => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, without(completeNotice('copyright'), 'signature'));
      expect((await stateOf(filed.reference)).status).toBe('awaiting_info');
      const response = await patch(token, { signature: 'Jane Doe' });
      expect(response.status).toBe(200);
      expect((await response.json()).status).toBe('new');
    });

    it('refuses corrections once the case is decided', async () => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
      expect((await decideNoAction(t.baseUrl, filed.reference, editor)).status).toBe(200);
      const problem = await expectProblem(await patch(token, { notifier: { name: 'Jane Doe' } }), 409);
      expect(problem.detail).toMatch(/can no longer be corrected/);
      expect((await (await fetch(`${t.baseUrl}/api/v1/track/${token}`)).json()).actions.correct).toBe(false);
    });

    it('answers an unknown token with 404', async () => {
      await expectProblem(await patch('A'.repeat(43), { notifier: { name: 'X' } }), 404);
    });
  });

  describe('through the tracking page', () => {
    async function postForm(path: string, values: Record<string, string>) {
      const response = await fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: FORM, body: new URLSearchParams(values), redirect: 'manual' });
      return { status: response.status, html: await response.text(), location: response.headers.get('location') };
    }

    const unescape = (text: string) => text.replace(/&(quot|#39|#96|lt|gt|amp);/g, (_, name: string) => ({ quot: '"', '#39': "'", '#96': '`', lt: '<', gt: '>', amp: '&' })[name]!);

    // The correction form as the notifier's browser would send it: every field as shown.
    async function shownValues(token: string): Promise<Record<string, string>> {
      const html = await (await fetch(`${t.baseUrl}/track/${token}/correct`)).text();
      const values: Record<string, string> = { boxesShown: /name="boxesShown" value="1"/.test(html) ? '1' : '' };
      for (const m of html.matchAll(/<input type="(?:text|email|tel|url)" id="[^"]+" name="([^"]+)" value="([^"]*)"/g)) values[m[1]] = unescape(m[2]);
      for (const m of html.matchAll(/<textarea id="[^"]+" name="([^"]+)"[^>]*>\n([^<]*)<\/textarea>/g)) values[m[1]] = unescape(m[2]);
      for (const m of html.matchAll(/<input type="(?:radio|checkbox)" id="[^"]+" name="([^"]+)" value="([^"]*)" checked/g)) values[m[1]] = m[2];
      return values;
    }

    it('shows the notice filled in, keeps input with errors beside the field, then saves and says so in plain words', async () => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, mistaken());
      const tracking = await (await fetch(`${t.baseUrl}/track/${token}`)).text();
      expect(tracking).toContain(`<a href="/track/${token}/correct">Correct or add to your notice</a>`);
      expect(tracking).toContain('What you sent us');

      const shown = await shownValues(token);
      expect(shown['notifier.name']).toBe('Jane Deo');
      expect(shown['items[0].url']).toBe(WRONG_URL);

      const bad = await postForm(`/track/${token}/correct`, { ...shown, 'notifier.name': 'Jane Doe', 'notifier.email': 'jane at example' });
      expect(bad.status).toBe(422);
      expect(bad.html).toContain('There is a problem');
      expect(bad.html).toContain('id="f-notifier-email-error"');
      expect(bad.html).toContain('value="Jane Doe"');
      expect(bad.html).toContain('value="jane at example"');

      const emptied = await postForm(`/track/${token}/correct`, { ...shown, 'notifier.name': '' });
      expect(emptied.status).toBe(422);
      expect(emptied.html).toContain('a field cannot be emptied');

      const unchanged = await postForm(`/track/${token}/correct`, shown);
      expect([unchanged.status, JSON.stringify(await correctedEvents(filed.reference))]).toEqual([422, '[]']);
      expect(unchanged.html).toContain('Nothing was changed');

      const saved = await postForm(`/track/${token}/correct`, { ...shown, 'notifier.name': 'Jane Doe', 'items[0].url': DEMO_ARTICLE_URL, moreUrls: DEMO_ARTICLES[1].url });
      expect(saved.status).toBe(303);
      expect(saved.location).toBe(`/track/${token}?done=corrected`);
      const page = await (await fetch(`${t.baseUrl}${saved.location}`)).text();
      expect(page).toContain('your notice is corrected');
      expect(page).toContain('You corrected your notice (3 changes)');
      expect(page).toContain(escapeHtml(DEMO_ARTICLES[1].url));
      const state = await stateOf(filed.reference);
      expect(state.items.map((item: { url: string }) => item.url)).toEqual([DEMO_ARTICLE_URL, DEMO_ARTICLES[1].url]);
      expect(state.revisions[0].notifier.name).toBe('Jane Deo');
    });

    it('shows every step in plain words, never an event name', async () => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
      expect((await patch(token, { explanation: 'The photograph is mine; see the metadata.' })).status).toBe(200);
      // The correction moved the case's version on: the editor works from the case as it is now.
      const act = (body: Record<string, unknown>) => postJson(t.baseUrl, `/api/v1/cases/${filed.reference}/transitions`, body, bearer(editor.token));
      const current = await (await fetch(`${t.baseUrl}/api/v1/cases/${filed.reference}`, { headers: bearer(editor.token) })).json();
      const started = await (await act({ action: 'start_review', version: current.version })).json();
      const decided = await act({
        action: 'decide',
        version: started.version,
        items: [{ itemId: started.items[0].id, action: 'no_action' }],
        ground: 'not_illegal',
        reasons: NO_ACTION_REASONS,
      });
      expect(decided.status).toBe(200);
      const view = await (await fetch(`${t.baseUrl}/api/v1/track/${token}`)).json();
      expect(view.timeline.length).toBeGreaterThanOrEqual(4);
      for (const entry of view.timeline) expect(entry.summary).not.toMatch(/\b[a-z_]+\.[a-z_]+\b/);
      const page = await (await fetch(`${t.baseUrl}/track/${token}`)).text();
      const timeline = /<ol class="timeline">([\s\S]*?)<\/ol>/.exec(page)![1];
      expect(timeline).not.toMatch(/\b(notice|case|article|message)\.[a-z_]+\b/);
      expect(timeline).toContain('Decision: no action taken.');
      // What they sent: their notice in the form's words.
      expect(page).toContain('The photograph is mine; see the metadata.');
      expect(page).toContain('<dt>Full name</dt>');
    });
  });
});
