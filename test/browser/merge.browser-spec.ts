import type { Page } from 'playwright-core';
import { completeNotice, fileAccepted, withValue } from '../factories';
import { browserSuite } from '../support/browser-suite';

describe('duplicates in a browser: an editor merges a probable duplicate, or keeps one apart', () => {
  const suite = browserSuite({ staff: { editor: ['editor', 'Erin Editor'] } });
  let page: Page;

  beforeEach(async () => {
    ({ page } = await suite.open());
    await suite.signIn(page, suite.staff.editor);
  });

  const filePair = async (email: string) => {
    const notice = withValue(completeNotice('copyright'), 'notifier.email', email);
    const first = (await fileAccepted(suite.t.baseUrl, notice)).body.reference as string;
    const second = (await fileAccepted(suite.t.baseUrl, notice)).body.reference as string;
    return { first, second };
  };
  const caseRow = async (reference: string) =>
    (await suite.t.db.pool.query(`SELECT status, duplicate_link FROM cases WHERE reference = $1`, [reference])).rows[0] as { status: string; duplicate_link: string };

  it('shows the link on both cases and merges the later one into the earlier', async () => {
    const { first, second } = await filePair('merge-browser@example.org');
    await page.goto(`${suite.t.baseUrl}/desk/cases/${second}`);
    const panel = page.locator('section[aria-labelledby="duplicates-heading"]');
    await panel.waitFor();
    expect(await panel.innerText()).toContain(`Probable duplicate of ${first}`);
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/transitions')), panel.getByRole('button', { name: `Merge into ${first}` }).click()]);
    await page.getByRole('heading', { level: 1, name: new RegExp(`Case ${second}`) }).waitFor();
    await page.locator('section[aria-labelledby="duplicates-heading"]').waitFor();
    expect(await page.locator('section[aria-labelledby="duplicates-heading"]').innerText()).toContain(`Merged into ${first}`);
    expect(await caseRow(second)).toEqual({ status: 'duplicate', duplicate_link: 'merged' });

    await page.getByRole('link', { name: first }).first().click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Case ${first}`) }).waitFor();
    expect(await page.locator('section[aria-labelledby="duplicates-heading"]').innerText()).toMatch(new RegExp(`${second}: merged`));
  });

  it('keeps a probable duplicate apart with the keyboard', async () => {
    const { second } = await filePair('apart-browser@example.org');
    await page.goto(`${suite.t.baseUrl}/desk/cases/${second}`);
    const keep = page.locator('section[aria-labelledby="duplicates-heading"]').getByRole('button', { name: 'Keep apart' });
    await keep.focus();
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/transitions')), page.keyboard.press('Enter')]);
    await page.getByRole('heading', { level: 1, name: new RegExp(`Case ${second}`) }).waitFor();
    expect(await page.locator('section[aria-labelledby="duplicates-heading"]').innerText()).toContain('Kept apart from');
    expect(await caseRow(second)).toEqual({ status: 'new', duplicate_link: 'kept_apart' });
  });
});
