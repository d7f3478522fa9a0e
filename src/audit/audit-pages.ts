import { eventLabel } from '../events/event-names';
import type { FieldError } from '../common/desk-error';
import { html, SafeHtml, userText } from '../common/html';
import type { SealingResult } from '../events/event-seal.service';
import type { VerificationReport } from '../events/event-verifier';
import { MESSAGE_STATES } from '../messages/message.entity';
import type { StaffActor } from '../staff/staff-actor';
import { errorSummary, FormField, FormValues, renderField } from '../web/form-fields';
import { page } from '../web/layout';
import type { AuditEvent } from './audit-export';
import type { EventPage, SealWarning } from './audit.service';
import { RECIPIENT_ROLES } from './dto/outbox-query.dto';
import type { OutboxPage } from './outbox.service';
import { csrfInput, formatTime, staffNav, titled } from '../web/page-parts';

// The admin's audit log and outbox pages. Pure rendering; every value is escaped by
// `html`; no inline script or style; the forms work without script.

export const EVENT_FILTER_NAMES = ['actor', 'action', 'subject', 'case', 'from', 'to', 'q'] as const;
export const OUTBOX_FILTER_NAMES = ['kind', 'recipient', 'state', 'case', 'to'] as const;

type StaffEntry = { id: string; name: string; role: string };

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

function pager(base: string, values: FormValues, names: readonly string[], nextCursor: string | null): SafeHtml {
  return html`<nav class="pager" aria-label="Pages">${values.cursor ? html`<a href="${base}${queryString(values, names)}">First page</a>` : null}${
    nextCursor ? html`<a href="${base}${queryString(values, names, { cursor: nextCursor })}" rel="next">Next page</a>` : null
  }</nav>`;
}

// --- the audit log ---

export interface AuditPageState {
  actor: StaffActor;
  csrfToken: string;
  values: FormValues;
  staff: StaffEntry[];
  // Absent when the filters were refused.
  result?: EventPage;
  errors?: FieldError[];
  report?: VerificationReport;
  sealed?: Pick<SealingResult, 'events'>;
  warning?: SealWarning | null;
}

function eventFilterFields(staff: StaffEntry[]): FormField[] {
  return [
    {
      name: 'actor',
      kind: 'select',
      label: 'Person',
      options: [
        { value: '', label: 'Anyone' },
        ...staff.map((member) => ({ value: member.id, label: `${member.name} (${member.role})` })),
        { value: 'notifier', label: 'Notifiers' },
        { value: 'author', label: 'Authors' },
        { value: 'system', label: 'The desk (system)' },
      ],
    },
    { name: 'action', kind: 'text', label: 'Action', hint: 'Exact (case.decide) or a prefix ending in a dot (case.).' },
    { name: 'subject', kind: 'text', label: 'Subject', hint: 'A type (decision) or type:id.' },
    { name: 'case', kind: 'text', label: 'Case reference', hint: 'Like TD-2025-000123.' },
    { name: 'from', kind: 'text', label: 'From', hint: 'A date (2025-06-01) or date and time, UTC.', width: 'medium' },
    { name: 'to', kind: 'text', label: 'To', hint: 'A date (its whole day) or date and time, UTC.', width: 'medium' },
  ];
}

const EVENT_SEARCH: FormField = { name: 'q', kind: 'text', label: 'Search', hint: 'Text in the action, subject id, case reference or the values recorded.' };

function who(event: AuditEvent): SafeHtml {
  switch (event.actor.type) {
    case 'staff':
      return html`<a href="/admin/audit?actor=${event.actor.id ?? ''}">${userText(event.actor.name) ?? 'A former staff member'}</a>${
        event.actor.role ? html` <span class="muted">(${event.actor.role})</span>` : null
      }`;
    case 'notifier':
      return html`Notifier`;
    case 'author':
      return html`Author`;
    default:
      return html`The desk${event.actor.id ? html` <span class="muted">(${event.actor.id})</span>` : null}`;
  }
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

// Values as recorded, readably: times as dates, staff ids as names, objects as JSON.
function value(raw: unknown, names: Map<string, string>): SafeHtml {
  if (raw === null || raw === undefined || raw === '') return html`<em class="muted">none</em>`;
  if (typeof raw === 'string' && ISO_TIME.test(raw)) return html`<span class="value">${formatTime(raw)}</span>`;
  if (typeof raw === 'string' && names.has(raw)) return html`<span class="value">${names.get(raw)!}</span>`;
  return html`<span class="value">${typeof raw === 'string' ? raw : JSON.stringify(raw)}</span>`;
}

function changesList(event: AuditEvent, names: Map<string, string>): SafeHtml | null {
  const changes = Object.entries(event.changes);
  if (!changes.length) return null;
  return html`<ul class="changes">${changes.map(
    ([field, change]) =>
      html`<li><strong>${field}</strong>: <span class="before">${value(change.before, names)}</span> <span aria-hidden="true">→</span><span class="visually-hidden">changed to</span> <span class="after">${value(change.after, names)}</span></li>`,
  )}</ul>`;
}

function eventDetails(event: AuditEvent): SafeHtml {
  const hasData = Object.keys(event.data).length > 0;
  return html`<details class="event-details"><summary>Details${hasData ? '' : ' (no data)'}</summary>
<dl class="facts">
<dt>Event</dt><dd>#${event.id}</dd>
<dt>Visibility</dt><dd>${event.visibility}</dd>
<dt>Request id</dt><dd>${event.requestId ? html`<code>${event.requestId}</code>` : '—'}</dd>
<dt>Client network</dt><dd>${event.clientNetwork ?? '—'}</dd>
</dl>
${hasData ? html`<pre class="event-data">${JSON.stringify(event.data, null, 2)}</pre>` : null}
</details>`;
}

function eventsTable(items: AuditEvent[], staff: StaffEntry[]): SafeHtml {
  const names = new Map(staff.map((member) => [member.id, member.name]));
  return html`<table class="audit">
<caption class="visually-hidden">Events, newest first</caption>
<thead><tr><th scope="col">Time</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Subject</th><th scope="col">Case</th><th scope="col">Before → after</th></tr></thead>
<tbody>
${items.map(
  (event) => html`<tr id="event-${event.id}">
<td data-label="Time">${formatTime(event.occurredAt)}</td>
<td data-label="Who">${who(event)}</td>
<td data-label="Action">${eventLabel(event.action)} <code>${event.action}</code></td>
<td data-label="Subject">${event.subject.type}<span class="hint id">${event.subject.id}</span></td>
<td data-label="Case" class="reference-cell">${event.caseReference ? html`<a href="/desk/cases/${event.caseReference}">${event.caseReference}</a>` : html`<span class="muted">—</span>`}</td>
<td data-label="Before → after">${changesList(event, names)}${eventDetails(event)}</td>
</tr>`,
)}
</tbody>
</table>`;
}

function reportBox(report: VerificationReport): SafeHtml {
  if (report.ok) {
    return html`<div class="notice-box ok" role="status" aria-labelledby="report-title">
<h2 id="report-title">The log is intact</h2>
<p>Every one of the ${report.events} events since the first was checked against ${report.seals} ${report.seals === 1 ? 'seal' : 'seals'}: nothing was altered, removed or slipped in.${
      report.unsealed ? ` ${report.unsealed} recent ${report.unsealed === 1 ? 'event is' : 'events are'} not sealed yet.` : ''
    }</p>
${report.lastSealHash ? html`<p class="muted">Latest seal hash: <code class="hash">${report.lastSealHash}</code></p>` : null}
</div>`;
  }
  const problem = report.firstProblem;
  const more = report.problemCount - 1;
  return html`<div class="error-summary" role="alert" aria-labelledby="report-title" tabindex="-1" autofocus>
<h2 id="report-title">The log has been altered</h2>
${
  problem
    ? html`<p>First problem (${problem.kind.replace(/_/g, ' ')})${problem.eventId ? html` at <strong>event #${problem.eventId}</strong>` : null}${
        problem.sealId ? html`${problem.eventId ? ',' : ' at'} <strong>seal #${problem.sealId}</strong>` : null
      }: ${problem.detail}</p>`
    : null
}
<p class="muted">Checked ${report.events} events and ${report.seals} seals${more > 0 ? `; ${more} more ${more === 1 ? 'problem' : 'problems'} after this one` : ''}.</p>
</div>`;
}

function warningBox(warning: SealWarning, csrfToken: string): SafeHtml {
  const wait = warning.olderThanSeconds >= 120 ? `${Math.round(warning.olderThanSeconds / 60)} min` : `${warning.olderThanSeconds} s`;
  return html`<div class="notice-box warn" role="status" aria-labelledby="seal-warning-title">
<h2 id="seal-warning-title">Events waiting for their seal</h2>
<p>${warning.count} ${warning.count === 1 ? 'event is' : 'events are'} older than ${wait} and not sealed yet (the oldest from ${formatTime(warning.oldest)}): the sealing job may not be running.</p>
<form method="post" action="/admin/audit/seal">${csrfInput(csrfToken)}<button type="submit" class="secondary">Seal now</button></form>
</div>`;
}

function emptyLog(values: FormValues): SafeHtml {
  if (values.cursor)
    return html`<div class="empty-state"><p>No more events.</p><p><a href="/admin/audit${queryString(values, EVENT_FILTER_NAMES)}">Back to the first page</a></p></div>`;
  return html`<div class="empty-state"><h2>No events match these filters</h2><p><a href="/admin/audit">Show every event</a></p></div>`;
}

export function auditPage(state: AuditPageState): string {
  const fields = eventFilterFields(state.staff);
  const errors = state.errors ?? [];
  const form = { values: state.values, errors };
  const filters = queryString(state.values, EVENT_FILTER_NAMES);
  const exportQuery = (format: string) => `/api/v1/events/export${queryString({ ...state.values, limit: '' }, EVENT_FILTER_NAMES, { format })}`;
  const result = state.result;
  return page({
    title: titled('Audit log', errors),
    private: true,
    staff: staffNav(state.actor, state.csrfToken),
    body: html`<div class="desk-wide">
${errorSummary(errors, [...fields, EVENT_SEARCH])}
${state.report ? reportBox(state.report) : null}
${state.sealed ? html`<div class="notice-box ok" role="status"><p>${state.sealed.events ? `${state.sealed.events} events were sealed.` : 'No event was ready for a seal.'}</p></div>` : null}
${state.warning ? warningBox(state.warning, state.csrfToken) : null}
<h1>Audit log</h1>
<p class="lead">Everything that happened on the desk, newest first. The log cannot be changed; verification proves it.</p>
<form class="filters" method="get" action="/admin/audit" role="search" aria-label="Filter the log">
<div class="filter-row">
${fields.map((field) => renderField(field, form))}
</div>
${state.values.limit ? html`<input type="hidden" name="limit" value="${state.values.limit}">` : null}
<div class="filter-actions">${renderField(EVENT_SEARCH, form)}<button type="submit">Apply filters</button> <a href="/admin/audit">Clear filters</a></div>
</form>
<div class="audit-tools">
${result ? html`<p class="exports">Export these events: <a href="${exportQuery('csv')}">CSV</a> <a href="${exportQuery('ndjson')}">NDJSON</a></p>` : null}
<form method="post" action="/admin/audit/verify${filters}">${csrfInput(state.csrfToken)}<button type="submit" class="secondary">Verify the log</button></form>
</div>
${
  result
    ? html`${result.items.length ? eventsTable(result.items, state.staff) : emptyLog(state.values)}
${pager('/admin/audit', state.values, EVENT_FILTER_NAMES, result.nextCursor)}`
    : html`<p>The log could not be shown with these filters. Correct them above, or <a href="/admin/audit">clear the filters</a>.</p>`
}
</div>`,
  });
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
