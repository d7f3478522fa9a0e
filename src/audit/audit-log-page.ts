import type { FieldError } from '../common/desk-error';
import { html, SafeHtml, userText } from '../common/html';
import { eventLabel } from '../events/event-names';
import type { SealingResult } from '../events/event-seal.service';
import type { VerificationReport } from '../events/event-verifier';
import type { StaffActor } from '../staff/staff-actor';
import { errorSummary, FormField, FormValues, renderField } from '../web/form-fields';
import { page } from '../web/layout';
import { csrfInput, formatTime, okBanner, staffNav, titled } from '../web/page-parts';
import { actionOptions, fieldLabel, isBlank, subjectIdShown, subjectOf, valueOf } from './audit-event-words';
import type { AuditEvent } from './audit-export';
import { EVENT_FILTER_NAMES, pager, queryString } from './audit-pages';
import type { EventPage, SealWarning } from './audit.service';

// The admin's audit log: the filters (the same as GET /api/v1/events), the events in words,
// export links, verification and the sealing warning. Pure rendering; every value is escaped
// by `html`; no inline script or style; the form works without script.

type StaffEntry = { id: string; name: string; role: string };

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

function eventFilterFields(staff: StaffEntry[], action: string | undefined): FormField[] {
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
    { name: 'action', kind: 'select', label: 'Action', options: actionOptions(action) },
    { name: 'subject', kind: 'text', label: 'Subject', hint: 'A type (decision) or type:id.' },
    { name: 'case', kind: 'text', label: 'Case reference', hint: 'Like TD-2025-000123, 2025-000123 or just 123.' },
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

// Bookkeeping a person reads in the details, not among the changes.
const QUIET_CHANGES = new Set(['version']);

function changesList(event: AuditEvent, names: Map<string, string>): SafeHtml | null {
  const changes = Object.entries(event.changes).filter(([field]) => !QUIET_CHANGES.has(field));
  if (!changes.length) return null;
  return html`<ul class="changes">${changes.map(
    ([field, change]) =>
      html`<li><strong>${fieldLabel(field)}</strong>: <span class="before">${valueOf(field, change.before, names)}</span> <span aria-hidden="true">→</span><span class="visually-hidden">changed to</span> <span class="after">${valueOf(field, change.after, names)}</span></li>`,
  )}</ul>`;
}

// What else the event recorded, labelled; no disclosure when there is nothing to disclose.
function eventDetails(event: AuditEvent, names: Map<string, string>): SafeHtml | null {
  const facts: Array<[string, SafeHtml]> = Object.entries(event.data)
    .filter(([, raw]) => !isBlank(raw))
    .map(([key, raw]) => [fieldLabel(key), valueOf(key, raw, names)]);
  for (const [field, change] of Object.entries(event.changes)) {
    if (QUIET_CHANGES.has(field)) facts.push([fieldLabel(field), html`${valueOf(field, change.before, names)} → ${valueOf(field, change.after, names)}`]);
  }
  if (subjectIdShown(event)) facts.push(['Subject id', html`<code class="id">${event.subject.id}</code>`]);
  if (event.requestId) facts.push(['Request id', html`<code>${event.requestId}</code>`]);
  if (event.clientNetwork) facts.push(['Client network', html`${event.clientNetwork}`]);
  if (event.visibility !== 'internal') facts.push(['Also shown to', html`${event.visibility}`]);
  if (!facts.length) return null;
  return html`<details class="event-details"><summary>Details</summary>
<dl class="facts">${facts.map(([label, value]) => html`<dt>${label}</dt><dd>${value}</dd>`)}</dl>
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
<td data-label="Time">${formatTime(event.occurredAt)}<a class="hint" href="#event-${event.id}">Event #${event.id}</a></td>
<td data-label="Who">${who(event)}</td>
<td data-label="Action">${eventLabel(event.action)}<span class="hint"><code>${event.action}</code></span></td>
<td data-label="Subject">${subjectOf(event, names)}</td>
<td data-label="Case" class="reference-cell">${event.caseReference ? html`<a href="/desk/cases/${event.caseReference}">${event.caseReference}</a>` : html`<span class="muted">—</span>`}</td>
<td data-label="Before → after">${changesList(event, names)}${eventDetails(event, names)}</td>
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
  const fields = eventFilterFields(state.staff, state.values.action);
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
${state.sealed ? okBanner(state.sealed.events ? `${state.sealed.events} events were sealed.` : 'No event was ready for a seal.') : null}
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
