import { ArticlesService } from '../src/articles/articles.service';
import { DeskError } from '../src/common/desk-error';
import { completeNotice, fileAccepted } from './factories';
import { startTestApp, TestApp } from './support/test-app';

// `npm run desk -- articles:import FILE.json` hands the parsed file to this service.
describe('importing articles', () => {
  let t: TestApp;
  let articles: ArticlesService;
  const system = { type: 'system' as const, id: null };

  beforeAll(async () => {
    t = await startTestApp();
    articles = t.app.get(ArticlesService);
  });
  afterAll(() => t.close());

  const floods = (overrides: Record<string, unknown> = {}) => ({
    url: 'https://freelanews.com/2025/07/01/Floods-Hit-Lagos-Again/',
    title: 'Floods hit Lagos again',
    byline: 'Freelanews Desk',
    section: 'Africa',
    publishedAt: '2025-07-01T08:00:00Z',
    body: 'Heavy rain flooded several districts of Lagos overnight.',
    aliases: ['https://freelanews.com/lagos-floods/', 'https://syndication.example.net/freelanews/lagos-floods'],
    ...overrides,
  });

  async function articleRows() {
    const { rows } = await t.db.pool.query(
      `SELECT a.id, a.canonical_url, a.normalized_url, a.slug, a.title, a.body,
              coalesce(array_agg(al.normalized_url ORDER BY al.normalized_url) FILTER (WHERE al.id IS NOT NULL), '{}') AS aliases
       FROM articles a LEFT JOIN article_aliases al ON al.article_id = a.id GROUP BY a.id ORDER BY a.canonical_url`,
    );
    return rows;
  }

  async function tableCounts() {
    const { rows } = await t.db.pool.query(
      `SELECT (SELECT count(*)::int FROM articles) AS articles, (SELECT count(*)::int FROM article_aliases) AS aliases,
              (SELECT count(*)::int FROM events) AS events`,
    );
    return rows[0];
  }

  const byUrl = async (normalizedUrl: string) => (await articleRows()).find((row) => row.normalized_url === normalizedUrl);

  it('creates articles, with the slug taken from the last path segment', async () => {
    const report = await articles.importArticles([floods(), { ...floods(), url: 'https://freelanews.com/2025/07/02/heatwave/', aliases: [], slug: 'heatwave-july' }], system);
    expect(report).toEqual({ created: 2, updated: 0 });

    expect(await byUrl('https://freelanews.com/2025/07/01/Floods-Hit-Lagos-Again')).toMatchObject({
      canonical_url: 'https://freelanews.com/2025/07/01/Floods-Hit-Lagos-Again/',
      slug: 'floods-hit-lagos-again',
      title: 'Floods hit Lagos again',
      aliases: ['https://freelanews.com/lagos-floods', 'https://syndication.example.net/freelanews/lagos-floods'],
    });
    // A given slug wins over the default.
    expect(await byUrl('https://freelanews.com/2025/07/02/heatwave')).toMatchObject({ slug: 'heatwave-july' });

    const { rows } = await t.db.pool.query(
      `SELECT actor_type, action, visibility FROM events WHERE action LIKE 'article.%' AND subject_id IN (SELECT id::text FROM articles WHERE slug IN ('floods-hit-lagos-again', 'heatwave-july'))`,
    );
    expect(rows).toEqual([
      { actor_type: 'system', action: 'article.created', visibility: 'internal' },
      { actor_type: 'system', action: 'article.created', visibility: 'internal' },
    ]);
  });

  it('updates an article imported again under its canonical URL, and replaces its aliases', async () => {
    const before = await byUrl('https://freelanews.com/2025/07/01/Floods-Hit-Lagos-Again');
    const counts = await tableCounts();

    const report = await articles.importArticles([floods({ title: 'Floods hit Lagos again (updated)', aliases: ['https://freelanews.com/lagos-floods-2025/'] })], system);
    expect(report).toEqual({ created: 0, updated: 1 });

    const after = await byUrl('https://freelanews.com/2025/07/01/Floods-Hit-Lagos-Again');
    expect(after).toMatchObject({ id: before.id, title: 'Floods hit Lagos again (updated)', aliases: ['https://freelanews.com/lagos-floods-2025'] });
    expect(await tableCounts()).toEqual({ articles: counts.articles, aliases: counts.aliases - 1, events: counts.events + 1 });
  });

  it('matches a notice URL equal to an alias to its article', async () => {
    const article = await byUrl('https://freelanews.com/2025/07/01/Floods-Hit-Lagos-Again');
    const items = [{ url: 'https://freelanews.com/lagos-floods-2025/' }, { url: 'https://freelanews.com/lagos-floods/' }, { url: article.canonical_url }];
    const { body } = await fileAccepted(t.baseUrl, { ...completeNotice('other'), items });
    expect(body.items.map(({ match, articleId, state }: any) => ({ match, articleId, state }))).toEqual([
      { match: 'alias', articleId: article.id, state: 'pending' },
      // Replaced by the second import: no longer an alias, and not an article either.
      { match: 'not_found', articleId: null, state: 'out_of_scope' },
      { match: 'article', articleId: article.id, state: 'pending' },
    ]);
  });

  it('matches an alias on another host (syndication) too', async () => {
    await articles.importArticles([floods({ aliases: ['https://syndication.example.net/freelanews/lagos-floods'] })], system);
    const article = await byUrl('https://freelanews.com/2025/07/01/Floods-Hit-Lagos-Again');
    const { body } = await fileAccepted(t.baseUrl, { ...completeNotice('other'), items: [{ url: 'https://syndication.example.net/freelanews/lagos-floods?utm_source=feed' }] });
    expect(body.items[0]).toMatchObject({ match: 'alias', articleId: article.id, state: 'pending' });
  });

  describe('an invalid file writes nothing', () => {
    async function expectRejected(records: unknown, fields: string[]) {
      const before = { counts: await tableCounts(), rows: await articleRows() };
      const error = await articles.importArticles(records, system).then(
        () => null,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(DeskError);
      expect((error as DeskError).status).toBe(422);
      expect((error as DeskError).errors.map((entry) => entry.field)).toEqual(fields);
      expect({ counts: await tableCounts(), rows: await articleRows() }).toEqual(before);
    }

    const fresh = (i: number, overrides: Record<string, unknown> = {}) => ({
      url: `https://freelanews.com/2025/08/0${i}/story-${i}/`,
      title: `Story ${i}`,
      body: `Body of story ${i}.`,
      ...overrides,
    });

    it('rejects a record without a title, naming it by its position', async () => {
      await expectRejected([fresh(1), { url: 'https://freelanews.com/2025/08/02/story-2/', body: 'x' }], ['[1].title']);
    });

    it('rejects a bad URL', async () => {
      await expectRejected([fresh(1), fresh(2, { url: 'javascript:alert(1)' })], ['[1].url']);
    });

    it('names every bad record and field', async () => {
      await expectRejected(
        [fresh(1, { title: undefined }), fresh(2), fresh(3, { url: 'not a url', aliases: 'x' }), 'not an object', fresh(5, { extra: true })],
        ['[0].title', '[2].url', '[2].aliases', '[3]', '[4].extra'],
      );
    });

    it.each([
      ['an object instead of a list', { articles: [] }, ['(file)']],
      ['a title with a control character', [fresh(1, { title: 'Story\u0000' })], ['[0].title']],
      ['an invalid slug', [fresh(1, { slug: 'Not A Slug' })], ['[0].slug']],
      ['an invalid date', [fresh(1, { publishedAt: 'yesterday' })], ['[0].publishedAt']],
      ['an alias with a bad scheme', [fresh(1, { aliases: ['ftp://freelanews.com/x'] })], ['[0].aliases']],
    ])('rejects %s', async (_label, records, fields) => {
      await expectRejected(records, fields);
    });

    it('rejects a slug that belongs to another article', async () => {
      await expectRejected([fresh(1), fresh(2, { slug: 'floods-hit-lagos-again' })], ['[1]']);
    });

    it("rejects an alias that is another article's URL", async () => {
      await expectRejected([fresh(1, { aliases: ['https://freelanews.com/2025/07/02/heatwave'] })], ['[0]']);
    });
  });
});
