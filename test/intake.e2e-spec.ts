import { NOTICE_TYPES } from '../src/notices/completeness';
import { completeNotice, DEMO_ARTICLE_URL, postJson, tokenFrom } from './factories';
import { startTestApp, TestApp } from './support/test-app';

describe('notice intake through the JSON API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it.each(NOTICE_TYPES.map((type) => [type]))('files a complete %s notice as a new case', async (type) => {
    const response = await postJson(t.baseUrl, '/api/v1/notices', completeNotice(type));
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.reference).toMatch(/^TD-\d{4}-\d{6}$/);
    expect(body.status).toBe('new');
    expect(body.missing).toEqual([]);
    expect(body.trackingUrl).toMatch(new RegExp(`^${t.baseUrl}/track/[A-Za-z0-9_-]{43}$`));
    expect(response.headers.get('location')).toBe(`/api/v1/track/${tokenFrom(body.trackingUrl)}`);
    expect(body.items).toEqual([
      {
        url: DEMO_ARTICLE_URL,
        normalizedUrl: DEMO_ARTICLE_URL.replace(/\/$/, ''),
        articleId: expect.any(String),
        match: 'article',
        state: 'pending',
      },
    ]);
    if (type === 'copyright') expect(body.dmcaState).toBe('valid');

    const { rows } = await t.db.pool.query(
      `SELECT c.status, c.due_at, n.type, n.tracking_token_hash, (SELECT count(*)::int FROM notice_items i WHERE i.notice_id = n.id) AS items
       FROM cases c JOIN notices n ON n.id = c.notice_id WHERE c.reference = $1`,
      [body.reference],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'new', type, items: 1 });
    expect(rows[0].due_at).not.toBeNull();
    // Only the hash of the tracking token is stored.
    expect(rows[0].tracking_token_hash).toHaveLength(32);
  });
});
