import { ArticlesService } from '../src/articles/articles.service';
import {
  bearer,
  completeNotice,
  CONTRIBUTOR_URL,
  createStaff,
  DEMO_ARTICLE_URL,
  fileAccepted,
  login,
  postJson,
  REMOVAL_REASONS,
  StaffMember,
  SYNDICATED_URL,
  withValue,
} from './factories';
import { startTestApp, TestApp } from './support/test-app';

describe('after a decision: the regime follows the article’s origin', () => {
  let t: TestApp;
  let editor: StaffMember;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await createStaff(t, 'editor', 'Erin Editor');
  });
  afterAll(() => t.close());

  const act = (reference: string, body: Record<string, unknown>) => postJson(t.baseUrl, `/api/v1/cases/${reference}/transitions`, body, bearer(editor.token));
  // The decision to the notifier and the statement of reasons, by kind (one transaction writes both).
  const messagesOf = async (reference: string) => {
    const { rows } = await t.db.pool.query(`SELECT kind, recipient_role, to_address, body FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1`, [reference]);
    return [null, rows.find((row) => row.kind === 'decision'), rows.find((row) => row.kind === 'statement_of_reasons')];
  };

  async function removeOn(url: string): Promise<string> {
    const { body: filed } = await fileAccepted(t.baseUrl, withValue(completeNotice('copyright'), 'items', [{ url }]));
    const started = await (await act(filed.reference, { action: 'start_review', version: 1 })).json();
    const decided = await act(filed.reference, {
      action: 'decide',
      version: started.version,
      items: [{ itemId: started.items[0].id, action: 'remove' }],
      ground: 'copyright_infringement',
      reasons: REMOVAL_REASONS,
    });
    expect(decided.status).toBe(200);
    return filed.reference;
  }

  it('imports the origin and licensor, and refuses syndicated copy without a licensor', async () => {
    const articles = t.app.get(ArticlesService);
    const record = { url: 'https://freelanews.com/2025/07/01/wire-story/', title: 'Wire story', body: 'Text.', origin: 'syndicated', licensor: 'Wire Co' };
    await articles.importArticles([record], { type: 'system', id: null });
    const { rows } = await t.db.pool.query(`SELECT origin, licensor FROM articles WHERE slug = 'wire-story'`);
    expect(rows[0]).toEqual({ origin: 'syndicated', licensor: 'Wire Co' });
    const refused = await articles
      .importArticles(
        [
          { ...record, licensor: undefined },
          { ...record, origin: 'freelance' },
        ],
        { type: 'system', id: null },
      )
      .catch((e) => e);
    expect(refused.errors).toEqual([
      { field: '[0].licensor', message: expect.any(String) },
      { field: '[1].origin', message: expect.stringContaining('staff, contributor, syndicated') },
    ]);
    const { rows: demo } = await t.db.pool.query(`SELECT normalized_url, origin FROM articles WHERE origin <> 'staff' OR normalized_url LIKE '%istanbul%' ORDER BY origin`);
    expect(demo.map((row) => row.origin)).toEqual(expect.arrayContaining(['contributor', 'staff', 'syndicated']));
  });

  it('staff article: no counter-notice promised, editorial review and internal notice named', async () => {
    const reference = await removeOn(DEMO_ARTICLE_URL);
    const [, decision, statement] = await messagesOf(reference);
    for (const message of [decision, statement]) {
      expect(message.body).toContain('Regime:');
      expect(message.body).not.toMatch(/may file a counter-notice|respond\//);
    }
    expect(decision.body).toContain('editorial and legal review');
    expect(statement.body).toContain('informed internally');
  });

  it('syndicated copy: the licensor is told, no counter-notice', async () => {
    const reference = await removeOn(SYNDICATED_URL);
    const [, decision, statement] = await messagesOf(reference);
    expect(decision.body).toContain('The licensor is told');
    expect(statement.body).toContain('Dear Horn Wire Service (fictional)');
    expect(statement.body).not.toContain('may file a counter-notice');
  });

  it('contributor article: the counter-notice route is offered, and the desk shows the origin', async () => {
    const reference = await removeOn(CONTRIBUTOR_URL);
    const [, decision, statement] = await messagesOf(reference);
    expect(decision.body).toContain('Its author may file a counter-notice');
    expect(statement.body).toContain('you may file a counter-notice');
    const { cookie } = await login(t, editor.email, editor.password);
    const page = await (await fetch(`${t.baseUrl}/desk/cases/${reference}`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(page).toContain('Contributor&#39;s article');
    const queue = await (await fetch(`${t.baseUrl}/desk?status=actioned`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(queue).toMatch(/Contributor&#39;s article|Contributor's article/);
    const json = await (await fetch(`${t.baseUrl}/api/v1/cases/${reference}`, { headers: bearer(editor.token) })).json();
    expect(json.articles[0]).toMatchObject({ origin: 'contributor', licensor: null });
  });
});
