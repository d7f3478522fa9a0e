import { html, SafeHtml, userText } from '../common/html';
import { page } from '../web/layout';
import type { NoticeType } from './completeness';
import { BOXES_SHOWN, correctionFields, correctionSections, MAX_CORRECTION_ROWS } from './correction-form';
import { errorSummary, fieldId, FormField, FormState, FormValues, renderField } from '../web/form-fields';
import { formatDate, titled } from '../web/page-parts';
import { noticeToFormValues } from './notice-form';
import { noticeFormSections } from './notice-form-fields';
import type { TrackingView } from './tracking-view';

// The parts of the tracking page about what the notifier sent, and the correction page.

function shown(field: FormField, value: string): string {
  if (field.kind === 'checkbox') return 'Yes';
  if (field.kind === 'radio' || field.kind === 'yesno' || field.kind === 'select') return field.options?.find((option) => option.value === value)?.label ?? value;
  return value;
}

// The notice as it stands, section by section, in the form's words (the pages are listed apart).
function noticeAnswers(type: NoticeType, values: FormValues): SafeHtml {
  return html`${noticeFormSections(type)
    .filter((section) => section.id !== 'content')
    .map((section) => {
      const filled = section.fields.filter((field) => values[field.name]);
      if (!filled.length) return null;
      return html`<h4>${section.title}</h4>
<dl class="facts answers">${filled.map((field) => html`<dt>${field.label}</dt><dd>${userText(shown(field, values[field.name]))}</dd>`)}</dl>`;
    })}`;
}

const APPEAL_OUTCOMES: Record<string, string> = { upheld: 'The decision was upheld.', reversed: 'The decision was reversed.' };

export function whatYouSent(view: TrackingView, token: string): SafeHtml {
  const values = noticeToFormValues({ type: view.type as NoticeType, ...view.sent.notice, items: [] });
  return html`<section aria-labelledby="what-you-sent">
<h2 id="what-you-sent">What you sent us</h2>
<details>
<summary>Your notice${view.sent.corrections ? ` (corrected ${view.sent.corrections === 1 ? 'once' : `${view.sent.corrections} times`}; every earlier version is kept on record)` : ''}</summary>
${noticeAnswers(view.type as NoticeType, values)}
</details>
${
  view.actions.correct
    ? html`<p>Something wrong or missing in your notice? <a href="/track/${token}/correct">Correct or add to your notice</a>. We keep what you sent first, and show your correction to the editor.</p>`
    : null
}
${
  view.questions.length
    ? html`<h3>Our questions and your answers</h3>
<ol class="questions">${view.questions.map(
        (question) =>
          html`<li><p><strong>We asked</strong> on ${formatDate(question.askedAt)}:</p><blockquote>${question.message}</blockquote>${
            question.answeredAt
              ? html`<p><strong>You answered</strong> on ${formatDate(question.answeredAt)}:</p>${question.answer ? html`<blockquote>${question.answer}</blockquote>` : html`<p class="muted">You sent the missing information without a written answer.</p>`}`
              : html`<p class="muted">Not answered yet.</p>`
          }</li>`,
      )}</ol>`
    : null
}
${
  view.sent.appeals.length
    ? html`<h3>Your appeals</h3>
<ol>${view.sent.appeals.map(
        (appeal) =>
          html`<li><p>Sent on ${formatDate(appeal.filedAt)}:</p><blockquote>${appeal.grounds}</blockquote>${
            appeal.outcome
              ? html`<p><strong>Our answer</strong>${appeal.answeredAt ? html` of ${formatDate(appeal.answeredAt)}` : null}: ${APPEAL_OUTCOMES[appeal.outcome] ?? ''}</p>${appeal.answer ? html`<blockquote>${appeal.answer}</blockquote>` : null}`
              : html`<p class="muted">Not answered yet.</p>`
          }</li>`,
      )}</ol>`
    : null
}
${
  view.sent.courtActions.length
    ? html`<h3>Court actions you reported</h3>
<ul>${view.sent.courtActions.map((action) => html`<li>${userText(action.court)}, case ${userText(action.caseNumber)}, filed on ${action.filedOn} (reported ${formatDate(action.reportedAt)})</li>`)}</ul>`
    : null
}
</section>`;
}

export function correctionPage(view: TrackingView, token: string, state: FormState): string {
  const base = `/track/${token}`;
  const sections = correctionSections(view.type as NoticeType, view.items);
  const fields = correctionFields(sections);
  return page({
    title: titled(`Correct your notice ${view.reference}`, state.errors),
    private: true,
    body: html`${errorSummary(state.errors, fields)}
<p><a href="${base}">Back to your case</a></p>
<h1>Correct your notice</h1>
<p class="lead">Case <span class="reference">${view.reference}</span>. Type over anything that is wrong, or fill in what is missing, then save. Fields you leave as they are stay as they are.</p>
<p class="muted">What you sent first is kept on record, and the editor sees each change.${view.items.length > MAX_CORRECTION_ROWS ? ` Only the first ${MAX_CORRECTION_ROWS} web addresses are shown here.` : ''}</p>
<form method="post" action="${base}/correct" novalidate>
<input type="hidden" name="${BOXES_SHOWN}" value="1">
${sections.map(
  (section) => html`<fieldset id="${section.id}">
<legend><h2>${section.title}</h2></legend>
${section.intro ? html`<p class="muted">${section.intro}</p>` : null}
${(section.rows ?? []).map(
  (row) => html`<div class="item-row" role="group" aria-labelledby="${fieldId(row.fields[0].name)}-row">
<h3 id="${fieldId(row.fields[0].name)}-row">${row.label}</h3>
${row.fields.map((field) => renderField(field, state))}
</div>`,
)}
${section.fields.map((field) => renderField(field, state))}
</fieldset>`,
)}
<button type="submit">Save the corrections</button>
</form>`,
  });
}
