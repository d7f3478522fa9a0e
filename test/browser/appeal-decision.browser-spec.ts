import type { Page } from 'playwright-core';
import { completeNotice, CONTRIBUTOR_URL, decideNoAction, fileAccepted, withValue } from '../factories';
import { browserSuite } from '../support/browser-suite';

// An appeal walked through the pages: the notifier appeals a decision to take no action on
// their tracking page; the editor who decided cannot decide the appeal (four eyes); a second
// editor reads the grounds on the case page and reverses it with a removal.
describe('the appeal decision form on the case page, in a browser', () => {
  const suite = browserSuite({ staff: { decider: ['editor', 'Erin Editor'], second: ['editor', 'Otto Editor'], legal: ['legal', 'Lee Legal'] } });

  async function newPage(): Promise<Page> {
    return (await suite.open()).page;
  }
  const caseRow = async (reference: string) => (await suite.t.db.pool.query(`SELECT * FROM cases WHERE reference = $1`, [reference])).rows[0];
  const grounds = 'The essay reproduces my photograph in full; the decision not to act overlooked the licence I sent.';

  it('the notifier appeals; the decider is refused; a second editor reverses the decision through the page', async () => {
    const { body, token } = await fileAccepted(suite.t.baseUrl, withValue(completeNotice('copyright'), 'items', [{ url: CONTRIBUTOR_URL }]));
    const reference = body.reference;
    expect((await decideNoAction(suite.t.baseUrl, reference, suite.staff.decider)).status).toBe(200);

    // The notifier, on the tracking page.
    const notifier = await newPage();
    await notifier.goto(`${suite.t.baseUrl}/track/${token}`);
    await notifier.getByLabel('Why the decision should change').fill(grounds);
    await Promise.all([notifier.waitForURL(/done=appealed/), notifier.getByRole('button', { name: 'Send the appeal' }).click()]);
    await notifier.getByRole('status').waitFor();
    expect((await caseRow(reference)).status).toBe('appealed');

    // The editor who took the decision sees the form but may not use it.
    const first = await newPage();
    await suite.signIn(first, suite.staff.decider, `/desk/cases/${reference}`);
    await first.getByRole('heading', { name: 'Decide the appeal' }).waitFor();
    await first.getByLabel('Reasoned answer').fill('We stand by the decision.');
    await Promise.all([first.waitForResponse((r) => r.url().endsWith('/transitions')), first.getByRole('button', { name: 'Decide the appeal' }).click()]);
    await first.getByRole('alert').waitFor();
    expect(await first.getByRole('alert').innerText()).toContain('A second person must act');
    expect((await caseRow(reference)).status).toBe('appealed');

    // A second editor: the grounds are shown; a reversal without its new decision is refused beside its fields.
    const page = await newPage();
    await suite.signIn(page, suite.staff.second, `/desk/cases/${reference}`);
    const form = page.locator('section.appeal-decision');
    expect(await form.locator('blockquote.appeal-grounds').innerText()).toBe(grounds);
    expect(await page.locator('section.clocks').innerText()).toContain('Clocks');
    await page.getByLabel('Reverse it with a new decision').check();
    await page.getByLabel('Reasoned answer').fill('On review the licence covers print only: the essay must come down.');
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/transitions')), page.getByRole('button', { name: 'Decide the appeal' }).click()]);
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/Decision for item 1|Legal ground|Statement of reasons|reasons/i);
    expect(await page.getByLabel('Reasoned answer').inputValue()).toBe('On review the licence covers print only: the essay must come down.');
    expect(await page.getByLabel('Reverse it with a new decision').isChecked()).toBe(true);
    expect((await caseRow(reference)).status).toBe('appealed');

    await page.getByRole('group', { name: 'Decision for item 1' }).getByRole('radio', { name: 'Remove the article' }).check();
    await page.getByLabel('Legal ground').selectOption('copyright_infringement');
    await page.getByLabel('Statement of reasons').fill('The essay reproduces the notifier’s photograph in full; the licence covers print only, so the essay is removed.');
    await Promise.all([page.waitForURL(/done=decide_appeal/), page.getByRole('button', { name: 'Decide the appeal' }).click()]);
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').innerText()).toContain('The appeal was decided');

    const row = await caseRow(reference);
    expect(row.status).toBe('actioned');
    const appeal = (await suite.t.db.pool.query(`SELECT outcome, decided_by FROM appeals WHERE case_id = $1`, [row.id])).rows[0];
    expect(appeal).toEqual({ outcome: 'reversed', decided_by: suite.staff.second.id });
    expect((await suite.t.db.pool.query(`SELECT state FROM articles WHERE canonical_url = $1`, [CONTRIBUTOR_URL])).rows[0].state).toBe('removed');
    const answers = (await suite.t.db.pool.query(`SELECT recipient_role FROM messages WHERE case_id = $1 AND kind = 'appeal_answer' ORDER BY recipient_role`, [row.id])).rows;
    expect(answers).toEqual([{ recipient_role: 'author' }, { recipient_role: 'notifier' }]);
    // The decided appeal leaves the form; the appeal window of the new decision shows among the clocks.
    expect(await page.getByRole('heading', { name: 'Decide the appeal' }).count()).toBe(0);
    expect(await page.locator('section.clocks').innerText()).toContain('Appeal window');
  });

  it('shows every running clock on the case page, an overdue one flagged in words', async () => {
    const { body } = await fileAccepted(suite.t.baseUrl, completeNotice('privacy'));
    await suite.t.db.pool.query(`UPDATE cases SET due_at = date_trunc('milliseconds', now()) - interval '26 hours' WHERE reference = $1`, [body.reference]);
    const page = await newPage();
    await suite.signIn(page, suite.staff.second, `/desk/cases/${body.reference}`);
    const clocks = page.locator('section.clocks');
    const review = clocks.locator('li[data-clock="review_sla"]');
    expect(await review.locator('h3').innerText()).toMatch(/Review deadline\s+Overdue by 1 day 2 hours/);
    expect(await review.getAttribute('class')).toContain('overdue');
    const gdpr = clocks.locator('li[data-clock="gdpr_answer"]');
    expect(await gdpr.innerText()).toMatch(/Waits for\s+the answer to an erasure request/);
    expect(await gdpr.innerText()).toMatch(/Due\s+\w{3}, \d{1,2} \w{3} \d{4}, 23:59 GMT \(Europe\/London\)\s+\d{4}-\d\d-\d\d 23:59 UTC/);
    // The queue: overdue first under the nearest-clock filter, with the clock named.
    await page.goto(`${suite.t.baseUrl}/desk?due=overdue`);
    const row = page.locator('table.queue tr', { hasText: body.reference });
    expect(await row.locator('td[data-label="Due"]').innerText()).toMatch(/overdue by 26 h[\s\S]*Review deadline/);
    expect(await page.getByLabel('Nearest clock').inputValue()).toBe('overdue');
  });

  it('legal extends the GDPR deadline on the case page: reasons required, kept when refused, then sent', async () => {
    const { body } = await fileAccepted(suite.t.baseUrl, completeNotice('privacy'));
    const page = await newPage();
    await suite.signIn(page, suite.staff.legal, `/desk/cases/${body.reference}`);
    await page.getByText('Extend the GDPR deadline by two months').click();
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/transitions')), page.getByRole('button', { name: 'Extend and tell the person' }).click()]);
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').innerText()).toContain('Give the reasons for the extension');
    expect(await page.getByLabel('Why the answer needs more time').getAttribute('aria-invalid')).toBe('true');
    const reasons = 'The request names archive material held offline; retrieving and checking it needs more time.';
    await page.getByLabel('Why the answer needs more time').fill(reasons);
    await Promise.all([page.waitForURL(/done=extend_gdpr_deadline/), page.getByRole('button', { name: 'Extend and tell the person' }).click()]);
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').innerText()).toContain('extended by two months');
    expect(await page.locator('li[data-clock="gdpr_answer"]').innerText()).toMatch(/Extended once, on /);
    expect(await page.getByText('Extend the GDPR deadline by two months').count()).toBe(0);
    const sent = (
      await suite.t.db.pool.query(`SELECT m.body FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1 AND m.kind = 'gdpr_extension'`, [body.reference])
    ).rows;
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toContain(reasons);
  });
});
