import { completeNotice, decideNoAction, fileAccepted } from '../factories';
import { atBothWidths, browserSuite } from '../support/browser-suite';

// The staff article page (/desk/articles/<slug>), reached from a case page by keyboard:
// every case about the article and every decision on it, at 1280 and 390 px.
describe('the staff article page in a browser', () => {
  const suite = browserSuite({ staff: { editor: ['editor', 'Erin Editor'] } });
  let decided: string;
  let open: string;

  beforeAll(async () => {
    decided = (await fileAccepted(suite.t.baseUrl, completeNotice('copyright'))).body.reference;
    open = (await fileAccepted(suite.t.baseUrl, completeNotice('defamation'))).body.reference;
    expect((await decideNoAction(suite.t.baseUrl, decided, suite.staff.editor)).status).toBe(200);
  });

  it('lists every case and decision on the article', async () => {
    await atBothWidths(suite.browser, 'article-cases', async (page) => {
      await suite.signIn(page, suite.staff.editor, `/desk/cases/${open}`);
      const link = page.getByRole('link', { name: 'Every case and decision about this article' });
      await link.focus();
      await Promise.all([page.waitForURL(/\/desk\/articles\//), page.keyboard.press('Enter')]);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.title()).toMatch(/^Article: /);

      const cases = page.getByRole('table', { name: /Cases/ });
      for (const reference of [decided, open])
        await cases
          .getByRole('row')
          .filter({ has: page.getByRole('link', { name: reference }) })
          .waitFor();
      // On a phone each cell stacks under its column's name.
      expect(await cases.locator('td:not([data-label])').count()).toBe(0);
      const decisions = page.getByRole('region', { name: /Decisions on this article/ });
      expect(await decisions.innerText()).toContain(decided);
      expect(await decisions.innerText()).not.toContain(open);

      // Back to a case from the list, by keyboard.
      await cases.getByRole('link', { name: decided }).focus();
      await Promise.all([page.waitForURL(new RegExp(`/desk/cases/${decided}$`)), page.keyboard.press('Enter')]);
      await page.getByRole('heading', { level: 1, name: new RegExp(`Case ${decided}`) }).waitFor();
      await page.goBack();
      await page.getByRole('table', { name: /Cases/ }).waitFor();
    });
  });
});
