import type { FieldError } from '../common/desk-error';
import { html, SafeHtml } from '../common/html';
import { can } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { FormField, FormValues, renderField } from '../web/form-fields';
import { page } from '../web/layout';
import { csrfInput, formatTime, staffNav } from '../web/page-parts';
import { BULK_VERSION_PREFIX } from './bulk-form';
import type { StaffEntry } from './case-labels';
import type { BulkRunLine } from './bulk-run.entity';
import type { BulkAction } from './dto/bulk.dto';
import { QueueFilterValues, queueHref } from './desk-form';

// The queue's bulk form: a box per row, the action and the fields each action needs, and
// the page that lists what happened to each case. No script: "select all" is a link that
// shows the same page with every box ticked.

export interface BulkFormState {
  selected: Set<string>;
  // The versions the editor's page showed (kept over a re-render, so a stale page still conflicts).
  versions: Map<string, string>;
  values: FormValues;
  errors: FieldError[];
}

export const EMPTY_BULK: BulkFormState = { selected: new Set(), versions: new Map(), values: {}, errors: [] };

export const BULK_ACTION_NAMES: Record<BulkAction, string> = {
  assign: 'Assign',
  escalate: 'Escalate to legal',
  close_duplicate: 'Close as duplicate',
  note: 'Add a note',
};

// The `cases` error (nothing ticked) is shown above the table, which the summary links to.
export const BULK_CASES_FIELD: FormField = { name: 'cases', kind: 'text', label: 'Cases' };

export function bulkFields(staff: StaffEntry[], actor: StaffActor): FormField[] {
  const others = can(actor, 'cases.assign_others') ? staff.filter((member) => member.active && member.id !== actor.id) : [];
  return [
    {
      name: 'action',
      kind: 'select',
      label: 'Action',
      options: [{ value: '', label: 'Choose an action' }, ...Object.entries(BULK_ACTION_NAMES).map(([value, label]) => ({ value, label }))],
    },
    {
      name: 'assigneeId',
      kind: 'select',
      label: 'Assign to',
      hint: 'For Assign.',
      options: [{ value: 'me', label: 'Me' }, ...others.map((member) => ({ value: member.id, label: member.name }))],
    },
    { name: 'duplicateOf', kind: 'text', label: 'Duplicate of', hint: 'For Close as duplicate: the earlier case, like TD-2026-000123.', width: 'medium' },
    { name: 'reason', kind: 'textarea', label: 'Reason', hint: 'For Escalate: why legal should look.' },
    { name: 'note', kind: 'textarea', label: 'Note', hint: 'For Add a note: an internal note, staff only.' },
  ];
}

// The box of one row, and the version the row was shown at.
export function selectCell(reference: string, version: number, bulk: BulkFormState, selectAll: boolean): SafeHtml {
  const id = `select-${reference}`;
  const shownVersion = bulk.versions.get(reference) ?? String(version);
  const checked = selectAll || bulk.selected.has(reference);
  return html`<td data-label="Select" class="select-cell"><input type="checkbox" id="${id}" name="case" value="${reference}" form="bulk-form"${checked ? html` checked` : null}><label for="${id}" class="visually-hidden">Select ${reference}</label><input type="hidden" name="${BULK_VERSION_PREFIX}${reference}" value="${shownVersion}" form="bulk-form"></td>`;
}

// Above the table: the action and its fields. The boxes in the rows belong to this form
// (their `form` attribute), so the filter form and the table need not be nested in it.
export function bulkPanel(args: { csrfToken: string; filters: QueueFilterValues; fields: FormField[]; bulk: BulkFormState; selectAll: boolean }): SafeHtml {
  const { filters, fields, bulk } = args;
  const state = { values: { assigneeId: 'me', ...bulk.values }, errors: bulk.errors };
  const casesErrors = bulk.errors.filter((error) => error.field === 'cases').map((error) => error.message);
  const query = queueHref(filters).replace(/^\/desk\??/, '');
  return html`<form id="bulk-form" class="panel bulk-actions" method="post" action="/desk/bulk" aria-labelledby="bulk-heading">
<h2 id="bulk-heading">With the ticked cases</h2>
${csrfInput(args.csrfToken)}<input type="hidden" name="queue" value="${query}">
<p class="select-links"><a href="${selectHref(filters, true)}">Select all on this page</a>${
    args.selectAll || bulk.selected.size ? html` <a href="${selectHref(filters, false)}">Clear the selection</a>` : null
  }</p>
${casesErrors.length ? html`<p class="field-error" id="f-cases" tabindex="-1"><span class="visually-hidden">Error: </span>${casesErrors.join(' ')}</p>` : null}
<div class="bulk-fields">
${fields.map((field) => renderField(field, state))}
</div>
<button type="submit">Apply to the ticked cases</button>
</form>`;
}

function selectHref(filters: QueueFilterValues, all: boolean): string {
  const href = queueHref(filters);
  if (!all) return href;
  return `${href}${href.includes('?') ? '&' : '?'}select=all`;
}

export function bulkResultPage(args: { actor: StaffActor; csrfToken: string; action: BulkAction; results: BulkRunLine[]; filters: QueueFilterValues; at: Date }): string {
  const done = args.results.filter((result) => result.status < 300).length;
  const refused = args.results.length - done;
  return page({
    title: `${BULK_ACTION_NAMES[args.action]}: ${done} done, ${refused} not done`,
    private: true,
    staff: staffNav(args.actor, args.csrfToken),
    body: html`<div class="desk-wide bulk-result">
<h1>${BULK_ACTION_NAMES[args.action]}: what happened</h1>
<div class="notice-box${refused ? '' : ' ok'}" role="status"><p>${done} of ${args.results.length} ${args.results.length === 1 ? 'case' : 'cases'} done${
      refused ? html`; ${refused} not done, each for the reason given.` : '.'
    }</p></div>
<p class="muted">Sent by you on ${formatTime(args.at)}. Each case's own history records what was done to it.</p>
<ul class="bulk-results">
${args.results.map((result) => {
  const words = result.message.startsWith(`${result.reference}: `) ? result.message.slice(result.reference.length + 2) : result.message;
  return html`<li class="${result.status < 300 ? 'done' : 'refused'}"><a href="/desk/cases/${result.reference}">${result.reference}</a>: ${words}</li>`;
})}
</ul>
<p><a href="${queueHref(args.filters)}">Back to the queue</a></p>
</div>`,
  });
}
