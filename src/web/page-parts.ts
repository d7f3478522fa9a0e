import type { FastifyReply } from 'fastify';
import type { FieldError } from '../common/desk-error';
import { html, SafeHtml } from '../common/html';
import { CSRF_FIELD } from '../staff/csrf';
import type { StaffActor } from '../staff/staff-actor';

// Small pieces every page shares. Form fields and error summaries: ./form-fields.ts.

// A page that re-renders with errors says so first in its title.
export function titled(title: string, errors: FieldError[]): string {
  return errors.length ? `Error: ${title}` : title;
}

// The hidden field that carries the form's CSRF token.
export function csrfInput(token: string): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;
}

// The staff header of page(): who is signed in, and the token of the sign-out form.
export function staffNav(actor: StaffActor, csrfToken: string): { name: string; role: string; csrfToken: string; unread?: number } {
  return { name: actor.name, role: actor.role, csrfToken, unread: actor.unreadNotifications };
}

// "Done" after a form was sent: announced to screen readers, nothing when there is no message.
export function okBanner(message: string | undefined | null): SafeHtml | null {
  return message ? html`<div class="notice-box ok" role="status"><p>${message}</p></div>` : null;
}

// A status as a badge: the class carries the code (for the colour), the text says it.
export function statusBadge(status: string, label: string): SafeHtml {
  return html`<span class="status status-${status}">${label}</span>`;
}

// A moment in a table or a timeline: "4 Dec 2026, 09:30 UTC"; a dash when there is none.
export function formatTime(value: Date | string | null | undefined): SafeHtml | string {
  if (!value) return '—';
  const date = new Date(value);
  const shown = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date);
  return html`<time datetime="${date.toISOString()}">${shown} UTC</time>`;
}

// A moment in a sentence for the public: "4 December 2026 at 09:30 UTC".
export function formatDate(value: Date | string): SafeHtml {
  const date = new Date(value);
  const shown = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date);
  return html`<time datetime="${date.toISOString()}">${shown} UTC</time>`;
}

// A page, never cached: it may carry a person's data or a form token.
export function sendPage(reply: FastifyReply, status: number, markup: string): void {
  reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(markup);
}
