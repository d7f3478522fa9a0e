import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearer, createStaff, NOTICES_PATH, postJson, senderNotice, StaffMember } from '../factories';
import { launchBrowser, openPage } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

describe('sender organisations page in a browser', () => {
  let t: TestApp;
  let browser: Browser;
  let admin: StaffMember;
  let context: BrowserContext;
  let page: Page;
  let cspViolations: string[];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    admin = await createStaff(t, 'admin', 'Ada Admin');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  beforeEach(async () => {
    ({ context, page, cspViolations } = await openPage(browser));
  });
  afterEach(async () => {
    await context.close();
    expect(cspViolations).toEqual([]);
  });

  const posted = (path: string) => page.waitForResponse((response) => response.url().endsWith(path) && response.request().method() === 'POST');

  it('an admin registers an organisation, issues a key shown once, and revokes it', async () => {
    await page.goto(`${t.baseUrl}/desk/senders`);
    await page.waitForURL(/\/login\?next=%2Fdesk%2Fsenders$/);
    await page.getByLabel('E-mail address').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await Promise.all([posted('/login'), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Sender organisations' }).waitFor();
    await page.getByText('No sender organisations yet.').waitFor();
    // Reached from the staff navigation too.
    await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Senders' }).waitFor();

    // A mistake first: the error summary links to the field; what was typed stays.
    const register = page.getByRole('form', { name: 'Register an organisation' });
    await register.getByLabel('Organisation name').fill('Nordic Flaggers');
    await register.getByLabel('Kind').selectOption('trusted_flagger');
    await register.getByLabel('Contact e-mail address').fill('not an address');
    await Promise.all([posted('/desk/senders'), register.getByRole('button', { name: 'Register organisation' }).click()]);
    const summary = page.getByRole('alert');
    await summary.getByText('There is a problem').waitFor();
    await summary.getByRole('link', { name: /Contact e-mail address: Must be a valid e-mail address/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-contactEmail');
    expect(await page.getByLabel('Organisation name').inputValue()).toBe('Nordic Flaggers');

    await page.getByLabel('Contact e-mail address').fill('desk@flaggers.example');
    await page.getByLabel('Postal address (optional)').fill('1 Fjord Road, Oslo');
    await page.getByLabel('Telephone (optional)').fill('+47 22 00 00 00');
    await Promise.all([page.waitForURL(/\/desk\/senders\?done=registered$/), page.getByRole('button', { name: 'Register organisation' }).click()]);
    await page.getByText('The organisation was registered.').waitFor();
    await page
      .getByRole('heading', { name: /Nordic Flaggers/ })
      .getByText('Trusted flagger · priority lane')
      .waitFor();

    // Issue a key for copyright notices only: shown once, on the page (not in a URL).
    const issue = page.getByRole('form', { name: 'Issue a key' });
    await issue.getByLabel('Organisation').selectOption({ label: 'Nordic Flaggers' });
    await issue.getByLabel('Key name').fill('Nightly pipeline');
    for (const label of ['Trademark', 'Defamation', 'Privacy / data protection', 'Other illegal content']) await issue.getByLabel(label).uncheck();
    await Promise.all([posted('/desk/senders/keys'), issue.getByRole('button', { name: 'Issue key' }).click()]);
    await page.getByText('Copy it now: it is shown only once.').waitFor();
    const key = (await page.locator('#new-key').textContent())!.trim();
    expect(key).toMatch(/^tds_[A-Za-z0-9_-]{43}$/);
    const row = page.getByRole('row', { name: /Nightly pipeline/ });
    await row.getByRole('cell', { name: 'Copyright', exact: true }).waitFor();
    await row.getByRole('cell', { name: 'Active' }).waitFor();

    // The key files as the organisation, into the priority lane.
    const filed = await postJson(t.baseUrl, NOTICES_PATH, senderNotice('copyright'), bearer(key));
    expect(filed.status).toBe(201);
    const { rows } = await t.db.pool.query(`SELECT priority FROM cases WHERE reference = $1`, [(await filed.json()).reference]);
    expect(rows[0].priority).toBe('high');

    // Shown once: reloading the page does not show it again.
    await page.goto(`${t.baseUrl}/desk/senders`);
    expect(await page.content()).not.toContain(key);

    await Promise.all([
      page.waitForURL(/\/desk\/senders\?done=revoked$/),
      page
        .getByRole('row', { name: /Nightly pipeline/ })
        .getByRole('button', { name: 'Revoke Nightly pipeline' })
        .click(),
    ]);
    await page.getByText('The key was revoked').waitFor();
    await page
      .getByRole('row', { name: /Nightly pipeline/ })
      .getByRole('cell', { name: 'Revoked' })
      .waitFor();
    expect((await postJson(t.baseUrl, NOTICES_PATH, senderNotice('copyright'), bearer(key))).status).toBe(401);
  });
});
