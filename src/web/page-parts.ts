import type { FastifyReply } from 'fastify';
import type { FieldError } from '../common/desk-error';
import { html, SafeHtml } from '../common/html';
import { CSRF_FIELD } from '../staff/csrf';

// Small pieces every page shares.

// A page that re-renders with errors says so first in its title.
export function titled(title: string, errors: FieldError[]): string {
  return errors.length ? `Error: ${title}` : title;
}

// The hidden field that carries the form's CSRF token.
export function csrfInput(token: string): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;
}

// A page, never cached: it may carry a person's data or a form token.
export function sendPage(reply: FastifyReply, status: number, markup: string): void {
  reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(markup);
}
