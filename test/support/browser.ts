import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Page } from 'playwright-core';

// Browser tests drive Chromium through playwright-core. They never skip. Which Chromium:
//   1. CHROMIUM_PATH, when set (an error if nothing is there);
//   2. the system's: /usr/bin/chromium, or `chromium` on the PATH;
//   3. the one inside the @sparticuz/chromium package (a bare machine needs no install).
// DESK_BROWSER=bundled skips 1 and 2 (CI proves the fallback that way).
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Of the package's serverless flags, these would loosen what the pages are tested for
// (same-origin policy, mixed content, process isolation) or differ from the system
// browser's run (its headless mode and GPU emulation; ours: --headless, --disable-gpu).
const BUNDLED_FLAGS_LEFT_OUT = [
  '--disable-web-security',
  '--allow-running-insecure-content',
  '--disable-site-isolation-trials',
  '--disable-features=',
  '--enable-features=',
  '--single-process',
  '--headless',
  '--use-gl=',
  '--use-angle=',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--in-process-gpu',
];

export interface ChromiumChoice {
  source: 'CHROMIUM_PATH' | 'system' | 'bundled';
  executablePath: string;
  args: string[];
  env?: Record<string, string>;
}

// Playwright gives each launch a fresh temporary profile (--user-data-dir) and removes it on close.
export async function launchBrowser(): Promise<Browser> {
  const choice = await chooseChromium();
  return chromium.launch({
    executablePath: choice.executablePath,
    headless: true,
    args: choice.args,
    env: choice.env ? { ...process.env, ...choice.env } : undefined,
    timeout: 20_000,
  });
}

export async function chooseChromium(): Promise<ChromiumChoice> {
  const forced = process.env.DESK_BROWSER;
  if (forced && forced !== 'bundled') throw new Error(`DESK_BROWSER is "${forced}": the only value is "bundled" (unset it to use the system's Chromium)`);
  if (!forced) {
    const configured = process.env.CHROMIUM_PATH;
    if (configured) {
      if (!fs.existsSync(configured))
        throw new Error(`CHROMIUM_PATH is ${configured}, where there is no file: correct it, or unset it to use the system's or the bundled Chromium`);
      return { source: 'CHROMIUM_PATH', executablePath: configured, args: CHROMIUM_ARGS };
    }
    const system = systemChromium();
    if (system) return { source: 'system', executablePath: system, args: CHROMIUM_ARGS };
  }
  return bundledChromium();
}

function systemChromium(): string | null {
  const candidates = [
    '/usr/bin/chromium',
    ...(process.env.PATH ?? '')
      .split(path.delimiter)
      .filter(Boolean)
      .map((dir) => path.join(dir, 'chromium')),
  ];
  return candidates.find(isExecutable) ?? null;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// The package unpacks its Chromium (with fonts and GL libraries beside it) into os.tmpdir()
// on first use, deciding "already unpacked" by a file's existence: an interrupted or
// concurrent first run would leave a half-written browser for good, in a folder anyone may
// write. So it unpacks in a child process into a private staging folder, renamed into
// node_modules/.cache in one step; later launches reuse it.
async function bundledChromium(): Promise<ChromiumChoice> {
  const entry = require.resolve('@sparticuz/chromium');
  const packageDir = path.resolve(path.dirname(entry), '..', '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const cacheRoot = path.resolve(packageDir, '..', '..', '.cache', 'desk-chromium');
  const dir = path.join(cacheRoot, version);
  if (!fs.existsSync(path.join(dir, 'fonts.conf'))) await unpackBundled(entry, cacheRoot, dir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundledArgs = (require(entry) as { args: string[] }).args;
  return {
    source: 'bundled',
    executablePath: path.join(dir, 'chromium'),
    args: [...CHROMIUM_ARGS, ...bundledArgs.filter((flag) => !CHROMIUM_ARGS.includes(flag) && !BUNDLED_FLAGS_LEFT_OUT.some((left) => flag.startsWith(left)))],
    // Its own fonts (Open Sans) plus the system's, if any: text renders on a machine without fonts.
    env: { FONTCONFIG_FILE: path.join(dir, 'fonts.conf') },
  };
}

async function unpackBundled(entry: string, cacheRoot: string, dir: string): Promise<void> {
  fs.mkdirSync(cacheRoot, { recursive: true, mode: 0o755 });
  const staging = fs.mkdtempSync(path.join(cacheRoot, '.unpacking-'));
  try {
    const script = `require(${JSON.stringify(entry)}).executablePath().then((file) => process.stdout.write(file))`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { env: { ...process.env, TMPDIR: staging } });
    if (stdout !== path.join(staging, 'chromium')) throw new Error(`@sparticuz/chromium unpacked to ${stdout}, not ${staging}`);
    fs.writeFileSync(
      path.join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
        `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${dir}/fonts</dir>\n  <cachedir>${dir}/fonts-cache</cachedir>\n</fontconfig>\n`,
    );
    // The archives carry their builder's user ids: as root, files another local account owns
    // (the GL libraries Chromium loads) would be that account's to change.
    ownAll(staging);
    fs.chmodSync(staging, 0o755);
    fs.renameSync(staging, dir);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    // Another run unpacked it at the same time: theirs serves.
    if (fs.existsSync(path.join(dir, 'fonts.conf'))) return;
    throw error;
  }
}

function ownAll(dir: string): void {
  const uid = process.getuid?.() ?? -1;
  const gid = process.getgid?.() ?? -1;
  if (uid < 0) return;
  fs.lchownSync(dir, uid, gid);
  for (const entry of fs.readdirSync(dir, { recursive: true }) as string[]) fs.lchownSync(path.join(dir, entry), uid, gid);
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
