import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_ARTICLES } from '../../src/articles/demo-articles';
import { DETAIL_STATEMENT_TEXTS } from '../../src/notices/notice-types';
import { completeNotice, DEMO_ARTICLE_URL, fileAccepted } from '../factories';
import { browserSuite, expectFits, WIDTHS } from '../support/browser-suite';
import { confirmAddressFromReceipt, startInbox, waitForMail } from '../support/inbox';

// The notifier's journeys, walked in a browser at a laptop's and a phone's width: the review
// step (go back and fix, send anyway, the same form sent again), the defamation and privacy
// forms' wording, correcting the notice from the tracking page (and the editor seeing it),
// withdrawing, and asking for a lost link. Each step fits its window (expectFits).
describe('a notifier in a browser', () => {
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  beforeAll(async () => {
    inbox = await startInbox();
  });
  const suite = browserSuite({ env: () => ({ SMTP_URL: inbox.smtpUrl, MAIL_POLL_MS: '200' }), staff: { editor: ['editor', 'Erin Editor'] } });
  afterAll(async () => {
    await inbox?.close();
  });

  describe.each(WIDTHS)('at $width px', (viewport) => {
    const { width } = viewport;
    let context: BrowserContext;
    let page: Page;

    beforeEach(async () => {
      ({ context, page } = await suite.open({ viewport }));
    });

    async function h1(name: string | RegExp): Promise<void> {
      await page.getByRole('heading', { level: 1, name }).waitFor();
    }

    it('reviews a defamation notice, goes back to fix it, sends it, and sending the same form again shows the first receipt', async () => {
      const email = `jane.defamation.${width}@example.org`;
      await page.goto(`${suite.t.baseUrl}/notices/new?type=defamation`);
      await h1('Defamation notice');
      // Worded for an article of a news outlet, not a forum post.
      expect(await page.content()).not.toContain('poster');
      expect(await page.getByLabel(DETAIL_STATEMENT_TEXTS.lacksPosterInfo, { exact: true }).count()).toBe(1);
      expect(await page.getByText('Sending this form records your notice, with the statements you ticked').count()).toBe(0);
      await page.getByLabel('Full name').fill('Jane Doe');
      await page.getByRole('textbox', { name: 'E-mail address' }).fill(email);
      const first = page.getByRole('group', { name: 'Article 1' });
      await first.getByLabel('Web address (URL)').fill('https://freelanews.com/2030/01/01/a-story-that-is-not-there/');
      await page.getByLabel('The statement in the article you complain about').fill('Jane Doe took bribes.');
      await expectFits(page, 'the defamation form, filled in');
      await page.getByRole('button', { name: 'Check your notice' }).click();

      await h1('Check your notice before you send it');
      expect(await page.getByRole('heading', { name: 'What is still missing' }).isVisible()).toBe(true);
      expect(await page.getByText('No article found at this address.').isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Send anyway' }).waitFor();
      await expectFits(page, 'the review step with what is missing');
      await page.getByRole('button', { name: 'Go back and fix' }).click();

      await h1('Defamation notice');
      expect(await page.getByLabel('Full name').inputValue()).toBe('Jane Doe');
      expect(await page.getByLabel('The statement in the article you complain about').inputValue()).toBe('Jane Doe took bribes.');
      await page.getByRole('group', { name: 'Article 1' }).getByLabel('Web address (URL)').fill(DEMO_ARTICLE_URL);
      await page.getByRole('button', { name: 'Check your notice' }).click();

      await h1('Check your notice before you send it');
      expect(await page.getByText(DEMO_ARTICLES[0].title).isVisible()).toBe(true);
      await expectFits(page, 'the review step with the article found');
      // The review page stays open in this tab and the receipt opens in another, so that the
      // very same form can be sent again (as Back then "Send anyway" does; a page that is never
      // cached is not offered by Back without a resubmission prompt).
      await page.evaluate(() => document.querySelector('form.review-actions')!.setAttribute('target', '_blank'));
      const [receipt] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Send anyway' }).click()]);
      await receipt.getByRole('heading', { level: 1, name: 'Notice received' }).waitFor();
      const reference = (await receipt.locator('p.reference').textContent())!.trim();
      expect(await receipt.locator('a.token-link').count()).toBe(1);
      await expectFits(receipt, 'the receipt');
      await receipt.close();

      await page.evaluate(() => document.querySelector('form.review-actions')!.removeAttribute('target'));
      await page.getByRole('button', { name: 'Send anyway' }).click();
      await h1('Notice received');
      expect((await page.locator('p.reference').textContent())!.trim()).toBe(reference);
      expect(await page.locator('a.token-link').count()).toBe(0);
      expect(await page.getByText('We already received this notice').isVisible()).toBe(true);
      await expectFits(page, 'the first receipt, shown again');
      const { rows } = await suite.t.db.pool.query(
        `SELECT count(*)::int AS n FROM cases c JOIN notices n ON n.id = c.notice_id WHERE n.notifier->>'email' = $1 AND n.type = 'defamation'`,
        [email],
      );
      expect(rows[0].n).toBe(1);
    });

    it('asks a privacy notifier about the person’s public role', async () => {
      await page.goto(`${suite.t.baseUrl}/notices/new?type=privacy`);
      await h1(/Privacy/);
      expect(await page.content()).not.toContain('poster');
      expect(await page.getByRole('group', { name: 'Is the person a public figure?' }).isVisible()).toBe(true);
      expect(await page.getByLabel('Their public role, past or present').isVisible()).toBe(true);
      expect(await page.getByRole('group', { name: 'Is the information in the article about that public role?' }).isVisible()).toBe(true);
      await expectFits(page, 'the privacy form');
    });

    it('reads the tracking page in plain words, corrects a name and a web address, and the editor sees the change on the case timeline', async () => {
      const notice = completeNotice('copyright');
      notice.notifier.name = 'Jane Deo';
      notice.items = [{ url: 'https://freelanews.com/2030/01/01/a-story-that-is-not-there/' }];
      const { body, token } = await fileAccepted(suite.t.baseUrl, notice);
      await page.goto(`${suite.t.baseUrl}/track/${token}`);
      await h1(`Case ${body.reference}`);
      // Every step in plain words; what the notifier sent is there to read.
      expect(await page.locator('ol.timeline').textContent()).not.toMatch(/\b(notice|case)\.[a-z_]+/);
      await page.getByText('Your notice', { exact: true }).click();
      expect(await page.getByText('Jane Deo').first().isVisible()).toBe(true);
      await expectFits(page, 'the tracking page with the notifier’s answers open');

      await page.getByRole('link', { name: 'Correct or add to your notice' }).click();
      await h1('Correct your notice');
      await expectFits(page, 'the correction form');
      await page.getByRole('textbox', { name: 'E-mail address' }).fill('jane at example');
      await page.getByLabel('Full name').fill('Jane Doe');
      await page.getByRole('group', { name: 'Page 1' }).getByLabel('Web address (URL)').fill(DEMO_ARTICLE_URL);
      await page.getByRole('button', { name: 'Save the corrections' }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.getByLabel('Full name').inputValue()).toBe('Jane Doe');
      expect(await page.getByRole('group', { name: 'Page 1' }).getByLabel('Web address (URL)').inputValue()).toBe(DEMO_ARTICLE_URL);
      await expectFits(page, 'the correction form with its error');
      await page.getByRole('textbox', { name: 'E-mail address' }).fill('jane.doe@example.org');
      await page.getByRole('button', { name: 'Save the corrections' }).click();
      await h1(`Case ${body.reference}`);
      expect(await page.getByText('your notice is corrected', { exact: false }).isVisible()).toBe(true);
      expect(await page.getByText(/You corrected your notice \(\d changes?\)/).isVisible()).toBe(true);
      // The corrected address is checked against the articles again: the page now finds it.
      await page.getByRole('cell', { name: DEMO_ARTICLE_URL }).first().waitFor();
      await expectFits(page, 'the tracking page after the correction');

      await suite.signIn(page, suite.staff.editor, `/desk/cases/${body.reference}`);
      expect(await page.getByText('Notifier corrected the notice').first().isVisible()).toBe(true);
      await expectFits(page, 'the case page with the correction');
    });

    it('withdraws a notice from the tracking page, after confirming', async () => {
      const { body, token } = await fileAccepted(suite.t.baseUrl, completeNotice('copyright'));
      await page.goto(`${suite.t.baseUrl}/track/${token}`);
      await h1(`Case ${body.reference}`);
      await page.getByRole('link', { name: 'Withdraw this notice' }).click();
      await h1(`Withdraw notice ${body.reference}`);
      await expectFits(page, 'the withdraw page');
      // Not confirmed: the error beside the box, the reason kept.
      await page.getByLabel('Why you withdraw the notice').fill('We settled it with the author.');
      await page.getByRole('button', { name: 'Withdraw this notice' }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.getByLabel('Why you withdraw the notice').inputValue()).toBe('We settled it with the author.');
      await expectFits(page, 'the withdraw page with its error');
      await page.getByLabel('I understand that withdrawing cannot be undone').check();
      await page.getByRole('button', { name: 'Withdraw this notice' }).click();
      await h1(`Case ${body.reference}`);
      await page.getByText('You withdrew this notice. We will not act on it.').first().waitFor();
      expect(await page.getByRole('link', { name: 'Withdraw this notice' }).count()).toBe(0);
      await expectFits(page, 'the tracking page of a withdrawn notice');
      const { rows } = await suite.t.db.pool.query(`SELECT status FROM cases WHERE reference = $1`, [body.reference]);
      expect(rows[0].status).toBe('withdrawn');
    });

    it('asks for a lost link at /track/lost and opens the fresh link from the mail', async () => {
      const notice = completeNotice('copyright');
      notice.notifier.email = `lost.browser.${width}@example.org`;
      const { body, token } = await fileAccepted(suite.t.baseUrl, notice);
      await confirmAddressFromReceipt(inbox.mails, body.reference);

      await page.goto(`${suite.t.baseUrl}/track/lost`);
      await h1('Lost your tracking link?');
      await expectFits(page, 'the lost-link page');
      await page.getByLabel('Your e-mail address').fill('not an address');
      await page.getByRole('button', { name: 'E-mail me new links' }).click();
      await page.locator('.error-summary').waitFor();
      expect(await page.getByLabel('Your e-mail address').inputValue()).toBe('not an address');
      await expectFits(page, 'the lost-link page with its error');
      await page.getByLabel('Your e-mail address').fill(notice.notifier.email);
      await page.getByRole('button', { name: 'E-mail me new links' }).click();
      await h1('Check your e-mail');
      await expectFits(page, 'the lost-link page, sent');

      const mail = await waitForMail(() => inbox.mails.find((m) => m.text.includes(`[${body.reference}] Your new tracking link`)), 'the new link');
      const link = /(https?:\/\/\S+\/track\/[A-Za-z0-9_-]{43})\s/.exec(mail.text)![1];
      await page.goto(link);
      await h1(`Case ${body.reference}`);
      expect(await page.getByText('We e-mailed you a new tracking link; the earlier link stopped working.').isVisible()).toBe(true);
      const old = await page.goto(`${suite.t.baseUrl}/track/${token}`);
      expect(old!.status()).toBe(404);
    });
  });
});
