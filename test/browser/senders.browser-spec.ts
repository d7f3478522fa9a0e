import type { Page } from 'playwright-core';
import { bearer, createSender, NOTICES_PATH, postJson, senderNotice } from '../factories';
import { atBothWidths, browserSuite, expectFits } from '../support/browser-suite';

describe('sender organisations page in a browser', () => {
  const suite = browserSuite({ staff: { admin: ['admin', 'Ada Admin'] } });
  const posted = (path: string, on: Page) => on.waitForResponse((response) => response.url().endsWith(path) && response.request().method() === 'POST');

  it('an admin registers an organisation, issues a key shown once, and revokes it', async () => {
    const { page } = await suite.open();
    await page.goto(`${suite.t.baseUrl}/desk/senders`);
    await page.waitForURL(/\/login\?next=%2Fdesk%2Fsenders$/);
    await page.getByLabel('E-mail address').fill(suite.staff.admin.email);
    await page.getByLabel('Password').fill(suite.staff.admin.password);
    await Promise.all([posted('/login', page), page.getByRole('button', { name: 'Sign in' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Sender organisations' }).waitFor();
    await page.getByText('No sender organisations yet.').waitFor();
    // Reached from the staff navigation too.
    await page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: 'Senders' }).waitFor();

    // A mistake first: the error summary links to the field; what was typed stays.
    const register = page.getByRole('form', { name: 'Register an organisation' });
    await register.getByLabel('Organisation name').fill('Nordic Flaggers');
    await register.getByLabel('Kind').selectOption('trusted_flagger');
    await register.getByLabel('Contact e-mail address').fill('not an address');
    await Promise.all([posted('/desk/senders', page), register.getByRole('button', { name: 'Register organisation' }).click()]);
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
    await Promise.all([posted('/desk/senders/keys', page), issue.getByRole('button', { name: 'Issue key' }).click()]);
    await page.getByText('Copy it now: it is shown only once.').waitFor();
    const key = (await page.locator('#new-key').textContent())!.trim();
    expect(key).toMatch(/^tds_[A-Za-z0-9_-]{43}$/);
    const row = page.getByRole('row', { name: /Nightly pipeline/ });
    await row.getByRole('cell', { name: 'Copyright', exact: true }).waitFor();
    await row.getByRole('cell', { name: 'Active' }).waitFor();

    // The key files as the organisation, into the priority lane.
    const filed = await postJson(suite.t.baseUrl, NOTICES_PATH, senderNotice('copyright'), bearer(key));
    expect(filed.status).toBe(201);
    const { rows } = await suite.t.db.pool.query(`SELECT priority FROM cases WHERE reference = $1`, [(await filed.json()).reference]);
    expect(rows[0].priority).toBe('high');

    // Shown once: reloading the page does not show it again.
    await page.goto(`${suite.t.baseUrl}/desk/senders`);
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
    expect((await postJson(suite.t.baseUrl, NOTICES_PATH, senderNotice('copyright'), bearer(key))).status).toBe(401);
  });

  it('an admin changes an organisation on its page: errors beside the fields with the input kept, then saved, at 1280 and 390 px', async () => {
    await atBothWidths(suite.browser, 'sender-edit', async (edit, width) => {
      const vendor = await createSender(suite.t.baseUrl, suite.staff.admin, { name: `Edited Agency ${width}` });
      await suite.signIn(edit, suite.staff.admin, '/desk/senders');
      await Promise.all([edit.waitForURL((url) => url.pathname === `/desk/senders/${vendor.id}`), edit.getByRole('link', { name: vendor.name }).click()]);
      await edit.getByRole('heading', { level: 1, name: vendor.name }).waitFor();
      await edit
        .getByRole('table', { name: /Keys of/ })
        .getByRole('row', { name: /Pipeline/ })
        .waitFor();
      await edit.getByRole('cell', { name: 'Sender organisation registered' }).waitFor();

      const form = edit.getByRole('form', { name: 'Change the organisation' });
      await form.getByLabel('Organisation name').fill(`Renamed Agency ${width}`);
      await form.getByLabel('Contact e-mail address').fill('no address');
      await form.getByLabel('Status').selectOption('active');
      await form.getByLabel('Suspended until (optional)').fill('2099-06-30');
      await Promise.all([posted(`/desk/senders/${vendor.id}`, edit), form.getByRole('button', { name: 'Save changes' }).click()]);
      const summary = edit.getByRole('alert');
      await summary.getByText('There is a problem').waitFor();
      await summary.getByRole('link', { name: /Contact e-mail address: Must be a valid e-mail address/ }).waitFor();
      await summary.getByRole('link', { name: /Suspended until: Only a suspended organisation has an end date/ }).click();
      expect(await edit.evaluate(() => document.activeElement?.id)).toBe('f-suspendedUntil');
      expect(await edit.getByLabel('Organisation name').inputValue()).toBe(`Renamed Agency ${width}`);
      expect(await edit.getByLabel('Contact e-mail address').inputValue()).toBe('no address');
      await expectFits(edit, 'the organisation page with its errors');

      await edit.getByLabel('Contact e-mail address').fill('desk@renamed.example');
      await edit.getByLabel('Status').selectOption('suspended');
      await edit.getByLabel('Notices per minute').fill('30');
      await Promise.all([edit.waitForURL((url) => url.search === '?done=saved'), edit.getByRole('button', { name: 'Save changes' }).click()]);
      await edit.getByText('The changes were saved.').waitFor();
      await edit
        .getByRole('heading', { level: 1, name: `Renamed Agency ${width}` })
        .getByText('Suspended until 2099-06-30')
        .waitFor();
      const change = edit.getByRole('row', { name: /Sender organisation changed/ });
      await change.getByText(`Edited Agency ${width}`).waitFor();
      await change.getByText('desk@renamed.example').waitFor();
      const refused = await postJson(suite.t.baseUrl, NOTICES_PATH, senderNotice('copyright'), bearer(vendor.key));
      expect(refused.status).toBe(403);
      expect((await refused.json()).code).toBe('sender_suspended');
    });
  });
});
