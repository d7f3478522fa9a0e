import type { FieldError } from '../common/desk-error';
import { html, SafeHtml, userText } from '../common/html';
import { own } from '../common/own';
import { NOTICE_TYPES } from '../notices/completeness';
import type { FormField, FormValues } from '../notices/notice-form';
import { errorSummary, fieldId, renderField } from '../notices/notice-pages';
import { NOTICE_TYPE_INFO } from '../notices/notice-types';
import { can } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { ORIGIN_LABELS, REGIME_SUMMARIES } from '../articles/article-origin';
import { highlightPassages } from '../articles/passage-match';
import { eventLabel } from '../events/event-names';
import { aftercareSection } from './case-aftercare-section';
import { page } from '../web/layout';
import { APPROVE_FIELDS, approvalPanel, approvalReasonsOf } from './approval-panel';
import { CASE_PRIORITIES, CASE_STATUSES, CaseStatus } from './case.entity';
import { mayActOn } from './case-guards';
import { OPEN_STATUSES, StaffAction } from './case-workflow';
import type { CasesService, QueuePage } from './cases.service';
import { groundsFor, MIN_REASONS_LENGTH } from './decision-rules';
import { hasFilters, QueueFilterValues, queueHref, SEEN_FIELDS, SeenSnapshot } from './desk-form';
import { csrfInput, titled } from '../web/page-parts';

// The editors' desk pages: the queue and the case page. Pure rendering: the controller
// fetches, these functions turn data into markup. Every value is escaped by `html`; no
// inline script or style; every form works without script.

export type CaseDetail = Awaited<ReturnType<CasesService['describe']>>;
export type StaffEntry = Awaited<ReturnType<CasesService['staffDirectory']>>[number];
type TimelineEvent = CaseDetail['timeline'][number];

// --- words ---

// Staff wording; STATUS_LABELS in case-workflow.ts speaks to the notifier.
export const STATUS_NAMES: Record<CaseStatus, string> = {
  new: 'New',
  awaiting_info: 'Awaiting information',
  in_review: 'In review',
  escalated: 'Escalated to legal',
  pending_approval: 'Pending approval',
  actioned: 'Actioned',
  rejected: 'Rejected',
  counter_noticed: 'Counter-noticed',
  restored: 'Restored',
  litigation_hold: 'Litigation hold',
  appealed: 'Appealed',
  withdrawn: 'Withdrawn',
  duplicate: 'Duplicate',
  lapsed: 'Lapsed',
  closed: 'Closed',
};

const ITEM_ACTION_NAMES: Record<string, string> = { remove: 'Remove', restrict: 'Restrict', redact: 'Redact', no_action: 'No action' };

const GROUND_NAMES: Record<string, string> = {
  copyright_infringement: 'Copyright infringement',
  trademark_infringement: 'Trademark infringement',
  defamation: 'Defamation',
  data_protection: 'Data protection (GDPR Art. 17)',
  other_illegal_content: 'Other illegal content',
  not_illegal: 'Not illegal (no action)',
  insufficient_information: 'Insufficient information (no action)',
  out_of_scope: 'Out of scope (no action)',
};

const MATCH_NAMES: Record<string, string> = {
  article: 'Our article',
  alias: 'Our article (other address)',
  other_site: 'Another site: out of scope',
  not_found: 'No such article: out of scope',
};

const ITEM_STATE_NAMES: Record<string, string> = {
  pending: 'Pending',
  out_of_scope: 'Out of scope',
  removed: 'Removed',
  restricted: 'Restricted',
  redacted: 'Redacted',
  no_action: 'No action',
};

const ARTICLE_STATE_NAMES: Record<string, string> = { live: 'Live', restricted: 'Restricted', redacted: 'Redacted', removed: 'Removed' };

const NOTIFIER_KIND_NAMES: Record<string, string> = {
  rights_holder: 'Rights holder',
  agent: 'Agent',
  individual: 'Private individual',
  trusted_flagger: 'Trusted flagger',
};

const DETAIL_NAMES: Record<string, string> = {
  mark: 'Trademark',
  registrationOffice: 'Registration office',
  registrationNumber: 'Registration number',
  markOwner: 'Owner of the mark',
  statement: 'Statement complained of',
  defamatoryMeaning: 'Meaning and harm',
  inaccurateParts: 'Parts said to be untrue',
  lacksPosterInfo: 'Lacks information about the poster',
  consentToShare: 'Consents to name and e-mail being passed on',
  subjectName: 'Person the article is about',
  identityConfirmed: 'Identity confirmed',
};

const DONE_MESSAGES: Record<string, string> = {
  assign: 'The case was assigned.',
  unassign: 'The case is no longer assigned.',
  start_review: 'You started the review. The case is assigned to you.',
  request_info: 'Your question was sent to the notifier. The review clock is paused until they answer.',
  escalate: 'The case was escalated to legal.',
  decide: 'The decision was recorded and has taken effect.',
  approve: 'The decision was approved and has taken effect.',
  reject_approval: 'The decision was sent back for review.',
  close: 'The case was closed.',
  reopen: 'The case was reopened.',
  close_lapsed: 'The case was closed as lapsed.',
  close_duplicate: 'The case was closed as a duplicate.',
  restore: 'The content was restored; the notifier and the author are told.',
  decide_appeal: 'The appeal was decided; both parties get the answer.',
  note: 'Your note was added.',
  attached: 'The file was attached to the case.',
};

// --- small shared pieces ---

function staffNav(actor: StaffActor, csrfToken: string) {
  return { name: actor.name, role: actor.role, csrfToken };
}

function statusBadge(status: CaseStatus): SafeHtml {
  return html`<span class="status status-${status}">${STATUS_NAMES[status] ?? status}</span>`;
}

function okBanner(message: string | undefined): SafeHtml | null {
  return message ? html`<div class="notice-box ok" role="status"><p>${message}</p></div>` : null;
}

export function formatTime(value: Date | string | null): SafeHtml | string {
  if (!value) return '—';
  const date = new Date(value);
  const shown = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date);
  return html`<time datetime="${date.toISOString()}">${shown} UTC</time>`;
}

function span(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${Math.max(minutes, 1)} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

export interface DueState {
  text: string;
  overdue: boolean;
}

// "due in 2 days", "overdue by 3 h": what an editor reads at a glance.
export function dueText(dueAt: Date | string | null, now: Date, paused = false): DueState {
  if (paused) return { text: 'clock paused', overdue: false };
  if (!dueAt) return { text: 'no due date', overdue: false };
  const left = new Date(dueAt).getTime() - now.getTime();
  return left < 0 ? { text: `overdue by ${span(-left)}`, overdue: true } : { text: `due in ${span(left)}`, overdue: false };
}

// Overdue is said in words and marked with a class: never colour alone.
function dueCell(dueAt: Date | string | null, now: Date, paused: boolean): SafeHtml {
  const due = dueText(dueAt, now, paused);
  return html`<span class="due${due.overdue ? ' overdue' : ''}">${due.overdue ? html`<strong>${due.text}</strong>` : due.text}</span>${
    dueAt && !paused ? html`<span class="hint">${formatTime(dueAt)}</span>` : null
  }`;
}

// A choice from a list refused by the DTO lists the raw codes; a person needs less.
export function plainChoiceErrors(errors: FieldError[], fields: FormField[]): FieldError[] {
  const choices = new Set(fields.filter((field) => field.options).map((field) => field.name));
  return errors.map((error) =>
    choices.has(error.field) && /^(Each must|Must) be /.test(error.message)
      ? { field: error.field, message: error.field === 'status' ? 'The address names a status that does not exist: tick the ones you want.' : 'Choose one of the options.' }
      : error,
  );
}

// --- the queue ---

type QueueItem = {
  reference: string;
  status: CaseStatus;
  type: string;
  priority: string;
  dueAt: Date | string | null;
  overdue: boolean;
  notifierReplied: boolean;
  notifier: { name: string | null; email: string | null; organization: string | null };
  assignee: { id: string; name: string | null } | null;
  itemCount: number;
  articleTitle: string | null;
  articleOrigin: keyof typeof ORIGIN_LABELS | null;
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
}

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
      name: 'overdue',
      kind: 'select',
      label: 'Due date',
      options: [
        { value: '', label: 'Any' },
        { value: 'true', label: 'Overdue only' },
        { value: 'false', label: 'Not overdue' },
      ],
    },
    {
      name: 'sort',
      kind: 'select',
      label: 'Sort by',
      options: [
        { value: 'due', label: 'Due soonest' },
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
<li><a href="${queueHref(state.filters, { overdue: 'true', cursor: '' })}" class="count-link overdue"${state.filters.overdue === 'true' ? html` aria-current="true"` : null}><span class="count">${result.counts.overdue}</span> Overdue</a></li>
</ul>
</nav>`;
}

function queueTable(items: QueueItem[], now: Date): SafeHtml {
  return html`<table class="queue">
<caption class="visually-hidden">Cases, by the chosen order</caption>
<thead><tr><th scope="col">Case</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Notifier</th><th scope="col">Article</th><th scope="col">Items</th><th scope="col">Due</th><th scope="col">Assignee</th></tr></thead>
<tbody>
${items.map(
  (item) => html`<tr class="${item.overdue ? 'overdue' : ''}">
<td data-label="Case" class="reference-cell"><a href="/desk/cases/${item.reference}">${item.reference}</a>${item.priority === 'high' ? html` <span class="tag">High priority</span>` : null}${
    item.notifierReplied ? html` <span class="tag reply">New reply</span>` : null
  }</td>
<td data-label="Type">${NOTICE_TYPE_INFO[item.type as keyof typeof NOTICE_TYPE_INFO]?.label ?? item.type}</td>
<td data-label="Status">${statusBadge(item.status)}</td>
<td data-label="Notifier">${userText(item.notifier.name) ?? '—'}${item.notifier.organization ? html`<span class="hint">${userText(item.notifier.organization)}</span>` : null}</td>
<td data-label="Article">${item.articleTitle ?? html`<span class="muted">No article of ours</span>`}${
    item.articleOrigin ? html`<span class="hint origin">${ORIGIN_LABELS[item.articleOrigin]}</span>` : null
  }</td>
<td data-label="Items">${item.itemCount}</td>
<td data-label="Due">${dueCell(item.dueAt, now, item.status === 'awaiting_info')}</td>
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
  const result = state.result;
  const items = (result?.items ?? []) as QueueItem[];
  return page({
    title: titled('Queue', errors),
    private: true,
    staff: staffNav(state.actor, state.csrfToken),
    body: html`<div class="desk-wide">
${errorSummary(errors, [STATUS_FILTER, ...fields, SEARCH_FIELD])}
<h1>Queue</h1>
${result ? statusCounts(state, result) : null}
${result?.appeals.length ? appealLane(result.appeals as QueueItem[], state.now) : null}
${filterForm({ ...state, errors }, fields)}
${
  result
    ? html`${items.length ? queueTable(items, state.now) : emptyQueue(state.filters)}
<nav class="pager" aria-label="Pages">${state.filters.cursor ? html`<a href="${queueHref(state.filters, { cursor: '' })}">First page</a>` : null}${
        result.nextCursor ? html`<a href="${queueHref(state.filters, { cursor: result.nextCursor })}" rel="next">Next page</a>` : null
      }</nav>`
    : html`<p>The queue could not be shown with these filters. Correct them above, or <a href="/desk">clear the filters</a>.</p>`
}
</div>`,
  });
}

// --- the case page ---

export interface SubmittedForm {
  action: StaffAction | 'note';
  values: FormValues;
  errors: FieldError[];
}

export interface CasePageState {
  actor: StaffActor;
  csrfToken: string;
  detail: CaseDetail;
  staff: StaffEntry[];
  now: Date;
  done?: string;
  // The form the editor sent, when it comes back to them (refused or conflicting).
  form?: SubmittedForm;
  // A refused action (403, 409, 422 that is not a field error).
  problem?: { title: string; detail: string };
  // A stale version: what the editor saw, to say what changed since.
  conflict?: SeenSnapshot;
  // Photos and evidence (src/attachments/case-evidence.ts).
  evidence?: SafeHtml | null;
}

interface PageContext extends CasePageState {
  names: Map<string, string>;
}

function valuesFor(ctx: PageContext, action: SubmittedForm['action']): FormValues {
  return ctx.form?.action === action ? ctx.form.values : {};
}

function errorsFor(ctx: PageContext, action: SubmittedForm['action']): FieldError[] {
  return ctx.form?.action === action ? ctx.form.errors : [];
}

// Every transition form carries its action, the version it was decided on and what the
// editor saw (for the 409 page); after a 409 the version is the current one.
function transitionForm(ctx: PageContext, action: StaffAction, inner: SafeHtml, options: { inline?: boolean; label?: string } = {}): SafeHtml {
  const { detail } = ctx;
  const last = detail.timeline[detail.timeline.length - 1];
  return html`<form method="post" action="/desk/cases/${detail.reference}/transitions" class="${options.inline ? 'inline-form' : 'action-form'}" novalidate${
    options.label ? html` aria-label="${options.label}"` : null
  }>
${csrfInput(ctx.csrfToken)}<input type="hidden" name="action" value="${action}"><input type="hidden" name="version" value="${detail.version}">
<input type="hidden" name="${SEEN_FIELDS.status}" value="${detail.status}"><input type="hidden" name="${SEEN_FIELDS.assignee}" value="${detail.assignee?.id ?? ''}"><input type="hidden" name="${SEEN_FIELDS.event}" value="${last?.id ?? ''}">
${inner}
</form>`;
}

function caseHeader(ctx: PageContext): SafeHtml {
  const { detail } = ctx;
  return html`<p class="breadcrumb"><a href="/desk">Back to the queue</a></p>
<h1>Case <span class="reference">${detail.reference}</span> ${statusBadge(detail.status)}</h1>
<dl class="case-facts">
<div><dt>Type</dt><dd>${detail.notice.typeLabel}</dd></div>
<div><dt>Priority</dt><dd>${detail.priority === 'high' ? html`<span class="tag">High</span>` : 'Normal'}</dd></div>
<div><dt>Due</dt><dd>${dueCell(detail.dueAt, ctx.now, detail.slaPaused)}${detail.slaPaused ? html`<span class="hint">Paused while the notifier is asked for information.</span>` : null}</dd></div>
<div><dt>Assignee</dt><dd>${userText(detail.assignee?.name) ?? html`<span class="muted">Unassigned</span>`}</dd></div>
<div><dt>Received</dt><dd>${formatTime(detail.receivedAt)}</dd></div>
${
  detail.restoration
    ? html`<div><dt>Restoration window</dt><dd>${formatTime(detail.restoration.earliest)} to ${formatTime(detail.restoration.latest)}<span class="hint">Business days 10 and 14 after the counter-notice; a reported court action stops it.</span></dd></div>`
    : null
}
${detail.notifierRepliedAt ? html`<div><dt>Notifier replied</dt><dd><span class="tag reply">New reply</span> ${formatTime(detail.notifierRepliedAt)}</dd></div>` : null}
</dl>`;
}

function factRow(label: string, value: SafeHtml | string | null | undefined): SafeHtml | null {
  return value === null || value === undefined || value === '' ? null : html`<dt>${label}</dt><dd>${value}</dd>`;
}

function longText(text: string | null | undefined): SafeHtml | null {
  return text ? html`<div class="long-text">${text}</div>` : null;
}

function detailValue(value: unknown): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function noticeSection(detail: CaseDetail): SafeHtml {
  const { notice } = detail;
  const notifier = notice.notifier;
  // Yes/no statements are listed with their exact text under "Statements".
  const attested = new Set(notice.attestations.map((attestation) => attestation.key));
  const details = Object.entries(notice.details ?? {}).filter(([key, value]) => value !== null && value !== undefined && value !== '' && !attested.has(`details.${key}`));
  return html`<section class="panel" aria-labelledby="notice-heading">
<h2 id="notice-heading">The notice</h2>
<dl class="facts">
${factRow('Notifier', html`${userText(notifier.name) ?? '(no name given)'}${notifier.kind ? html` <span class="muted">(${NOTIFIER_KIND_NAMES[notifier.kind] ?? notifier.kind})</span>` : null}`)}
${factRow('Organisation', userText(notifier.organization))}
${factRow('E-mail', notifier.email)}
${factRow('Postal address', longText(notifier.address))}
${factRow('Telephone', notifier.phone)}
${factRow('Country', notifier.country)}
${factRow('Acting for', notice.principalName)}
${factRow('The work', longText(notice.work.description))}
${notice.work.originalUrls?.length ? factRow('Original at', html`<ul class="plain">${notice.work.originalUrls.map((url) => html`<li class="url">${url}</li>`)}</ul>`) : null}
${factRow('Explanation', longText(notice.explanation))}
${details.map(([key, value]) => factRow(DETAIL_NAMES[key] ?? key, typeof value === 'string' && value.length > 80 ? longText(value) : detailValue(value)))}
${factRow('Signature', notice.signature)}
${factRow('Jurisdiction', notice.jurisdiction)}
${factRow('Language', notice.language)}
${factRow('Channel', notice.channel === 'api' ? 'JSON API' : 'Web form')}
${factRow('Received', formatTime(notice.receivedAt))}
</dl>
${
  notice.attestations.length
    ? html`<h3>Statements</h3>
<ul class="attestations">
${notice.attestations.map(
  (attestation) =>
    html`<li class="${attestation.accepted ? 'accepted' : 'not-accepted'}"><strong>${attestation.accepted ? 'Accepted' : 'Not accepted'}:</strong> ${attestation.text}</li>`,
)}
</ul>`
    : null
}
</section>`;
}

function itemsSection(detail: CaseDetail): SafeHtml {
  return html`<section class="panel" aria-labelledby="items-heading">
<h2 id="items-heading">Web addresses in the notice</h2>
<table class="items">
<thead><tr><th scope="col">#</th><th scope="col">Web address and passage</th><th scope="col">Match</th><th scope="col">State</th></tr></thead>
<tbody>
${detail.items.map(
  (item) => html`<tr>
<td>${item.position + 1}</td>
<td class="url">${item.url}${item.passage ? html`<blockquote>${item.passage}</blockquote>` : null}${item.media ? html`<span class="hint">Media: ${userText(item.media)}</span>` : null}${
    item.reason ? html`<span class="hint">Reason given: ${item.reason}</span>` : null
  }${item.passage && item.articleId ? html`<a class="hint" href="#passage-${item.position + 1}">Show in the article</a>` : null}</td>
<td>${MATCH_NAMES[item.match] ?? item.match}</td>
<td>${ITEM_STATE_NAMES[item.state] ?? item.state}</td>
</tr>`,
)}
</tbody>
</table>
</section>`;
}

function completenessSection(detail: CaseDetail): SafeHtml {
  const { completeness } = detail;
  const dmca = completeness.dmcaState
    ? html`<p>DMCA notice: <strong>${completeness.dmcaState}</strong>${
        completeness.dmcaState === 'curable'
          ? ' (ask the notifier for the missing elements promptly, §512(c)(3)(B)(ii))'
          : completeness.dmcaState === 'ineffective'
            ? ' (not a valid notification)'
            : ''
      }</p>`
    : null;
  return html`<section class="panel" aria-labelledby="completeness-heading">
<h2 id="completeness-heading">Completeness</h2>
${
  completeness.missing.length
    ? html`<p><span class="tag warn">Incomplete</span> The notice lacks:</p><ul class="checklist">${completeness.missing.map((element) => html`<li class="missing">${element.message}</li>`)}</ul>`
    : html`<p><span class="tag ok">Complete</span> Every element the law asks for this type of notice is present.</p>`
}
${dmca}
</section>`;
}

function articlesSection(detail: CaseDetail): SafeHtml {
  if (!detail.articles.length) {
    return html`<section class="panel" aria-labelledby="article-heading"><h2 id="article-heading">The article</h2><p class="muted">No web address in this notice is one of our articles.</p></section>`;
  }
  return html`${detail.articles.map((article) => {
    const items = detail.items.filter((item) => item.articleId === article.id && item.passage);
    const { markup, found } = highlightPassages(
      article.body ?? '',
      items.map((item) => item.passage!),
      items.map((item) => `passage-${item.position + 1}`),
    );
    const missing = items.filter((_, index) => !found[index]);
    const headingId = `article-${article.id}`;
    return html`<section class="panel article" aria-labelledby="${headingId}">
<p class="muted">Targeted article</p>
<h2 id="${headingId}">${article.title}</h2>
<p class="byline">${article.byline ? html`By ${article.byline}` : null}${article.section ? html` · ${article.section}` : null}${article.publishedAt ? html` · ${formatTime(article.publishedAt)}` : null}</p>
<p><span class="tag article-${article.state}">${ARTICLE_STATE_NAMES[article.state] ?? article.state}</span>${
      article.publicInterest ? html` <span class="tag warn">Public interest: taking it out of view needs a second approver</span>` : null
    } <span class="tag origin">${ORIGIN_LABELS[article.origin]}${article.licensor ? html` (${article.licensor})` : null}</span></p>
<p class="hint regime">${REGIME_SUMMARIES[article.origin]}</p>
<p class="url hint">${article.canonicalUrl}</p>
${items.length ? html`<p class="hint">Passages named in the notice are <mark>highlighted</mark>.</p>` : null}
${missing.length ? html`<p class="notice-box warn">Not found in the text: ${missing.map((item) => html`<q>${item.passage}</q> `)}</p>` : null}
<div class="article-text" tabindex="0" role="region" aria-label="Text of ${article.title}">${markup}</div>
</section>`;
  })}`;
}

function decisionsSection(ctx: PageContext): SafeHtml | null {
  const { decisions } = ctx.detail;
  if (!decisions.length) return null;
  return html`<section aria-labelledby="decisions-heading">
<h2 id="decisions-heading">Decisions</h2>
${decisions.map(
  (decision) => html`<article class="decision panel">
<h3>${decisionTitle(decision)} <span class="muted">· ${GROUND_NAMES[decision.ground] ?? decision.ground}</span></h3>
<p>${approvalState(decision)}</p>
${decisionBody(decision)}
</article>`,
)}
</section>`;
}

type DecisionView = CaseDetail['decisions'][number];

// A decision waiting for its second person has taken no action yet: it says so.
function decisionTitle(decision: DecisionView): string {
  if (decision.effective) return decision.outcome === 'actioned' ? 'Action taken' : 'No action';
  return decision.approval ? 'Sent back: not in effect' : 'Pending approval';
}

function decisionBody(decision: DecisionView): SafeHtml {
  return html`<p class="muted">By ${userText(decision.decidedBy?.name) ?? 'someone'}, ${formatTime(decision.decidedAt)}</p>
<ul class="plain">${decision.items.map(
    (item) =>
      html`<li><strong>${ITEM_ACTION_NAMES[item.action] ?? item.action}</strong> <span class="url">${item.url ?? ''}</span>${
        item.territories.length ? html` in ${item.territories.join(', ')}` : null
      }${item.until ? html` until ${item.until}` : null}${item.passage ? html`<blockquote>${item.passage}</blockquote>` : null}</li>`,
  )}</ul>
<h4>Statement of reasons</h4>
${longText(decision.reasons)}
${decision.publicNote ? html`<h4>Public note</h4>${longText(decision.publicNote)}` : null}`;
}

function approvalState(decision: DecisionView): SafeHtml | string {
  if (!decision.requiresApproval) return html`<span class="tag ok">In effect</span>`;
  if (!decision.approval) return html`<span class="tag warn">Waiting for approval</span> A second person with the legal or admin role must approve it before it takes effect.`;
  return decision.approval.outcome === 'approved'
    ? html`<span class="tag ok">Approved</span> by ${userText(decision.approval.by?.name) ?? 'someone'}, ${formatTime(decision.approval.at)}${
        decision.approval.comment ? html`<blockquote>${userText(decision.approval.comment)}</blockquote>` : null
      }`
    : html`<span class="tag">Sent back</span> by ${userText(decision.approval.by?.name) ?? 'someone'}, ${formatTime(decision.approval.at)}: ${userText(decision.approval.reason)}`;
}

function questionsSection(detail: CaseDetail): SafeHtml | null {
  if (!detail.infoRequests.length) return null;
  return html`<section aria-labelledby="questions-heading">
<h2 id="questions-heading">Questions to the notifier</h2>
<ol class="plain qa">
${detail.infoRequests.map(
  (request) => html`<li class="panel">
<p class="muted">${userText(request.askedBy?.name) ?? 'Staff'} asked, ${formatTime(request.askedAt)}</p>
${longText(request.message)}
${request.answer ? html`<p class="muted">The notifier answered, ${formatTime(request.answeredAt)}</p>${longText(request.answer)}` : html`<p class="muted">No answer yet.</p>`}
</li>`,
)}
</ol>
</section>`;
}

// --- the action forms ---

const TEXT_ACTIONS: Partial<Record<StaffAction, { title: string; button: string; field: FormField; danger?: boolean }>> = {
  request_info: {
    title: 'Ask the notifier for information',
    button: 'Send the question',
    field: {
      name: 'message',
      kind: 'textarea',
      label: 'Question to the notifier',
      hint: 'Sent by e-mail and shown on their tracking page. The review clock stops until they answer.',
    },
  },
  escalate: { title: 'Escalate to legal', button: 'Escalate', field: { name: 'reason', kind: 'textarea', label: 'Why legal should decide' } },
  reject_approval: {
    title: 'Send the decision back',
    button: 'Send back for review',
    field: { name: 'reason', kind: 'textarea', label: 'Why the decision is sent back' },
    danger: true,
  },
  reopen: { title: 'Reopen the case', button: 'Reopen', field: { name: 'reason', kind: 'textarea', label: 'Why the case is reopened' } },
  restore: {
    title: 'Restore the content',
    button: 'Restore',
    field: { name: 'reason', kind: 'textarea', label: 'Why the content is restored', hint: 'Sent to the notifier and the author.' },
  },
  decide_appeal: {
    title: 'Uphold the decision under appeal',
    button: 'Uphold the decision',
    field: { name: 'answer', kind: 'textarea', label: 'Reasoned answer', hint: 'Sent to the notifier and the author. To reverse, decide anew through the API.' },
  },
  close_duplicate: { title: 'Close as a duplicate', button: 'Close as duplicate', field: { name: 'duplicateOf', kind: 'text', label: 'Reference of the earlier case' } },
};

const BUTTON_ACTIONS: Partial<Record<StaffAction, { button: string; secondary?: boolean }>> = {
  start_review: { button: 'Start review' },
  close: { button: 'Close the case', secondary: true },
  close_lapsed: { button: 'Close as lapsed', secondary: true },
  unassign: { button: 'Unassign', secondary: true },
};

function quickActions(ctx: PageContext): SafeHtml | null {
  const { detail, actor } = ctx;
  const actions = detail.actions as StaffAction[];
  const forms: SafeHtml[] = [];
  if (actions.includes('assign') && detail.assignee?.id !== actor.id) {
    forms.push(transitionForm(ctx, 'assign', html`<button type="submit" class="secondary">Assign to me</button>`, { inline: true }));
  }
  if (actions.includes('approve')) forms.push(html`<a class="button" href="#approve-heading">Review the decision to approve it</a>`);
  for (const action of ['start_review', 'close', 'close_lapsed', 'unassign'] as const) {
    if (!actions.includes(action) || (action === 'unassign' && !detail.assignee)) continue;
    // The workflow refuses to start a review of someone else's case: do not offer it.
    if (action === 'start_review' && detail.assignee && detail.assignee.id !== actor.id) continue;
    const spec = BUTTON_ACTIONS[action]!;
    forms.push(transitionForm(ctx, action, html`<button type="submit"${spec.secondary ? html` class="secondary"` : null}>${spec.button}</button>`, { inline: true }));
  }
  const field = assignField(ctx);
  const assignOthers = actions.includes('assign') && can(actor, 'cases.assign_others') && field.options!.length > 1;
  if (!forms.length && !assignOthers) return null;
  return html`<section class="quick-actions" aria-label="Case actions">
${forms}
${assignOthers ? transitionForm(ctx, 'assign', html`${renderField(field, { values: valuesFor(ctx, 'assign'), errors: errorsFor(ctx, 'assign') })}<button type="submit" class="secondary">Assign</button>`, { inline: true, label: 'Assign to someone else' }) : null}
</section>`;
}

// Legal and admin assign others: any active staff member but the current assignee.
function assignField(ctx: PageContext): FormField {
  const others = ctx.staff.filter((member) => member.active && member.id !== ctx.detail.assignee?.id);
  return {
    name: 'assigneeId',
    kind: 'select',
    label: 'Assign to',
    options: [{ value: '', label: 'Choose a person' }, ...others.map((member) => ({ value: member.id, label: `${member.name} (${member.role})` }))],
  };
}

// The decision form's fields, in order: one row per item in scope, then ground and reasons.
export function decideFields(detail: CaseDetail): { rows: Array<{ item: CaseDetail['items'][number]; fields: FormField[] }>; fields: FormField[] } {
  const inScope = detail.items.filter((item) => item.state !== 'out_of_scope');
  const rows = inScope.map((item, index) => {
    const n = item.position + 1;
    const fields: FormField[] = [
      {
        name: `items[${index}].action`,
        kind: 'select',
        label: `Decision for item ${n}`,
        options: [{ value: '', label: 'Choose' }, ...Object.entries(ITEM_ACTION_NAMES).map(([value, label]) => ({ value, label }))],
      },
      {
        name: `items[${index}].territories`,
        kind: 'text',
        label: `Territories for item ${n}`,
        hint: 'Restrict only: country codes, comma-separated, like DE, AT.',
        width: 'medium',
      },
      {
        name: `items[${index}].until`,
        kind: 'text',
        label: `Restricted until (item ${n})`,
        hint: 'Restrict only: a date like 2027-01-31. Empty: no end date.',
        width: 'medium',
        optional: true,
      },
      { name: `items[${index}].passage`, kind: 'textarea', label: `Passage to redact (item ${n})`, hint: 'Redact only: quote the words exactly as in the article.' },
    ];
    return { item, fields };
  });
  const fields: FormField[] = [
    {
      name: 'ground',
      kind: 'select',
      label: 'Legal ground',
      options: [{ value: '', label: 'Choose a ground' }, ...groundsFor(detail.notice.type).map((ground) => ({ value: ground, label: GROUND_NAMES[ground] ?? ground }))],
    },
    {
      name: 'reasons',
      kind: 'textarea',
      label: 'Statement of reasons',
      hint: `Sent to the notifier and to the article's author (at least ${MIN_REASONS_LENGTH} characters): the facts, the ground and why.`,
    },
    { name: 'publicNote', kind: 'textarea', label: 'Public note', hint: 'Shown on the tombstone page of a removed article. No personal data.', optional: true },
  ];
  return { rows, fields };
}

function decideForm(ctx: PageContext): SafeHtml {
  const { rows, fields } = decideFields(ctx.detail);
  const state = { values: valuesFor(ctx, 'decide'), errors: errorsFor(ctx, 'decide') };
  return html`<section class="panel" aria-labelledby="decide-heading">
<h3 id="decide-heading">Record a decision</h3>
${transitionForm(
  ctx,
  'decide',
  html`${rows.map(
    ({ item, fields: rowFields }, index) => html`<fieldset class="item-row">
<legend>Item ${item.position + 1}: <span class="url">${item.url}</span></legend>
<input type="hidden" name="items[${index}].itemId" value="${item.id}">
${rowFields.map((field) => renderField(field, state))}
</fieldset>`,
  )}
${fields.map((field) => renderField(field, state))}
<button type="submit">Record decision</button>`,
)}
</section>`;
}

function approveForm(ctx: PageContext): SafeHtml | null {
  const pending = ctx.detail.decisions.find((decision) => decision.requiresApproval && !decision.approval);
  if (!pending) return null;
  return approvalPanel({
    reasons: approvalReasonsOf(ctx.detail.timeline),
    summary: html`<h4>Proposed action · ${GROUND_NAMES[pending.ground] ?? pending.ground}</h4>${decisionBody(pending)}`,
    form: (inner) => transitionForm(ctx, 'approve', inner, { label: 'Approve the decision' }),
    state: { values: valuesFor(ctx, 'approve'), errors: errorsFor(ctx, 'approve') },
  });
}

function textActionForm(ctx: PageContext, action: StaffAction): SafeHtml {
  const spec = TEXT_ACTIONS[action]!;
  const headingId = `${action}-heading`;
  const submitted = ctx.form?.action === action;
  return html`<details class="panel"${submitted ? html` open` : null}>
<summary id="${headingId}">${spec.title}</summary>
${transitionForm(
  ctx,
  action,
  html`${renderField(spec.field, { values: valuesFor(ctx, action), errors: errorsFor(ctx, action) })}<button type="submit"${spec.danger ? html` class="danger"` : null}>${spec.button}</button>`,
  { label: spec.title },
)}
</details>`;
}

function actionsSection(ctx: PageContext): SafeHtml {
  const actions = ctx.detail.actions as StaffAction[];
  const text = (Object.keys(TEXT_ACTIONS) as StaffAction[]).filter((action) => actions.includes(action));
  const decide = actions.includes('decide');
  const { assignee } = ctx.detail;
  const heldElsewhere = assignee && !mayActOn(ctx.actor, assignee.id);
  return html`<section id="actions" aria-labelledby="actions-heading">
<h2 id="actions-heading">Actions</h2>
${
  heldElsewhere
    ? html`<p class="notice-box">This case is held by <strong>${assignee.name}</strong>: only they, or legal or admin, can act on it. You can add a note below.</p>`
    : !decide && !text.length
      ? html`<p class="muted">${actions.length ? 'Use the buttons at the top of the page.' : `Nothing you can do on a case that is ${STATUS_NAMES[ctx.detail.status].toLowerCase()}.`}</p>`
      : null
}
${actions.includes('approve') ? approveForm(ctx) : null}
${decide ? decideForm(ctx) : null}
${text.map((action) => textActionForm(ctx, action))}
</section>`;
}

const NOTE_FIELD: FormField = { name: 'body', kind: 'textarea', label: 'New note', hint: 'Only staff see internal notes.' };

function notesSection(ctx: PageContext): SafeHtml {
  const { detail } = ctx;
  return html`<section aria-labelledby="notes-heading">
<h2 id="notes-heading">Internal notes</h2>
${
  detail.notes.length
    ? html`<ol class="plain notes">${detail.notes.map(
        (note) => html`<li class="panel"><p class="muted">${userText(note.author?.name) ?? 'Staff'}, ${formatTime(note.createdAt)}</p>${longText(note.body)}</li>`,
      )}</ol>`
    : html`<p class="muted">No notes yet.</p>`
}
<form method="post" action="/desk/cases/${detail.reference}/notes" novalidate aria-label="Add an internal note">
${csrfInput(ctx.csrfToken)}
${renderField(NOTE_FIELD, { values: valuesFor(ctx, 'note'), errors: errorsFor(ctx, 'note') })}
<button type="submit" class="secondary">Add note</button>
</form>
</section>`;
}

// --- the timeline ---

function who(event: TimelineEvent): SafeHtml | string {
  switch (event.actor.type) {
    case 'staff':
      return html`${userText(event.actor.name) ?? 'Staff'}${event.actor.role ? ` (${event.actor.role})` : ''}`;
    case 'notifier':
      return 'The notifier';
    case 'author':
      return 'The author';
    default:
      return 'The desk';
  }
}

// Bookkeeping fields a person does not need to read.
const HIDDEN_CHANGES = new Set(['version', 'slaRemainingSeconds']);
const CHANGE_NAMES: Record<string, string> = { status: 'Status', assigneeId: 'Assignee', dueAt: 'Due', state: 'Article' };
const TEXT_DATA = ['message', 'reason', 'comment', 'answer', 'reasons', 'publicNote'];

function changeValue(field: string, value: unknown, names: Map<string, string>): SafeHtml | string {
  if (value === null || value === undefined || value === '') return 'none';
  if (field === 'status') return STATUS_NAMES[value as CaseStatus] ?? String(value);
  if (field === 'assigneeId') return names.get(String(value)) ?? 'a former staff member';
  if (field === 'dueAt') return formatTime(String(value));
  if (field === 'state') return ARTICLE_STATE_NAMES[String(value)] ?? String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function eventEntry(event: TimelineEvent, names: Map<string, string>): SafeHtml {
  const changes = Object.entries(event.changes ?? {}).filter(([field]) => !HIDDEN_CHANGES.has(field));
  const data = event.data ?? {};
  const facts = [
    typeof data.outcome === 'string' ? `Outcome: ${data.outcome !== 'actioned' ? 'no action' : data.requiresApproval ? 'action, pending approval' : 'action taken'}` : null,
    typeof data.ground === 'string' ? `Ground: ${GROUND_NAMES[data.ground] ?? data.ground}` : null,
    typeof data.kind === 'string' ? `Kind: ${data.kind.replace(/_/g, ' ')}${typeof data.recipientRole === 'string' ? ` to the ${data.recipientRole}` : ''}` : null,
  ].filter((fact): fact is string => fact !== null);
  return html`<li>${formatTime(event.at)}<strong>${eventLabel(event.action)}</strong> <span class="muted">by ${who(event)}</span>
${
  changes.length
    ? html`<ul class="changes">${changes.map(
        ([field, change]) => html`<li>${CHANGE_NAMES[field] ?? field}: ${changeValue(field, change.before, names)} → ${changeValue(field, change.after, names)}</li>`,
      )}</ul>`
    : null
}
${facts.length ? html`<span class="hint">${facts.join(' · ')}</span>` : null}
${TEXT_DATA.filter((key) => typeof data[key] === 'string' && data[key]).map((key) => html`<blockquote>${String(data[key])}</blockquote>`)}
</li>`;
}

function timelineSection(ctx: PageContext): SafeHtml {
  return html`<section aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
<ol class="timeline">
${ctx.detail.timeline.map((event) => eventEntry(event, ctx.names))}
</ol>
</section>`;
}

// --- banners ---

// What changed since the editor loaded the page, from what the form said they saw.
export function changesSince(detail: CaseDetail, seen: SeenSnapshot, names: Map<string, string>): { summary: string[]; events: TimelineEvent[] } {
  const summary: string[] = [];
  if (seen.status && seen.status !== detail.status) {
    summary.push(`The status changed from ${STATUS_NAMES[seen.status as CaseStatus] ?? seen.status} to ${STATUS_NAMES[detail.status]}.`);
  }
  const assigneeNow = detail.assignee?.id ?? null;
  if (seen.assigneeId !== assigneeNow) {
    const name = (id: string | null) => (id ? (names.get(id) ?? 'a former staff member') : 'nobody');
    summary.push(`The case was assigned to ${name(assigneeNow)} (before: ${name(seen.assigneeId)}).`);
  }
  const after = /^\d+$/.test(seen.eventId) ? BigInt(seen.eventId) : -1n;
  const events = detail.timeline.filter((event) => BigInt(event.id) > after);
  const decisions = events.filter((event) => event.action === 'decision.recorded').length;
  if (decisions) summary.push(decisions === 1 ? 'A new decision was recorded.' : `${decisions} new decisions were recorded.`);
  if (!summary.length) summary.push('The case was updated.');
  return { summary, events };
}

function conflictBanner(ctx: PageContext, seen: SeenSnapshot): SafeHtml {
  const { summary, events } = changesSince(ctx.detail, seen, ctx.names);
  return html`<div class="notice-box warn conflict" role="alert" aria-labelledby="conflict-title" tabindex="-1" autofocus>
<h2 id="conflict-title">Someone else changed this case while you were working on it</h2>
<ul>${summary.map((line) => html`<li>${line}</li>`)}</ul>
${events.length ? html`<details><summary>What happened since you opened the page (${events.length})</summary><ol class="timeline">${events.map((event) => eventEntry(event, ctx.names))}</ol></details>` : null}
<p>Nothing you typed was lost: it is still in <a href="#actions">the form below</a>. Check the changes, then send the form again.</p>
</div>`;
}

function problemBanner(problem: { title: string; detail: string }): SafeHtml {
  return html`<div class="error-summary" role="alert" aria-labelledby="problem-title" tabindex="-1" autofocus>
<h2 id="problem-title">${problem.title}</h2>
<p>${problem.detail}</p>
</div>`;
}

// Text typed into a form this page no longer offers (the case moved on): shown, not lost.
function orphanedText(ctx: PageContext): SafeHtml | null {
  const form = ctx.form;
  if (!form || form.action === 'note' || (ctx.detail.actions as StaffAction[]).includes(form.action)) return null;
  const typed = Object.entries(form.values).filter(([name, value]) => value.trim() && /^(message|reason|reasons|comment|publicNote|items\[\d+\]\.passage)$/.test(name));
  if (!typed.length) return null;
  return html`<div class="notice-box"><h2>What you typed</h2><p>This action is no longer possible, so it was not sent. Copy your text if you still need it.</p>${typed.map(
    ([, value]) => html`<blockquote>${value}</blockquote>`,
  )}</div>`;
}

// The fields of one form, for its error summary's links.
function formFields(action: SubmittedForm['action'], ctx: PageContext): FormField[] {
  if (action === 'note') return [NOTE_FIELD];
  if (action === 'assign') return [assignField(ctx)];
  if (action === 'approve') return APPROVE_FIELDS;
  if (action === 'decide') {
    const { rows, fields } = decideFields(ctx.detail);
    return [...rows.flatMap((row) => row.fields), ...fields];
  }
  const spec = own(TEXT_ACTIONS, action);
  return spec ? [spec.field] : [];
}

export function casePage(state: CasePageState): string {
  const names = new Map(state.staff.map((member) => [member.id, member.name]));
  const ctx: PageContext = { ...state, names };
  const { detail } = state;
  const summaryFields = state.form ? formFields(state.form.action, ctx) : [];
  const errors = plainChoiceErrors(state.form?.errors ?? [], summaryFields);
  if (state.form) ctx.form = { ...state.form, errors };
  const done =
    state.done === 'decide' && detail.status === 'pending_approval'
      ? 'The decision was recorded. It takes effect when a second person (legal or admin) approves it.'
      : state.done
        ? own(DONE_MESSAGES, state.done)
        : undefined;
  return page({
    title: titled(`Case ${detail.reference}`, errors),
    private: true,
    staff: staffNav(state.actor, state.csrfToken),
    body: html`<div class="desk-wide">
${state.conflict ? conflictBanner(ctx, state.conflict) : null}
${state.problem ? problemBanner(state.problem) : null}
${errorSummary(errors, summaryFields)}
${okBanner(done)}
${orphanedText(ctx)}
${caseHeader(ctx)}
${quickActions(ctx)}
<div class="case-columns">
<div class="case-column">
${noticeSection(detail)}
${itemsSection(detail)}
${completenessSection(detail)}
</div>
<div class="case-column">
${aftercareSection(detail, formatTime)}
${articlesSection(detail)}
</div>
</div>
${state.evidence ?? null}
${decisionsSection(ctx)}
${questionsSection(detail)}
${actionsSection(ctx)}
${notesSection(ctx)}
${timelineSection(ctx)}
</div>`,
  });
}
