import type { Page } from 'playwright-core';
import { UsersService } from '../../src/staff/users.service';
import { createStaff, StaffMember } from '../factories';
import { browserSuite } from '../support/browser-suite';

describe('passwords in a browser: the first-start change, /account, and a reset link', () => {
  const suite = browserSuite();
  let firstAdmin: { email: string; password: string };
  let page: Page;

  beforeAll(async () => {
    // While the desk has no users: the admin the first start creates.
    firstAdmin = (await suite.t.app.get(UsersService).createFirstAdminIfNone('admin@freelanews.com'))!;
  });

  beforeEach(async () => {
    ({ page } = await suite.open());
  });

  async function signIn(email: string, password: string): Promise<void> {
    await page.getByLabel('E-mail address').fill(email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([
      page.waitForResponse((response) => response.url().includes('/login') && response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
  }

  async function submit(button: string, path: string): Promise<void> {
    await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === 'POST'), page.getByRole('button', { name: button }).click()]);
  }

  it('sends the first-start admin to choose a new password before anything else', async () => {
    await page.goto(`${suite.t.baseUrl}/login?next=%2Fdesk`);
    await signIn(firstAdmin.email, firstAdmin.password);
    await page.waitForURL(/\/account$/);
    await page.getByText('Choose a new password before you go on.').waitFor();
    // Any other page comes back here.
    await page.goto(`${suite.t.baseUrl}/admin/users`);
    await page.waitForURL(/\/account$/);

    await page.getByLabel('Current password').fill(firstAdmin.password);
    await page.getByLabel('New password', { exact: true }).fill('password1234');
    await page.getByLabel('Repeat the new password').fill('password1234');
    await submit('Change password', '/account');
    const summary = page.getByRole('alert');
    await summary.getByRole('link', { name: /New password: Too easy to guess/ }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-newPassword');
    expect(await page.getByLabel('Current password').inputValue()).toBe('');

    await page.getByLabel('Current password').fill(firstAdmin.password);
    await page.getByLabel('New password', { exact: true }).fill('quiet lantern over copper hills');
    await page.getByLabel('Repeat the new password').fill('quiet lantern over copper hills');
    await Promise.all([page.waitForURL(/\/account\?done=password_changed$/), page.getByRole('button', { name: 'Change password' }).click()]);
    await page.getByText('Your password was changed.').waitFor();
    expect(await page.getByText('Choose a new password before you go on.').count()).toBe(0);
    await page.goto(`${suite.t.baseUrl}/admin/users`);
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
  });

  it('lets an admin reset a password with a one-time link, which the person opens to set a new one', async () => {
    const admin: StaffMember = await createStaff(suite.t, 'admin', 'Ada Admin');
    const member: StaffMember = await createStaff(suite.t, 'editor', 'Rita Reset');
    await page.goto(`${suite.t.baseUrl}/login?next=%2Fadmin%2Fusers`);
    await signIn(admin.email, admin.password);
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    await submit('Reset the password of Rita Reset', `/admin/users/${member.id}/password-reset`);
    await page.getByRole('heading', { name: 'Set-password link for Rita Reset' }).waitFor();
    const link = (await page.locator('#reset-link').textContent())!;
    expect(link).toMatch(/\/set-password\/[A-Za-z0-9_-]{43}$/);

    // The person, in a browser of their own.
    const { page: their } = await suite.open();
    await their.goto(link);
    await their.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await their.getByText('For Rita Reset').waitFor();
    await their.getByLabel('New password', { exact: true }).fill('marble otter sings at dawn');
    await their.getByLabel('Repeat the new password').fill('marble otter sings at dawn');
    await Promise.all([their.waitForURL(/\/login\?password_set=1$/), their.getByRole('button', { name: 'Set password' }).click()]);
    await their.getByText('Your new password is set. Sign in with it.').waitFor();
    await their.getByLabel('E-mail address').fill(member.email);
    await their.getByLabel('Password').fill('marble otter sings at dawn');
    await Promise.all([their.waitForURL(/\/desk$/), their.getByRole('button', { name: 'Sign in' }).click()]);

    // The link is spent.
    const again = await their.goto(link);
    expect(again?.status()).toBe(404);
    await their.getByRole('heading', { name: 'This link does not work any more' }).waitFor();
  });
});
