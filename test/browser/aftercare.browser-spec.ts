import type { Page } from 'playwright-core';
import { COUNTER_NOTICE_STATEMENTS } from '../../src/aftercare/counter-notice-completeness';
import { COMPLETE_COUNTER_NOTICE, postJson, removedContribution } from '../factories';
import { browserSuite } from '../support/browser-suite';

describe('after a decision, in a browser: the author responds, the notifier reports a court action', () => {
  const suite = browserSuite({ staff: { editor: ['editor', 'Erin Editor'] } });
  let page: Page;

  beforeEach(async () => {
    ({ page } = await suite.open());
  });

  const caseStatus = async (reference: string) => (await suite.t.db.pool.query(`SELECT status FROM cases WHERE reference = $1`, [reference])).rows[0].status;

  it('the author files a counter-notice: what is missing is named beside its field, the input is kept, then it is accepted', async () => {
    const { reference, respond } = await removedContribution(suite.t, suite.staff.editor);
    await page.goto(`${suite.t.baseUrl}/respond/${respond}`);
    await page.getByRole('heading', { level: 1, name: `Case ${reference}` }).waitFor();
    expect(await page.content()).not.toContain('jane.doe@example.org');
    await page.getByLabel('Your full name').fill('Ada Contributor');
    await page.getByLabel('Signature').fill('Ada Contributor');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/counter-notice')), page.getByRole('button', { name: 'Send the counter-notice' }).click()]);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Give your postal address');
    expect(await page.getByLabel('Your full name').inputValue()).toBe('Ada Contributor');
    expect(await caseStatus(reference)).toBe('actioned');

    await page.getByLabel('The material that was removed').fill(COMPLETE_COUNTER_NOTICE.material.description);
    await page.getByLabel('Where it appeared').fill(COMPLETE_COUNTER_NOTICE.material.location);
    await page.getByLabel('Your postal address').fill(COMPLETE_COUNTER_NOTICE.subscriber.address);
    await page.getByLabel('Your telephone number').fill(COMPLETE_COUNTER_NOTICE.subscriber.phone);
    for (const text of Object.values(COUNTER_NOTICE_STATEMENTS)) await page.getByLabel(text, { exact: true }).check();
    await Promise.all([page.waitForURL(/done=counter_noticed/), page.getByRole('button', { name: 'Send the counter-notice' }).click()]);
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').innerText()).toContain('your counter-notice is complete');
    expect(await page.locator('dl.facts').innerText()).toMatch(/Material returns\s+not before/);
    expect(await caseStatus(reference)).toBe('counter_noticed');
  });

  it('the notifier sees the restoration window and reports a court action through the form', async () => {
    const { reference, tracking, respond } = await removedContribution(suite.t, suite.staff.editor);
    await postJson(suite.t.baseUrl, `/api/v1/respond/${respond}/counter-notice`, COMPLETE_COUNTER_NOTICE);
    await page.goto(`${suite.t.baseUrl}/track/${tracking}`);
    await page.getByRole('heading', { name: 'The author sent a counter-notice' }).waitFor();
    expect(await page.locator('section[aria-labelledby="counter-notice-heading"]').innerText()).toMatch(/not before .* and no later than/);
    await page.getByLabel('Court', { exact: true }).fill('U.S. District Court, S.D.N.Y.');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/court-action')), page.getByRole('button', { name: 'Report the court action' }).click()]);
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Court', { exact: true }).inputValue()).toBe('U.S. District Court, S.D.N.Y.');
    await page.getByLabel('Case number').fill('1:26-cv-01234');
    await page.getByLabel('Date filed').fill('2026-12-01');
    await Promise.all([page.waitForURL(/done=court_action/), page.getByRole('button', { name: 'Report the court action' }).click()]);
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').innerText()).toContain('stays down');
    expect(await caseStatus(reference)).toBe('litigation_hold');
  });

  it('the notifier appeals the decision through the form on the tracking page', async () => {
    const { reference, tracking } = await removedContribution(suite.t, suite.staff.editor);
    await page.goto(`${suite.t.baseUrl}/track/${tracking}`);
    await page.getByRole('heading', { name: 'Appeal the decision' }).waitFor();
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/appeal')), page.getByRole('button', { name: 'Send the appeal' }).click()]);
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Give the grounds of your appeal');
    await page.getByLabel('Why the decision should change').fill('The caption under the photograph names my work and should go too.');
    await Promise.all([page.waitForURL(/done=appealed/), page.getByRole('button', { name: 'Send the appeal' }).click()]);
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').innerText()).toContain('your appeal was received');
    expect(await caseStatus(reference)).toBe('appealed');
  });
});
