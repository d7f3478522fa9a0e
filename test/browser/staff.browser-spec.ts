import type { Page } from 'playwright-core';
import { browserSuite } from '../support/browser-suite';

describe('staff sign in, manage staff and sign out in a browser', () => {
  const suite = browserSuite({ staff: { admin: ['admin', 'Ada Admin'] } });
  let page: Page;

  beforeEach(async () => {
    ({ page } = await suite.open());
  });

  async function signIn(email: string, password: string): Promise<void> {
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([
      page.waitForResponse((response) => response.url().endsWith('/login') && response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
  }

  it('an admin adds an editor and signs out; the editor signs in and sees the staff navigation', async () => {
    // Anonymous: the admin page sends the admin to sign in, and back.
    await page.goto(`${suite.t.baseUrl}/admin/users`);
    await page.waitForURL(/\/login\?next=%2Fadmin%2Fusers$/);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signIn(suite.staff.admin.email, suite.staff.admin.password);
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/users');

    // A mistake first: the error summary, the typed values kept (not the password).
    await page.getByLabel('E-mail address').fill('eve.editor@freelanews.com');
    await page.getByLabel('Full name').fill('Eve Editor');
    await page.getByLabel('Role', { exact: true }).selectOption('editor');
    await page.getByLabel('Initial password').fill('too short');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/admin/users') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Add staff member' }).click(),
    ]);
    const summary = page.getByRole('alert');
    await summary.getByText('There is a problem').waitFor();
    await summary.getByRole('link', { name: /Initial password: Must be at least 12 characters/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-password');
    expect(await page.getByLabel('E-mail address').inputValue()).toBe('eve.editor@freelanews.com');
    expect(await page.getByLabel('Initial password').inputValue()).toBe('');

    await page.getByLabel('Initial password').fill('eve has a long password');
    await Promise.all([page.waitForURL(/\/admin\/users\?done=created$/), page.getByRole('button', { name: 'Add staff member' }).click()]);
    await page.getByText('The staff member was added.').waitFor();
    const row = page.getByRole('row', { name: /Eve Editor/ });
    await row.getByText('eve.editor@freelanews.com').waitFor();
    expect(await row.getByLabel('Role of Eve Editor', { exact: true }).inputValue()).toBe('editor');

    // Sign out from the staff navigation.
    await Promise.all([page.waitForURL(/\/login\?signed_out=1$/), page.getByRole('button', { name: 'Sign out' }).click()]);
    await page.getByText('You have signed out.').waitFor();
    await page.goto(`${suite.t.baseUrl}/admin/users`);
    await page.waitForURL(/\/login\?next=/);

    // The editor signs in (after one typo) and lands where they were going.
    await page.goto(`${suite.t.baseUrl}/account/tokens`);
    await page.waitForURL(/\/login\?next=%2Faccount%2Ftokens$/);
    await signIn('eve.editor@freelanews.com', 'eve has a long passwort');
    await page.getByRole('alert').getByText('Wrong e-mail address or password.').waitFor();
    expect(await page.getByLabel('E-mail address').inputValue()).toBe('eve.editor@freelanews.com');
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    await signIn('eve.editor@freelanews.com', 'eve has a long password');
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();

    const nav = page.getByRole('navigation', { name: 'Staff' });
    await nav.getByRole('link', { name: 'Queue' }).waitFor();
    await nav.getByRole('link', { name: 'API tokens' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await page.getByText('Eve Editor (editor)').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);

    // An editor is refused the admin page.
    const refused = await page.goto(`${suite.t.baseUrl}/admin/users`);
    expect(refused?.status()).toBe(403);
  });

  it('creates an API token on the page and shows it once', async () => {
    await page.goto(`${suite.t.baseUrl}/login?next=%2Faccount%2Ftokens`);
    await signIn(suite.staff.admin.email, suite.staff.admin.password);
    await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor();
    await page.getByLabel('Name').fill('Reporting script');
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/account/tokens') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Create token' }).click(),
    ]);
    const token = await page.locator('#new-token').textContent();
    expect(token).toMatch(/^tdk_[A-Za-z0-9_-]{43}$/);
    const row = page.getByRole('row', { name: /Reporting script/ });
    await row.getByText('Active').waitFor();

    await Promise.all([page.waitForURL(/done=revoked$/), row.getByRole('button', { name: 'Revoke Reporting script' }).click()]);
    await page.getByText('The token was revoked').waitFor();
    await page
      .getByRole('row', { name: /Reporting script/ })
      .getByText('Revoked')
      .waitFor();
    expect(await page.locator('#new-token').count()).toBe(0);
  });
});
