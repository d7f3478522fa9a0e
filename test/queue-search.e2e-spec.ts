import { Client } from 'pg';
import { generateQueueData, planFor } from '../bench/lib/queue-data';
import { CASE_STATUSES } from '../src/cases/case.entity';
import { OPEN_STATUSES } from '../src/cases/case-workflow';
import { bearer, createStaff, StaffMember } from './factories';
import { startTestApp, TestApp } from './support/test-app';

// The queue's text search works in steps (the first cases of the queue checked one by one,
// then further when the term looks common, then the trigram indexes for a rare term). On a
// few thousand generated cases, each step must give exactly the page a plain scan of every
// case gives: same cases, same order.
describe('queue text search against a plain scan of every case', () => {
  let t: TestApp;
  let editor: StaffMember;
  let client: Client;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await createStaff(t, 'editor');
    client = new Client({ connectionString: t.db.url });
    await client.connect();
    await generateQueueData(client, planFor(0.003), editor.id, () => undefined);
  });
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  // Every case that matches, in the queue's order, the way the desk defines a match.
  async function plainScan(term: string, statuses: readonly string[], sort: 'due' | '-received', limit: number): Promise<string[]> {
    const pattern = `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    // Due order puts the priority lane (trusted flaggers) first, then the nearest clock.
    const order = sort === 'due' ? `(c.priority <> 'high'), coalesce(c.next_due_at, 'infinity'::timestamptz), c.id` : 'c.received_at DESC, c.id DESC';
    const { rows } = await client.query(
      `SELECT c.reference FROM cases c JOIN notices n ON n.id = c.notice_id
       WHERE c.status = ANY($1)
         AND (c.reference ILIKE $2 OR n.notifier->>'name' ILIKE $2 OR n.notifier->>'email' ILIKE $2
              OR EXISTS (SELECT 1 FROM notice_items i LEFT JOIN articles a ON a.id = i.article_id
                         WHERE i.notice_id = n.id AND (i.url ILIKE $2 OR i.normalized_url ILIKE $2 OR a.title ILIKE $2)))
       ORDER BY ${order} LIMIT $3`,
      [statuses, pattern, limit],
    );
    return rows.map((row) => row.reference);
  }

  async function search(term: string, statuses: readonly string[], sort: 'due' | '-received', limit: number): Promise<string[]> {
    const query = new URLSearchParams({ q: term, status: statuses.join(','), sort, limit: String(limit) });
    const response = await fetch(`${t.baseUrl}/api/v1/cases?${query}`, { headers: bearer(editor.token) });
    expect(response.status).toBe(200);
    return (await response.json()).items.map((item: { reference: string }) => item.reference);
  }

  // Terms of every frequency, taken from the generated data: one in every case, one in about
  // one case in thirty (a surname), a few cases (an e-mail, a reference deep in the queue),
  // an article's title words, and nothing at all.
  async function terms(): Promise<Array<[string, string]>> {
    const deep = (await client.query(`SELECT reference FROM cases ORDER BY coalesce(next_due_at, 'infinity'::timestamptz) DESC, id DESC LIMIT 1`)).rows[0].reference;
    const email = (await client.query(`SELECT n.notifier->>'email' AS email FROM notices n ORDER BY n.id LIMIT 1`)).rows[0].email as string;
    const title = (await client.query(`SELECT a.title FROM articles a JOIN notice_items i ON i.article_id = a.id ORDER BY a.id LIMIT 1`)).rows[0].title as string;
    return [
      ['in every case', 'example'],
      ['a surname', 'Kowalczyk'],
      ['an e-mail', email],
      ['a reference deep in the queue', deep],
      ['an article title', title.split(' ').slice(0, 3).join(' ')],
      ['a URL path word', 'museum-heist'],
      // The trigram step looks the words up one by one, then checks the whole term: the same
      // words in another order, words too short to look up, and a URL's punctuation.
      ['the same words in another order', 'heist-museum'],
      ['short words only', 'TD-'],
      ['a piece of a URL', 'freelanews.com/2024/0'],
      ['nothing', 'no-such-term-anywhere'],
    ];
  }

  it('gives the same page as the plain scan for every kind of term, filter and order', async () => {
    const generated = (await client.query('SELECT count(*)::int AS n FROM cases')).rows[0].n;
    expect(generated).toBeGreaterThan(2_000);
    const compared: string[] = [];
    for (const [label, term] of await terms()) {
      for (const [statuses, sort, limit] of [
        [CASE_STATUSES, 'due', 50],
        [CASE_STATUSES, '-received', 20],
        [OPEN_STATUSES, 'due', 50],
        [['closed'], '-received', 10],
      ] as const) {
        const expected = await plainScan(term, statuses, sort, limit);
        expect([label, statuses.length, sort, await search(term, statuses, sort, limit)]).toEqual([label, statuses.length, sort, expected]);
        compared.push(`${label}: ${expected.length}`);
      }
    }
    // The terms span full pages, partial pages and empty ones.
    expect(compared.some((line) => line.endsWith(': 50'))).toBe(true);
    expect(compared.some((line) => /: [1-9]$/.test(line))).toBe(true);
    expect(compared.some((line) => line.endsWith(': 0'))).toBe(true);
  });
});
