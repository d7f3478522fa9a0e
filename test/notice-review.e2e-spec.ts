import { DEMO_ARTICLES } from '../src/articles/demo-articles';
import { escapeHtml } from '../src/common/html';
import type { NoticeType } from '../src/notices/completeness';
import type { FormValues } from '../src/web/form-fields';
import { noticeToFormValues } from '../src/notices/notice-form';
import { completeNotice, DEMO_ARTICLE_URL } from './factories';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/desk-config';
import { freePort } from '../src/database/embedded-database';
import { startTestApp, TestApp } from './support/test-app';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// The review step between the form and filing, and the one-use form: a second post of the
// same form shows the first receipt and files nothing.
describe('reviewing a notice before it is filed, and sending a form once', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function post(values: FormValues): Promise<{ status: number; html: string }> {
    const response = await fetch(`${t.baseUrl}/notices`, { method: 'POST', headers: FORM, body: new URLSearchParams(values), redirect: 'manual' });
    return { status: response.status, html: await response.text() };
  }

  async function filledForm(type: NoticeType, change: (notice: Record<string, any>) => void = () => undefined): Promise<FormValues> {
    const page = await (await fetch(`${t.baseUrl}/notices/new?type=${type}`)).text();
    const notice = completeNotice(type);
    change(notice);
    return { ...noticeToFormValues(notice as { type: NoticeType }), formToken: /name="formToken" value="([^"]+)"/.exec(page)![1] };
  }

  async function counts(): Promise<{ notices: number; cases: number; keys: number }> {
    const { rows } = await t.db.pool.query(
      'SELECT (SELECT count(*)::int FROM notices) AS notices, (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM submission_keys) AS keys',
    );
    return rows[0];
  }

  // The hidden copy of the form the review page carries.
  function hiddenValues(html: string): FormValues {
    const values: FormValues = {};
    for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      values[match[1]] = match[2]
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>');
    }
    return values;
  }

  const referenceIn = (html: string) => /<p class="reference">(TD-\d{4}-\d{6})<\/p>/.exec(html)![1];

  it('offers the review step from the form', async () => {
    const page = await (await fetch(`${t.baseUrl}/notices/new?type=copyright`)).text();
    expect(page).toContain('<button type="submit" name="step" value="review">Check your notice</button>');
    expect(page).not.toContain('the statements you ticked');
  });

  it('lists what is missing and what each address leads to, writes nothing, and keeps every value for sending', async () => {
    const values = await filledForm('copyright', (notice) => {
      delete notice.signature;
      notice.items.push({ url: 'https://freelanews.com/2031/01/01/no-such-story/' }, { url: 'https://example.org/elsewhere' });
    });
    const before = await counts();
    const review = await post({ ...values, step: 'review' });
    expect(review.status).toBe(200);
    expect(review.html).toContain('<h1>Check your notice before you send it</h1>');
    expect(review.html).toContain('What is still missing');
    expect(review.html).toContain('Your signature: type your full name as your electronic signature.');
    expect(review.html).toContain(`<strong>Our article:</strong> ${escapeHtml(DEMO_ARTICLES[0].title)}`);
    expect(review.html).toContain('No article found at this address.');
    expect(review.html).toContain('Another website:');
    expect(review.html).toContain('>Send anyway</button>');
    expect(review.html).toContain('<button type="submit" name="step" value="edit" class="secondary">Go back and fix</button>');
    expect(await counts()).toEqual(before);

    const carried = hiddenValues(review.html);
    for (const [name, value] of Object.entries(values)) expect([name, carried[name]]).toEqual([name, value]);

    // "Go back and fix": the form again, everything as typed, nothing filed.
    const back = await post({ ...carried, step: 'edit' });
    expect(back.status).toBe(200);
    expect(back.html).toContain('<h1>Copyright notice</h1>');
    expect(back.html).toContain(`value="${escapeHtml(values['notifier.email'])}"`);
    expect(back.html).toContain(`value="${escapeHtml(DEMO_ARTICLE_URL)}"`);
    expect(back.html).toContain(`name="formToken" value="${values.formToken}"`);
    expect(await counts()).toEqual(before);

    // "Send anyway": filed once, incomplete, with the three addresses.
    const sent = await post({ ...carried, step: 'send' });
    expect(sent.status).toBe(201);
    expect(sent.html).toContain('Waiting for information from you');
    expect(await counts()).toEqual({ notices: before.notices + 1, cases: before.cases + 1, keys: before.keys + 1 });
  });

  it('says so when nothing is missing and every address is ours', async () => {
    const review = await post({ ...(await filledForm('copyright')), step: 'review' });
    expect(review.html).toContain('Your notice has everything the law asks for a copyright notice.');
    expect(review.html).toContain('>Send notice</button>');
    expect(review.html).not.toContain('What is still missing');
    expect(review.html).toContain('the statements you ticked');
  });

  it('does not speak of ticked statements where a type has none', async () => {
    const review = await post({ ...(await filledForm('defamation')), step: 'review' });
    expect(review.html).toContain('Sending records your notice and your signature as a legal record.');
    expect(review.html).not.toContain('statements you ticked');
  });

  it('sends a form with a wrong field back to the form, not to the review', async () => {
    const values = await filledForm('copyright', (notice) => (notice.notifier.email = 'jane at example'));
    const review = await post({ ...values, step: 'review' });
    expect(review.status).toBe(422);
    expect(review.html).toContain('There is a problem');
    expect(review.html).toContain('value="jane at example"');
    expect(review.html).not.toContain('Check your notice before you send it');
  });

  it('shows the first receipt when the same form is sent again, and files one case', async () => {
    const values = await filledForm('copyright');
    const first = await post({ ...values, step: 'send' });
    expect(first.status).toBe(201);
    const before = await counts();
    // Back, then "Send notice" again (the review page's hidden copy).
    const again = await post({ ...values, step: 'send' });
    expect(again.status).toBe(200);
    expect(again.html).toContain('<h1>Notice received</h1>');
    expect(referenceIn(again.html)).toBe(referenceIn(first.html));
    expect(again.html).toContain('Received, waiting for review');
    expect(again.html).toContain('The pages in your notice');
    expect(again.html).toContain('<a href="/track/lost">ask for a new link</a>');
    expect(again.html).not.toMatch(/\/track\/[A-Za-z0-9_-]{43}/);
    expect(await counts()).toEqual(before);
    const { rows } = await t.db.pool.query('SELECT k.case_id, c.reference FROM submission_keys k JOIN cases c ON c.id = k.case_id WHERE c.reference = $1', [
      referenceIn(first.html),
    ]);
    expect(rows).toHaveLength(1);
  });

  it('files one case when the same form arrives twice at once', async () => {
    const values = await filledForm('copyright');
    const before = await counts();
    const answers = await Promise.all([post({ ...values, step: 'send' }), post({ ...values, step: 'send' })]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
    expect(referenceIn(answers[0].html)).toBe(referenceIn(answers[1].html));
    expect(await counts()).toEqual({ notices: before.notices + 1, cases: before.cases + 1, keys: before.keys + 1 });
  });

  it('files one case when the same form reaches two instances of the desk at once', async () => {
    // A second instance on the same database: the form token's secret and the submission
    // keys live in PostgreSQL, so both agree.
    const port = await freePort();
    const second = await createApp(
      loadConfig({ PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: t.db.url, PUBLIC_BASE_URL: t.baseUrl, LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '0' }),
      t.db.url,
    );
    await second.listen({ port, host: '127.0.0.1' });
    try {
      const values = await filledForm('copyright');
      const before = await counts();
      const send = (base: string) =>
        fetch(`${base}/notices`, { method: 'POST', headers: FORM, body: new URLSearchParams({ ...values, step: 'send' }), redirect: 'manual' }).then(async (r) => ({
          status: r.status,
          html: await r.text(),
        }));
      const answers = await Promise.all([send(t.baseUrl), send(`http://127.0.0.1:${port}`)]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
      expect(referenceIn(answers[0].html)).toBe(referenceIn(answers[1].html));
      expect(await counts()).toEqual({ notices: before.notices + 1, cases: before.cases + 1, keys: before.keys + 1 });
    } finally {
      await second.close();
    }
  });
});
