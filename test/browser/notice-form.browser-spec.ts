import type { Page } from 'playwright-core';
import { statementsFor } from '../../src/notices/notice-types';
import { DEMO_ARTICLE_URL, DEMO_PASSAGE } from '../factories';
import { browserSuite, DESKTOP, expectFits, WIDTHS } from '../support/browser-suite';

describe('a person files a notice and follows it in a browser', () => {
  // No page may need anything the CSP forbids (inline script or style): the suite checks.
  const suite = browserSuite();
  let page: Page;
  let dialogs: string[];

  async function open(viewport: { width: number; height: number } = DESKTOP): Promise<void> {
    ({ page, dialogs } = await suite.open({ viewport }));
  }

  async function openCopyrightForm(): Promise<void> {
    await page.goto(`${suite.t.baseUrl}/`);
    await page.getByRole('link', { name: 'Start a notice' }).click();
    await page.getByRole('radio', { name: /^Copyright/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Copyright notice' }).waitFor();
  }

  async function fillCopyrightNotice(overrides: { name?: string; email?: string; organization?: string } = {}): Promise<void> {
    await page.getByLabel('Full name').fill(overrides.name ?? 'Jane Doe');
    await page.getByLabel('E-mail address').fill(overrides.email ?? 'jane.doe@example.org');
    await page.getByLabel('Organisation').fill(overrides.organization ?? 'Doe Photography Ltd');
    await page.getByRole('radio', { name: /^The rights holder/ }).check();
    await page.getByLabel('Postal address').fill('1 High Street\nLondon');
    await page.getByLabel('Telephone number').fill('+44 20 7946 0000');
    await page.getByLabel('Country you live in').fill('GB');
    await page.getByLabel('The work you own').fill('My photograph "Istanbul talks", first published on my site.');
    const firstPage = page.getByRole('group', { name: 'Page 1' });
    await firstPage.getByLabel('Web address (URL)').fill(DEMO_ARTICLE_URL);
    await firstPage.getByLabel('The passage concerned').fill(DEMO_PASSAGE);
    await page.getByLabel('Anything else we should know').fill('The article reproduces my photograph without a licence.');
    await page.getByLabel('Country whose law applies').fill('GB');
    for (const { text } of statementsFor('copyright')) await page.getByLabel(text, { exact: true }).check();
    await page.getByLabel('Your signature').fill('Jane Doe');
  }

  // The form's button leads to the review step (or back to the form, with errors); there,
  // "Send notice" (or "Send anyway") files it.
  async function send(): Promise<void> {
    await page.getByRole('button', { name: 'Check your notice' }).click();
    await page.locator('h1').waitFor();
    if ((await page.locator('h1').textContent()) !== 'Check your notice before you send it') return;
    await page.getByRole('button', { name: /^Send (notice|anyway)$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Notice received' }).waitFor();
  }

  it.each(WIDTHS)('files a copyright notice, reads the reference on the receipt and follows the tracking link ($width px)', async (viewport) => {
    await open(viewport);
    await openCopyrightForm();
    await fillCopyrightNotice();
    await expectFits(page, 'the copyright form, filled in');
    await send();

    await page.getByRole('heading', { level: 1, name: 'Notice received' }).waitFor();
    const reference = (await page.locator('p.reference').textContent())!.trim();
    expect(reference).toMatch(/^TD-\d{4}-\d{6}$/);
    expect(await page.getByText('Received, waiting for review').isVisible()).toBe(true);
    expect(await page.getByText('Our article', { exact: true }).isVisible()).toBe(true);
    await expectFits(page, 'the receipt');

    const link = page.locator('a.token-link');
    expect(await link.textContent()).toMatch(new RegExp(`^${suite.t.baseUrl}/track/[A-Za-z0-9_-]{43}$`));
    await link.click();
    await page.getByRole('heading', { level: 1, name: `Case ${reference}` }).waitFor();
    expect(page.url()).toMatch(/\/track\/[A-Za-z0-9_-]{43}$/);
    expect(await page.locator('.status').textContent()).toBe('Received, waiting for review');
    expect(await page.getByText('Case opened and queued for review.').isVisible()).toBe(true);
    await expectFits(page, 'the tracking page');
  });

  it.each(WIDTHS)('keeps everything typed when one field is wrong, with a summary at the top and the error beside the field ($width px)', async (viewport) => {
    await open(viewport);
    await openCopyrightForm();
    await fillCopyrightNotice({ email: 'jane at example' });
    await send();

    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await page.title()).toMatch(/^Error: Copyright notice/);
    // The summary comes first on the page and has the focus, so it is read out first.
    expect(await page.evaluate(() => document.querySelector('main')!.firstElementChild!.className)).toBe('error-summary');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('error-summary');
    expect(await summary.getByRole('link').allTextContents()).toEqual(['E-mail address: Must be a valid e-mail address, like name@example.org.']);

    const email = page.getByLabel('E-mail address');
    expect(await email.inputValue()).toBe('jane at example');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-notifier-email-error').textContent()).toBe('Error: Must be a valid e-mail address, like name@example.org.');
    expect(await page.locator('#f-notifier-email-error').isVisible()).toBe(true);

    expect(await page.getByLabel('Full name').inputValue()).toBe('Jane Doe');
    expect(await page.getByLabel('Organisation').inputValue()).toBe('Doe Photography Ltd');
    expect(await page.getByRole('radio', { name: /^The rights holder/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('Postal address').inputValue()).toBe('1 High Street\nLondon');
    expect(await page.getByLabel('Telephone number').inputValue()).toBe('+44 20 7946 0000');
    expect(await page.getByLabel('The work you own').inputValue()).toBe('My photograph "Istanbul talks", first published on my site.');
    const firstPage = page.getByRole('group', { name: 'Page 1' });
    expect(await firstPage.getByLabel('Web address (URL)').inputValue()).toBe(DEMO_ARTICLE_URL);
    expect(await firstPage.getByLabel('The passage concerned').inputValue()).toBe(DEMO_PASSAGE);
    for (const { text } of statementsFor('copyright')) expect(await page.getByLabel(text, { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Your signature').inputValue()).toBe('Jane Doe');
    await expectFits(page, 'the notice form with an error');

    // Corrected, the same page files the notice.
    await email.fill('jane.doe@example.org');
    await send();
    await page.getByRole('heading', { level: 1, name: 'Notice received' }).waitFor();
  });

  it('shows a script typed into the name as text, and runs nothing', async () => {
    await open();
    const payload = '<script>alert(1)</script>';
    await openCopyrightForm();
    await fillCopyrightNotice({ name: payload, organization: '"><img src=x onerror=alert(2)>', email: 'not-an-email' });
    await send();
    await page.locator('.error-summary').waitFor();
    expect(await page.getByLabel('Full name').inputValue()).toBe(payload);

    await page.getByLabel('E-mail address').fill('jane.doe@example.org');
    await send();
    await page.getByRole('heading', { level: 1, name: 'Notice received' }).waitFor();
    await page.locator('a.token-link').click();
    await page.getByRole('heading', { level: 1, name: /^Case TD-/ }).waitFor();
    expect(await page.getByText(`${payload}, "><img src=x onerror=alert(2)>`, { exact: true }).isVisible()).toBe(true);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it.each(WIDTHS)('moves the keyboard focus to the field when an error summary link is followed ($width px)', async (viewport) => {
    await open(viewport);
    await openCopyrightForm();
    await page.getByLabel('Full name').fill('Jane Doe');
    await page.getByLabel('E-mail address').fill('jane at example');
    await page.getByRole('group', { name: 'Page 1' }).getByLabel('The passage concerned').fill('A passage without its address');
    await send();
    await page.locator('.error-summary').waitFor();

    // The summary has the focus: Tab reaches its first link, Enter follows it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^E-mail address: /);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'f-notifier-email');
    // Typing goes straight into the field.
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('jane.doe@example.org');
    expect(await page.getByLabel('E-mail address').inputValue()).toBe('jane.doe@example.org');

    await page.locator('.error-summary').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Web address (URL): Give the web address.');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'f-items-0-url');
    // The field's label is on screen too, not scrolled away under the top edge.
    const labelTop = await page.locator('label[for="f-items-0-url"]').evaluate((label) => label.getBoundingClientRect().top);
    expect(labelTop).toBeGreaterThanOrEqual(0);
    await expectFits(page, 'the notice form after following an error link');
  });
});
