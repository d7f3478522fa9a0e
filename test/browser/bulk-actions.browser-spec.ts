import type { Page } from 'playwright-core';
import { completeNotice, fileAccepted } from '../factories';
import { atBothWidths, browserSuite, expectFits } from '../support/browser-suite';

// An editor ticks cases in the queue and applies one action to them all, at a laptop's and
// a phone's width, without script.
describe('bulk actions from the queue in a browser', () => {
  const suite = browserSuite({ staff: { editor: ['editor', 'Erin Editor'] } });

  const file = async (type: 'copyright' | 'trademark') => (await fileAccepted(suite.t.baseUrl, completeNotice(type))).body.reference as string;

  async function apply(page: Page): Promise<number> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/desk/bulk') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Apply to the ticked cases' }).click(),
    ]);
    await page.locator('h1').first().waitFor();
    return response.status();
  }

  it('ticks two cases (mouse and keyboard), is told what is missing, then assigns them to me', async () => {
    await atBothWidths(suite.browser, 'bulk-assign', async (page) => {
      const first = await file('copyright');
      const second = await file('copyright');
      await suite.signIn(page, suite.staff.editor, '/desk');
      await page.goto(`${suite.t.baseUrl}/desk?type=copyright&sort=-received`);
      await page.getByLabel(`Select ${first}`).check();
      await page.getByLabel(`Select ${second}`).focus();
      await page.keyboard.press('Space');
      expect(await page.getByLabel(`Select ${second}`).isChecked()).toBe(true);
      await expectFits(page, 'the queue with two cases ticked');

      // Escalating needs a reason: the form comes back with the boxes still ticked.
      await page.getByLabel('Action', { exact: true }).selectOption('escalate');
      expect(await apply(page)).toBe(422);
      await page
        .getByRole('alert')
        .getByRole('link', { name: /Reason: Give a reason/ })
        .waitFor();
      expect(await page.getByLabel(`Select ${first}`).isChecked()).toBe(true);
      expect(await page.getByLabel(`Select ${second}`).isChecked()).toBe(true);
      await expectFits(page, 'the bulk form with its error');

      await page.getByLabel('Action', { exact: true }).selectOption('assign');
      expect(await apply(page)).toBe(303);
      await page.getByText(`${first}: assigned to Erin Editor`).waitFor();
      await page.getByText(`${second}: assigned to Erin Editor`).waitFor();
      // The outcome has an address of its own: a refresh shows it again and sends nothing.
      expect(page.url()).toMatch(/\/desk\/bulk\/[0-9a-f-]{36}$/);
      const [again] = await Promise.all([page.waitForResponse((r) => r.url() === page.url()), page.reload()]);
      expect(again.request().method()).toBe('GET');
      await page.getByText(`${first}: assigned to Erin Editor`).waitFor();
      await expectFits(page, 'the outcome of the bulk assignment');
      await Promise.all([page.waitForURL(/\/desk\?type=copyright&sort=-received$/), page.getByRole('link', { name: 'Back to the queue' }).click()]);
    });
  });

  it('selects every case on the page without script and adds one note to each', async () => {
    await atBothWidths(suite.browser, 'bulk-note', async (page) => {
      const references = [await file('trademark'), await file('trademark')];
      await suite.signIn(page, suite.staff.editor, '/desk');
      await page.goto(`${suite.t.baseUrl}/desk?type=trademark`);
      await Promise.all([page.waitForURL(/select=all/), page.getByRole('link', { name: 'Select all on this page' }).click()]);
      for (const reference of references) expect(await page.getByLabel(`Select ${reference}`).isChecked()).toBe(true);
      await page.getByLabel('Action', { exact: true }).selectOption('note');
      await page.getByLabel('Note', { exact: true }).fill('Same agency as last month: check the licence first.');
      expect(await apply(page)).toBe(303);
      for (const reference of references) await page.getByText(`${reference}: note added`).waitFor();
    });
  });
});
