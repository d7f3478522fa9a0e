import { html, SafeHtml, userText } from '../common/html';
import { csrfInput } from './page-parts';

export interface PageOptions {
  title: string;
  body: SafeHtml;
  // Error pages and private pages (tracking links, receipts, staff pages) must not be indexed,
  // archived or followed by search engines; every staff page is private.
  private?: boolean;
  // A public page kept online but hidden from search engines (the noindex remedy): links
  // on it may still be followed.
  noindex?: boolean;
  // A signed-in staff member: the staff navigation and a sign-out form replace the public nav.
  staff?: { name: string; role: string; csrfToken: string; unread?: number };
}

// The outlet's name in the page furniture: PUBLISHER_NAME, set once at start-up.
export const DEFAULT_PUBLISHER_NAME = 'Freelanews';
let outletName = DEFAULT_PUBLISHER_NAME;

export function setPublisherName(name: string): void {
  outletName = name;
}

export function publisherName(): string {
  return outletName;
}

function staffHeader(staff: NonNullable<PageOptions['staff']>): SafeHtml {
  return html`<nav aria-label="Staff"><a href="/desk">Queue</a><a href="/desk/misuse">Misuse</a><a href="/desk/contributors">Contributors</a>${staff.role === 'admin' ? html`<a href="/admin/users">Admin</a><a href="/admin/audit">Audit</a><a href="/admin/outbox">Outbox</a><a href="/desk/senders">Senders</a>` : null}<a href="/account/tokens">API tokens</a><a href="/account">Account</a>${notificationsLink(staff.unread ?? 0)}</nav>
  <form class="sign-out" method="post" action="/logout">${csrfInput(staff.csrfToken)}<span class="muted">${userText(staff.name)} (${staff.role})</span> <button type="submit" class="secondary">Sign out</button></form>`;
}

// Always there, with the unread count when there is one: the words for screen readers,
// the figure for the eye.
function notificationsLink(unread: number): SafeHtml {
  if (!unread) return html`<a href="/desk/notifications" class="notifications-link">Notifications</a>`;
  const words = `${unread} unread notification${unread === 1 ? '' : 's'}`;
  return html`<a href="/desk/notifications" class="notifications-link" aria-label="Notifications: ${words}">Notifications <span class="unread-count" data-unread="${String(unread)}">${String(unread)}</span></a>`;
}

// Public pages (the start page, the filing form, a tombstone) may be found by search engines;
// private ones are neither indexed, archived nor followed.
function robots(isPrivate: boolean, noindex = false): SafeHtml | null {
  if (isPrivate) return html`<meta name="robots" content="noindex, nofollow, noarchive">`;
  return noindex ? html`<meta name="robots" content="noindex">` : null;
}

export function page(options: PageOptions): string {
  const { title, body, staff } = options;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${robots(!!options.private || !!staff, options.noindex)}
<title>${title} · Takedown Desk</title>
<link rel="stylesheet" href="/assets/desk.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <a class="brand" href="/">Takedown Desk</a>
  ${staff ? staffHeader(staff) : html`<nav aria-label="Main"><a href="/notices/new">Report content</a></nav>`}
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site"><p>Legal notices for ${outletName} articles. Your notice and what you tell us are part of a legal record.</p></footer>
</body>
</html>`.value;
}

export function errorPage(status: number, title: string, detail: string, requestId?: string): string {
  return page({
    title,
    private: true,
    body: html`<h1>${title}</h1>
<p>${detail}</p>
${requestId ? html`<p class="muted">Reference for support: <code>${requestId}</code></p>` : null}
<p><a href="/">Back to the start page</a></p>`,
  });
}
