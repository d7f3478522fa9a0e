import {
  bearer,
  completeNotice,
  countRows,
  createStaff,
  DEMO_ARTICLE_URL,
  expectProblem,
  fileAccepted,
  fileNotice,
  getJson,
  login,
  NOTICES_PATH,
  postJson,
  publisherUrls,
  tokenFrom,
  withValue,
} from './factories';
import { routesOf } from './support/routes';
import { startTestApp, TestApp } from './support/test-app';

// Whatever a client sends, the desk answers with a problem document naming what is wrong
// (never a 5xx) and a refused request writes nothing.
describe('bad input to the JSON API', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  // A case reference, slug or id with a NUL in it used to reach PostgreSQL (which cannot hold
  // one in text) and came back as a 500.
  it('answers 404 to a control character in any path parameter, on every route that has one, and writes nothing', async () => {
    const admin = await createStaff(t, 'admin');
    const before = await countRows(t.db.pool);
    const answers: string[] = [];
    for (const route of routesOf(t).filter((route) => route.includes(':'))) {
      const [method, path] = route.split(' ');
      for (const bad of ['x%00y', 'TD-2026-%01000001', '%7F']) {
        const response = await fetch(`${t.baseUrl}${path.replace(/:[A-Za-z]+/g, bad)}`, {
          method,
          headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
          body: method === 'GET' ? undefined : '{}',
        });
        await response.arrayBuffer();
        answers.push(`${route} ${bad} -> ${response.status}`);
      }
    }
    expect(answers.length).toBeGreaterThan(20);
    expect(answers.filter((answer) => !answer.endsWith('-> 404'))).toEqual([]);
    expect(await countRows(t.db.pool)).toEqual(before);
  });

  // Names every JavaScript object answers to (`constructor`, `toString`…) are not actions or
  // messages: a transition with one as its action was a 500 (found by the hostile-input
  // property test), and a page's `done=` message could have shown a function's text.
  describe('names that every object inherits', () => {
    const INHERITED = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

    it.each(INHERITED)('a transition with the action %s → 422 naming action, nothing written', async (action) => {
      const editor = await createStaff(t, 'editor');
      const { body: filed } = await fileAccepted(t.baseUrl, completeNotice());
      const before = await countRows(t.db.pool);
      const response = await postJson(t.baseUrl, `/api/v1/cases/${filed.reference}/transitions`, { action, version: 1 }, bearer(editor.token));
      await expectProblem(response, 422, ['action']);
      expect(await countRows(t.db.pool)).toEqual(before);
    });

    it("the same action from the case page's form → the page again with the error, nothing written", async () => {
      const editor = await createStaff(t, 'editor');
      const { cookie } = await login(t, editor.email, editor.password);
      const { body: filed } = await fileAccepted(t.baseUrl, completeNotice());
      const casePage = await (await fetch(`${t.baseUrl}/desk/cases/${filed.reference}`, { headers: { cookie, accept: 'text/html' } })).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(casePage)![1];
      const before = await countRows(t.db.pool);
      for (const action of INHERITED) {
        const response = await fetch(`${t.baseUrl}/desk/cases/${filed.reference}/transitions`, {
          method: 'POST',
          headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrf, action, version: '1' }).toString(),
          redirect: 'manual',
        });
        expect(response.status).toBe(422);
        expect(await response.text()).toContain('Unknown action.');
      }
      expect(await countRows(t.db.pool)).toEqual(before);
    });

    it('a done= message with one of those names shows no message', async () => {
      const admin = await createStaff(t, 'admin');
      const { cookie } = await login(t, admin.email, admin.password);
      const { body: filed, token } = await fileAccepted(t.baseUrl, completeNotice());
      const pages = [`/desk/cases/${filed.reference}`, '/account/tokens', '/admin/users', `/track/${token}`];
      for (const path of pages) {
        for (const done of INHERITED) {
          const response = await fetch(`${t.baseUrl}${path}?done=${done}`, { headers: { cookie, accept: 'text/html' } });
          const text = await response.text();
          expect([path, done, response.status]).toEqual([path, done, 200]);
          expect(text).not.toMatch(/native code|function |\[object /);
        }
      }
    });
  });

  // class-validator validates a list inside a list of objects as a list of its own: an empty
  // one passed, and `items: [[]]` reached the filing as an item without a URL (a 500, found
  // by the hostile-input tests, seed 1654286509). Every list of objects in the API; the
  // entry is named by its position.
  describe('a list where a list entry should be an object', () => {
    const ENTRIES: [string, unknown][] = [
      ['an empty list', []],
      ['a list holding an item', [{ url: DEMO_ARTICLE_URL }]],
      ['null', null],
      ['a string', 'https://freelanews.com/'],
    ];

    it.each(ENTRIES)('filing: items holding %s → 422 naming that entry, nothing written', async (_label, entry) => {
      const notice = completeNotice();
      const problem = await expectRefused({ ...notice, items: [...notice.items, entry] }, 422, ['items[1]']);
      expect(problem.errors).toEqual([{ field: 'items[1]', message: 'Each entry must be an object.' }]);
    });

    it.each(ENTRIES)('supplement: items or itemReasons holding %s → 422 naming that entry, nothing written', async (_label, entry) => {
      const { token } = await fileAccepted(t.baseUrl, completeNotice());
      for (const field of ['items', 'itemReasons']) {
        const before = await countRows(t.db.pool);
        await expectProblem(await postJson(t.baseUrl, `/api/v1/track/${token}/supplement`, { [field]: [entry] }), 422, [`${field}[0]`]);
        expect(await countRows(t.db.pool)).toEqual(before);
      }
    });

    it.each(ENTRIES)('decision: items holding %s → 422 naming that entry, nothing written', async (_label, entry) => {
      const editor = await createStaff(t, 'editor');
      const { body: filed } = await fileAccepted(t.baseUrl, completeNotice());
      const act = (body: Record<string, unknown>) => postJson(t.baseUrl, `/api/v1/cases/${filed.reference}/transitions`, body, bearer(editor.token));
      const started = await (await act({ action: 'start_review', version: 1 })).json();
      const before = await countRows(t.db.pool);
      const decision = { action: 'decide', version: started.version, ground: 'not_illegal', reasons: 'The passage is accurate reporting of a public event.' };
      await expectProblem(await act({ ...decision, items: [{ itemId: started.items[0].id, action: 'no_action' }, entry] }), 422, ['items[1]']);
      expect(await countRows(t.db.pool)).toEqual(before);
    });
  });

  // Sends a raw body and checks the answer and that no table changed.
  async function expectRefused(body: unknown, status: number, fields: string[] = [], headers: Record<string, string> = {}): Promise<any> {
    const before = await countRows(t.db.pool);
    const problem = await expectProblem(await postJson(t.baseUrl, NOTICES_PATH, body, headers), status, fields);
    expect(await countRows(t.db.pool)).toEqual(before);
    return problem;
  }

  // A complete notice's JSON text with a raw fragment spliced in before its last brace.
  function jsonWith(fragment: string, notice: unknown = completeNotice()): string {
    return JSON.stringify(notice).replace(/\}$/, `,${fragment}}`);
  }

  describe('malformed bodies → 400', () => {
    it.each([
      ['truncated JSON', '{"type":"copyright",'],
      ['a trailing comma', '{"type":"copyright",}'],
      ['single quotes', "{'type':'copyright'}"],
      ['an empty body', ''],
      ['a JSON array', JSON.stringify([completeNotice()])],
      ['a JSON string', '"copyright"'],
      ['JSON null', 'null'],
      ['a JSON number', '42'],
      ['JSON true', 'true'],
    ])('%s', async (_label, body) => {
      await expectRefused(body, 400);
    });

    // The parser refuses prototype pollution outright.
    it.each([
      ['__proto__ at the top level', jsonWith('"__proto__":{"isAdmin":true}')],
      ['__proto__ inside notifier', JSON.stringify(completeNotice()).replace('"notifier":{', '"notifier":{"__proto__":{"x":1},')],
      ['constructor.prototype', jsonWith('"constructor":{"prototype":{"isAdmin":true}}')],
    ])('%s', async (_label, body) => {
      await expectRefused(body, 400);
    });

    // Far deeper than any notice: must be refused before anything recurses into it.
    it.each([
      ['objects inside details', `"details":${'{"a":'.repeat(5000)}{}${'}'.repeat(5000)}`, 'details'],
      ['arrays inside work.originalUrls', `"work":{"originalUrls":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'work'],
      ['objects inside an item', `"items":[{"url":"${DEMO_ARTICLE_URL}","media":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}]`, 'items'],
    ])('5,000 levels of nesting: %s', async (_label, fragment, field) => {
      const notice = completeNotice();
      delete notice[field];
      await expectRefused(jsonWith(fragment, notice), 400, [field]);
    });
  });

  describe('content types', () => {
    it.each([
      ['text/plain', 'text/plain', JSON.stringify(completeNotice())],
      ['text/plain with a charset', 'text/plain; charset=utf-8', JSON.stringify(completeNotice())],
      ['application/xml', 'application/xml', '<notice type="copyright"/>'],
    ])('%s → 415', async (_label, contentType, body) => {
      await expectRefused(body, 415, [], { 'content-type': contentType });
    });

    it('multipart/form-data → 415', async () => {
      const before = await countRows(t.db.pool);
      const form = new FormData();
      form.append('type', 'copyright');
      form.append('notice', new Blob([JSON.stringify(completeNotice())], { type: 'application/json' }), 'notice.json');
      await expectProblem(await fetch(`${t.baseUrl}${NOTICES_PATH}`, { method: 'POST', body: form }), 415);
      expect(await countRows(t.db.pool)).toEqual(before);
    });

    it('a body over 1 MB → 413', async () => {
      const notice = completeNotice('other');
      notice.explanation = 'x'.repeat(1_048_576);
      await expectRefused(notice, 413);
    });

    it('a body just under 1 MB is read (and judged on its fields)', async () => {
      // 1 MB of explanation is over the field's limit: 422, not 413.
      const notice = completeNotice('other');
      notice.explanation = 'x'.repeat(1_000_000);
      await expectRefused(notice, 422, ['explanation']);
    });
  });

  describe('fields that break the rules → 422 naming each field', () => {
    it.each([
      ['type is a number', 'type', 5, 'type'],
      ['type is unknown', 'type', 'patent', 'type'],
      ['items is a string', 'items', DEMO_ARTICLE_URL, 'items'],
      ['items is an object', 'items', { url: DEMO_ARTICLE_URL }, 'items'],
      ['an item is a string', 'items', [DEMO_ARTICLE_URL], 'items[0]'],
      ['an item is null', 'items', [null], 'items[0]'],
      ['an item has no url', 'items', [{ passage: 'x' }], 'items[0].url'],
      ['signature is an object', 'signature', { name: 'Jane Doe' }, 'signature'],
      ['signature is an array', 'signature', ['Jane Doe'], 'signature'],
      ['email is a boolean', 'notifier.email', true, 'notifier.email'],
      ['notifier is a string', 'notifier', 'Jane Doe', 'notifier'],
      ['notifier is an array', 'notifier', [{ name: 'Jane Doe' }], 'notifier'],
      ['notifier is null', 'notifier', null, 'notifier'],
      ['notifier kind is unknown', 'notifier.kind', 'lawyer', 'notifier.kind'],
      ['a statement is the string "true"', 'statements.goodFaith', 'true', 'statements.goodFaith'],
      ['a statement is 1', 'statements.authority', 1, 'statements.authority'],
      ['statements is a boolean', 'statements', true, 'statements'],
      ['work.originalUrls is a string', 'work.originalUrls', 'https://doe.example.org/istanbul', 'work.originalUrls'],
      ['jurisdiction is not a country', 'jurisdiction', 'XX', 'jurisdiction'],
      ['language is not a language tag', 'language', 'english please', 'language'],
      ['phone is not a phone number', 'notifier.phone', 'call me maybe', 'notifier.phone'],
      ['a privacy reason is unknown', 'items', [{ url: DEMO_ARTICLE_URL, reason: 'embarrassing' }], 'items[0].reason'],
    ])('%s', async (_label, path, value, field) => {
      await expectRefused(withValue(completeNotice(), path, value), 422, [field]);
    });

    it('names every bad field of one request', async () => {
      const notice = { ...completeNotice(), type: 5, items: 'x', signature: {}, notifier: { email: true } };
      const problem = await expectRefused(notice, 422, ['type', 'items', 'signature', 'notifier.email']);
      expect(problem.errors).toHaveLength(4);
    });

    it.each([
      ['missing type', { ...completeNotice(), type: undefined }, 'type'],
      ['missing notifier', { ...completeNotice(), notifier: undefined }, 'notifier'],
      ['missing items', { ...completeNotice(), items: undefined }, 'items'],
    ])('%s', async (_label, notice, field) => {
      await expectRefused(notice, 422, [field]);
    });
  });

  describe('unknown fields → 422 naming them', () => {
    it.each([
      ['at the top level', 'priority', 'high', 'priority'],
      ['inside notifier', 'notifier.isTrustedFlagger', true, 'notifier.isTrustedFlagger'],
      ['inside principal', 'principal.email', 'boss@example.org', 'principal.email'],
      ['inside work', 'work.licence', 'CC-BY', 'work.licence'],
      ['inside statements', 'statements.perjury', true, 'statements.perjury'],
      ['inside details', 'details.caseNumber', '123', 'details.caseNumber'],
      ['inside an item', 'items', [{ url: DEMO_ARTICLE_URL, articleId: 'x' }], 'items[0].articleId'],
      // class-transformer skips keys named after Object.prototype members: they must
      // still be refused, not silently dropped.
      ['named toString', 'toString', 'x', 'toString'],
      ['named constructor inside details', 'details.constructor', { a: 1 }, 'details.constructor'],
      ['named hasOwnProperty inside notifier', 'notifier.hasOwnProperty', 'x', 'notifier.hasOwnProperty'],
    ])('%s', async (_label, path, value, field) => {
      await expectRefused(withValue(completeNotice(), path, value), 422, [field]);
    });
  });

  describe('URLs', () => {
    it('accepts 1,000 URLs in one notice', async () => {
      const notice = { ...completeNotice(), items: publisherUrls(1000).map((url) => ({ url })) };
      const { response, body } = await fileNotice(t.baseUrl, notice);
      expect(response.status).toBe(201);
      expect(body.items).toHaveLength(1000);
      expect(body.items[999]).toMatchObject({ url: publisherUrls(1000)[999], match: 'not_found', state: 'out_of_scope' });
      const { rows } = await t.db.pool.query(
        `SELECT count(*)::int AS items, min(i.position) AS first, max(i.position) AS last
         FROM notice_items i JOIN cases c ON c.notice_id = i.notice_id WHERE c.reference = $1`,
        [body.reference],
      );
      expect(rows[0]).toEqual({ items: 1000, first: 0, last: 999 });
    });

    it('refuses 1,001 URLs', async () => {
      await expectRefused({ ...completeNotice(), items: publisherUrls(1001).map((url) => ({ url })) }, 422, ['items']);
    });

    it.each([
      'javascript:alert(document.cookie)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://freelanews.com/2025/06/02/story',
      'mailto:legal@freelanews.com',
      'https://user:secret@freelanews.com/story',
      'not a url',
      '',
    ])('refuses the item URL %j', async (url) => {
      await expectRefused(withValue(completeNotice(), 'items', [{ url }]), 422, ['items[0].url']);
    });

    it('refuses a URL over 2,048 characters', async () => {
      const url = `https://freelanews.com/${'a'.repeat(2048)}`;
      await expectRefused(withValue(completeNotice(), 'items', [{ url }]), 422, ['items[0].url']);
    });

    it('refuses a javascript: URL as the original work', async () => {
      await expectRefused(withValue(completeNotice(), 'work.originalUrls', ['javascript:alert(1)']), 422, ['work.originalUrls']);
    });

    it('names the bad item among good ones', async () => {
      const items = [{ url: DEMO_ARTICLE_URL }, { url: DEMO_ARTICLE_URL }, { url: 'data:,x' }];
      await expectRefused(withValue(completeNotice(), 'items', items), 422, ['items[2].url']);
    });
  });

  describe('text fields', () => {
    it.each([
      ['a signature of 201 characters', 'signature', 'J'.repeat(201), 'signature'],
      ['a passage of 5,001 characters', 'items', [{ url: DEMO_ARTICLE_URL, passage: 'p'.repeat(5001) }], 'items[0].passage'],
      ['a name of 201 characters', 'notifier.name', 'N'.repeat(201), 'notifier.name'],
      ['an explanation of 20,001 characters', 'explanation', 'e'.repeat(20_001), 'explanation'],
      ['a NUL in a name', 'notifier.name', 'Jane\u0000Doe', 'notifier.name'],
      ['a BEL in a name', 'notifier.name', 'Jane\u0007Doe', 'notifier.name'],
      ['an ESC in a name', 'notifier.name', 'Jane\u001b[31mDoe', 'notifier.name'],
      ['a C1 control in a name', 'notifier.name', 'Jane\u009bDoe', 'notifier.name'],
      ['a newline in a name', 'notifier.name', 'Jane\nDoe', 'notifier.name'],
      ['a newline in the signature', 'signature', 'Jane\nDoe', 'signature'],
      ['a carriage return in the organisation', 'notifier.organization', 'Doe\rPhotography', 'notifier.organization'],
      ['a NUL in the explanation', 'explanation', 'line one\u0000line two', 'explanation'],
      ['a NUL in a passage', 'items', [{ url: DEMO_ARTICLE_URL, passage: 'a\u0000b' }], 'items[0].passage'],
      ['a lone surrogate in the signature', 'signature', 'Jane \ud800 Doe', 'signature'],
    ])('refuses %s', async (_label, path, value, field) => {
      await expectRefused(withValue(completeNotice(), path, value), 422, [field]);
    });

    it.each([
      ['a signature of exactly 200 characters', 'signature', 'J'.repeat(200)],
      ['a passage of exactly 5,000 characters', 'items', [{ url: DEMO_ARTICLE_URL, passage: 'p'.repeat(5000) }]],
    ])('accepts %s', async (_label, path, value) => {
      const { response } = await fileNotice(t.baseUrl, withValue(completeNotice(), path, value));
      expect(response.status).toBe(201);
    });

    it('keeps newlines in multi-line fields such as the explanation', async () => {
      const explanation = 'First paragraph.\n\nSecond paragraph,\r\nwith a tab\there.';
      const { response, body } = await fileNotice(t.baseUrl, { ...completeNotice(), explanation });
      expect(response.status).toBe(201);
      const { rows } = await t.db.pool.query(`SELECT n.explanation FROM notices n JOIN cases c ON c.notice_id = n.id WHERE c.reference = $1`, [body.reference]);
      expect(rows[0].explanation).toBe(explanation);
    });

    it.each([
      ['no @', 'plainaddress'],
      ['no domain', 'jane@'],
      ['no local part', '@example.org'],
      ['no top-level domain', 'jane@example'],
      ['a space in the local part', 'jane doe@example.org'],
      ['a space in the domain', 'jane@exa mple.org'],
      ['two @', 'jane@@example.org'],
      ['an empty domain label', 'jane@example..org'],
      ['angle brackets', '<jane@example.org>'],
      ['over 254 characters', `${'j'.repeat(250)}@example.org`],
    ])('refuses an e-mail address with %s', async (_label, email) => {
      await expectRefused(withValue(completeNotice(), 'notifier.email', email), 422, ['notifier.email']);
    });
  });

  describe('accepted oddities', () => {
    it('takes the last of duplicate keys, as JSON.parse does', async () => {
      const body = JSON.stringify(completeNotice('copyright')).replace(/^\{/, '{"type":"patent","signature":{},');
      const { response, body: answer } = await fileNotice(t.baseUrl, body);
      expect(response.status).toBe(201);
      const { rows } = await t.db.pool.query(`SELECT n.type, n.signature FROM notices n JOIN cases c ON c.notice_id = n.id WHERE c.reference = $1`, [answer.reference]);
      expect(rows[0]).toEqual({ type: 'copyright', signature: 'Jane Doe' });
    });

    // The API returns data; escaping is the HTML pages' job.
    it('stores markup verbatim and returns it as JSON data', async () => {
      const markup = {
        name: '<script>alert("name")</script>',
        passage: '<img src=x onerror=alert(1)> & "quotes" \'too\'',
        explanation: '</textarea><b>bold</b> {{7*7}} ${7*7}',
      };
      const notice = completeNotice('other');
      notice.notifier.name = markup.name;
      notice.items = [{ url: DEMO_ARTICLE_URL, passage: markup.passage }];
      notice.explanation = markup.explanation;
      const { response, body } = await fileNotice(t.baseUrl, notice);
      expect(response.status).toBe(201);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);

      const { rows } = await t.db.pool.query(
        `SELECT n.notifier->>'name' AS name, n.explanation, i.passage
         FROM notices n JOIN cases c ON c.notice_id = n.id JOIN notice_items i ON i.notice_id = n.id WHERE c.reference = $1`,
        [body.reference],
      );
      expect(rows[0]).toEqual({ name: markup.name, explanation: markup.explanation, passage: markup.passage });

      const tracked = await getJson(t.baseUrl, `/api/v1/track/${tokenFrom(body.trackingUrl)}`);
      expect(tracked.headers.get('content-type')).toMatch(/^application\/json/);
      const view = await tracked.json();
      expect(view.notifier.name).toBe(markup.name);
      expect(view.items[0].passage).toBe(markup.passage);
    });
  });

  describe('other requests', () => {
    it('answers an undecodable URL with a problem document', async () => {
      const response = await fetch(`${t.baseUrl}/api/v1/track/%E0%A4%A`);
      const problem = await expectProblem(response, 400);
      expect(problem.detail).not.toMatch(/body/i);
    });

    it('refuses a malformed Idempotency-Key', async () => {
      await expectRefused(completeNotice(), 422, ['Idempotency-Key'], { 'idempotency-key': 'short' });
    });

    it.each([
      ['malformed JSON', '{"signature":'],
      ['a JSON array', '[]'],
      ['an unknown field', { confirm: true, extra: 1 }],
    ])('refuses %s on the tracking endpoints', async (_label, body) => {
      const { token } = await fileAccepted(t.baseUrl, completeNotice());
      const before = await countRows(t.db.pool);
      const response = await postJson(t.baseUrl, `/api/v1/track/${token}/withdraw`, body);
      expect([400, 422]).toContain(response.status);
      await expectProblem(response, response.status);
      expect(await countRows(t.db.pool)).toEqual(before);
    });
  });
});
