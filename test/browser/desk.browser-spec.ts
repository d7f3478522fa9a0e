import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearer, completeNotice, createStaff, DEMO_PASSAGE, fileAccepted, postJson, StaffMember } from '../factories';
import { launchBrowser, openPage } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

const SCREENSHOTS = process.env.DESK_SCREENSHOTS === '1';
const REASONS = 'The article reproduces the notifier’s photograph in full without a licence; no exception applies.';
const SCRIPT = '<script>alert(1)</script>';

describe('an editor works the desk in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let editor: StaffMember;
  let legal: StaffMember;
  let context: BrowserContext;
  let page: Page;
  let dialogs: string[];
  let cspViolations: string[];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    editor = await createStaff(t, 'editor', 'Erin Editor');
    legal = await createStaff(t, 'legal', 'Lee Legal');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  beforeEach(async () => {
    ({ context, page, cspViolations, dialogs } = await openPage(browser, { viewport: { width: 1360, height: 900 } }));
  });
  afterEach(async () => {
    await context.close();
    expect(cspViolations).toEqual([]);
  });

  async function signIn(member: StaffMember, path = '/desk'): Promise<void> {
    await page.goto(`${t.baseUrl}${path}`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByLabel('E-mail address').fill(member.email);
    await page.getByLabel('Password').fill(member.password);
    await Promise.all([page.waitForURL((url) => url.pathname === path), page.getByRole('button', { name: 'Sign in' }).click()]);
  }

  // The decision form posts and comes back (303 to the same page, or a 409/422 page).
  async function submitDecision(): Promise<number> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/transitions') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Record decision' }).click(),
    ]);
    return response.status();
  }

  async function fillRemoval(reasons: string): Promise<void> {
    await page.getByRole('group', { name: 'Decision for item 1' }).getByRole('radio', { name: 'Remove the article' }).check();
    await page.getByLabel('Legal ground').selectOption('copyright_infringement');
    await page.getByLabel('Statement of reasons').fill(reasons);
  }

  it('signs in, filters the queue, reads the case beside the article and removes it with a statement of reasons', async () => {
    const { body: copyright } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const { body: trademark } = await fileAccepted(t.baseUrl, completeNotice('trademark'));

    await signIn(editor);
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
    await page.getByRole('link', { name: trademark.reference }).waitFor();
    await page.getByLabel('Type').selectOption('copyright');
    await Promise.all([page.waitForURL(/type=copyright/), page.getByRole('button', { name: 'Apply filters' }).click()]);
    await page.getByRole('link', { name: copyright.reference }).waitFor();
    expect(await page.getByRole('link', { name: trademark.reference }).count()).toBe(0);
    expect(await page.getByLabel('Type').inputValue()).toBe('copyright');
    if (SCREENSHOTS) await page.screenshot({ path: '/tmp/desk-queue.png', fullPage: true });

    await page.getByRole('link', { name: copyright.reference }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(copyright.reference) }).waitFor();
    expect(await page.locator('mark#passage-1').textContent()).toBe(DEMO_PASSAGE);
    await page.getByRole('heading', { name: 'Russia, Ukraine resume peace talks in Istanbul amid escalating air attacks' }).waitFor();
    if (SCREENSHOTS) await page.screenshot({ path: '/tmp/desk-case.png', fullPage: true });

    await fillRemoval(REASONS);
    await page.getByLabel('Public note').fill('Removed at the request of the photographer.');
    expect(await submitDecision()).toBe(303);
    await page.getByText('The decision was recorded and has taken effect.').waitFor();
    await page
      .getByRole('heading', { level: 1, name: new RegExp(copyright.reference) })
      .getByText('Actioned')
      .waitFor();
    if (SCREENSHOTS) await page.screenshot({ path: '/tmp/desk-decided.png', fullPage: true });

    const { rows } = await t.db.pool.query(`SELECT id, slug FROM articles WHERE canonical_url = $1`, [completeNotice().items[0].url]);
    await page.goto(`${t.baseUrl}/removed/${rows[0].slug}`);
    await page.getByText(copyright.reference).waitFor();
    await page.getByText('Removed at the request of the photographer.').waitFor();
    await t.db.pool.query(`UPDATE articles SET state = 'live', previous_state = NULL WHERE id = $1`, [rows[0].id]);
  });

  it('keeps the typed decision when someone else changed the case meanwhile (409), and sends it again', async () => {
    const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    await signIn(editor, `/desk/cases/${filed.reference}`);
    await fillRemoval(REASONS);

    // Legal hands the case to this editor through the API while this page is open.
    const assigned = await postJson(t.baseUrl, `/api/v1/cases/${filed.reference}/transitions`, { action: 'assign', version: 1, assigneeId: editor.id }, bearer(legal.token));
    expect(assigned.status).toBe(200);

    expect(await submitDecision()).toBe(409);
    const banner = page.getByRole('alert').filter({ hasText: 'Someone else changed this case' });
    await banner.waitFor();
    await banner.getByText('The case was assigned to Erin Editor (before: nobody).').waitFor();
    expect(await page.getByLabel('Statement of reasons').inputValue()).toBe(REASONS);
    expect(await page.getByRole('group', { name: 'Decision for item 1' }).getByRole('radio', { name: 'Remove the article' }).isChecked()).toBe(true);
    if (SCREENSHOTS) await page.screenshot({ path: '/tmp/desk-conflict.png', fullPage: true });

    // The form now carries the current version: sending it again works.
    expect(await submitDecision()).toBe(303);
    await page.getByText('The decision was recorded and has taken effect.').waitFor();
    const { rows } = await t.db.pool.query(`SELECT a.id FROM articles a WHERE a.canonical_url = $1`, [completeNotice().items[0].url]);
    await t.db.pool.query(`UPDATE articles SET state = 'live', previous_state = NULL WHERE id = $1`, [rows[0].id]);
  });

  it('shows markup from a notice as text: no script runs on the queue or the case page', async () => {
    const notice = completeNotice('copyright');
    notice.notifier.name = SCRIPT;
    notice.items = [{ url: notice.items[0].url, passage: SCRIPT }];
    const { body: filed } = await fileAccepted(t.baseUrl, notice);

    await signIn(editor, '/desk');
    await page.getByLabel('Search').fill(filed.reference);
    await Promise.all([page.waitForURL(/q=TD-/), page.getByRole('button', { name: 'Apply filters' }).click()]);
    const row = page.getByRole('row', { name: new RegExp(filed.reference) });
    await row.getByText(SCRIPT).waitFor();

    await row.getByRole('link', { name: filed.reference }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(filed.reference) }).waitFor();
    await page.locator('#notice-heading + dl').getByText(SCRIPT).waitFor();
    await page.locator('table.items blockquote').getByText(SCRIPT).waitFor();
    expect(await page.locator('script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
