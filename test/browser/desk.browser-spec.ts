import type { Page } from 'playwright-core';
import { bearer, completeNotice, decideNoAction, DEMO_PASSAGE, fileAccepted, postJson, PUBLIC_INTEREST_URL, REMOVAL_REASONS, StaffMember } from '../factories';
import { browserSuite, DESKTOP, expectFits, WIDTHS } from '../support/browser-suite';

const SCRIPT = '<script>alert(1)</script>';

describe('an editor works the desk in a browser', () => {
  const suite = browserSuite({ staff: { editor: ['editor', 'Erin Editor'], legal: ['legal', 'Lee Legal'] } });
  let page: Page;
  let dialogs: string[];

  async function open(viewport: { width: number; height: number } = DESKTOP): Promise<void> {
    ({ page, dialogs } = await suite.open({ viewport }));
  }

  const signIn = (member: StaffMember, path = '/desk') => suite.signIn(page, member, path);

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

  it.each(WIDTHS)('signs in, filters the queue, reads the case beside the article and removes it with a statement of reasons ($width px)', async (viewport) => {
    await open(viewport);
    const { body: copyright } = await fileAccepted(suite.t.baseUrl, completeNotice('copyright'));
    const { body: trademark } = await fileAccepted(suite.t.baseUrl, completeNotice('trademark'));

    await signIn(suite.staff.editor);
    await page.getByRole('heading', { level: 1, name: 'Queue' }).waitFor();
    await page.getByRole('link', { name: trademark.reference }).waitFor();
    await page.getByLabel('Type').selectOption('copyright');
    await Promise.all([page.waitForURL(/type=copyright/), page.getByRole('button', { name: 'Apply filters' }).click()]);
    await page.getByRole('link', { name: copyright.reference }).waitFor();
    expect(await page.getByRole('link', { name: trademark.reference }).count()).toBe(0);
    expect(await page.getByLabel('Type').inputValue()).toBe('copyright');
    await expectFits(page, 'the queue, filtered');

    await page.getByRole('link', { name: copyright.reference }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(copyright.reference) }).waitFor();
    expect(await page.locator('mark#passage-1').textContent()).toBe(DEMO_PASSAGE);
    await page.getByRole('heading', { name: 'Russia, Ukraine resume peace talks in Istanbul amid escalating air attacks' }).waitFor();
    await expectFits(page, 'the case beside the article');

    await fillRemoval(REMOVAL_REASONS);
    await page.getByLabel('Public note').fill('Removed at the request of the photographer.');
    expect(await submitDecision()).toBe(303);
    await page.getByText('The decision was recorded and has taken effect.').waitFor();
    await page
      .getByRole('heading', { level: 1, name: new RegExp(copyright.reference) })
      .getByText('Actioned')
      .waitFor();
    await expectFits(page, 'the case, decided');

    const { rows } = await suite.t.db.pool.query(`SELECT id, slug FROM articles WHERE canonical_url = $1`, [completeNotice().items[0].url]);
    await page.goto(`${suite.t.baseUrl}/removed/${rows[0].slug}`);
    await page.getByText(copyright.reference).waitFor();
    await page.getByText('Removed at the request of the photographer.').waitFor();
    await expectFits(page, 'the tombstone');
    await suite.t.db.pool.query(`UPDATE articles SET state = 'live', previous_state = NULL WHERE id = $1`, [rows[0].id]);
  });

  it.each(WIDTHS)('keeps the typed decision when someone else changed the case meanwhile (409), and sends it again ($width px)', async (viewport) => {
    await open(viewport);
    const { body: filed } = await fileAccepted(suite.t.baseUrl, completeNotice('copyright'));
    await signIn(suite.staff.editor, `/desk/cases/${filed.reference}`);
    await fillRemoval(REMOVAL_REASONS);

    // Legal hands the case to this editor through the API while this page is open.
    const assigned = await postJson(
      suite.t.baseUrl,
      `/api/v1/cases/${filed.reference}/transitions`,
      { action: 'assign', version: 1, assigneeId: suite.staff.editor.id },
      bearer(suite.staff.legal.token),
    );
    expect(assigned.status).toBe(200);

    expect(await submitDecision()).toBe(409);
    const banner = page.getByRole('alert').filter({ hasText: 'Someone else changed this case' });
    await banner.waitFor();
    await banner.getByText('The case was assigned to Erin Editor (before: nobody).').waitFor();
    expect(await page.getByLabel('Statement of reasons').inputValue()).toBe(REMOVAL_REASONS);
    expect(await page.getByRole('group', { name: 'Decision for item 1' }).getByRole('radio', { name: 'Remove the article' }).isChecked()).toBe(true);
    await expectFits(page, 'the case page with the conflict warning');

    // The form now carries the current version: sending it again works.
    expect(await submitDecision()).toBe(303);
    await page.getByText('The decision was recorded and has taken effect.').waitFor();
    const { rows } = await suite.t.db.pool.query(`SELECT a.id FROM articles a WHERE a.canonical_url = $1`, [completeNotice().items[0].url]);
    await suite.t.db.pool.query(`UPDATE articles SET state = 'live', previous_state = NULL WHERE id = $1`, [rows[0].id]);
  });

  it('shows markup from a notice as text: no script runs on the queue or the case page', async () => {
    await open();
    const notice = completeNotice('copyright');
    notice.notifier.name = SCRIPT;
    notice.items = [{ url: notice.items[0].url, passage: SCRIPT }];
    const { body: filed } = await fileAccepted(suite.t.baseUrl, notice);

    await signIn(suite.staff.editor, '/desk');
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

  it.each(WIDTHS)('searches every case, closed ones too, by reference with or without its prefix, and marks a public-interest article ($width px)', async (viewport) => {
    await open(viewport);
    const closed = (await fileAccepted(suite.t.baseUrl, completeNotice('trademark'))).body.reference as string;
    expect((await decideNoAction(suite.t.baseUrl, closed, suite.staff.editor)).status).toBe(200);
    const weighty = (await fileAccepted(suite.t.baseUrl, { ...completeNotice('copyright'), items: [{ url: PUBLIC_INTEREST_URL }] })).body.reference as string;

    await signIn(suite.staff.editor);
    const search = async (q: string) => {
      await page.getByLabel('Search').fill(q);
      await Promise.all([page.waitForURL(/q=/), page.getByRole('button', { name: 'Apply filters' }).click()]);
    };
    // The closed case, by its full reference, then by its number alone.
    for (const q of [closed, closed.slice(3)]) {
      await search(q);
      const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: closed }) });
      await row.waitFor();
      await row.getByText('Rejected').first().waitFor();
      await page.getByText('Searching every case, open and closed.').waitFor();
      expect(await page.getByLabel('Search').inputValue()).toBe(q);
      await expectFits(page, `the queue searched for ${q}`);
    }

    await search(weighty);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: weighty }) });
    await row.getByText('Public interest', { exact: true }).waitFor();
    await expectFits(page, 'the queue with a public-interest case');
  });
});
