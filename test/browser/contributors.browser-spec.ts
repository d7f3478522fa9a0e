import { bearer, removedContribution } from '../factories';
import { atBothWidths, browserSuite } from '../support/browser-suite';

const AUTHOR = 'ada.contributor@example.org';
const REASONS = 'Three upheld copyright removals of the same essay within a year.';

// DMCA §512(i) walked in the browser at a laptop's and a phone's width: the list says in
// words when nobody has a strike; with strikes it lists each with its case and article;
// legal records the account decision (refused first, then recorded).
describe('contributors with strikes in a browser', () => {
  const suite = browserSuite({ staff: { editor: ['editor', 'Erin Editor'], legal: ['legal', 'Lee Legal'] } });

  const openReviews = async (): Promise<number> => {
    const listing = await (await fetch(`${suite.t.baseUrl}/api/v1/contributors`, { headers: bearer(suite.staff.editor.token) })).json();
    return listing.contributors.flatMap((c: { reviews: Array<{ outcome: string | null }> }) => c.reviews).filter((r: { outcome: string | null }) => !r.outcome).length;
  };

  it('says so when no contributor has a strike', async () => {
    await atBothWidths(suite.browser, 'contributors-empty', async (page) => {
      await suite.signIn(page, suite.staff.editor, '/desk');
      await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Contributors' }).click();
      await page.getByRole('heading', { level: 1, name: 'Contributors with strikes' }).waitFor();
      expect(await page.locator('main').innerText()).toContain('No contributor has a strike.');
      expect(await page.getByRole('table').count()).toBe(0);
    });
  });

  it('lists the strikes, and legal records the account decision', async () => {
    const removals: string[] = [];
    for (let i = 0; i < 3; i++) removals.push((await removedContribution(suite.t, suite.staff.editor)).reference);

    await atBothWidths(suite.browser, 'contributors', async (page) => {
      // Each width decides one review; the next strike opens another.
      if ((await openReviews()) === 0) removals.push((await removedContribution(suite.t, suite.staff.editor)).reference);
      await suite.signIn(page, suite.staff.legal, '/desk/contributors');
      const entry = page.getByRole('region', { name: AUTHOR });
      const strikes = entry.getByRole('table', { name: /Strikes/ });
      for (const reference of removals)
        await strikes
          .getByRole('row')
          .filter({ has: page.getByRole('link', { name: reference }) })
          .waitFor();

      const form = page.getByRole('form', { name: `Decide on the account of ${AUTHOR}` });
      await form.getByLabel('Reasons').fill('');
      await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), form.getByRole('button', { name: 'Record the decision' }).click()]);
      const summary = page.getByRole('alert');
      expect(await summary.innerText()).toContain('There is a problem');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
      await summary.getByRole('link', { name: /Decision on the account/ }).click();
      // The link reaches this form's own field: every listed review's ids are its own.
      expect(await page.evaluate(() => [document.activeElement?.closest('form')?.getAttribute('aria-label'), document.activeElement?.getAttribute('name')])).toEqual([
        `Decide on the account of ${AUTHOR}`,
        'outcome',
      ]);

      const again = page.getByRole('form', { name: `Decide on the account of ${AUTHOR}` });
      await again.getByLabel('Decision on the account').selectOption('keep');
      await again.getByLabel('Reasons').fill(REASONS);
      await Promise.all([page.waitForURL(/done=1/), again.getByRole('button', { name: 'Record the decision' }).click()]);
      expect(await page.getByRole('status').innerText()).toContain('The decision was recorded.');
      expect(await page.getByRole('region', { name: AUTHOR }).innerText()).toContain(REASONS);
    });
  });
});
