import * as fs from 'node:fs';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Page } from 'playwright-core';

// Browser tests drive the Debian chromium through playwright-core. They never skip: a
// machine without chromium fails them with a message that says what to install.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Playwright gives each launch a fresh temporary profile (--user-data-dir) and removes it on close.
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: the browser tests need it (apt-get install -y chromium, or set CHROMIUM_PATH).`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 20_000 });
}

// A fresh context and page for one test, collecting what the page reports of the Content
// Security Policy (a test fails on any) and the dialogs it opens (dismissed).
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; cspViolations: string[]; dialogs: string[] }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const cspViolations: string[] = [];
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
  });
  return { context, page, cspViolations, dialogs };
}

// Signs in through the sign-in page that a signed-out visit to `path` leads to, and waits
// to be back on `path`.
export async function signInThroughPage(page: Page, baseUrl: string, member: { email: string; password: string }, path = '/desk'): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel('E-mail address').fill(member.email);
  await page.getByLabel('Password').fill(member.password);
  await Promise.all([page.waitForURL((url) => url.pathname === path), page.getByRole('button', { name: 'Sign in' }).click()]);
}
