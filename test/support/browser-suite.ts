import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { createStaff, StaffMember, StaffRole } from '../factories';
import { launchBrowser, openPage, signInThroughPage } from './browser';
import { startTestApp, TestApp } from './test-app';

// Pages at a laptop's and a phone's width. Use:
//
//   await atBothWidths(browser, 'queue', async (page) => {
//     await signInThroughPage(page, t.baseUrl, editor, '/desk');
//   });
//
// For each width (1280 × 900, then 390 × 844) it opens a fresh browser context, lets
// `visit` bring the page to the state to check (navigate, sign in, fill a form …), then
// fails the test when the page does not fit (see layoutProblems) or reported a CSP
// violation. The context is closed either way. With DESK_SCREENSHOTS=1 it also saves a
// full-page screenshot per width: /tmp/desk-width-<name>-<width>.png.
//
// On a page already open, `await expectFits(page, step)` checks the same.

export const DESKTOP = { width: 1280, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;
export const WIDTHS = [DESKTOP, PHONE] as const;

export async function atBothWidths(browser: Browser, name: string, visit: (page: Page, width: number) => Promise<void>): Promise<void> {
  for (const viewport of WIDTHS) {
    const { context, page, cspViolations } = await openPage(browser, { viewport });
    try {
      await visit(page, viewport.width);
      if (process.env.DESK_SCREENSHOTS === '1') await page.screenshot({ path: `/tmp/desk-width-${name}-${viewport.width}.png`, fullPage: true });
      // The width goes into what is compared, so that a failure says where it happened.
      expect({ page: name, width: viewport.width, problems: await layoutProblems(page) }).toEqual({ page: name, width: viewport.width, problems: [] });
      expect(cspViolations).toEqual([]);
    } finally {
      await context.close();
    }
  }
}

// What does not fit the viewport, in words (empty when all is well):
// - the document scrolls sideways (scrollWidth > innerWidth);
// - a visible element's box, or a piece of text, ends right of the viewport (what is inside
//   a box that scrolls or clips sideways, such as the article text, is that box's business);
// - two elements share an id;
// - a word of letters is broken over two lines ("E / ditor"); addresses, codes and
//   tokens (anything with a digit, a dot or a slash) may break where they must.
export async function layoutProblems(page: Page): Promise<string[]> {
  await styledAndLoaded(page);
  return page.evaluate(() => {
    const problems: string[] = [];
    const viewport = window.innerWidth;
    const doc = document.documentElement;
    if (doc.scrollWidth > viewport) problems.push(`the page is ${doc.scrollWidth} px wide in a ${viewport} px window`);
    // Two elements with one id: a label, an error link or aria-describedby reaches only the first.
    const ids = new Map<string, number>();
    for (const element of document.querySelectorAll('[id]')) ids.set(element.id, (ids.get(element.id) ?? 0) + 1);
    for (const [id, count] of ids) if (count > 1) problems.push(`the id "${id}" is used ${count} times`);

    const describe = (element: Element): string => {
      const parts: string[] = [];
      for (let node: Element | null = element; node && node !== document.body && parts.length < 4; node = node.parentElement) {
        const classes = [...node.classList]
          .slice(0, 2)
          .map((name) => `.${name}`)
          .join('');
        parts.unshift(`${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${classes}`);
      }
      const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      return `${parts.join(' > ')}${text ? ` "${text}"` : ''}`;
    };
    const clippedSideways = (start: Node): boolean => {
      for (let node = start.parentElement; node && node !== doc; node = node.parentElement) {
        if (getComputedStyle(node).overflowX !== 'visible') return true;
      }
      return false;
    };

    const wide: Element[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right <= viewport + 0.5) continue;
      if (getComputedStyle(element).visibility === 'hidden' || clippedSideways(element)) continue;
      // Report the outermost offender only: its children overflow with it.
      if (wide.some((outer) => outer.contains(element))) continue;
      wide.push(element);
      problems.push(`${describe(element)} ends at ${Math.round(box.right)} px`);
    }

    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!parent || !text.trim() || parent.closest('script, style, .visually-hidden, .hp, [hidden]')) continue;
      // Text can overflow a box that itself fits (a long address in a narrow cell).
      range.selectNodeContents(node);
      const right = range.getBoundingClientRect().right;
      if (right > viewport + 0.5 && !clippedSideways(node) && !wide.some((outer) => outer.contains(node))) {
        problems.push(`text in ${describe(parent)} ends at ${Math.round(right)} px`);
      }
      for (const token of text.matchAll(/\S+/g)) {
        // Words and hyphenated words only (a hyphen is a fair place to break).
        if (!/^[("“‘]*[\p{L}’'-]+[)"”’.,:;!?]*$/u.test(token[0])) continue;
        for (const part of token[0].matchAll(/[\p{L}’']{2,}/gu)) {
          const start = token.index + part.index;
          range.setStart(node, start);
          range.setEnd(node, start + part[0].length);
          const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
          if (lines.size > 1) problems.push(`the word "${part[0]}" is broken over two lines in ${describe(parent)}`);
        }
      }
    }
    return problems;
  });
}

// A page measured before its stylesheet applies is measured unstyled: a test's evaluate is
// not held back by a pending stylesheet as the page's own scripts would be. On a loaded CI
// machine the tracking page was once measured so, right after a form post ("406 px wide").
// Wait for the load event, every stylesheet and the fonts before measuring.
async function styledAndLoaded(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].every((link) => link.sheet !== null));
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
}

// Fails the test when the page, at the step named, does not fit its window (see layoutProblems).
// With DESK_SCREENSHOTS=1 it saves the step too: /tmp/desk-step-<step>-<width>.png.
export async function expectFits(page: Page, step: string): Promise<void> {
  const width = page.viewportSize()?.width;
  if (process.env.DESK_SCREENSHOTS === '1') {
    const name = step
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    await page.screenshot({ path: `/tmp/desk-step-${name}-${width}.png`, fullPage: true });
  }
  expect({ step, width, problems: await layoutProblems(page) }).toEqual({ step, width, problems: [] });
}

export interface BrowserSuite<Who extends string> {
  readonly t: TestApp;
  readonly browser: Browser;
  // The staff members asked for, by the key given (created once per file).
  readonly staff: Record<Who, StaffMember>;
  // A fresh context and page; closed after the test, which fails on any CSP violation.
  open(options?: BrowserContextOptions): Promise<OpenedPage>;
  // Signs in through the sign-in page a signed-out visit to `path` leads to.
  signIn(page: Page, who: { email: string; password: string }, path?: string): Promise<void>;
}

export type OpenedPage = Awaited<ReturnType<typeof openPage>>;

// One test app and one browser per test file. Call at the top of a `describe`:
//
//   const suite = browserSuite({ staff: { editor: ['editor', 'Erin Editor'] } });
//   it('…', async () => {
//     const { page } = await suite.open({ viewport: PHONE });
//     await suite.signIn(page, suite.staff.editor, '/desk');
//   });
export function browserSuite<Who extends string = never>(options: { env?: () => Record<string, string>; staff?: Record<Who, [StaffRole, string]> } = {}): BrowserSuite<Who> {
  let t: TestApp | undefined;
  let browser: Browser | undefined;
  const staff = {} as Record<Who, StaffMember>;
  const opened: OpenedPage[] = [];

  beforeAll(async () => {
    [t, browser] = await Promise.all([startTestApp(options.env?.()), launchBrowser()]);
    for (const [key, [role, name]] of Object.entries(options.staff ?? {}) as Array<[Who, [StaffRole, string]]>) staff[key] = await createStaff(t, role, name);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(async () => {
    const violations: string[] = [];
    for (const page of opened.splice(0)) {
      await page.context.close();
      violations.push(...page.cspViolations);
    }
    expect(violations).toEqual([]);
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the suite starts in beforeAll: use it inside a test or a later hook');
    return value;
  };
  return {
    get t() {
      return started(t);
    },
    get browser() {
      return started(browser);
    },
    staff,
    async open(contextOptions = {}) {
      const page = await openPage(started(browser), contextOptions);
      opened.push(page);
      return page;
    },
    signIn: (page, who, path = '/desk') => signInThroughPage(page, started(t).baseUrl, who, path),
  };
}
