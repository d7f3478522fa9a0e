import type { Page } from 'playwright-core';
import { completeNotice, decideNoAction, fileAccepted, removedContribution, without } from '../factories';
import { browserSuite, DESKTOP } from '../support/browser-suite';

describe('a member of the public reads the transparency report in a browser', () => {
  const suite = browserSuite({ staff: { editor: ['editor', 'Erin Editor'] } });
  let page: Page;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    const editor = suite.staff.editor;
    await removedContribution(suite.t, editor);
    const rejected = await fileAccepted(suite.t.baseUrl, completeNotice('defamation'));
    expect((await decideNoAction(suite.t.baseUrl, rejected.body.reference, editor)).status).toBe(200);
    await fileAccepted(suite.t.baseUrl, without(completeNotice('copyright'), 'signature'));
  });

  beforeEach(async () => {
    ({ page } = await suite.open({ viewport: DESKTOP }));
  });

  it('shows the last 12 months by default, each chart an image named by its title with a table beside it', async () => {
    await page.goto(`${suite.t.baseUrl}/transparency`);
    await page.getByRole('heading', { level: 1, name: 'Transparency report' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'To', exact: true }).inputValue()).toBe(today);
    const byType = page.getByRole('img', { name: 'Notices received by type' });
    await byType.waitFor();
    expect(await byType.getAttribute('aria-labelledby')).toBe('chart-notices-type-title chart-notices-type-desc');
    const typeTable = page.getByRole('table', { name: 'Notices received by type' });
    expect(
      await typeTable
        .getByRole('row', { name: /Copyright/ })
        .getByRole('cell')
        .textContent(),
    ).toBe('2');
    expect(
      await typeTable
        .getByRole('row', { name: /Defamation/ })
        .getByRole('cell')
        .textContent(),
    ).toBe('1');
    expect(await page.getByRole('img').count()).toBeGreaterThanOrEqual(6);
    await page.getByText('Incomplete when filed').waitFor();
    expect(await page.locator('dd', { hasText: '33.3 %' }).count()).toBe(1);
    // The bars are drawn: the copyright bar is wider than the defamation bar.
    const widths = await byType.locator('rect').evaluateAll((rects) => rects.map((rect) => Number(rect.getAttribute('width'))));
    expect(widths[0]).toBeGreaterThan(widths[2]);
    expect(widths[2]).toBeGreaterThan(0);
  });

  it('takes a period from the form, says what is wrong with a bad date, and keeps what was typed', async () => {
    await page.goto(`${suite.t.baseUrl}/transparency`);
    await page.getByRole('textbox', { name: 'From', exact: true }).fill('2021-01-01');
    await page.getByRole('textbox', { name: 'To', exact: true }).fill('2021-02-30');
    await Promise.all([page.waitForURL(/to=2021-02-30/), page.getByRole('button', { name: 'Show figures' }).click()]);
    const summary = page.getByRole('alert');
    await summary.getByText('There is a problem').waitFor();
    await summary.getByRole('link', { name: /To: Must be a date/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-to');
    expect(await page.getByRole('textbox', { name: 'From', exact: true }).inputValue()).toBe('2021-01-01');
    expect(await page.getByRole('img').count()).toBe(0);

    await page.getByRole('textbox', { name: 'To', exact: true }).fill('2021-12-31');
    await page.keyboard.press('Enter');
    await page.waitForURL(/to=2021-12-31/);
    await page.getByText('From 2021-01-01 to 2021-12-31').waitFor();
    const byType = page.getByRole('table', { name: 'Notices received by type' });
    expect(
      await byType
        .getByRole('row', { name: /Copyright/ })
        .getByRole('cell')
        .textContent(),
    ).toBe('0');
    await page.getByText('No case was decided in this period.').waitFor();
    const csv = page.getByRole('link', { name: 'CSV' });
    expect(await csv.getAttribute('href')).toBe('/api/v1/reports/transparency?from=2021-01-01&to=2021-12-31&format=csv');
  });
});
