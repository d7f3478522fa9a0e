import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ArticlesService } from '../../src/articles/articles.service';
import { completeNotice, createStaff, fileAccepted, StaffMember, withValue } from '../factories';
import { launchBrowser, openPage, signInThroughPage } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

const SCREENSHOTS = process.env.DESK_SCREENSHOTS === '1';
const REASONS = 'The article misstated the amount of the fine; a correction answers the complaint in full.';
const ARTICLES = [
  {
    slug: 'allotment-fine',
    url: 'https://freelanews.com/2016/03/01/allotment-fine/',
    title: 'Magistrates fine allotment holder',
    body: 'An allotment holder was fined £2,000 by magistrates on Monday.\n\nThe fine was for damage to a shed.',
  },
  {
    slug: 'old-court-report',
    url: 'https://freelanews.com/2009/05/04/old-court-report/',
    title: 'Driver banned after village crash',
    body: 'A driver was banned for a year after a crash in the village. Nobody was hurt.',
  },
];

// The decision form walked by keyboard: only the chosen action's fields, every error at once,
// a date picker for a restriction's end; then the public page shows the correction, or is
// hidden from search engines.
describe('an editor records a newsroom remedy in the browser', () => {
  let t: TestApp;
  let browser: Browser;
  let editor: StaffMember;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    editor = await createStaff(t, 'editor', 'Erin Editor');
    await t.app.get(ArticlesService).importArticles(ARTICLES, { type: 'system', id: null });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    await context.close();
    expect(cspViolations).toEqual([]);
  });

  async function openCase(url: string, passage: string, width: number): Promise<string> {
    ({ context, page, cspViolations } = await openPage(browser, { viewport: { width, height: 900 } }));
    const { body } = await fileAccepted(t.baseUrl, withValue(completeNotice('defamation'), 'items', [{ url, passage }]));
    await signInThroughPage(page, t.baseUrl, editor, `/desk/cases/${body.reference}`);
    await page.getByRole('heading', { name: 'Record a decision' }).waitFor();
    return body.reference;
  }

  // Chooses an action of item 1 with the keyboard: focus the group's first option, then arrows.
  async function chooseByKeyboard(label: string): Promise<void> {
    const group = page.getByRole('group', { name: 'Decision for item 1' });
    await group.getByRole('radio').first().focus();
    for (let step = 0; step < 12 && !(await group.getByRole('radio', { name: label }).isChecked()); step++) await page.keyboard.press('ArrowDown');
    expect(await group.getByRole('radio', { name: label }).isChecked()).toBe(true);
  }

  async function submit(): Promise<number> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/transitions') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Record decision' }).click(),
    ]);
    return response.status();
  }

  // Nothing in `selector` (the whole page by default) is wider than the screen. On the case
  // page only the decision form is this feature's (the rest of the page's phone layout is not).
  async function noWiderThanViewport(selector = 'html'): Promise<void> {
    const wide = await page.locator(selector).evaluate((root) => {
      const box = root.getBoundingClientRect();
      const inside = [root, ...root.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 || el.scrollWidth > el.clientWidth + 1);
      return { right: Math.round(box.right), wider: inside.filter((el) => getComputedStyle(el).overflowX === 'visible').map((el) => `${el.tagName}.${el.className}`) };
    });
    expect(wide.wider).toEqual([]);
    expect(wide.right).toBeLessThanOrEqual(await page.evaluate(() => window.innerWidth));
  }

  it('shows only the chosen action’s fields, all errors at once, and publishes the correction', async () => {
    await openCase(ARTICLES[0].url, 'was fined £2,000 by magistrates', 1280);
    const text = page.getByLabel('Text of the correction (item 1)');
    expect(await text.isVisible()).toBe(false);
    expect(await page.getByLabel('Territories for item 1').isVisible()).toBe(false);

    await chooseByKeyboard('Restrict access in some countries');
    const until = page.getByLabel('Restricted until (item 1)');
    await until.waitFor({ state: 'visible' });
    expect(await until.getAttribute('type')).toBe('date');

    await chooseByKeyboard('Publish a correction or clarification');
    await text.waitFor({ state: 'visible' });
    expect(await until.isVisible()).toBe(false);
    expect(
      await page
        .getByRole('group', { name: 'Correction or clarification (item 1)' })
        .getByRole('radio', { name: /^Correction/ })
        .isChecked(),
    ).toBe(true);

    // Nothing else filled in: the text, the ground and the reasons are named together.
    expect(await submit()).toBe(422);
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await summary.waitFor();
    for (const link of ['Text of the correction (item 1)', 'Legal ground', 'Statement of reasons'])
      await summary.getByRole('link', { name: new RegExp(`^${link.replace(/[()]/g, '\\$&')}`) }).waitFor();
    await text.waitFor({ state: 'visible' });
    expect(await text.getAttribute('aria-invalid')).toBe('true');
    if (SCREENSHOTS) await page.screenshot({ path: '/tmp/remedies-errors.png', fullPage: true });

    await summary.getByRole('link', { name: /^Text of the correction/ }).click();
    await page.keyboard.type('The fine was £200, not £2,000 as first reported.');
    await page.getByLabel('Legal ground').selectOption('defamation');
    await page.getByLabel('Statement of reasons').fill(REASONS);
    expect(await submit()).toBe(303);
    await page.getByText('The decision was recorded and has taken effect.').waitFor();
    await page.getByRole('region', { name: 'Decisions' }).getByText('The fine was £200, not £2,000 as first reported.').waitFor();

    await page.goto(`${t.baseUrl}/articles/${ARTICLES[0].slug}`);
    const corrections = page.getByRole('region', { name: 'Correction' });
    await corrections.getByText('The fine was £200, not £2,000 as first reported.').waitFor();
    await corrections.locator(`time[datetime="${new Date().toISOString().slice(0, 10)}"]`).waitFor();
    expect(await page.locator('meta[name="robots"]').count()).toBe(0);
    await noWiderThanViewport();
  });

  it('hides an article from search engines, on a phone-width screen', async () => {
    const reference = await openCase(ARTICLES[1].url, 'banned for a year', 390);
    const form = 'section[aria-labelledby="decide-heading"]';
    await noWiderThanViewport(form);
    await chooseByKeyboard('Keep online, hide from search engines');
    await page.getByText('its page asks search engines not to index it').waitFor();
    await noWiderThanViewport(form);
    await page.getByLabel('Legal ground').selectOption('defamation');
    await page.getByLabel('Statement of reasons').fill('A true report of 2009; the driver’s privacy now outweighs its findability.');
    expect(await submit()).toBe(303);
    await page.getByText('The decision was recorded and has taken effect.').waitFor();
    if (SCREENSHOTS) await page.screenshot({ path: '/tmp/remedies-noindex-case.png', fullPage: true });

    const response = await page.goto(`${t.baseUrl}/articles/${ARTICLES[1].slug}`);
    expect(response!.headers()['x-robots-tag']).toBe('noindex');
    expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
    await page.getByText('A driver was banned for a year').waitFor();
    await page.getByText(`kept online but hidden from search engines after a defamation notice (case ${reference})`).waitFor();
    await noWiderThanViewport();
  });
});
