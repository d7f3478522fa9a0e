import type { FieldError } from '../common/desk-error';
import { html, SafeHtml } from '../common/html';
import { formatTime } from '../web/page-parts';
import type { FormField, FormValues } from '../web/form-fields';
import { errorSummary, renderField } from '../web/form-fields';
import { can } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { page } from '../web/layout';
import { emptyList, listTable } from '../web/list-page';
import { csrfInput, titled } from '../web/page-parts';
import { SUSPENSION_END_WORDS, SUSPENSION_STATE_NAMES } from './misuse-rules';
import type { MisuseService } from './misuse.service';

type Listing = Awaited<ReturnType<MisuseService['list']>>;
type Entry = Listing['suspensions'][number];

export interface MisuseForm {
  id: string;
  kind: 'decision' | 'appeal';
  values: FormValues;
  errors: FieldError[];
}

export const DECISION_FIELDS: FormField[] = [
  {
    name: 'decision',
    kind: 'select',
    label: 'Decision',
    options: [
      { value: '', label: 'Choose' },
      { value: 'confirm', label: 'Confirm the suspension' },
      { value: 'decline', label: 'Decline' },
    ],
  },
  { name: 'days', kind: 'text', label: 'Days', hint: 'How long the suspension lasts (confirm only).', width: 'short', optional: true },
  { name: 'reasons', kind: 'textarea', label: 'Reasons', hint: 'Sent to the notifier when confirmed: the facts, the count and why.' },
];

export const APPEAL_DECISION_FIELDS: FormField[] = [
  {
    name: 'outcome',
    kind: 'select',
    label: 'Outcome',
    options: [
      { value: '', label: 'Choose' },
      { value: 'upheld', label: 'The suspension stands' },
      { value: 'lifted', label: 'Lift the suspension' },
    ],
  },
  { name: 'answer', kind: 'textarea', label: 'Reasoned answer', hint: 'Sent to the notifier.' },
];

const day = (value: Date | string | null) => (value ? new Date(value).toISOString().slice(0, 10) : '—');

// Each listed suspension has its own form: its fields' ids carry the suspension's.
const formScope = (id: string) => `s-${id}`;

function entryForms(entry: Entry, actor: StaffActor, csrfToken: string, form: MisuseForm | undefined): SafeHtml | null {
  if (!can(actor, 'misuse.decide')) return null;
  const state = (kind: MisuseForm['kind']) => (form?.id === entry.id && form.kind === kind ? { values: form.values, errors: form.errors } : { values: {}, errors: [] });
  if (entry.state === 'proposed') {
    const filled = state('decision');
    return html`<form method="post" action="/desk/misuse/suspensions/${entry.id}/decision" novalidate aria-label="Decide on the suspension of ${entry.notifierEmail}">
${csrfInput(csrfToken)}${DECISION_FIELDS.map((field) => renderField(field, { values: { days: String(entry.days), ...filled.values }, errors: filled.errors }, formScope(entry.id)))}
<button type="submit">Record the decision</button></form>`;
  }
  if (entry.appeal && !entry.appeal.outcome) {
    return html`<form method="post" action="/desk/misuse/suspensions/${entry.id}/appeal-decision" novalidate aria-label="Answer the appeal of ${entry.notifierEmail}">
${csrfInput(csrfToken)}${APPEAL_DECISION_FIELDS.map((field) => renderField(field, state('appeal'), formScope(entry.id)))}
<button type="submit">Answer the appeal</button></form>`;
  }
  return null;
}

// A sender organisation's suspension covers all its keys (admins reach its page); a notifier's, their e-mail.
function whom(entry: Entry, actor: StaffActor): SafeHtml {
  if (!entry.senderOrganisationId) return html`${entry.notifierEmail}${entry.organization ? html` <span class="muted">(${entry.organization})</span>` : null}`;
  const name = can(actor, 'senders.manage') ? html`<a href="/desk/senders/${entry.senderOrganisationId}">${entry.organization}</a>` : html`${entry.organization}`;
  return html`Organisation ${name} <span class="muted">(all its keys; contact ${entry.notifierEmail})</span>`;
}

function marksTable(entry: Entry): SafeHtml {
  return listTable({
    caption: `Notices of ${entry.senderOrganisationId ? `${entry.organization ?? entry.notifierEmail} (all its keys)` : entry.notifierEmail} marked manifestly unfounded`,
    rows: entry.marks,
    empty: 'No marked notice in the period.',
    columns: [
      { heading: 'Case', cell: (mark) => (mark.reference ? html`<a href="/desk/cases/${mark.reference}">${mark.reference}</a>` : null), nowrap: true },
      { heading: 'Marked', cell: (mark) => day(mark.markedAt) },
      { heading: 'Why', cell: (mark) => mark.reason },
    ],
  });
}

function entrySection(entry: Entry, actor: StaffActor, csrfToken: string, form: MisuseForm | undefined): SafeHtml {
  return html`<section class="panel" aria-labelledby="s-${entry.id}">
<h2 id="s-${entry.id}">${whom(entry, actor)} <span class="tag">${SUSPENSION_STATE_NAMES[entry.state]}</span></h2>
<p>${entry.markCount} manifestly unfounded notices in the period; proposed ${formatTime(entry.proposedAt)} on <a href="/desk/cases/${entry.caseReference}">${entry.caseReference}</a>.
${entry.endsAt ? html` ${SUSPENSION_END_WORDS[entry.state]} ${day(entry.endsAt)}.` : null}</p>
${entry.reasons ? html`<p><strong>Reasons:</strong> ${entry.reasons}</p>` : null}
<details><summary>The marked notices (${entry.marks.length})</summary>${marksTable(entry)}</details>
${entry.appeal ? html`<p><strong>Appeal</strong> (${day(entry.appeal.appealedAt)}): ${entry.appeal.grounds}${entry.appeal.outcome ? html`<br><strong>Answer</strong> (${entry.appeal.outcome}): ${entry.appeal.answer}` : null}</p>` : null}
${entryForms(entry, actor, csrfToken, form)}
</section>`;
}

// /desk/misuse: the desk's proposals, legal's decisions and the notifiers' appeals (DSA Art. 23).
export function misusePage(state: { actor: StaffActor; csrfToken: string; listing: Listing; form?: MisuseForm; problem?: string; done?: boolean }): string {
  const { listing, form } = state;
  const fields = form?.kind === 'appeal' ? APPEAL_DECISION_FIELDS : DECISION_FIELDS;
  const errors = form?.errors ?? [];
  return page({
    title: titled('Misuse: suspensions', errors),
    private: true,
    staff: { name: state.actor.name, role: state.actor.role, csrfToken: state.csrfToken },
    body: html`<div class="desk-wide">
<p class="breadcrumb"><a href="/desk">Back to the queue</a></p>
${errorSummary(errors, fields, form && formScope(form.id))}
${state.problem ? html`<div class="error-summary" role="alert" tabindex="-1" autofocus><h2>Not possible</h2><p>${state.problem}</p></div>` : null}
${state.done ? html`<div class="notice-box ok" role="status"><p>Recorded.</p></div>` : null}
<h1>Misuse: suspensions</h1>
<p>When staff mark ${listing.settings.threshold} rejected notices of one notifier (or of one sender organisation, counting all its keys) as manifestly unfounded within ${listing.settings.periodDays} days, the desk proposes suspending them for ${listing.settings.suspensionDays} days. Legal confirms with reasons; the notifier is told and may appeal. While suspended, their notices (an organisation’s: those filed with any of its keys) are kept on record but not processed.</p>
${listing.suspensions.length ? listing.suspensions.map((entry) => entrySection(entry, state.actor, state.csrfToken, form)) : emptyList('No suspension has been proposed.')}
</div>`,
  });
}
