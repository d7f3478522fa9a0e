import { bearer, completeNotice, fileAccepted, postJson } from '../factories';
import { atBothWidths, browserSuite } from '../support/browser-suite';

// The unread count in the staff header and the notifications page, at a laptop's and a
// phone's width: the count fits, and following a notification opens its case.
describe('notifications in a browser', () => {
  const suite = browserSuite({ staff: { editor: ['editor', 'Erin Editor'], legal: ['legal', 'Lena Legal'] } });

  async function assignToEditor(): Promise<string> {
    const { body: filed } = await fileAccepted(suite.t.baseUrl, completeNotice('copyright'));
    const assigned = await postJson(
      suite.t.baseUrl,
      `/api/v1/cases/${filed.reference}/transitions`,
      { action: 'assign', version: 1, assigneeId: suite.staff.editor.id },
      bearer(suite.staff.legal.token),
    );
    expect(assigned.status).toBe(200);
    return filed.reference;
  }
  const unread = async (): Promise<number> => (await (await fetch(`${suite.t.baseUrl}/api/v1/notifications`, { headers: bearer(suite.staff.editor.token) })).json()).unread;

  it('shows the unread count in the header and opens a case from its notification', async () => {
    await atBothWidths(suite.browser, 'notifications', async (page, width) => {
      await assignToEditor();
      const reference = await assignToEditor();
      const count = await unread();
      await suite.signIn(page, suite.staff.editor, '/desk');
      const link = page.getByRole('navigation', { name: 'Staff' }).getByRole('link', { name: `Notifications: ${count} unread notifications` });
      await link.waitFor();
      const box = (await link.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      expect(await link.textContent()).toContain(String(count));

      await link.click();
      await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      await page.getByText(`You have ${count} unread notifications.`).waitFor();
      await Promise.all([page.waitForURL((url) => url.pathname === `/desk/cases/${reference}`), page.getByRole('link', { name: `Open case ${reference}` }).click()]);
      await page.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
      // Followed: read, and the header says one fewer.
      expect(await unread()).toBe(count - 1);
      await page.getByRole('link', { name: `Notifications: ${count - 1} unread notification${count - 1 === 1 ? '' : 's'}` }).waitFor();

      await page.goto(`${suite.t.baseUrl}/desk/notifications`);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/desk/notifications/read') && r.request().method() === 'POST'),
        page.getByRole('button', { name: 'Mark all read' }).click(),
      ]);
      await page.getByText('All your notifications are marked read.').waitFor();
      await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
      expect(await unread()).toBe(0);
    });
  });
});
