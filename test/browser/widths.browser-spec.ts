import { completeNotice, decideNoAction, fileAccepted } from '../factories';
import { atBothWidths, browserSuite } from '../support/browser-suite';

// Every main page at a laptop's (1280 px) and a phone's (390 px) width: nothing wider than
// the window, no word broken inside, and the key content still there.
describe('the main pages fit a laptop and a phone', () => {
  const suite = browserSuite({ staff: { admin: ['admin', 'Adelheid Administrator-Wolfeschlegel'], editor: ['editor', 'Erin Editor'] } });
  let reference: string;
  let open: string;
  let token: string;

  beforeAll(async () => {
    const filed = await fileAccepted(suite.t.baseUrl, completeNotice('copyright'));
    reference = filed.body.reference;
    token = filed.token;
    open = (await fileAccepted(suite.t.baseUrl, completeNotice('defamation'))).body.reference;
    expect((await decideNoAction(suite.t.baseUrl, reference, suite.staff.editor)).status).toBe(200);
  });

  it('the start page and the filing form', async () => {
    await atBothWidths(suite.browser, 'start', async (page) => {
      await page.goto(`${suite.t.baseUrl}/`);
      await page.getByRole('link', { name: 'Start a notice' }).waitFor();
    });
    await atBothWidths(suite.browser, 'notice-form', async (page) => {
      await page.goto(`${suite.t.baseUrl}/notices/new?type=defamation`);
      // Sent empty: the form comes back with its errors (or the review step) at both widths.
      await Promise.all([page.waitForResponse((response) => response.request().method() === 'POST'), page.getByRole('button', { name: 'Check your notice' }).click()]);
      await page.locator('h1').first().waitFor();
    });
  });

  it('the tracking page', async () => {
    await atBothWidths(suite.browser, 'tracking', async (page) => {
      await page.goto(`${suite.t.baseUrl}/track/${token}`);
      await page.getByRole('heading', { level: 1, name: `Case ${reference}` }).waitFor();
      await page
        .getByRole('cell', { name: /freelanews\.com/ })
        .first()
        .waitFor();
    });
  });

  it('the queue keeps each case with its reference, status and due date', async () => {
    await atBothWidths(suite.browser, 'queue', async (page) => {
      await suite.signIn(page, suite.staff.admin, '/desk');
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: open }) });
      await row.waitFor();
      await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Audit' }).waitFor();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
    });
  });

  it('the case page', async () => {
    await atBothWidths(suite.browser, 'case', async (page) => {
      await suite.signIn(page, suite.staff.editor, `/desk/cases/${reference}`);
      await page.getByRole('heading', { name: 'Timeline' }).waitFor();
      await page.getByRole('heading', { name: 'Web addresses in the notice' }).waitFor();
    });
  });

  it('the audit log', async () => {
    await atBothWidths(suite.browser, 'audit', async (page) => {
      await suite.signIn(page, suite.staff.admin, '/admin/audit');
      await page.getByRole('link', { name: reference }).first().waitFor();
    });
  });

  it('the staff administration keeps names, roles and their actions', async () => {
    await atBothWidths(suite.browser, 'staff', async (page) => {
      await suite.signIn(page, suite.staff.admin, '/admin/users');
      const row = page.getByRole('row').filter({ hasText: 'Erin Editor' });
      await row.getByRole('combobox', { name: 'Role of Erin Editor' }).waitFor();
      await row.getByRole('button', { name: 'Deactivate Erin Editor' }).waitFor();
    });
  });

  it('the account and API token pages', async () => {
    await atBothWidths(suite.browser, 'account', async (page) => {
      await suite.signIn(page, suite.staff.editor, '/account');
      await page
        .getByRole('button', { name: /change|password/i })
        .first()
        .waitFor();
    });
    await atBothWidths(suite.browser, 'tokens', async (page, width) => {
      await suite.signIn(page, suite.staff.editor, '/account/tokens');
      await page.getByLabel('Name').fill(`CMS integration at ${width} px`);
      await page.getByRole('button', { name: 'Create token' }).click();
      // The table keeps the token's name, when it expires, its state and its revoke button.
      const row = page.getByRole('row').filter({ hasText: `CMS integration at ${width} px` });
      await row.getByRole('button', { name: 'Revoke' }).waitFor();
      await row.getByRole('cell', { name: 'Never' }).waitFor();
    });
  });
});
