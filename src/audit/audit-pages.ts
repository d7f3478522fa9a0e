import type { FieldError } from '../common/desk-error';
import { html, SafeHtml } from '../common/html';
import { MESSAGE_STATES } from '../messages/message.entity';
import type { StaffActor } from '../staff/staff-actor';
import { errorSummary, FormField, FormValues, renderField } from '../web/form-fields';
import { page } from '../web/layout';
import { RECIPIENT_ROLES } from './dto/outbox-query.dto';
import type { OutboxPage } from './outbox.service';
import { formatTime, staffNav, titled } from '../web/page-parts';

// The admin's outbox page and what the audit log page (./audit-log-page.ts) shares with it. Pure rendering; every value is escaped by
// `html`; no inline script or style; the forms work without script.

export const EVENT_FILTER_NAMES = ['actor', 'action', 'subject', 'case', 'from', 'to', 'q'] as const;
export const OUTBOX_FILTER_NAMES = ['kind', 'recipient', 'state', 'case', 'to'] as const;

// Only the given values, in a stable order: the URL of a filtered view.
export function queryString(values: FormValues, names: readonly string[], extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const name of names) if (values[name]) params.set(name, values[name]);
  if (values.limit) params.set('limit', values.limit);
  for (const [name, value] of Object.entries(extra)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

// The query string as form values (the first value of a repeated name).
export function formValuesOfQuery(query: unknown): FormValues {
  const values: FormValues = {};
  if (!query || typeof query !== 'object') return values;
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') values[name] = first;
  }
  return values;
}

export function pick(values: FormValues, names: readonly string[]): FormValues {
  return Object.fromEntries(names.filter((name) => values[name] !== undefined).map((name) => [name, values[name]]));
}

export function pager(base: string, values: FormValues, names: readonly string[], nextCursor: string | null): SafeHtml {
  return html`<nav class="pager" aria-label="Pages">${values.cursor ? html`<a href="${base}${queryString(values, names)}">First page</a>` : null}${
    nextCursor ? html`<a href="${base}${queryString(values, names, { cursor: nextCursor })}" rel="next">Next page</a>` : null
  }</nav>`;
}

// --- the outbox ---

export interface OutboxPageState {
  actor: StaffActor;
  csrfToken: string;
  values: FormValues;
  kinds: string[];
  result?: OutboxPage;
  errors?: FieldError[];
}

const STATE_LABELS: Record<string, string> = {
  stored: 'Stored (no SMTP)',
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  suppressed: 'Not sent (daily limit of an unverified address)',
};
const ROLE_LABELS: Record<string, string> = { notifier: 'Notifier', author: 'Author', staff: 'Staff' };

function outboxFilterFields(kinds: string[], selectedKind: string | undefined): FormField[] {
  const known = selectedKind && !kinds.includes(selectedKind) ? [...kinds, selectedKind] : kinds;
  return [
    { name: 'kind', kind: 'select', label: 'Kind', options: [{ value: '', label: 'Any kind' }, ...known.map((kind) => ({ value: kind, label: kind.replace(/_/g, ' ') }))] },
    {
      name: 'recipient',
      kind: 'select',
      label: 'Recipient',
      options: [{ value: '', label: 'Anyone' }, ...RECIPIENT_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))],
    },
    {
      name: 'state',
      kind: 'select',
      label: 'State',
      options: [{ value: '', label: 'Any state' }, ...MESSAGE_STATES.map((state) => ({ value: state, label: STATE_LABELS[state] }))],
    },
    { name: 'case', kind: 'text', label: 'Case reference', hint: 'Like TD-2025-000123.' },
  ];
}

const TO_SEARCH: FormField = { name: 'to', kind: 'text', label: 'To address', hint: 'Part of the recipient’s e-mail address.' };

function messagesTable(items: OutboxPage['items']): SafeHtml {
  return html`<table class="audit outbox">
<caption class="visually-hidden">Messages, newest first</caption>
<thead><tr><th scope="col">Created</th><th scope="col">To</th><th scope="col">Message</th><th scope="col">Case</th><th scope="col">State</th><th scope="col">Attempts</th><th scope="col">Next attempt</th><th scope="col">Sent</th></tr></thead>
<tbody>
${items.map(
  (message) => html`<tr>
<td data-label="Created">${formatTime(message.createdAt)}</td>
<td data-label="To">${message.toAddress ?? html`<em class="muted">no address</em>`}<span class="hint">${ROLE_LABELS[message.recipientRole] ?? message.recipientRole} · ${message.kind.replace(/_/g, ' ')}</span></td>
<td data-label="Message"><details class="message-body"><summary>${message.subject}</summary><div class="long-text">${message.body}</div></details></td>
<td data-label="Case" class="reference-cell">${message.caseReference ? html`<a href="/desk/cases/${message.caseReference}">${message.caseReference}</a>` : html`<span class="muted">—</span>`}</td>
<td data-label="State"><span class="tag state-${message.state}">${STATE_LABELS[message.state] ?? message.state}</span>${
    message.lastError ? html`<span class="hint field-error">Last error: ${message.lastError}</span>` : null
  }</td>
<td data-label="Attempts">${message.attempts}</td>
<td data-label="Next attempt">${formatTime(message.nextAttemptAt)}</td>
<td data-label="Sent">${formatTime(message.sentAt)}</td>
</tr>`,
)}
</tbody>
</table>`;
}

export function outboxPage(state: OutboxPageState): string {
  const fields = outboxFilterFields(state.kinds, state.values.kind);
  const errors = state.errors ?? [];
  const form = { values: state.values, errors };
  const result = state.result;
  return page({
    title: titled('Outbox', errors),
    private: true,
    staff: staffNav(state.actor, state.csrfToken),
    body: html`<div class="desk-wide">
${errorSummary(errors, [...fields, TO_SEARCH])}
<h1>Outbox</h1>
<p class="lead">Every message the desk sent or would have sent, with its full text, newest first.</p>
<form class="filters" method="get" action="/admin/outbox" role="search" aria-label="Filter the messages">
<div class="filter-row">
${fields.map((field) => renderField(field, form))}
</div>
${state.values.limit ? html`<input type="hidden" name="limit" value="${state.values.limit}">` : null}
<div class="filter-actions">${renderField(TO_SEARCH, form)}<button type="submit">Apply filters</button> <a href="/admin/outbox">Clear filters</a></div>
</form>
${
  result
    ? html`${
        result.items.length
          ? messagesTable(result.items)
          : html`<div class="empty-state"><h2>No messages match these filters</h2><p><a href="/admin/outbox">Show every message</a></p></div>`
      }
${pager('/admin/outbox', state.values, OUTBOX_FILTER_NAMES, result.nextCursor)}`
    : html`<p>The messages could not be shown with these filters. Correct them above, or <a href="/admin/outbox">clear the filters</a>.</p>`
}
</div>`,
  });
}
