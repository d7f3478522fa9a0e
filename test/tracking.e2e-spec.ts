import { createHash } from 'node:crypto';
import { DEMO_ARTICLES } from '../src/articles/demo-articles';
import { completeNotice, countRows, DEMO_ARTICLE_URL, expectProblem, fileAccepted, getJson, postJson, publisherUrls, randomToken, without } from './factories';
import { startTestApp, TestApp } from './support/test-app';

const OTHER_ARTICLE_URL = DEMO_ARTICLES[1].url;

describe('tracking a case through its private token', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const track = (token: string) => getJson(t.baseUrl, `/api/v1/track/${token}`);
  const supplement = (token: string, body: unknown) => postJson(t.baseUrl, `/api/v1/track/${token}/supplement`, body);
  const withdraw = (token: string, body: unknown) => postJson(t.baseUrl, `/api/v1/track/${token}/withdraw`, body);

  async function caseRow(reference: string) {
    const { rows } = await t.db.pool.query(
      `SELECT c.status, c.due_at, n.id AS notice_id, n.notifier_id, n.signature, n.principal_name, n.work_description,
              n.work_original_urls, n.language, n.jurisdiction, n.details, n.completeness
       FROM cases c JOIN notices n ON n.id = c.notice_id WHERE c.reference = $1`,
      [reference],
    );
    return rows[0];
  }

  async function itemsOf(reference: string) {
    const { rows } = await t.db.pool.query(
      `SELECT i.position, i.url, i.match, i.state, i.reason FROM notice_items i JOIN cases c ON c.notice_id = i.notice_id
       WHERE c.reference = $1 ORDER BY i.position`,
      [reference],
    );
    return rows;
  }

  async function eventsOf(reference: string) {
    const { rows } = await t.db.pool.query(
      `SELECT actor_type, actor_id, action, subject_type, subject_id, changes, data, visibility, request_id, client_network
       FROM events WHERE case_reference = $1 ORDER BY id`,
      [reference],
    );
    return rows;
  }

  // A copyright notice that only lacks the signature: curable, waiting for the notifier.
  const unsigned = () => without(completeNotice('copyright'), 'signature');

  describe('the view', () => {
    it('shows the reference, type, status, items with match and state, what is missing and a timeline', async () => {
      const notice = unsigned();
      notice.items.push({ url: 'https://example.org/elsewhere' });
      const { body: filed, token } = await fileAccepted(t.baseUrl, notice);

      const response = await track(token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const view = await response.json();
      expect(view).toMatchObject({
        reference: filed.reference,
        type: 'copyright',
        status: 'awaiting_info',
        complete: false,
        dmcaState: 'curable',
        missing: [{ code: 'signature', field: 'signature', message: expect.stringMatching(/signature/i) }],
        notifier: { name: 'Jane Doe', email: 'jane.doe@example.org' },
        actions: { supplyInfo: true, withdraw: true },
      });
      expect(view.items).toEqual([
        expect.objectContaining({ index: 0, url: DEMO_ARTICLE_URL, match: 'article', state: 'pending', articleId: expect.any(String) }),
        expect.objectContaining({ index: 1, url: 'https://example.org/elsewhere', match: 'other_site', state: 'out_of_scope', articleId: null }),
      ]);
      expect(view.timeline.map((entry: { action: string }) => entry.action)).toEqual(['notice.filed', 'case.opened']);
      expect(view.timeline[1].summary).toMatch(/more information/i);

      // The receipt's internal event exists; the notifier does not see it.
      const actions = (await eventsOf(filed.reference)).map((event) => event.action);
      expect(actions).toContain('message.recorded');
    });
  });

  describe('supplying missing information', () => {
    it('completes a curable notice: the case moves to new and the change is recorded', async () => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, unsigned());
      const before = await caseRow(filed.reference);
      expect(before).toMatchObject({ status: 'awaiting_info', due_at: null });

      const response = await supplement(token, { signature: 'Jane Doe' });
      expect(response.status).toBe(200);
      const view = await response.json();
      expect(view).toMatchObject({ status: 'new', complete: true, dmcaState: 'valid', missing: [], actions: { supplyInfo: false } });
      expect(view.timeline.map((entry: { action: string }) => entry.action)).toEqual(['notice.filed', 'case.opened', 'notice.supplemented']);

      const after = await caseRow(filed.reference);
      expect(after).toMatchObject({ status: 'new', signature: 'Jane Doe' });
      // The review clock starts once the notice is complete.
      expect(after.due_at).not.toBeNull();

      const events = await eventsOf(filed.reference);
      expect(events.slice(-2)).toEqual([
        expect.objectContaining({
          actor_type: 'notifier',
          actor_id: before.notifier_id,
          action: 'notice.supplemented',
          subject_type: 'notice',
          subject_id: before.notice_id,
          changes: { signature: { before: null, after: 'Jane Doe' } },
          data: expect.objectContaining({ complete: true, missing: [] }),
          visibility: 'notifier',
          request_id: expect.any(String),
          client_network: '127.0.0.0/24',
        }),
        expect.objectContaining({
          action: 'case.status_changed',
          changes: expect.objectContaining({ status: { before: 'awaiting_info', after: 'new' } }),
          visibility: 'internal',
        }),
      ]);
    });

    it('keeps the case waiting while something is still missing', async () => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, without(unsigned(), 'statements.authority'));
      const view = await (await supplement(token, { signature: 'Jane Doe' })).json();
      expect(view).toMatchObject({ status: 'awaiting_info', complete: false });
      expect(view.missing.map((element: { field: string }) => element.field)).toEqual(['statements.authority']);
      expect((await caseRow(filed.reference)).status).toBe('awaiting_info');
      expect(view.timeline.at(-1).summary).toMatch(/still missing/i);
    });

    it('appends items and sets the reasons of items already filed', async () => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, without(completeNotice('privacy'), 'items.0.reason'));
      expect(filed.missing.map((element: { field: string }) => element.field)).toEqual(['items[0].reason']);

      const response = await supplement(token, {
        itemReasons: [{ index: 0, reason: 'inaccurate' }],
        items: [{ url: OTHER_ARTICLE_URL, reason: 'irrelevant' }],
      });
      expect(response.status).toBe(200);
      const view = await response.json();
      expect(view.status).toBe('new');
      expect(view.items).toEqual([
        expect.objectContaining({ index: 0, url: DEMO_ARTICLE_URL, reason: 'inaccurate' }),
        expect.objectContaining({ index: 1, url: OTHER_ARTICLE_URL, reason: 'irrelevant', match: 'article', state: 'pending' }),
      ]);
      expect(await itemsOf(filed.reference)).toEqual([
        expect.objectContaining({ position: 0, reason: 'inaccurate' }),
        expect.objectContaining({ position: 1, reason: 'irrelevant' }),
      ]);
      const supplemented = (await eventsOf(filed.reference)).find((event) => event.action === 'notice.supplemented');
      expect(supplemented.changes).toEqual({
        'items[0].reason': { before: null, after: 'inaccurate' },
        items: { before: 1, after: 2 },
      });
    });

    it('takes any notice field, including the original work URLs and the language', async () => {
      // Filed by an agent without principal or work: ineffective under the DMCA.
      const notice = without(completeNotice('copyright'), 'work');
      notice.notifier.kind = 'agent';
      const { body: filed, token } = await fileAccepted(t.baseUrl, notice);
      expect(filed.dmcaState).toBe('ineffective');
      expect(filed.missing.map((element: { field: string }) => element.field)).toEqual(['work.description', 'principal.name']);

      const response = await supplement(token, {
        principal: { name: 'Doe Photography Ltd' },
        work: { description: 'The photograph "Istanbul talks".', originalUrls: ['https://doe.example.org/istanbul'] },
        jurisdiction: 'de',
        language: 'de',
        details: { mark: 'ignored for copyright' },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'new', complete: true, dmcaState: 'valid' });
      expect(await caseRow(filed.reference)).toMatchObject({
        status: 'new',
        principal_name: 'Doe Photography Ltd',
        work_description: 'The photograph "Istanbul talks".',
        work_original_urls: ['https://doe.example.org/istanbul'],
        jurisdiction: 'DE',
        language: 'de',
        details: { mark: 'ignored for copyright' },
      });
      const supplemented = (await eventsOf(filed.reference)).find((event) => event.action === 'notice.supplemented');
      expect(supplemented.changes).toMatchObject({
        'principal.name': { before: null, after: 'Doe Photography Ltd' },
        'work.originalUrls': { before: [], after: ['https://doe.example.org/istanbul'] },
        jurisdiction: { before: 'GB', after: 'DE' },
        language: { before: 'en', after: 'de' },
      });
    });

    it('refuses a reason for an item the notice does not have, and changes nothing', async () => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, without(completeNotice('privacy'), 'items.0.reason'));
      const before = await countRows(t.db.pool);
      await expectProblem(await supplement(token, { itemReasons: [{ index: 1, reason: 'outdated' }] }), 422, ['itemReasons']);
      expect(await countRows(t.db.pool)).toEqual(before);
      expect(await itemsOf(filed.reference)).toEqual([expect.objectContaining({ position: 0, reason: null })]);
    });

    it('refuses to take a notice past 1,000 URLs', async () => {
      const notice = { ...unsigned(), items: publisherUrls(999).map((url) => ({ url })) };
      const { body: filed, token } = await fileAccepted(t.baseUrl, notice);
      const before = await countRows(t.db.pool);
      const items = [{ url: DEMO_ARTICLE_URL }, { url: OTHER_ARTICLE_URL }];
      await expectProblem(await supplement(token, { items }), 422, ['items']);
      expect(await countRows(t.db.pool)).toEqual(before);
      // Exactly 1,000 is still fine.
      expect((await supplement(token, { items: items.slice(1) })).status).toBe(200);
      expect(await itemsOf(filed.reference)).toHaveLength(1000);
    });

    it('keeps every item of concurrent supplements', async () => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, unsigned());
      const urls = publisherUrls(5);
      const responses = await Promise.all(urls.map((url) => supplement(token, { items: [{ url }] })));
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      const items = await itemsOf(filed.reference);
      expect(items.map((item) => item.position)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(
        items
          .slice(1)
          .map((item) => item.url)
          .sort(),
      ).toEqual([...urls].sort());
    });

    it('refuses a supplement when the case is not waiting for information', async () => {
      const { token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
      const before = await countRows(t.db.pool);
      await expectProblem(await supplement(token, { signature: 'Someone Else' }), 409);
      expect(await countRows(t.db.pool)).toEqual(before);
    });

    it.each([
      ['the type, which cannot change', { type: 'trademark' }, 'type'],
      ['an unknown field', { urgent: true }, 'urgent'],
      ['a two-line signature', { signature: 'Jane\nDoe' }, 'signature'],
      ['a javascript: URL', { items: [{ url: 'javascript:alert(1)' }] }, 'items[0].url'],
      ['an item reason that is not a reason', { itemReasons: [{ index: 0, reason: 'because' }] }, 'itemReasons[0].reason'],
      ['a negative item index', { itemReasons: [{ index: -1, reason: 'outdated' }] }, 'itemReasons[0].index'],
    ])('refuses %s', async (_label, body, field) => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, unsigned());
      const before = await countRows(t.db.pool);
      await expectProblem(await supplement(token, body), 422, [field]);
      expect(await countRows(t.db.pool)).toEqual(before);
      expect((await caseRow(filed.reference)).status).toBe('awaiting_info');
    });
  });

  describe('withdrawing', () => {
    it('withdraws with confirm: true and records the reason', async () => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, completeNotice('trademark'));
      const response = await withdraw(token, { confirm: true, reason: 'We settled with the publisher.' });
      expect(response.status).toBe(200);
      const view = await response.json();
      expect(view).toMatchObject({ reference: filed.reference, status: 'withdrawn', actions: { supplyInfo: false, withdraw: false } });
      expect(view.timeline.at(-1).action).toBe('notice.withdrawn');

      const row = await caseRow(filed.reference);
      expect(row).toMatchObject({ status: 'withdrawn', due_at: null });
      expect((await eventsOf(filed.reference)).at(-1)).toEqual(
        expect.objectContaining({
          actor_type: 'notifier',
          actor_id: row.notifier_id,
          action: 'notice.withdrawn',
          subject_type: 'case',
          changes: expect.objectContaining({ status: { before: 'new', after: 'withdrawn' } }),
          data: { reason: 'We settled with the publisher.' },
          visibility: 'notifier',
        }),
      );
    });

    it('withdraws a case that is still waiting for information', async () => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, unsigned());
      expect((await withdraw(token, { confirm: true })).status).toBe(200);
      expect((await caseRow(filed.reference)).status).toBe('withdrawn');
    });

    it.each([
      ['no confirmation', {}],
      ['confirm: false', { confirm: false }],
      ['confirm: "true"', { confirm: 'true' }],
      ['confirm: 1', { confirm: 1 }],
    ])('refuses %s', async (_label, body) => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, completeNotice('other'));
      const before = await countRows(t.db.pool);
      await expectProblem(await withdraw(token, body), 422, ['confirm']);
      expect(await countRows(t.db.pool)).toEqual(before);
      expect((await caseRow(filed.reference)).status).toBe('new');
    });

    it('cannot withdraw twice, nor supplement a withdrawn case', async () => {
      const { token } = await fileAccepted(t.baseUrl, unsigned());
      expect((await withdraw(token, { confirm: true })).status).toBe(200);
      const before = await countRows(t.db.pool);
      await expectProblem(await withdraw(token, { confirm: true }), 409);
      await expectProblem(await supplement(token, { signature: 'Jane Doe' }), 409);
      expect(await countRows(t.db.pool)).toEqual(before);
    });
  });

  describe('tokens that do not open a case', () => {
    let revoked: string;
    let reference: string;

    beforeAll(async () => {
      const filed = await fileAccepted(t.baseUrl, unsigned());
      revoked = filed.token;
      reference = filed.body.reference;
      const hash = createHash('sha256').update(revoked).digest();
      await t.db.pool.query(`UPDATE notices SET tracking_token_revoked_at = now() WHERE tracking_token_hash = $1`, [hash]);
    });

    // Compared field by field: nothing in the answer tells the three kinds apart.
    async function notFound(response: Response) {
      const problem = await expectProblem(response, 404);
      return { contentType: response.headers.get('content-type'), title: problem.title, detail: problem.detail, code: problem.code, errors: problem.errors };
    }

    const tokens: Array<[string, () => string]> = [
      ['unknown', () => randomToken()],
      ['revoked', () => revoked],
      ['too short', () => 'abc'],
      ['one character short', () => randomToken().slice(1)],
      ['one character long', () => `${randomToken()}A`],
      ['300 characters long', () => 'A'.repeat(300)],
      ['not base64url', () => '!'.repeat(43)],
      ['with an encoded space', () => `${randomToken().slice(3)}%20ab`],
    ];

    it.each(tokens)('a %s token gets the same 404 everywhere', async (_label, token) => {
      const expected = await notFound(await track(randomToken()));
      const before = await countRows(t.db.pool);
      expect(await notFound(await track(token()))).toEqual(expected);
      expect(await notFound(await supplement(token(), { signature: 'Jane Doe' }))).toEqual(expected);
      expect(await notFound(await withdraw(token(), { confirm: true }))).toEqual(expected);
      expect(await countRows(t.db.pool)).toEqual(before);
    });

    it('a revoked token changes nothing', async () => {
      expect(await caseRow(reference)).toMatchObject({ status: 'awaiting_info', signature: null });
    });
  });

  describe('one token, one case', () => {
    it('a token neither sees nor changes another case', async () => {
      const a = await fileAccepted(t.baseUrl, unsigned());
      const bNotice = without(completeNotice('privacy'), 'items.0.reason');
      bNotice.items.push({ url: OTHER_ARTICLE_URL });
      const b = await fileAccepted(t.baseUrl, bNotice);
      const bBefore = { row: await caseRow(b.body.reference), items: await itemsOf(b.body.reference), events: await eventsOf(b.body.reference) };

      const viewA = await (await track(a.token)).json();
      expect(viewA.reference).toBe(a.body.reference);
      expect(viewA.items).toHaveLength(1);
      expect(JSON.stringify(viewA)).not.toContain(b.body.reference);

      // A's token addresses A's items only: index 1 exists on B, not on A.
      await expectProblem(await supplement(a.token, { itemReasons: [{ index: 1, reason: 'outdated' }] }), 422, ['itemReasons']);
      expect((await supplement(a.token, { signature: 'Jane Doe', items: [{ url: OTHER_ARTICLE_URL }] })).status).toBe(200);
      expect((await withdraw(a.token, { confirm: true })).status).toBe(200);

      expect((await caseRow(a.body.reference)).status).toBe('withdrawn');
      expect({ row: await caseRow(b.body.reference), items: await itemsOf(b.body.reference), events: await eventsOf(b.body.reference) }).toEqual(bBefore);
    });
  });

  describe('the event log', () => {
    it('records filing, supplement and withdrawal, and refuses UPDATE and DELETE', async () => {
      const { body: filed, token } = await fileAccepted(t.baseUrl, unsigned());
      await supplement(token, { signature: 'Jane Doe' });
      await withdraw(token, { confirm: true });

      const events = await eventsOf(filed.reference);
      expect(events.map((event) => [event.action, event.actor_type, event.visibility])).toEqual([
        ['notice.filed', 'notifier', 'notifier'],
        ['case.opened', 'notifier', 'notifier'],
        ['message.recorded', 'system', 'internal'],
        ['notice.supplemented', 'notifier', 'notifier'],
        ['case.status_changed', 'notifier', 'internal'],
        ['notice.withdrawn', 'notifier', 'notifier'],
      ]);
      for (const event of events) expect(event).toMatchObject({ subject_type: expect.any(String), subject_id: expect.any(String), request_id: expect.any(String) });

      await expect(t.db.pool.query(`UPDATE events SET action = 'forged' WHERE case_reference = $1`, [filed.reference])).rejects.toThrow(/append-only/);
      await expect(t.db.pool.query(`DELETE FROM events WHERE case_reference = $1`, [filed.reference])).rejects.toThrow(/append-only/);
      expect(await eventsOf(filed.reference)).toEqual(events);
    });
  });
});
