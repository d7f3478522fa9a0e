import type { Page } from 'playwright-core';
import { completeNotice, decideNoAction, fileAccepted, withValue } from '../factories';
import { browserSuite, expectFits, WIDTHS } from '../support/browser-suite';
import { markedNotices, MISUSE_REASON } from '../support/misuse-setup';

const CONFIRM_REASONS = 'Two notices in a month claimed photographs the agency itself licensed to us; both were rejected as manifestly unfounded.';
const GROUNDS = 'Both photographs were taken by our own staff; the licence you hold covers other pictures.';
const ANSWER = 'The licences attached to both notices name these photographs; the suspension stands.';

// DSA Art. 23 walked by the people who do it, at a laptop's and a phone's width: an editor
// marks a rejected notice manifestly unfounded on the case page; at the threshold legal
// confirms the proposed suspension (first without reasons); the notifier appeals on their
// public page; another member of legal answers.
describe('misuse in a browser: mark, suspend, appeal, answer', () => {
  const suite = browserSuite({
    env: () => ({ MISUSE_THRESHOLD: '2', MISUSE_PERIOD_DAYS: '30', MISUSE_SUSPENSION_DAYS: '14' }),
    staff: { editor: ['editor', 'Erin Editor'], legal: ['legal', 'Lee Legal'], admin: ['admin', 'Ada Admin'] },
  });

  // One person's part of the journey in a fresh context; the page must fit (the suite checks the CSP).
  const asPerson = async (viewport: { width: number; height: number }, step: string, act: (page: Page) => Promise<void>) => {
    const { page } = await suite.open({ viewport });
    await act(page);
    await expectFits(page, step);
  };
  const submit = (page: Page, button: ReturnType<Page['getByRole']>) =>
    Promise.all([page.waitForResponse((response) => response.request().method() === 'POST'), button.click()]).then(() => page.locator('h1').waitFor());

  for (const viewport of WIDTHS) {
    it(`at ${viewport.width} px`, async () => {
      const email = `misuse-${viewport.width}@example.org`;
      const [first] = await markedNotices(suite.t, suite.staff.editor, email, 1);
      const notice = withValue(withValue(completeNotice('copyright'), 'notifier.email', email), 'work.description', 'A second photograph of the series');
      const second = (await fileAccepted(suite.t.baseUrl, notice)).body.reference as string;
      expect((await decideNoAction(suite.t.baseUrl, second, suite.staff.editor)).status).toBe(200);

      await asPerson(viewport, 'mark', async (page) => {
        await suite.signIn(page, suite.staff.editor, `/desk/cases/${second}`);
        const panel = page.locator('section[aria-labelledby="misuse-heading"]');
        await panel.getByLabel('Why the notice was manifestly unfounded').fill(MISUSE_REASON);
        await submit(page, panel.getByRole('button', { name: 'Mark manifestly unfounded' }));
        expect(await page.locator('section[aria-labelledby="misuse-heading"]').innerText()).toContain('Marked manifestly unfounded');
      });

      await asPerson(viewport, 'confirm', async (page) => {
        await suite.signIn(page, suite.staff.legal, '/desk');
        await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Misuse' }).click();
        await page.getByRole('heading', { level: 1, name: 'Misuse: suspensions' }).waitFor();
        const entry = page.getByRole('region', { name: new RegExp(email) });
        expect(await entry.innerText()).toContain('Proposed');
        const form = page.getByRole('form', { name: `Decide on the suspension of ${email}` });
        await form.getByLabel('Decision').selectOption('confirm');
        await form.getByLabel('Reasons').fill('');
        await submit(page, form.getByRole('button', { name: 'Record the decision' }));

        // Refused: the summary first, focused, linking to the field; the choice kept.
        const summary = page.getByRole('alert');
        expect(await summary.innerText()).toContain('There is a problem');
        expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
        const again = page.getByRole('form', { name: `Decide on the suspension of ${email}` });
        expect(await again.getByLabel('Decision').inputValue()).toBe('confirm');
        await summary.getByRole('link', { name: /Reasons/ }).click();
        expect(await page.evaluate(() => document.activeElement?.closest('form')?.getAttribute('aria-label'))).toBe(`Decide on the suspension of ${email}`);
        await page.keyboard.type(CONFIRM_REASONS);
        await submit(page, again.getByRole('button', { name: 'Record the decision' }));
        expect(await page.getByRole('status').innerText()).toContain('Recorded');
        const confirmed = page.getByRole('region', { name: new RegExp(email) });
        expect(await confirmed.innerText()).toContain('Suspended until');
        await confirmed.getByText('The marked notices (2)').click();
        const marks = confirmed.getByRole('table', { name: `Notices of ${email} marked manifestly unfounded` });
        for (const reference of [first.reference, second])
          await marks
            .getByRole('row')
            .filter({ has: page.getByRole('link', { name: reference }) })
            .waitFor();
      });

      await asPerson(viewport, 'appeal', async (page) => {
        await page.goto(`${suite.t.baseUrl}/track/${first.token}/suspension-appeal`);
        await page.getByRole('heading', { level: 1, name: 'Your suspension' }).waitFor();
        expect(await page.locator('main').innerText()).toContain(CONFIRM_REASONS);
        await submit(page, page.getByRole('button', { name: 'Send the appeal' }));
        expect(await page.getByRole('alert').innerText()).toContain('There is a problem');
        await page.getByLabel('Why the suspension should be lifted').fill(GROUNDS);
        await submit(page, page.getByRole('button', { name: 'Send the appeal' }));
        expect(await page.getByRole('status').innerText()).toContain('We received your appeal');
      });

      // Legal confirmed; the appeal goes to someone else.
      await asPerson(viewport, 'answer', async (page) => {
        await suite.signIn(page, suite.staff.admin, '/desk/misuse');
        const form = page.getByRole('form', { name: `Answer the appeal of ${email}` });
        expect(await page.getByRole('region', { name: new RegExp(email) }).innerText()).toContain(GROUNDS);
        await form.getByLabel('Outcome').selectOption('upheld');
        await form.getByLabel('Reasoned answer').fill(ANSWER);
        await submit(page, form.getByRole('button', { name: 'Answer the appeal' }));
        expect(await page.getByRole('status').innerText()).toContain('Recorded');
        expect(await page.getByRole('region', { name: new RegExp(email) }).innerText()).toContain(ANSWER);
      });
    });
  }
});
