import { escapeHtml } from '../src/common/html';
import { NOTICE_TYPES, type NoticeType } from '../src/notices/completeness';
import { issueFormToken } from '../src/notices/form-token';
import { noticeToFormValues } from '../src/notices/notice-form';
import type { FormValues } from '../src/web/form-fields';
import { DETAIL_STATEMENT_TEXTS, statementsFor } from '../src/notices/notice-types';
import { completeNotice, DEMO_ARTICLE_URL, tokenFrom } from './factories';
import { startTestApp, TestApp } from './support/test-app';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const SCRIPT = '<script>alert(1)</script>';
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';

describe('the public notice form and tracking pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function get(path: string): Promise<{ status: number; html: string; headers: Headers }> {
    const response = await fetch(`${t.baseUrl}${path}`);
    return { status: response.status, html: await response.text(), headers: response.headers };
  }

  async function post(path: string, values: FormValues): Promise<{ status: number; html: string; headers: Headers }> {
    const response = await fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: FORM, body: new URLSearchParams(values), redirect: 'manual' });
    return { status: response.status, html: await response.text(), headers: response.headers };
  }

  // A fresh form page for the type, as a person would open it: its one-time token.
  async function formToken(type: NoticeType): Promise<string> {
    const { html } = await get(`/notices/new?type=${type}`);
    return /name="formToken" value="([^"]+)"/.exec(html)![1];
  }

  async function filledForm(type: NoticeType, change: (notice: Record<string, any>) => void = () => undefined): Promise<FormValues> {
    const notice = completeNotice(type);
    change(notice);
    return { ...noticeToFormValues(notice as { type: NoticeType }), formToken: await formToken(type) };
  }

  async function counts(): Promise<{ notices: number; cases: number }> {
    const { rows } = await t.db.pool.query('SELECT (SELECT count(*)::int FROM notices) AS notices, (SELECT count(*)::int FROM cases) AS cases');
    return rows[0];
  }

  function trackingLinkIn(html: string): string {
    return /<a class="token-link" href="([^"]+)"/.exec(html)![1];
  }

  function referenceIn(html: string): string {
    return /<p class="reference">(TD-\d{4}-\d{6})<\/p>/.exec(html)![1];
  }

  // The value an input shows, or a textarea's text.
  function fieldValue(html: string, name: string): string | undefined {
    const input = new RegExp(`<input [^>]*name="${escapeRegExp(name)}" value="([^"]*)"`).exec(html);
    if (input) return input[1];
    return new RegExp(`<textarea [^>]*name="${escapeRegExp(name)}"[^>]*>\\n([^<]*)</textarea>`).exec(html)?.[1];
  }

  async function fileIncompleteCopyright(): Promise<{ token: string; reference: string }> {
    const values = await filledForm('copyright', (notice) => delete notice.signature);
    const { status, html } = await post('/notices', values);
    expect(status).toBe(201);
    return { token: tokenFrom(trackingLinkIn(html)), reference: referenceIn(html) };
  }

  describe('choosing the type', () => {
    it('offers the five types, each with its label and summary, as a GET form', async () => {
      const { status, html, headers } = await get('/notices/new');
      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(html).toContain('<form method="get" action="/notices/new"');
      for (const type of NOTICE_TYPES) expect(html).toContain(`<input type="radio" id="f-type-${type}" name="type" value="${type}">`);
      expect(html).toContain('Privacy / data protection');
      expect(html).toContain('One of our articles makes a false statement of fact about you that harms your reputation.');
    });

    it('asks again when the type step is sent without a choice', async () => {
      const { status, html } = await get('/notices/new?step=type');
      expect(status).toBe(422);
      expect(html).toContain('Choose the type of notice.');
    });

    it('answers an unknown type with the type step and an error', async () => {
      const { status, html } = await get('/notices/new?type=%3Cb%3Epatent');
      expect(status).toBe(422);
      expect(html).toContain('There is a problem');
      expect(html).toContain('<a href="#f-type-copyright">What is your notice about?: Choose the type of notice.</a>');
      expect(html).not.toContain('<b>patent');
    });
  });

  describe('the form for each type', () => {
    it.each(NOTICE_TYPES.map((type) => [type]))('%s: shows the exact sworn statements as checkboxes, a signature and a one-time token', async (type) => {
      const { status, html, headers } = await get(`/notices/new?type=${type}`);
      expect(status).toBe(200);
      expect(headers.get('cache-control')).toBe('no-store');
      for (const { key, text } of statementsFor(type)) {
        expect(html).toContain(
          `<input type="checkbox" id="f-statements-${key}" name="statements.${key}" value="true"><label for="f-statements-${key}">${escapeHtml(text)}</label>`,
        );
      }
      const detailStatements = type === 'defamation' ? ['lacksPosterInfo'] : type === 'privacy' ? ['identityConfirmed'] : [];
      for (const key of detailStatements) {
        expect(html).toContain(
          `name="details.${key}" value="true"><label for="f-details-${key}">${escapeHtml(DETAIL_STATEMENT_TEXTS[key as keyof typeof DETAIL_STATEMENT_TEXTS])}</label>`,
        );
      }
      if (type === 'defamation') {
        expect(html).toContain(`<legend>${escapeHtml(DETAIL_STATEMENT_TEXTS.consentToShare)}</legend>`);
        expect(html).toContain('name="details.consentToShare" value="no"');
      }
      expect(html).toContain('name="signature"');
      expect(html).toMatch(/<input type="hidden" name="formToken" value="[\w.-]+">/);
      expect(html).toContain('name="website" tabindex="-1"');
      expect(html).toContain('name="items[2].url"');
      expect(html).toContain('name="moreUrls"');
      expect(html.includes('name="work.description"')).toBe(type === 'copyright');
      expect(html.includes('name="details.registrationNumber"')).toBe(type === 'trademark');
      expect(html.includes('name="items[0].reason"')).toBe(type === 'privacy');
      // Language defaults to English; every input has a label.
      expect(fieldValue(html, 'language')).toBe('en');
      const ids = [...html.matchAll(/<(?:input|textarea|select) (?:type="(?!hidden)[a-z]+" )?id="([^"]+)"/g)].map((match) => match[1]);
      expect(ids.length).toBeGreaterThan(15);
      for (const id of ids) expect(html).toContain(`for="${id}"`);
      // No inline script or style anywhere.
      expect(html).not.toMatch(/<script|style=|<style|\son[a-z]+=/i);
    });
  });

  describe('filing', () => {
    it('files a complete copyright notice, renders the receipt and opens exactly one case', async () => {
      const before = await counts();
      const { status, html, headers } = await post('/notices', await filledForm('copyright'));
      expect(status).toBe(201);
      expect(headers.get('cache-control')).toBe('no-store');
      const reference = referenceIn(html);
      const link = trackingLinkIn(html);
      expect(link).toMatch(new RegExp(`^${t.baseUrl}/track/[A-Za-z0-9_-]{43}$`));
      expect(html).toContain('We have also e-mailed it to <strong>jane.doe@example.org</strong>');
      expect(html).toContain('Received, waiting for review');
      expect(html).toContain('Our article');
      expect(html).not.toContain('What we still need');
      expect(await counts()).toEqual({ notices: before.notices + 1, cases: before.cases + 1 });
      const { rows } = await t.db.pool.query(
        `SELECT n.channel, n.signature, n.statements, n.attestations, c.status FROM cases c JOIN notices n ON n.id = c.notice_id WHERE c.reference = $1`,
        [reference],
      );
      expect(rows).toEqual([expect.objectContaining({ channel: 'form', signature: 'Jane Doe', status: 'new', statements: { goodFaith: true, accuracy: true, authority: true } })]);
      expect(rows[0].attestations.map((a: { text: string }) => a.text)).toEqual(statementsFor('copyright').map((s) => s.text));
    });

    it('files a re-post of the same form only once and says it was already received', async () => {
      const values = await filledForm('copyright');
      const first = await post('/notices', values);
      const before = await counts();
      const again = await post('/notices', values);
      expect(again.status).toBe(200);
      expect(again.html).toContain('We already received this notice');
      expect(referenceIn(again.html)).toBe(referenceIn(first.html));
      expect(again.html).not.toMatch(/\/track\/[A-Za-z0-9_-]{43}/);
      expect(await counts()).toEqual(before);
    });

    it('shows what is missing on the receipt of an incomplete notice', async () => {
      const { status, html } = await post('/notices', await filledForm('copyright', (notice) => delete notice.signature));
      expect(status).toBe(201);
      expect(html).toContain('Waiting for information from you');
      expect(html).toContain('What we still need');
      expect(html).toContain('Your signature: type your full name as your electronic signature.');
    });

    it('re-renders invalid fields with 422, everything typed kept, errors beside the fields and nothing stored', async () => {
      const values = await filledForm('copyright', (notice) => {
        notice.notifier.email = 'jane at example';
        notice.notifier.address = 'Flat 2\n1 High Street';
        notice.items = [{ url: 'not a url', passage: 'the copied passage' }];
      });
      values['moreUrls'] = `${DEMO_ARTICLE_URL}\n\nftp://nope.example\njust words`;
      const before = await counts();
      const { status, html } = await post('/notices', values);
      expect(status).toBe(422);
      expect(await counts()).toEqual(before);
      expect(html).toContain('<title>Error: Copyright notice');
      expect(html).toContain('There is a problem');
      // Beside the field, tied to it for assistive technology.
      expect(html).toMatch(/<span class="field-error" id="f-notifier-email-error"><span class="visually-hidden">Error: <\/span>Must be a valid e-mail address/);
      expect(html).toMatch(/name="notifier.email" value="jane at example"[^>]*aria-describedby="f-notifier-email-hint f-notifier-email-error" aria-invalid="true"/);
      expect(html).toContain('<a href="#f-notifier-email">E-mail address: Must be a valid e-mail address');
      expect(html).toContain('<a href="#f-items-0-url">');
      expect(html).toContain('Lines 3 and 4: Must be a web address');
      // Everything else is as it was typed.
      expect(fieldValue(html, 'notifier.name')).toBe('Jane Doe');
      expect(fieldValue(html, 'notifier.address')).toBe('Flat 2\n1 High Street');
      expect(fieldValue(html, 'items[0].passage')).toBe('the copied passage');
      expect(fieldValue(html, 'signature')).toBe('Jane Doe');
      expect(fieldValue(html, 'moreUrls')).toBe(`${DEMO_ARTICLE_URL}\n\nftp://nope.example\njust words`);
      expect(html).toContain('name="notifier.kind" value="rights_holder" checked>');
      expect(html).toContain('name="statements.authority" value="true" checked');
      // The same form token, so that the corrected form still files only once.
      expect(html).toContain(`name="formToken" value="${values.formToken}"`);
    });

    it('refuses a form without any web address', async () => {
      const values = await filledForm('other', (notice) => (notice.items = []));
      const before = await counts();
      const { status, html } = await post('/notices', values);
      expect(status).toBe(422);
      expect(html).toContain('<a href="#f-items-0-url">Web address (URL): List the web addresses complained of.</a>');
      expect(await counts()).toEqual(before);
    });

    it('maps each type-specific field and privacy reason into the notice', async () => {
      const { status, html } = await post('/notices', await filledForm('privacy'));
      expect(status).toBe(201);
      const { rows } = await t.db.pool.query(
        `SELECT n.details, i.reason FROM cases c JOIN notices n ON n.id = c.notice_id JOIN notice_items i ON i.notice_id = n.id WHERE c.reference = $1`,
        [referenceIn(html)],
      );
      expect(rows).toEqual([{ details: { subjectName: 'Jane Doe', identityConfirmed: true }, reason: 'outdated' }]);
    });

    it('shows markup typed into any field as text on the form, the receipt and the tracking page', async () => {
      const values = await filledForm('copyright', (notice) => {
        notice.notifier.name = SCRIPT;
        notice.notifier.organization = `"><img src=x onerror=alert(1)>`;
        notice.items[0].passage = SCRIPT;
      });
      const invalid = await post('/notices', { ...values, 'notifier.email': SCRIPT });
      expect(invalid.status).toBe(422);
      const receipt = await post('/notices', values);
      expect(receipt.status).toBe(201);
      const tracking = await get(new URL(trackingLinkIn(receipt.html)).pathname);
      for (const page of [invalid.html, receipt.html, tracking.html]) expect(page).not.toMatch(/<script>|<img src=x/);
      expect(invalid.html).toContain(`value="${ESCAPED_SCRIPT}"`);
      expect(invalid.html).toContain('value="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
      expect(tracking.html).toContain(`<dd><bdi>${ESCAPED_SCRIPT}</bdi>, <bdi>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</bdi></dd>`);
      expect(tracking.html).toContain(`<blockquote>${ESCAPED_SCRIPT}</blockquote>`);
    });

    it('pretends to accept a form whose honeypot is filled, and stores nothing', async () => {
      const before = await counts();
      const { status, html } = await post('/notices', { ...(await filledForm('copyright')), website: 'http://spam.example' });
      expect(status).toBe(201);
      expect(html).toContain('Notice received');
      expect(html).not.toMatch(/TD-\d{4}-\d{6}|\/track\//);
      expect(await counts()).toEqual(before);
    });

    it('asks to send again, input kept, when the form token is forged, missing or expired', async () => {
      const { rows } = await t.db.pool.query(`SELECT value FROM app_secrets WHERE name = 'form-token'`);
      const expired = issueFormToken(rows[0].value, new Date(Date.now() - 25 * 3600 * 1000));
      const valid = await formToken('copyright');
      const forged = valid.replace(/\.[^.]+$/, `.${'A'.repeat(43)}`);
      const before = await counts();
      for (const [token, message] of [
        [forged, 'We could not confirm that this form came from our site.'],
        ['', 'We could not confirm that this form came from our site.'],
        [expired, 'This form was opened more than 24 hours ago.'],
      ]) {
        const { status, html } = await post('/notices', { ...(await filledForm('copyright')), formToken: token });
        expect(status).toBe(422);
        expect(html).toContain(message);
        expect(fieldValue(html, 'notifier.name')).toBe('Jane Doe');
        // A fresh token, so that sending again works.
        const fresh = /name="formToken" value="([^"]+)"/.exec(html)![1];
        expect(fresh).not.toBe(token);
      }
      expect(await counts()).toEqual(before);
    });

    it('answers a post without a known type with the type step', async () => {
      const { status, html } = await post('/notices', { type: 'patent', 'notifier.name': 'x' });
      expect(status).toBe(422);
      expect(html).toContain('Choose the type of notice.');
    });
  });

  describe('the tracking page', () => {
    it('answers an unknown, malformed or made-up token with the same HTML 404, whatever the client accepts', async () => {
      const pages = await Promise.all(['/track/' + 'A'.repeat(43), '/track/short', '/track/%3Cscript%3E', '/track/' + 'A'.repeat(43) + '/withdraw'].map((path) => get(path)));
      for (const { status, html, headers } of pages) {
        expect(status).toBe(404);
        expect(headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(html).toContain('This tracking link is not valid. Check that you copied the whole link.');
      }
      expect(new Set(pages.map((p) => p.html.replace(/<code>.*?<\/code>/, ''))).size).toBe(1);
      const supplement = await post('/track/' + 'A'.repeat(43) + '/supplement', { signature: 'x' });
      expect(supplement.status).toBe(404);
      expect(supplement.html).toContain('This tracking link is not valid.');
    });

    it('shows the case: reference, type, status, items, timeline, and never caches it', async () => {
      const values = await filledForm('copyright');
      values['items[1].url'] = 'https://elsewhere.example/copy';
      const receipt = await post('/notices', values);
      const { status, html, headers } = await get(new URL(trackingLinkIn(receipt.html)).pathname);
      expect(status).toBe(200);
      expect(headers.get('cache-control')).toBe('no-store');
      expect(html).toContain(`Case <span class="reference">${referenceIn(receipt.html)}</span>`);
      expect(html).toContain('Copyright notice');
      expect(html).toContain('<span class="status status-new">Received, waiting for review</span>');
      expect(html).toContain('Another website: we cannot act on it');
      expect(html).toContain('Notice received (2 URLs).');
      expect(html).toContain('Case opened and queued for review.');
      expect(html).not.toContain('Send the missing information');
      expect(html).toContain('Withdraw this notice');
    });

    it('takes the missing signature through the supplement form and moves the case to new', async () => {
      const { token } = await fileIncompleteCopyright();
      const page = await get(`/track/${token}`);
      expect(page.html).toContain('Waiting for information from you');
      expect(page.html).toContain('Your signature: type your full name as your electronic signature.');
      expect(page.html).toContain(`<form method="post" action="/track/${token}/supplement" novalidate>`);
      expect(page.html).toContain('name="signature"');
      // Only what is missing is asked for.
      expect(page.html).not.toContain('name="notifier.email"');

      const empty = await post(`/track/${token}/supplement`, { signature: '   ' });
      expect(empty.status).toBe(422);
      expect(empty.html).toContain('Fill in at least one of the fields below');

      const sent = await post(`/track/${token}/supplement`, { signature: 'Jane Doe' });
      expect(sent.status).toBe(303);
      expect(sent.headers.get('location')).toBe(`/track/${token}?done=supplied`);
      const after = await get(`/track/${token}?done=supplied`);
      expect(after.html).toContain('Thank you: we have added the information you sent to your notice.');
      expect(after.html).toContain('<span class="status status-new">Received, waiting for review</span>');
      expect(after.html).toContain('You supplied the missing information; the notice is now complete.');
      expect(after.html).not.toContain('Send the missing information');

      const late = await post(`/track/${token}/supplement`, { signature: 'Jane Doe' });
      expect(late.status).toBe(409);
      expect(late.html).toContain('This case is not waiting for information from you.');
    });

    it('keeps the input and explains when a supplement is invalid', async () => {
      const values = await filledForm('privacy', (notice) => {
        notice.items = [{ url: DEMO_ARTICLE_URL }];
        delete notice.jurisdiction;
      });
      const { html: receipt } = await post('/notices', values);
      const token = tokenFrom(trackingLinkIn(receipt));
      const page = await get(`/track/${token}`);
      expect(page.html).toContain('name="items[0].reason"');
      expect(page.html).toContain('name="jurisdiction"');

      const invalid = await post(`/track/${token}/supplement`, { jurisdiction: 'Narnia', 'items[0].reason': 'outdated' });
      expect(invalid.status).toBe(422);
      expect(invalid.html).toContain('<a href="#f-jurisdiction">Country whose law applies: Must be a two-letter country code');
      expect(invalid.html).toContain('<option value="outdated" selected>');
      expect(fieldValue(invalid.html, 'jurisdiction')).toBe('Narnia');

      const fixed = await post(`/track/${token}/supplement`, { jurisdiction: 'de', 'items[0].reason': 'outdated' });
      expect(fixed.status).toBe(303);
      const { rows } = await t.db.pool.query(
        `SELECT c.status, n.jurisdiction, i.reason FROM notices n JOIN cases c ON c.notice_id = n.id JOIN notice_items i ON i.notice_id = n.id WHERE c.reference = $1`,
        [referenceIn(receipt)],
      );
      expect(rows).toEqual([{ status: 'new', jurisdiction: 'DE', reason: 'outdated' }]);
    });

    it('withdraws a notice after an explicit confirmation', async () => {
      const { token, reference } = await fileIncompleteCopyright();
      const confirm = await get(`/track/${token}/withdraw`);
      expect(confirm.status).toBe(200);
      expect(confirm.html).toContain(`Withdraw notice ${reference}`);
      expect(confirm.html).toContain('<label for="f-confirm">I understand that withdrawing cannot be undone</label>');

      const unconfirmed = await post(`/track/${token}/withdraw`, { reason: `Settled ${SCRIPT}` });
      expect(unconfirmed.status).toBe(422);
      expect(unconfirmed.html).toContain('<a href="#f-confirm">Confirm that you want to withdraw the notice.</a>');
      expect(fieldValue(unconfirmed.html, 'reason')).toBe(`Settled ${ESCAPED_SCRIPT}`);

      const done = await post(`/track/${token}/withdraw`, { confirm: 'true', reason: 'Settled with the publisher.' });
      expect(done.status).toBe(303);
      expect(done.headers.get('location')).toBe(`/track/${token}?done=withdrawn`);
      const after = await get(`/track/${token}?done=withdrawn`);
      expect(after.html).toContain('You withdrew this notice.');
      expect(after.html).toContain('<span class="status status-withdrawn">Withdrawn by you</span>');
      expect(after.html).not.toContain('Withdraw this notice</a>');
      expect(after.html).not.toContain('Send the missing information');
      const { rows } = await t.db.pool.query(`SELECT status FROM cases WHERE reference = $1`, [reference]);
      expect(rows[0].status).toBe('withdrawn');

      const again = await get(`/track/${token}/withdraw`);
      expect(again.html).toContain('This notice can no longer be withdrawn');
    });
  });
});

describe('rate limits on the pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
  });
  afterAll(() => t.close());

  it('answers a browser that files too often with an HTML page and Retry-After', async () => {
    const send = () => fetch(`${t.baseUrl}/notices`, { method: 'POST', headers: { ...FORM, accept: 'text/html' }, body: 'type=copyright' });
    await send();
    await send();
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toContain('Too many requests');
  });

  it('limits the tracking pages too', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`${t.baseUrl}/track/${'A'.repeat(43)}`)).status);
    expect(statuses).toEqual([404, 404, 429]);
  });
});

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
