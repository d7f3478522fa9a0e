import type { Page } from 'playwright-core';
import { ArticlesService } from '../../src/articles/articles.service';
import { bearer, completeNotice, fileAccepted, postJson, REMOVAL_REASONS } from '../factories';
import { browserSuite, expectFits, WIDTHS } from '../support/browser-suite';

// An article of public interest for each width.
const articleUrl = (width: number) => `https://freelanews.com/2025/06/03/summit-of-leaders-${width}/`;
const COMMENT = 'Checked with counsel: the block in GB is justified.';

// At a laptop's and a phone's width, checking the layout at each step.
describe('a second person approves a decision in a browser', () => {
  const suite = browserSuite({ staff: { editor: ['editor', 'Erin Editor'], admin: ['admin', 'Ada Admin'] } });
  let page: Page;

  beforeAll(async () => {
    const articles = WIDTHS.map(({ width }) => ({
      url: articleUrl(width),
      title: 'Leaders meet on the eastern flank',
      body: 'Leaders met in Vilnius to discuss the eastern flank.',
      publicInterest: true,
    }));
    await suite.t.app.get(ArticlesService).importArticles(articles, { type: 'system', id: null });
  });

  // The approve form posts and comes back (303 to the same page, or a 422 page).
  async function submitApproval(): Promise<number> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/transitions') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Approve the decision' }).click(),
    ]);
    return response.status();
  }

  it.each(WIDTHS)('shows the pending decision beside the approve button, asks for confirmation, keeps the comment ($width px)', async (viewport) => {
    ({ page } = await suite.open({ viewport }));
    const NATO_URL = articleUrl(viewport.width);
    // An editor restricts the public-interest article in the main market: it waits.
    const { body: filed } = await fileAccepted(suite.t.baseUrl, { ...completeNotice('copyright'), items: [{ url: NATO_URL }] });
    const act = (body: Record<string, unknown>) => postJson(suite.t.baseUrl, `/api/v1/cases/${filed.reference}/transitions`, body, bearer(suite.staff.editor.token));
    const started = await (await act({ action: 'start_review', version: 1 })).json();
    const decided = await act({
      action: 'decide',
      version: started.version,
      items: [{ itemId: started.items[0].id, action: 'restrict', territories: ['GB', 'DE'] }],
      ground: 'copyright_infringement',
      reasons: REMOVAL_REASONS,
    });
    expect((await decided.json()).status).toBe('pending_approval');

    await suite.signIn(page, suite.staff.admin, `/desk/cases/${filed.reference}`);
    const decisions = page.getByRole('region', { name: 'Decisions' });
    await decisions.getByRole('heading', { level: 3, name: /^Pending approval/ }).waitFor();
    expect(await page.getByText('Action taken').count()).toBe(0);
    await expectFits(page, 'the case page with the decision pending');

    await page.getByRole('link', { name: 'Review the decision to approve it' }).click();
    const panel = page.getByRole('region', { name: 'Approve the decision' });
    await panel.getByText('It needs a second person because it restricts a public-interest article in the main market.').waitFor();
    const decision = panel.getByRole('group', { name: 'The decision to approve' });
    await decision.getByText('Restrict').waitFor();
    await decision.getByText('in GB, DE').waitFor();
    await decision.getByText('By Erin Editor').waitFor();
    await decision.getByText(REMOVAL_REASONS).waitFor();
    await expectFits(page, 'the decision beside the approve button');

    // Without the confirmation the decision is not approved; the comment is kept.
    await panel.getByLabel('Comment').fill(COMMENT);
    expect(await submitApproval()).toBe(422);
    const refusedPanel = page.getByRole('region', { name: 'Approve the decision' });
    await refusedPanel.getByText('Tick the box to confirm that you approve this decision.').waitFor();
    expect(await refusedPanel.getByLabel('Comment').inputValue()).toBe(COMMENT);
    expect((await suite.t.db.pool.query(`SELECT status FROM cases WHERE reference = $1`, [filed.reference])).rows[0].status).toBe('pending_approval');
    await expectFits(page, 'the approve form refused without confirmation');

    await refusedPanel.getByLabel(/I have read this decision and approve it/).check();
    expect(await submitApproval()).toBe(303);
    await page.getByText('The decision was approved and has taken effect.').waitFor();
    await page
      .getByRole('heading', { level: 1, name: new RegExp(filed.reference) })
      .getByText('Actioned')
      .waitFor();
    await decisions.getByRole('heading', { level: 3, name: /^Action taken/ }).waitFor();
    await decisions.getByText('Approved by Ada Admin').waitFor();
    await decisions.getByText(COMMENT).waitFor();
    expect(await page.getByRole('region', { name: 'Approve the decision' }).count()).toBe(0);
    await expectFits(page, 'the case page with the approved decision');

    const { rows } = await suite.t.db.pool.query(`SELECT state FROM articles WHERE canonical_url = $1`, [NATO_URL]);
    expect(rows[0].state).toBe('restricted');
  });
});
