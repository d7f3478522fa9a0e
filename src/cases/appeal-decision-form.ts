import { html, SafeHtml } from '../common/html';
import { FormField, FormState, renderField } from '../web/form-fields';
import type { CaseDetail } from './case-labels';

// The appeal decision on the case page (DSA Art. 20): the grounds, then uphold or reverse
// with a new decision (the decision form's own fields) and the reasoned answer sent to both
// parties. Someone who took or approved the decision under appeal is refused (four eyes).

export const APPEAL_OUTCOME_FIELD: FormField = {
  name: 'outcome',
  kind: 'radio',
  label: 'Outcome of the appeal',
  options: [
    { value: 'uphold', label: 'Uphold the decision', hint: 'Nothing changes; the case returns to where it was.' },
    { value: 'reverse', label: 'Reverse it with a new decision', hint: 'The new decision below takes effect at once: what it no longer acts on is put back.' },
  ],
};

export const APPEAL_ANSWER_FIELD: FormField = {
  name: 'answer',
  kind: 'textarea',
  label: 'Reasoned answer',
  hint: 'Sent to the notifier and the author, with the out-of-court settlement bodies and courts as further redress.',
};

const APPELLANTS: Record<string, string> = { notifier: 'The notifier', author: 'The author' };

export interface AppealDecisionInput {
  appeal: CaseDetail['appeals'][number];
  // The decision form's fields (desk-pages decideFields): one row per item, then ground and reasons.
  decision: { rows: Array<{ item: CaseDetail['items'][number]; fields: FormField[] }>; fields: FormField[] };
  form: (inner: SafeHtml) => SafeHtml;
  state: FormState;
  formatTime: (value: Date | string) => SafeHtml | string;
}

// Every field of the form, for its error summary.
export function appealDecisionFields(decision: AppealDecisionInput['decision']): FormField[] {
  return [APPEAL_OUTCOME_FIELD, APPEAL_ANSWER_FIELD, ...decision.rows.flatMap((row) => row.fields), ...decision.fields];
}

export function appealDecisionForm({ appeal, decision, form, state, formatTime }: AppealDecisionInput): SafeHtml {
  const withOutcome: FormState = { ...state, values: { outcome: 'uphold', ...state.values } };
  return html`<section class="panel appeal-decision" aria-labelledby="decide-appeal-heading">
<h3 id="decide-appeal-heading">Decide the appeal</h3>
<p>${APPELLANTS[appeal.appellant] ?? appeal.appellant} appealed on ${formatTime(appeal.filedAt)}. Their grounds:</p>
<blockquote class="appeal-grounds">${appeal.grounds}</blockquote>
<p class="hint">Only someone who neither took nor approved the decision under appeal may decide it.</p>
${form(html`${renderField(APPEAL_OUTCOME_FIELD, withOutcome)}
${renderField(APPEAL_ANSWER_FIELD, withOutcome)}
<fieldset class="reversal">
<legend>When reversing: the new decision</legend>
<p class="hint">Leave these empty to uphold.</p>
${decision.rows.map(
  ({ item, fields }, index) => html`<fieldset class="item-row">
<legend>Item ${item.position + 1}: <span class="url">${item.url}</span></legend>
<input type="hidden" name="items[${index}].itemId" value="${item.id}">
${fields.map((field) => renderField(field, withOutcome))}
</fieldset>`,
)}
${decision.fields.map((field) => renderField(field, withOutcome))}
</fieldset>
<button type="submit">Decide the appeal</button>`)}
</section>`;
}
