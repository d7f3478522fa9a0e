import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_ARTICLES } from '../../src/articles/demo-articles';
import { DETAIL_STATEMENT_TEXTS } from '../../src/notices/notice-types';
import { completeNotice, createStaff, DEMO_ARTICLE_URL, fileAccepted, StaffMember } from '../factories';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser';
import { confirmAddressFromReceipt, startInbox, waitForMail } from '../support/inbox';
import { startTestApp, TestApp } from '../support/test-app';

// The notifier's journeys, walked in a browser at a desk width and a phone width: the review
// step (go back and fix, send anyway, the same form sent again), correcting the notice from
// the tracking page (and the editor seeing it), and asking for a lost link.
const WIDTHS = [1280, 390] as const;

describe.each(WIDTHS)('a notifier in a browser %i px wide', (width) => {
  let t: TestApp;
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];
  let editor: StaffMember;

  beforeAll(async () => {
    inbox = await startInbox();
    [t, browser] = await Promise.all([startTestApp({ SMTP_URL: inbox.smtpUrl, MAIL_POLL_MS: '200' }), launchBrowser()]);
    editor = await createStaff(t, 'editor', 'Erin Editor');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await inbox?.close();
  });

  beforeEach(async () => {
    ({ context, page, cspViolations } = await openPage(browser, { viewport: { width, height: 900 } }));
  });
  afterEach(async () => {
    await context.close();
    expect(cspViolations).toEqual([]);
  });

  // Nothing on the page is wider than the window (no sideways scrolling on a phone).
  async function expectNoOverflow(): Promise<void> {
    const wide = await page.evaluate(() => {
      const limit = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')]
        .filter((element) => element.getBoundingClientRect().right > limit + 1)
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
        .slice(0, 5);
    });
    expect(wide).toEqual([]);
  }

  async function h1(name: string | RegExp): Promise<void> {
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  it('reviews a defamation notice, goes back to fix it, sends it, and sending the same form again shows the first receipt', async () => {
    await page.goto(`${t.baseUrl}/notices/new?type=defamation`);
    await h1('Defamation notice');
    // Worded for an article of a news outlet, not a forum post.
    expect(await page.content()).not.toContain('poster');
    expect(await page.getByLabel(DETAIL_STATEMENT_TEXTS.lacksPosterInfo, { exact: true }).count()).toBe(1);
    expect(await page.getByText('Sending this form records your notice, with the statements you ticked').count()).toBe(0);
    await page.getByLabel('Full name').fill('Jane Doe');
    await page.getByRole('textbox', { name: 'E-mail address' }).fill('jane.doe@example.org');
    const first = page.getByRole('group', { name: 'Article 1' });
    await first.getByLabel('Web address (URL)').fill('https://freelanews.com/2030/01/01/a-story-that-is-not-there/');
    await page.getByLabel('The statement in the article you complain about').fill('Jane Doe took bribes.');
    await expectNoOverflow();
    await page.getByRole('button', { name: 'Check your notice' }).click();

    await h1('Check your notice before you send it');
    expect(await page.getByRole('heading', { name: 'What is still missing' }).isVisible()).toBe(true);
    expect(await page.getByText('No article found at this address.').isVisible()).toBe(true);
    await expectNoOverflow();
    await page.getByRole('button', { name: 'Go back and fix' }).click();

    await h1('Defamation notice');
    expect(await page.getByLabel('Full name').inputValue()).toBe('Jane Doe');
    expect(await page.getByLabel('The statement in the article you complain about').inputValue()).toBe('Jane Doe took bribes.');
    await page.getByRole('group', { name: 'Article 1' }).getByLabel('Web address (URL)').fill(DEMO_ARTICLE_URL);
    await page.getByRole('button', { name: 'Check your notice' }).click();

    await h1('Check your notice before you send it');
    expect(await page.getByText(DEMO_ARTICLES[0].title).isVisible()).toBe(true);
    // The review page stays open in this tab and the receipt opens in another, so that the
    // very same form can be sent again (as Back then "Send anyway" does; a page that is never
    // cached is not offered by Back without a resubmission prompt).
    await page.evaluate(() => document.querySelector('form.review-actions')!.setAttribute('target', '_blank'));
    const [receipt] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Send anyway' }).click()]);
    await receipt.getByRole('heading', { level: 1, name: 'Notice received' }).waitFor();
    const reference = (await receipt.locator('p.reference').textContent())!.trim();
    expect(await receipt.locator('a.token-link').count()).toBe(1);
    await receipt.close();

    await page.evaluate(() => document.querySelector('form.review-actions')!.removeAttribute('target'));
    await page.getByRole('button', { name: 'Send anyway' }).click();
    await h1('Notice received');
    expect((await page.locator('p.reference').textContent())!.trim()).toBe(reference);
    expect(await page.locator('a.token-link').count()).toBe(0);
    expect(await page.getByText('We already received this notice').isVisible()).toBe(true);
    await expectNoOverflow();
    const { rows } = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM cases c JOIN notices n ON n.id = c.notice_id WHERE n.notifier->>'name' = 'Jane Doe' AND n.type = 'defamation'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('asks a privacy notifier about the person’s public role', async () => {
    await page.goto(`${t.baseUrl}/notices/new?type=privacy`);
    await h1(/Privacy/);
    expect(await page.getByRole('group', { name: 'Is the person a public figure?' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Their public role, past or present').isVisible()).toBe(true);
    expect(await page.getByRole('group', { name: 'Is the information in the article about that public role?' }).isVisible()).toBe(true);
    await expectNoOverflow();
  });

  it('corrects the notice from the tracking page, and the editor sees the change on the case timeline', async () => {
    const notice = completeNotice('copyright');
    notice.notifier.name = 'Jane Deo';
    const { body, token } = await fileAccepted(t.baseUrl, notice);
    await page.goto(`${t.baseUrl}/track/${token}`);
    await h1(`Case ${body.reference}`);
    // Every step in plain words; what the notifier sent is there to read.
    expect(await page.locator('ol.timeline').textContent()).not.toMatch(/\b(notice|case)\.[a-z_]+/);
    await page.getByText('Your notice', { exact: true }).click();
    expect(await page.getByText('Jane Deo').first().isVisible()).toBe(true);
    await expectNoOverflow();

    await page.getByRole('link', { name: 'Correct or add to your notice' }).click();
    await h1('Correct your notice');
    await expectNoOverflow();
    await page.getByRole('textbox', { name: 'E-mail address' }).fill('jane at example');
    await page.getByLabel('Full name').fill('Jane Doe');
    await page.getByRole('button', { name: 'Save the corrections' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.getByLabel('Full name').inputValue()).toBe('Jane Doe');
    await page.getByRole('textbox', { name: 'E-mail address' }).fill('jane.doe@example.org');
    await page.getByRole('button', { name: 'Save the corrections' }).click();
    await h1(`Case ${body.reference}`);
    expect(await page.getByText('your notice is corrected', { exact: false }).isVisible()).toBe(true);
    expect(await page.getByText(/You corrected your notice \(1 change\)/).isVisible()).toBe(true);

    await signInThroughPage(page, t.baseUrl, editor, `/desk/cases/${body.reference}`);
    expect(await page.getByText('Notifier corrected the notice').first().isVisible()).toBe(true);
    await expectNoOverflow();
  });

  it('asks for a lost link at /track and opens the fresh link from the mail', async () => {
    const notice = completeNotice('copyright');
    notice.notifier.email = `lost.browser.${width}@example.org`;
    const { body, token } = await fileAccepted(t.baseUrl, notice);
    await confirmAddressFromReceipt(inbox.mails, body.reference);

    await page.goto(`${t.baseUrl}/track`);
    await h1('Lost your tracking link?');
    await expectNoOverflow();
    await page.getByLabel('Your e-mail address').fill('not an address');
    await page.getByRole('button', { name: 'E-mail me new links' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.getByLabel('Your e-mail address').inputValue()).toBe('not an address');
    await page.getByLabel('Your e-mail address').fill(notice.notifier.email);
    await page.getByRole('button', { name: 'E-mail me new links' }).click();
    await h1('Check your e-mail');

    const mail = await waitForMail(() => inbox.mails.find((m) => m.text.includes(`[${body.reference}] Your new tracking link`)), 'the new link');
    const link = /(https?:\/\/\S+\/track\/[A-Za-z0-9_-]{43})\s/.exec(mail.text)![1];
    await page.goto(link);
    await h1(`Case ${body.reference}`);
    expect(await page.getByText('We e-mailed you a new tracking link; the earlier link stopped working.').isVisible()).toBe(true);
    const old = await page.goto(`${t.baseUrl}/track/${token}`);
    expect(old!.status()).toBe(404);
  });
});
