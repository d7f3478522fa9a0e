import type { FieldError } from '../common/desk-error';
import { html, SafeHtml, userText } from '../common/html';
import { ORIGIN_LABELS } from '../articles/article-origin';
import { NOTICE_TYPES } from '../notices/completeness';
import { NOTICE_TYPE_INFO } from '../notices/notice-types';
import type { StaffActor } from '../staff/staff-actor';
import { errorSummary, fieldId, FormField, FormValues, plainChoiceErrors, renderField } from '../web/form-fields';
import { page } from '../web/layout';
import { staffNav, titled } from '../web/page-parts';
import { CASE_PRIORITIES, CASE_STATUSES, CaseStatus } from './case.entity';
import { caseStatusBadge, dueCell, STATUS_NAMES, type StaffEntry } from './case-labels';
import { CLOCK_TITLES } from './clock-panel';
import { OPEN_STATUSES } from './case-workflow';
import type { QueuePage } from './cases.service';
import { hasFilters, QueueFilterValues, queueHref } from './desk-form';
import { BULK_CASES_FIELD, bulkFields, bulkPanel, BulkFormState, EMPTY_BULK, selectCell } from './bulk-page';

// The editors' queue: counts by status, the appeals lane, the filters and one page of
// cases. Pure rendering; every value is escaped by `html`; the form works without script.

type QueueItem = {
  reference: string;
  version: number;
  status: CaseStatus;
  type: string;
  priority: string;
  dueAt: Date | string | null;
  nextDue: { at: Date | string; clock: string | null; overdue: boolean } | null;
  overdue: boolean;
  notifierReplied: boolean;
  notifier: { name: string | null; email: string | null; organization: string | null };
  assignee: { id: string; name: string | null } | null;
  itemCount: number;
  articleTitle: string | null;
  articleOrigin: keyof typeof ORIGIN_LABELS | null;
  articlePublicInterest?: boolean;
};

export interface QueuePageState {
  actor: StaffActor;
  csrfToken: string;
  filters: QueueFilterValues;
  staff: StaffEntry[];
  now: Date;
  // Absent when the filters were refused.
  result?: QueuePage;
  errors?: FieldError[];
  // The bulk form: what was ticked and typed (kept when it comes back with errors).
  bulk?: BulkFormState;
  // `?select=all`: every box on this page ticked.
  selectAll?: boolean;
}

type Selection = { bulk: BulkFormState; selectAll: boolean };

const STATUS_FILTER: FormField = {
  name: 'status',
  kind: 'radio',
  label: 'Status',
  options: CASE_STATUSES.map((status) => ({ value: status, label: STATUS_NAMES[status] })),
};

function queueFilterFields(staff: StaffEntry[], actor: StaffActor): FormField[] {
  const others = staff.filter((member) => member.active && member.id !== actor.id);
  return [
    {
      name: 'type',
      kind: 'select',
      label: 'Type',
      options: [{ value: '', label: 'Any type' }, ...NOTICE_TYPES.map((type) => ({ value: type, label: NOTICE_TYPE_INFO[type].label }))],
    },
    {
      name: 'assignee',
      kind: 'select',
      label: 'Assignee',
      options: [
        { value: '', label: 'Anyone' },
        { value: 'me', label: 'Me' },
        { value: 'unassigned', label: 'Unassigned' },
        ...others.map((member) => ({ value: member.id, label: member.name })),
      ],
    },
    {
      name: 'priority',
      kind: 'select',
      label: 'Priority',
      options: [{ value: '', label: 'Any priority' }, ...CASE_PRIORITIES.map((priority) => ({ value: priority, label: priority === 'high' ? 'High' : 'Normal' }))],
    },
    {
      name: 'due',
      kind: 'select',
      label: 'Nearest clock',
      options: [
        { value: '', label: 'Any' },
        { value: 'overdue', label: 'Overdue' },
        { value: '24h', label: 'Due within 24 hours' },
        { value: '7d', label: 'Due within 7 days' },
      ],
    },
    {
      name: 'sort',
      kind: 'select',
      label: 'Sort by',
      options: [
        { value: 'due', label: 'Nearest clock first' },
        { value: 'received', label: 'Oldest received' },
        { value: '-received', label: 'Newest received' },
      ],
    },
  ];
}

const SEARCH_FIELD: FormField = { name: 'q', kind: 'text', label: 'Search', hint: 'Reference, notifier name or e-mail, web address or article title.' };

function statusCheckboxes(filters: QueueFilterValues, errors: FieldError[]): SafeHtml {
  const messages = errors.filter((error) => error.field === 'status').map((error) => error.message);
  return html`<fieldset class="choices status-filter${messages.length ? ' has-error' : ''}">
<legend>Status <span class="optional">(none ticked: all open cases)</span></legend>
${messages.length ? html`<span class="field-error" id="f-status-error"><span class="visually-hidden">Error: </span>${messages.join(' ')}</span>` : null}
${STATUS_FILTER.options!.map((option) => {
  const id = fieldId('status', option.value);
  return html`<span class="check"><input type="checkbox" id="${id}" name="status" value="${option.value}"${filters.status.includes(option.value) ? html` checked` : null}><label for="${id}">${option.label}</label></span>`;
})}
</fieldset>`;
}

function filterForm(state: QueuePageState, fields: FormField[]): SafeHtml {
  const form = { values: { ...state.filters, status: '', sort: state.filters.sort || 'due' } as FormValues, errors: state.errors ?? [] };
  return html`<form class="filters" method="get" action="/desk" role="search" aria-label="Filter the queue">
${statusCheckboxes(state.filters, form.errors)}
<div class="filter-row">
${fields.map((field) => renderField(field, form))}
</div>
${state.filters.limit ? html`<input type="hidden" name="limit" value="${state.filters.limit}">` : null}
<div class="filter-actions">${renderField(SEARCH_FIELD, form)}<button type="submit">Apply filters</button> <a href="/desk">Clear filters</a></div>
</form>`;
}

// Counts over the whole desk; each links to the queue filtered by that status.
function statusCounts(state: QueuePageState, result: QueuePage): SafeHtml {
  const counts = result.counts.byStatus;
  const shown = (Object.keys(STATUS_NAMES) as CaseStatus[]).filter((status) => OPEN_STATUSES.includes(status) || (counts[status] ?? 0) > 0);
  const only = state.filters.status.length === 1 ? state.filters.status[0] : null;
  return html`<nav class="status-counts" aria-label="Cases by status">
<ul>
${shown.map(
  (status) =>
    html`<li><a href="${queueHref(state.filters, { status: [status], cursor: '' })}" class="count-link status-${status}"${only === status ? html` aria-current="true"` : null}><span class="count">${counts[status] ?? 0}</span> ${STATUS_NAMES[status]}</a></li>`,
)}
<li><a href="${queueHref(state.filters, { due: 'overdue', overdue: '', cursor: '' })}" class="count-link overdue"${state.filters.due === 'overdue' ? html` aria-current="true"` : null}><span class="count">${result.counts.overdue}</span> Overdue</a></li>
</ul>
</nav>`;
}

// The nearest running clock: when, and which (review, lapse, restoration, GDPR …).
function nextDueCell(nextDue: QueueItem['nextDue'], now: Date): SafeHtml {
  const title = nextDue?.clock ? (CLOCK_TITLES as Record<string, string>)[nextDue.clock] : undefined;
  return html`${dueCell(nextDue?.at ?? null, now, false)}${title ? html`<span class="hint clock-name">${title}</span>` : null}`;
}

function queueTable(items: QueueItem[], now: Date, selection?: Selection): SafeHtml {
  return html`<table class="queue${selection ? ' selectable' : ''}">
<caption class="visually-hidden">Cases, by the chosen order</caption>
<thead><tr>${selection ? html`<th scope="col"><span class="visually-hidden">Select</span></th>` : null}<th scope="col">Case</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Notifier</th><th scope="col">Article</th><th scope="col">Items</th><th scope="col">Due</th><th scope="col">Assignee</th></tr></thead>
<tbody>
${items.map(
  (item) => html`<tr class="${item.overdue ? 'overdue' : ''}">
${selection ? selectCell(item.reference, item.version, selection.bulk, selection.selectAll) : null}<td data-label="Case" class="reference-cell"><a href="/desk/cases/${item.reference}">${item.reference}</a>${item.priority === 'high' ? html` <span class="tag">High priority</span>` : null}${
    item.notifierReplied ? html` <span class="tag reply">New reply</span>` : null
  }</td>
<td data-label="Type">${NOTICE_TYPE_INFO[item.type as keyof typeof NOTICE_TYPE_INFO]?.label ?? item.type}</td>
<td data-label="Status">${caseStatusBadge(item.status)}</td>
<td data-label="Notifier">${userText(item.notifier.name) ?? '—'}${item.notifier.organization ? html`<span class="hint">${userText(item.notifier.organization)}</span>` : null}</td>
<td data-label="Article">${item.articleTitle ?? html`<span class="muted">No article of ours</span>`}${
    item.articleOrigin ? html`<span class="hint origin">${ORIGIN_LABELS[item.articleOrigin]}</span>` : null
  }${item.articlePublicInterest ? html` <span class="tag warn" title="Taking it out of view needs a second approver">Public interest</span>` : null}</td>
<td data-label="Items">${item.itemCount}</td>
<td data-label="Due">${nextDueCell(item.nextDue, now)}</td>
<td data-label="Assignee">${userText(item.assignee?.name) ?? html`<span class="muted">Unassigned</span>`}</td>
</tr>`,
)}
</tbody>
</table>`;
}

// Appeals (DSA Art. 20) wait in a lane of their own, whatever the filters below.
function appealLane(items: QueueItem[], now: Date): SafeHtml {
  return html`<section class="panel appeal-lane" aria-labelledby="appeal-lane-heading">
<h2 id="appeal-lane-heading">Appeals <span class="count">${items.length}</span></h2>
<p class="hint">Decided by someone who neither took nor approved the decision.</p>
${queueTable(items, now)}
</section>`;
}

function emptyQueue(filters: QueueFilterValues): SafeHtml {
  if (filters.cursor) return html`<div class="empty-state"><p>No more cases.</p><p><a href="${queueHref(filters, { cursor: '' })}">Back to the first page</a></p></div>`;
  return hasFilters(filters)
    ? html`<div class="empty-state"><h2>No cases match these filters</h2><p>Try fewer filters, or <a href="/desk">show all open cases</a>.</p></div>`
    : html`<div class="empty-state"><h2>The queue is empty</h2><p>No open cases right now. New notices appear here as soon as they are filed.</p></div>`;
}

export function queuePage(state: QueuePageState): string {
  const fields = queueFilterFields(state.staff, state.actor);
  const errors = plainChoiceErrors(state.errors ?? [], [STATUS_FILTER, ...fields]);
  const actions = bulkFields(state.staff, state.actor);
  const bulk = state.bulk ?? EMPTY_BULK;
  const selection = { bulk, selectAll: state.selectAll ?? false };
  const result = state.result;
  const items = (result?.items ?? []) as QueueItem[];
  return page({
    title: titled('Queue', [...errors, ...bulk.errors]),
    private: true,
    staff: staffNav(state.actor, state.csrfToken),
    body: html`<div class="desk-wide">
${errorSummary([...errors, ...bulk.errors], [STATUS_FILTER, ...fields, SEARCH_FIELD, BULK_CASES_FIELD, ...actions])}
<h1>Queue</h1>
${result ? statusCounts(state, result) : null}
${result?.appeals.length ? appealLane(result.appeals as QueueItem[], state.now) : null}
${filterForm({ ...state, errors }, fields)}
${
  result
    ? html`${state.filters.q && !state.filters.status.length ? html`<p class="hint search-scope">Searching every case, open and closed. Choose a status above to narrow it.</p>` : null}
${
  items.length
    ? html`${bulkPanel({ csrfToken: state.csrfToken, filters: state.filters, fields: actions, ...selection })}${queueTable(items, state.now, selection)}`
    : emptyQueue(state.filters)
}
<nav class="pager" aria-label="Pages">${state.filters.cursor ? html`<a href="${queueHref(state.filters, { cursor: '' })}">First page</a>` : null}${
        result.nextCursor ? html`<a href="${queueHref(state.filters, { cursor: result.nextCursor })}" rel="next">Next page</a>` : null
      }</nav>`
    : html`<p>The queue could not be shown with these filters. Correct them above, or <a href="/desk">clear the filters</a>.</p>`
}
</div>`,
  });
}
