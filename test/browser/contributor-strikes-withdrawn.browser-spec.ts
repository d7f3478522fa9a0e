import { bearer, NO_ACTION_REASONS, postJson, removedContribution } from '../factories';
import { atBothWidths, browserSuite } from '../support/browser-suite';

// /desk/contributors with a withdrawn strike: legal reads that the count dropped and still
// records the account decision (the desk does not close the review itself).
describe('contributors page in a browser: a withdrawn strike, and legal deciding the review it lowered', () => {
  const suite = browserSuite({ env: () => ({ STRIKE_THRESHOLD: '2' }), staff: { editor: ['editor', 'Erin Editor'], legal: ['legal', 'Lee Legal'] } });

  beforeAll(async () => {
    await removedContribution(suite.t, suite.staff.editor);
    const second = await removedContribution(suite.t, suite.staff.editor);
    await postJson(suite.t.baseUrl, `/api/v1/respond/${second.respond}/appeal`, { grounds: 'The photograph is mine: I took it myself and licensed nothing.' });
    const current = await (await fetch(`${suite.t.baseUrl}/api/v1/cases/${second.reference}`, { headers: bearer(suite.staff.legal.token) })).json();
    const reversed = await postJson(
      suite.t.baseUrl,
      `/api/v1/cases/${second.reference}/transitions`,
      {
        action: 'decide_appeal',
        version: current.version,
        outcome: 'reverse',
        answer: 'We looked again at the photograph and its licence: the removal is reversed.',
        items: [{ itemId: current.items[0].id, action: 'no_action' }],
        ground: 'not_illegal',
        reasons: NO_ACTION_REASONS,
      },
      bearer(suite.staff.legal.token),
    );
    expect(reversed.status).toBe(200);
  });

  it('lists the withdrawn strike as such and lets legal decide the review, at both widths', async () => {
    await atBothWidths(suite.browser, 'contributors-withdrawn', async (page) => {
      await suite.signIn(page, suite.staff.legal, '/desk/contributors');
      await page.getByRole('heading', { level: 1, name: 'Contributors with strikes' }).waitFor();
      const body = await page.locator('main').innerText();
      expect(body).toContain('Withdrawn');
      expect(body).toContain('the removal was reversed on appeal; it no longer counts');
      expect(body).toContain('below the threshold of 2');
      expect(await page.getByRole('button', { name: 'Record the decision' }).isVisible()).toBe(true);
    });
    await atBothWidths(suite.browser, 'contributors-decided', async (page, width) => {
      await suite.signIn(page, suite.staff.legal, '/desk/contributors');
      if (width === 1280) {
        await page.getByLabel('Decision on the account').selectOption('keep');
        await page.getByLabel('Reasons').fill('One of the two strikes was withdrawn on appeal; below the threshold.');
        await Promise.all([page.waitForURL(/done=1/), page.getByRole('button', { name: 'Record the decision' }).click()]);
      }
      const body = await page.locator('main').innerText();
      expect(body).toContain('Account decision');
      expect(body).toContain('keep the account');
      expect(body).toContain('The decision below stands as legal recorded it');
    });
  });
});
