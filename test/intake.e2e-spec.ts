import { createHash } from 'node:crypto';
import { NOTICE_TYPES, type NoticeType } from '../src/notices/completeness';
import { completeNotice, countRows, DEMO_ARTICLE_URL, expectProblem, fileAccepted, fileNotice, getJson, NOTICES_PATH, postJson, tokenFrom, without } from './factories';
import { startTestApp, TestApp } from './support/test-app';

const DEMO_NORMALIZED_URL = DEMO_ARTICLE_URL.replace(/\/$/, '');

describe('notice intake through the JSON API', () => {
  let t: TestApp;
  let demoArticleId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const { rows } = await t.db.pool.query(`SELECT id FROM articles WHERE normalized_url = $1`, [DEMO_NORMALIZED_URL]);
    demoArticleId = rows[0].id;
  });
  afterAll(() => t.close());

  async function caseOf(reference: string) {
    const { rows } = await t.db.pool.query(
      `SELECT c.id AS case_id, c.status, c.due_at, n.id AS notice_id, n.notifier_id, n.type, n.channel, n.principal_name,
              n.attestations, n.completeness, n.tracking_token_hash, n.client_ip
       FROM cases c JOIN notices n ON n.id = c.notice_id WHERE c.reference = $1`,
      [reference],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  const fieldsOf = (missing: Array<{ field: string }>) => missing.map((element) => element.field);

  it.each(NOTICE_TYPES.map((type) => [type]))('files a complete %s notice as a new case', async (type) => {
    const response = await postJson(t.baseUrl, NOTICES_PATH, completeNotice(type));
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body.reference).toMatch(/^TD-\d{4}-\d{6}$/);
    expect(body.reference.slice(3, 7)).toBe(String(new Date().getUTCFullYear()));
    expect(body.status).toBe('new');
    expect(body.missing).toEqual([]);
    expect(body.trackingUrl).toMatch(new RegExp(`^${t.baseUrl}/track/[A-Za-z0-9_-]{43}$`));
    expect(response.headers.get('location')).toBe(`/api/v1/track/${tokenFrom(body.trackingUrl)}`);
    expect(body.items).toEqual([{ url: DEMO_ARTICLE_URL, normalizedUrl: DEMO_NORMALIZED_URL, articleId: demoArticleId, match: 'article', state: 'pending' }]);
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

  describe('an incomplete notice is stored and its case asks for exactly what is missing', () => {
    it.each<[NoticeType, string, string]>([
      ['copyright', 'signature', 'signature'],
      ['copyright', 'statements.authority', 'statements.authority'],
      ['copyright', 'notifier.phone', 'notifier.phone'],
      ['trademark', 'details.registrationNumber', 'details.registrationNumber'],
      ['trademark', 'explanation', 'explanation'],
      ['trademark', 'statements.goodFaith', 'statements.goodFaith'],
      ['defamation', 'details.inaccurateParts', 'details.inaccurateParts'],
      ['defamation', 'details.consentToShare', 'details.consentToShare'],
      // The statement complained of may be given as the item's passage instead.
      ['defamation', 'items.0.passage', 'details.statement'],
      ['privacy', 'items.0.reason', 'items[0].reason'],
      ['privacy', 'jurisdiction', 'jurisdiction'],
      ['privacy', 'details.identityConfirmed', 'details.identityConfirmed'],
      ['other', 'explanation', 'explanation'],
      ['other', 'statements.accuracy', 'statements.accuracy'],
      ['other', 'notifier.name', 'notifier.name'],
    ])('%s without %s → awaiting_info, missing %s', async (type, path, field) => {
      const { body } = await fileAccepted(t.baseUrl, without(completeNotice(type), path));
      expect(body.status).toBe('awaiting_info');
      expect(fieldsOf(body.missing)).toEqual([field]);
      // Plain language for the notifier: a sentence, not a field path or a code.
      const [element] = body.missing;
      expect(element.message).toMatch(/^[A-Z].{10,}[.)]$/);
      expect(element.message).not.toMatch(/[a-z][.[][a-z0-9]|_/i);

      const stored = await caseOf(body.reference);
      expect(stored).toMatchObject({ status: 'awaiting_info', due_at: null, type });
      expect(stored.completeness.missing).toEqual(body.missing);
    });

    it('refuses a notice without any URL: it could never become a case', async () => {
      const before = await countRows(t.db.pool);
      await expectProblem(await postJson(t.baseUrl, NOTICES_PATH, { ...completeNotice('other'), items: [] }), 422, ['items']);
      expect(await countRows(t.db.pool)).toEqual(before);
    });

    it('lists what is missing in the receipt, in the same words', async () => {
      const { body } = await fileAccepted(t.baseUrl, without(without(completeNotice('copyright'), 'signature'), 'statements.goodFaith'));
      const { rows } = await t.db.pool.query(`SELECT m.body FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1`, [body.reference]);
      for (const element of body.missing) expect(rows[0].body).toContain(element.message);
    });
  });

  describe('copyright: DMCA §512(c)(3) states', () => {
    const copyright = () => completeNotice('copyright');
    const stripped = (...paths: string[]) => paths.reduce((notice, path) => without(notice, path), copyright());

    it.each([
      ['valid: all six elements', copyright(), 'valid', 'new', []],
      ['curable: only the signature is missing', stripped('signature'), 'curable', 'awaiting_info', ['signature']],
      [
        'curable: statements and phone/address missing, the e-mail is enough contact',
        stripped('statements', 'notifier.phone', 'notifier.address'),
        'curable',
        'awaiting_info',
        ['notifier.address', 'notifier.phone', 'statements.goodFaith', 'statements.accuracy', 'statements.authority'],
      ],
      ['ineffective: the work is missing', stripped('work'), 'ineffective', 'awaiting_info', ['work.description']],
      [
        // (No way at all to reach the sender is refused before it is a case: edge-security.e2e-spec.ts.)
        'curable: a postal address is enough contact',
        stripped('notifier.phone', 'notifier.email'),
        'curable',
        'awaiting_info',
        ['notifier.phone', 'notifier.email'],
      ],
    ])('%s', async (_label, notice, dmcaState, status, missing) => {
      const { body } = await fileAccepted(t.baseUrl, notice);
      expect(body).toMatchObject({ dmcaState, status });
      expect(fieldsOf(body.missing)).toEqual(missing);
      expect((await caseOf(body.reference)).completeness.dmcaState).toBe(dmcaState);
    });
  });

  describe('agents', () => {
    const byAgent = () => {
      const notice = completeNotice('copyright');
      notice.notifier.kind = 'agent';
      return notice;
    };

    it('asks an agent who they act for', async () => {
      const { body } = await fileAccepted(t.baseUrl, byAgent());
      expect(body.status).toBe('awaiting_info');
      expect(fieldsOf(body.missing)).toEqual(['principal.name']);
    });

    it.each(NOTICE_TYPES.map((type) => [type]))('asks it for a %s notice too', async (type) => {
      const notice = completeNotice(type);
      notice.notifier.kind = 'agent';
      const { body } = await fileAccepted(t.baseUrl, notice);
      expect(fieldsOf(body.missing)).toContain('principal.name');
    });

    it('files an agent with a principal as complete', async () => {
      const { body } = await fileAccepted(t.baseUrl, { ...byAgent(), principal: { name: 'Doe Photography Ltd' } });
      expect(body.status).toBe('new');
      expect(await caseOf(body.reference)).toMatchObject({ principal_name: 'Doe Photography Ltd' });
    });
  });

  describe("URLs and the publisher's articles", () => {
    it('keeps URLs it cannot act on, marked out of scope', async () => {
      const items = [
        { url: DEMO_ARTICLE_URL },
        { url: 'https://example.org/news/the-same-story/' },
        { url: 'https://freelanews.com/2099/01/01/no-such-story/' },
        { url: 'https://freelanews.com.evil.example/2025/06/02/russia-ukraine-resume-peace-talks-in-istanbul-amid-escalating-air-attacks/' },
      ];
      const { body } = await fileAccepted(t.baseUrl, { ...completeNotice('copyright'), items });
      expect(body.status).toBe('new');
      expect(body.items.map(({ match, state, articleId }: any) => ({ match, state, articleId }))).toEqual([
        { match: 'article', state: 'pending', articleId: demoArticleId },
        { match: 'other_site', state: 'out_of_scope', articleId: null },
        { match: 'not_found', state: 'out_of_scope', articleId: null },
        { match: 'other_site', state: 'out_of_scope', articleId: null },
      ]);
      const { rows } = await t.db.pool.query(
        `SELECT i.position, i.url, i.match, i.state FROM notice_items i JOIN cases c ON c.notice_id = i.notice_id
         WHERE c.reference = $1 ORDER BY i.position`,
        [body.reference],
      );
      expect(rows.map((row) => [row.position, row.url, row.match, row.state])).toEqual(items.map((item, i) => [i, item.url, body.items[i].match, body.items[i].state]));
    });

    const path = new URL(DEMO_ARTICLE_URL).pathname;
    it.each([
      ['www.', `https://www.freelanews.com${path}`],
      ['http', `http://freelanews.com${path}`],
      ['utm parameters', `${DEMO_ARTICLE_URL}?utm_source=twitter&utm_medium=social&utm_campaign=share`],
      ['an /amp/ view', `${DEMO_ARTICLE_URL}amp/`],
      ['an amp. host', `https://amp.freelanews.com${path}`],
      ['no trailing slash', DEMO_NORMALIZED_URL],
      ['an upper-case host', `https://FreeLaNews.COM${path}`],
      ['a fragment', `${DEMO_ARTICLE_URL}#comments`],
      ['all at once', `http://www.freelanews.com${path}amp?utm_source=x&fbclid=abc#top`],
    ])('matches the demo article from a URL with %s', async (_label, url) => {
      const { body } = await fileAccepted(t.baseUrl, { ...completeNotice('other'), items: [{ url }] });
      expect(body.items).toEqual([{ url, normalizedUrl: DEMO_NORMALIZED_URL, articleId: demoArticleId, match: 'article', state: 'pending' }]);
    });

    it.each([
      ['a short alias', 'https://freelanews.com/istanbul-peace-talks/'],
      ['an alias on the mobile host', `https://m.freelanews.com${path}`],
    ])('matches the demo article through %s', async (_label, url) => {
      const { body } = await fileAccepted(t.baseUrl, { ...completeNotice('other'), items: [{ url }] });
      expect(body.items[0]).toMatchObject({ match: 'alias', articleId: demoArticleId, state: 'pending' });
    });
  });

  describe('what the notice records', () => {
    it.each(NOTICE_TYPES.map((type) => [type]))('the exact statement texts shown for a %s notice, and which were accepted', async (type) => {
      const types = await (await getJson(t.baseUrl, '/api/v1/notice-types')).json();
      const shown: Array<{ key: string; text: string }> = types.find((entry: { type: string }) => entry.type === type).statements;
      const { body } = await fileAccepted(t.baseUrl, completeNotice(type));
      const { attestations } = await caseOf(body.reference);
      const sworn = attestations.filter((attestation: { key: string }) => attestation.key.startsWith('statements.'));
      expect(sworn).toEqual(shown.map(({ key, text }) => ({ key: `statements.${key}`, text, accepted: true })));
      for (const attestation of attestations) expect(attestation.text).toMatch(/^[A-Z].{20,}[.?]$/);
    });

    it('records a statement shown but not accepted as such', async () => {
      const notice = completeNotice('copyright');
      notice.statements.authority = false;
      const { body } = await fileAccepted(t.baseUrl, notice);
      const { attestations } = await caseOf(body.reference);
      expect(attestations.find((attestation: { key: string }) => attestation.key === 'statements.authority')).toMatchObject({
        accepted: false,
        text: expect.stringContaining('penalty of perjury'),
      });
      expect(fieldsOf(body.missing)).toEqual(['statements.authority']);
    });

    it('records the defamation answers with the questions asked', async () => {
      const { body } = await fileAccepted(t.baseUrl, completeNotice('defamation'));
      const { attestations } = await caseOf(body.reference);
      expect(attestations).toEqual([
        { key: 'details.lacksPosterInfo', text: expect.stringContaining('author of the article'), accepted: true },
        { key: 'details.consentToShare', text: expect.stringContaining('author of the article'), accepted: false },
      ]);
    });

    it('records the receipt with its full text but without the tracking link', async () => {
      const { body } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
      const token = tokenFrom(body.trackingUrl);
      const stored = await caseOf(body.reference);
      const { rows: messages } = await t.db.pool.query(`SELECT kind, recipient_role, to_address, subject, body, state FROM messages WHERE case_id = $1`, [stored.case_id]);
      expect(messages).toEqual([
        {
          kind: 'receipt',
          recipient_role: 'notifier',
          to_address: 'jane.doe@example.org',
          subject: expect.stringContaining(body.reference),
          body: expect.stringContaining(`Your case reference is ${body.reference}.`),
          state: 'stored',
        },
      ]);
      expect(messages[0].body).toContain('Dear Jane Doe');
      expect(messages[0].body).toContain('Article 16(4)');
      expect(messages[0].body).not.toContain(token);
      expect(stored.tracking_token_hash).toEqual(createHash('sha256').update(token).digest());
    });

    it('keeps the tracking token nowhere in the database', async () => {
      const { body } = await fileAccepted(t.baseUrl, completeNotice('privacy'));
      const token = tokenFrom(body.trackingUrl);
      const { rows: tables } = await t.db.pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
      expect(tables.length).toBeGreaterThan(5);
      for (const { table_name: table } of tables) {
        const { rows } = await t.db.pool.query(`SELECT count(*)::int AS hits FROM "${table}" t WHERE t::text LIKE $1`, [`%${token}%`]);
        expect({ table, hits: rows[0].hits }).toEqual({ table, hits: 0 });
      }
    });

    it('appends the filing to the event log', async () => {
      const notice = completeNotice('copyright');
      notice.items.push({ url: 'https://example.org/copy' });
      const { body } = await fileAccepted(t.baseUrl, notice);
      const stored = await caseOf(body.reference);
      const { rows: events } = await t.db.pool.query(
        `SELECT actor_type, actor_id, action, subject_type, subject_id, case_id, changes, data, visibility, client_network
         FROM events WHERE case_reference = $1 ORDER BY id`,
        [body.reference],
      );
      const { rows: messages } = await t.db.pool.query(`SELECT id FROM messages WHERE case_id = $1`, [stored.case_id]);
      const common = { case_id: stored.case_id, client_network: '127.0.0.0/24' };
      expect(events).toEqual([
        {
          ...common,
          actor_type: 'notifier',
          actor_id: stored.notifier_id,
          action: 'notice.filed',
          subject_type: 'notice',
          subject_id: stored.notice_id,
          changes: {},
          data: { type: 'copyright', channel: 'api', itemCount: 2, outOfScope: 1, missing: [] },
          visibility: 'notifier',
        },
        {
          ...common,
          actor_type: 'notifier',
          actor_id: stored.notifier_id,
          action: 'case.opened',
          subject_type: 'case',
          subject_id: stored.case_id,
          changes: { status: { before: null, after: 'new' }, dueAt: { before: null, after: expect.any(String) } },
          data: {},
          visibility: 'notifier',
        },
        {
          ...common,
          actor_type: 'system',
          actor_id: null,
          action: 'message.recorded',
          subject_type: 'message',
          subject_id: messages[0].id,
          changes: {},
          data: { kind: 'receipt', recipientRole: 'notifier' },
          visibility: 'internal',
        },
      ]);
      // The notice itself keeps the full address as evidence (§512(f)); the log only the network.
      expect(stored).toMatchObject({ channel: 'api', client_ip: '127.0.0.1' });
    });
  });

  describe('senders', () => {
    const withSender = (sender: Record<string, unknown>) => {
      const notice = completeNotice('copyright');
      notice.notifier = { ...notice.notifier, ...sender };
      return notice;
    };
    const notifiersWith = async (email: string) =>
      (
        await t.db.pool.query(
          `SELECT nf.id, nf.name, nf.organization, nf.kind, (SELECT count(*)::int FROM notices n WHERE n.notifier_id = nf.id) AS notices
           FROM notifiers nf WHERE nf.email = $1`,
          [email],
        )
      ).rows;

    it('keeps one sender per e-mail address with the details last given, and counts its notices from them', async () => {
      await fileAccepted(t.baseUrl, withSender({ email: 'Agency@Example.org', name: 'Agency One', organization: undefined, kind: 'agent' }));
      await fileAccepted(t.baseUrl, withSender({ email: 'agency@example.org', name: 'Agency One', organization: undefined, kind: 'agent' }));
      expect(await notifiersWith('agency@example.org')).toEqual([{ id: expect.any(String), name: 'Agency One', organization: null, kind: 'agent', notices: 2 }]);
      await fileAccepted(t.baseUrl, withSender({ email: 'agency@example.org', name: 'Agency One Ltd', organization: 'Agency', kind: 'agent' }));
      expect(await notifiersWith('agency@example.org')).toEqual([{ id: expect.any(String), name: 'Agency One Ltd', organization: 'Agency', kind: 'agent', notices: 3 }]);
    });

    it('makes one sender of a new address filed by many requests at once', async () => {
      const answers = await Promise.all(Array.from({ length: 8 }, () => fileNotice(t.baseUrl, withSender({ email: 'burst@example.org', name: 'Burst' }))));
      expect(answers.map(({ response }) => response.status)).toEqual(Array(8).fill(201));
      const senders = await notifiersWith('burst@example.org');
      expect(senders).toEqual([expect.objectContaining({ name: 'Burst', notices: 8 })]);
      // Each filing's events name that sender.
      const { rows } = await t.db.pool.query(
        `SELECT DISTINCT e.actor_id FROM events e JOIN cases c ON c.id = e.case_id JOIN notices n ON n.id = c.notice_id
         WHERE n.notifier_id = $1 AND e.actor_type = 'notifier'`,
        [senders[0].id],
      );
      expect(rows).toEqual([{ actor_id: senders[0].id }]);
    });

    it('writes a filing (sender, notice, items, case, key, receipt, events) in one transaction', async () => {
      const { response, body } = await fileNotice(t.baseUrl, withSender({ email: 'one-tx@example.org' }), { 'idempotency-key': 'one-transaction-0001' });
      expect(response.status).toBe(201);
      const { rows } = await t.db.pool.query(
        `SELECT DISTINCT x FROM cases c JOIN notices n ON n.id = c.notice_id,
           LATERAL (SELECT n.xmin::text UNION ALL SELECT c.xmin::text
                    UNION ALL SELECT nf.xmin::text FROM notifiers nf WHERE nf.id = n.notifier_id
                    UNION ALL SELECT i.xmin::text FROM notice_items i WHERE i.notice_id = n.id
                    UNION ALL SELECT k.xmin::text FROM submission_keys k WHERE k.case_id = c.id
                    UNION ALL SELECT m.xmin::text FROM messages m WHERE m.case_id = c.id
                    UNION ALL SELECT e.tx_id::text FROM events e WHERE e.case_id = c.id) parts(x)
         WHERE c.reference = $1`,
        [body.reference],
      );
      expect(rows).toHaveLength(1);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the same key and body with the first filing', async () => {
      const headers = { 'idempotency-key': 'retry-0001-same-body' };
      const first = await fileNotice(t.baseUrl, completeNotice('copyright'), headers);
      expect(first.response.status).toBe(201);
      const before = await countRows(t.db.pool);

      const again = await fileNotice(t.baseUrl, completeNotice('copyright'), headers);
      expect(again.response.status).toBe(200);
      expect(again.body).toMatchObject({ replayed: true, reference: first.body.reference, status: 'new', items: first.body.items });
      // The tracking link is shown once; the desk cannot show it again (it keeps only a hash).
      expect(again.body.trackingUrl).toBeNull();
      expect(again.response.headers.get('location')).toBeNull();
      expect(await countRows(t.db.pool)).toEqual(before);
    });

    // Without a token, a key belongs to the body and e-mail sent with it: another body is
    // another caller's notice (edge-security.e2e-spec.ts covers the keys of staff tokens).
    it('files the same anonymous key with a different body as a notice of its own', async () => {
      const headers = { 'idempotency-key': 'retry-0002-other-body' };
      const first = await fileNotice(t.baseUrl, completeNotice('copyright'), headers);
      const second = await fileNotice(t.baseUrl, completeNotice('trademark'), headers);
      expect([first.response.status, second.response.status]).toEqual([201, 201]);
      expect(second.body.reference).not.toBe(first.body.reference);
    });

    it('opens exactly one case for ten concurrent requests with one key', async () => {
      const before = await countRows(t.db.pool);
      const headers = { 'idempotency-key': 'retry-0003-concurrent' };
      const answers = await Promise.all(Array.from({ length: 10 }, () => fileNotice(t.baseUrl, completeNotice('other'), headers)));
      expect(answers.map(({ response }) => response.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map(({ body }) => body.reference)).size).toBe(1);
      const after = await countRows(t.db.pool);
      expect({ notices: after.notices - before.notices, cases: after.cases - before.cases, messages: after.messages - before.messages }).toEqual({
        notices: 1,
        cases: 1,
        messages: 1,
      });
    });

    it('files two notices for two keys', async () => {
      const a = await fileNotice(t.baseUrl, completeNotice('other'), { 'idempotency-key': 'retry-0004-a' });
      const b = await fileNotice(t.baseUrl, completeNotice('other'), { 'idempotency-key': 'retry-0004-b' });
      expect([a.response.status, b.response.status]).toEqual([201, 201]);
      expect(a.body.reference).not.toBe(b.body.reference);
    });
  });

  describe('rate limits (RATE_LIMIT_PER_MINUTE=3)', () => {
    let limited: TestApp;

    beforeAll(async () => {
      limited = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
      // The limit counts per calendar minute: start well inside one, so that every
      // request of the test falls in the same window.
      const { rows } = await limited.db.pool.query(`SELECT 60 - extract(epoch FROM now() - date_trunc('minute', now()))::float AS left`);
      if (rows[0].left < 20) await new Promise((resolve) => setTimeout(resolve, (rows[0].left + 1) * 1000));
    });
    afterAll(() => limited.close());

    it('refuses the 4th filing in a minute with 429 and Retry-After, and limits tracking separately', async () => {
      const filed = [];
      for (let i = 0; i < 3; i++) filed.push(await fileAccepted(limited.baseUrl, completeNotice('other')));
      const before = await countRows(limited.db.pool);

      const refused = await postJson(limited.baseUrl, NOTICES_PATH, completeNotice('other'));
      const problem = await expectProblem(refused, 429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60).toBe(true);
      expect(problem.retryAfter).toBe(retryAfter);
      expect(await countRows(limited.db.pool)).toEqual(before);

      // Past the limit a request is counted no more: the window's row is read, not written
      // (the same row version), so a flood does not queue on its lock.
      const windowRow = `SELECT hits, xmin::text AS version FROM rate_limit_windows WHERE bucket LIKE 'filing:%'`;
      const overLimit = (await limited.db.pool.query(windowRow)).rows;
      expect(overLimit).toEqual([{ hits: 4, version: expect.any(String) }]);
      for (let i = 0; i < 3; i++) await expectProblem(await postJson(limited.baseUrl, NOTICES_PATH, completeNotice('other')), 429);
      expect((await limited.db.pool.query(windowRow)).rows).toEqual(overLimit);

      // Filing used up its budget; tracking has its own.
      for (const { token } of filed) expect((await getJson(limited.baseUrl, `/api/v1/track/${token}`)).status).toBe(200);
      const tooMany = await getJson(limited.baseUrl, `/api/v1/track/${filed[0].token}`);
      await expectProblem(tooMany, 429);
      expect(tooMany.headers.get('retry-after')).toMatch(/^\d+$/);
    });
  });
});
