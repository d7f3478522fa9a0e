import type { FieldError } from '../common/desk-error';
import { html, SafeHtml } from '../common/html';
import { formatTime } from '../web/page-parts';
import type { FormField, FormValues } from '../web/form-fields';
import { errorSummary, renderField } from '../web/form-fields';
import { can } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { page } from '../web/layout';
import { csrfInput, titled } from '../web/page-parts';
import { SUSPENSION_STATE_NAMES } from './misuse-rules';
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

function entryForms(entry: Entry, actor: StaffActor, csrfToken: string, form: MisuseForm | undefined): SafeHtml | null {
  if (!can(actor, 'misuse.decide')) return null;
  const state = (kind: MisuseForm['kind']) => (form?.id === entry.id && form.kind === kind ? { values: form.values, errors: form.errors } : { values: {}, errors: [] });
  if (entry.state === 'proposed') {
    const filled = state('decision');
    return html`<form method="post" action="/desk/misuse/suspensions/${entry.id}/decision" novalidate aria-label="Decide on the suspension of ${entry.notifierEmail}">
${csrfInput(csrfToken)}${DECISION_FIELDS.map((field) => renderField(field, { values: { days: String(entry.days), ...filled.values }, errors: filled.errors }))}
<button type="submit">Record the decision</button></form>`;
  }
  if (entry.appeal && !entry.appeal.outcome) {
    return html`<form method="post" action="/desk/misuse/suspensions/${entry.id}/appeal-decision" novalidate aria-label="Answer the appeal of ${entry.notifierEmail}">
${csrfInput(csrfToken)}${APPEAL_DECISION_FIELDS.map((field) => renderField(field, state('appeal')))}
<button type="submit">Answer the appeal</button></form>`;
  }
  return null;
}

function entrySection(entry: Entry, actor: StaffActor, csrfToken: string, form: MisuseForm | undefined): SafeHtml {
  return html`<section class="panel" aria-labelledby="s-${entry.id}">
<h2 id="s-${entry.id}">${entry.notifierEmail}${entry.organization ? html` <span class="muted">(${entry.organization})</span>` : null} <span class="tag">${SUSPENSION_STATE_NAMES[entry.state]}</span></h2>
<p>${entry.markCount} manifestly unfounded notices in the period; proposed ${formatTime(entry.proposedAt)} on <a href="/desk/cases/${entry.caseReference}">${entry.caseReference}</a>.
${entry.endsAt ? html` Suspended until ${day(entry.endsAt)}.` : null}</p>
${entry.reasons ? html`<p><strong>Reasons:</strong> ${entry.reasons}</p>` : null}
<details><summary>The marked notices (${entry.marks.length})</summary><ul>${entry.marks.map(
    (mark) => html`<li><a href="/desk/cases/${mark.reference}">${mark.reference}</a> · ${day(mark.markedAt)} · ${mark.reason}</li>`,
  )}</ul></details>
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
${errorSummary(errors, fields)}
${state.problem ? html`<div class="error-summary" role="alert" tabindex="-1" autofocus><h2>Not possible</h2><p>${state.problem}</p></div>` : null}
${state.done ? html`<div class="notice-box ok" role="status"><p>Recorded.</p></div>` : null}
<h1>Misuse: suspensions</h1>
<p>When staff mark ${listing.settings.threshold} rejected notices of one notifier as manifestly unfounded within ${listing.settings.periodDays} days, the desk proposes suspending them for ${listing.settings.suspensionDays} days. Legal confirms with reasons; the notifier is told and may appeal. While suspended, their notices are kept on record but not processed.</p>
${listing.suspensions.length ? listing.suspensions.map((entry) => entrySection(entry, state.actor, state.csrfToken, form)) : html`<p class="muted">No suspension has been proposed.</p>`}
</div>`,
  });
}
