import { html, SafeHtml, userText } from '../common/html';

export interface PageOptions {
  title: string;
  body: SafeHtml;
  // Error pages and private pages (tracking links) must not be indexed or cached.
  private?: boolean;
  // A signed-in staff member: the staff navigation and a sign-out form replace the public nav.
  staff?: { name: string; role: string; csrfToken: string };
}

function staffNav(staff: NonNullable<PageOptions['staff']>): SafeHtml {
  return html`<nav aria-label="Staff"><a href="/desk">Queue</a><a href="/desk/misuse">Misuse</a><a href="/desk/contributors">Contributors</a>${staff.role === 'admin' ? html`<a href="/admin/users">Admin</a><a href="/admin/audit">Audit</a><a href="/admin/outbox">Outbox</a>` : null}<a href="/account/tokens">API tokens</a><a href="/account">Account</a></nav>
  <form class="sign-out" method="post" action="/logout"><input type="hidden" name="_csrf" value="${staff.csrfToken}"><span class="muted">${userText(staff.name)} (${staff.role})</span> <button type="submit" class="secondary">Sign out</button></form>`;
}

export function page({ title, body, staff }: PageOptions): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Takedown Desk</title>
<link rel="stylesheet" href="/assets/desk.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
  <a class="brand" href="/">Takedown Desk</a>
  ${staff ? staffNav(staff) : html`<nav aria-label="Main"><a href="/notices/new">Report content</a></nav>`}
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer class="site"><p>Legal notices for Freelanews articles. Your notice and what you tell us are part of a legal record.</p></footer>
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
