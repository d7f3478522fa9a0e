import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { completeNotice, decideNoAction, NO_ACTION_REASONS, fileAccepted } from '../factories';
import { browserSuite, DESKTOP, expectFits, WIDTHS } from '../support/browser-suite';

describe('an admin audits the desk in a browser', () => {
  const suite = browserSuite({ staff: { admin: ['admin', 'Ada Admin'], editor: ['editor', 'Erin Editor'] } });
  let decided: string;
  let other: string;
  let page: Page;

  beforeAll(async () => {
    decided = (await fileAccepted(suite.t.baseUrl, completeNotice('copyright'))).body.reference;
    other = (await fileAccepted(suite.t.baseUrl, completeNotice('trademark'))).body.reference;
    const decision = await decideNoAction(suite.t.baseUrl, decided, suite.staff.editor);
    expect(decision.status).toBe(200);
  });

  async function signIn(path: string, viewport: { width: number; height: number } = DESKTOP): Promise<void> {
    ({ page } = await suite.open({ viewport, acceptDownloads: true }));
    await suite.signIn(page, suite.staff.admin, path);
  }

  it.each(WIDTHS)('filters the log by a case reference, reads the before and after of a decision, exports CSV and verifies the log ($width px)', async (viewport) => {
    await signIn('/admin/audit', viewport);
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByRole('link', { name: other }).first().waitFor();
    await expectFits(page, 'the audit log');

    // The reference without its prefix finds the case, as in the queue.
    await page.getByLabel('Case reference').fill(decided.slice(3));
    await Promise.all([page.waitForURL(new RegExp(`case=${decided.slice(3)}`)), page.getByRole('button', { name: 'Apply filters' }).click()]);
    expect(await page.getByLabel('Case reference').inputValue()).toBe(decided.slice(3));
    await page.getByRole('link', { name: decided }).first().waitFor();
    expect(await page.getByRole('link', { name: other }).count()).toBe(0);

    const decision = page.getByRole('row').filter({ hasText: 'Decision made' });
    await decision.getByRole('link', { name: 'Erin Editor' }).waitFor();
    await decision.getByRole('link', { name: decided }).waitFor();
    // Fields by their labels, codes and staff ids in words.
    const status = decision.locator('ul.changes li').filter({ hasText: 'Status' });
    expect(await status.locator('.before').textContent()).toBe('In review');
    expect(await status.locator('.after').textContent()).toBe('Rejected');
    const assignee = decision.locator('ul.changes li').filter({ hasText: 'Assignee' });
    if (await assignee.count()) expect(await assignee.locator('.after').textContent()).toBe('Erin Editor');
    expect(await page.locator('main').textContent()).not.toMatch(/assigneeId|dueAt/);
    await expectFits(page, 'the audit log filtered by a case');

    // The details show what else the event recorded, labelled: the grounds of the decision.
    const recorded = page.getByRole('row').filter({ hasText: 'Decision recorded' });
    await recorded.getByText('Details').click();
    await recorded.getByText('Not illegal (no action)').waitFor();
    await expectFits(page, 'the audit log with an event’s details open');
    // No disclosure opens onto nothing.
    for (const details of await page.locator('details.event-details').all()) {
      expect(await details.locator('dd').count()).toBeGreaterThan(0);
    }

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^takedown-desk-events-.+\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^id,occurred_at,actor_type/);
    expect(csv).toContain(`,case.decide,case,`);
    expect(csv).not.toContain(other);

    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/admin/audit/verify') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Verify the log' }).click(),
    ]);
    // The report, whatever it says: a failure shows its words, not a timeout.
    const report = page.locator('#report-title').locator('..');
    await report.waitFor();
    expect(await report.textContent()).toContain('The log is intact');
    expect(await report.getAttribute('role')).toBe('status');
    // The report comes back on the same filtered view.
    expect(await page.getByLabel('Case reference').inputValue()).toBe(decided.slice(3));
    await expectFits(page, 'the audit log with the verification report');

    // Both the export and the verification are on record.
    // The action is picked from the typed event names, by label (or a whole group).
    await page.getByLabel('Case reference').fill('');
    await page.getByLabel('Action').selectOption({ label: 'Any of: the event log' });
    await Promise.all([page.waitForURL(/action=events\./), page.getByRole('button', { name: 'Apply filters' }).click()]);
    await page.locator('td[data-label="Action"]', { hasText: 'Event log exported' }).first().waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Event log verified' }).count()).toBeGreaterThan(0);
    await page.getByLabel('Action').selectOption({ label: 'Event log exported' });
    await Promise.all([page.waitForURL(/action=events\.exported/), page.getByRole('button', { name: 'Apply filters' }).click()]);
    expect(await page.getByRole('row').filter({ hasText: 'Event log verified' }).count()).toBe(0);
    await page.locator('td[data-label="Action"]', { hasText: 'Event log exported' }).first().waitFor();
    await expectFits(page, 'the audit log filtered by an action');
  });

  it.each(WIDTHS)('reads the outbox: what was sent to whom, and the text of the message ($width px)', async (viewport) => {
    await signIn('/admin/outbox', viewport);
    await page.getByRole('heading', { level: 1, name: 'Outbox' }).waitFor();
    await page.getByLabel('Case reference').fill(decided);
    await page.getByLabel('Kind').selectOption('decision');
    await Promise.all([page.waitForURL(/kind=decision/), page.getByRole('button', { name: 'Apply filters' }).click()]);
    const row = page.getByRole('row').filter({ hasText: 'jane.doe@example.org' });
    expect(await row.count()).toBe(1);
    await row.getByText('Stored (no SMTP)').waitFor();
    await row.locator('summary').click();
    await row.getByText(NO_ACTION_REASONS).waitFor();
    await expectFits(page, 'the outbox with a message open');
  });
});
