import { html, SafeHtml, userText } from '../common/html';
import { page } from '../web/layout';
import type { NoticeType } from './completeness';
import type { FormField, FormValues } from '../web/form-fields';
import { FORM_TOKEN_FIELD, noticeFormSections } from './notice-form-fields';
import type { NoticeReview, ReviewedItem } from './notice-review.service';
import { NOTICE_TYPE_INFO, statementsFor } from './notice-types';

// The review step between the form and filing: what is still missing, what each address
// matched, and what was typed; "Send" files it, "Go back and fix" returns to the form with
// everything kept. No script: both buttons submit the same hidden copy of the form.

export const STEP_FIELD = 'step';

function matchText(item: ReviewedItem): SafeHtml {
  switch (item.match) {
    case 'article':
    case 'alias':
      return html`<strong>Our article:</strong> ${item.articleTitle ?? '(untitled)'}`;
    case 'not_found':
      return html`<strong class="warn-text">No article found at this address.</strong> Check it: we can act only on our own articles.`;
    default:
      return html`<strong class="warn-text">Another website:</strong> we can act only on our own articles, so this address is recorded but not acted on.`;
  }
}

function shown(field: FormField, value: string): string {
  if (field.kind === 'checkbox') return 'Yes';
  if (field.kind === 'radio' || field.kind === 'yesno' || field.kind === 'select') return field.options?.find((option) => option.value === value)?.label ?? value;
  return value;
}

// Each section's filled fields, label and value, in the form's order.
function answers(type: NoticeType, values: FormValues): SafeHtml {
  return html`${noticeFormSections(type).map((section) => {
    const fields = [...(section.rows ?? []).flatMap((row) => row.fields.map((field) => ({ ...field, label: `${row.label}: ${field.label}` }))), ...section.fields];
    const filled = fields.filter((field) => values[field.name]);
    if (!filled.length) return null;
    return html`<h3>${section.title}</h3>
<dl class="facts answers">
${filled.map((field) => html`<dt>${field.label}</dt><dd>${userText(shown(field, values[field.name]))}</dd>`)}
</dl>`;
  })}`;
}

export function noticeReviewPage(type: NoticeType, formToken: string, values: FormValues, review: NoticeReview): string {
  const { missing } = review.completeness;
  const unmatched = review.items.filter((item) => item.match === 'not_found' || item.match === 'other_site').length;
  const clean = !missing.length && !unmatched;
  return page({
    title: `Check your ${NOTICE_TYPE_INFO[type].label.toLowerCase()} notice`,
    private: true,
    body: html`<h1>Check your notice before you send it</h1>
<p class="lead">Nothing is sent yet. Check what we found, then send the notice or go back and fix it: everything you typed is kept.</p>
${
  missing.length
    ? html`<section class="notice-box warn" aria-labelledby="review-missing">
<h2 id="review-missing">What is still missing</h2>
<p>Your notice lacks ${missing.length === 1 ? 'one thing' : `${missing.length} things`} the law asks for. You can send it anyway: we store it and ask you for what is missing, and we review it only once it is complete.</p>
<ul>${missing.map((element) => html`<li>${element.message}</li>`)}</ul>
</section>`
    : html`<div class="notice-box ok"><p>Your notice has everything the law asks for a ${NOTICE_TYPE_INFO[type].label.toLowerCase()} notice.</p></div>`
}
<section aria-labelledby="review-urls">
<h2 id="review-urls">What each web address leads to</h2>
<table class="review-urls">
<thead><tr><th scope="col">#</th><th scope="col">Web address</th><th scope="col">What we found</th></tr></thead>
<tbody>
${review.items.map(
  (item, index) =>
    html`<tr><td data-label="#">${index + 1}</td><td class="url" data-label="Web address">${item.url}</td><td data-label="What we found">${matchText(item)}</td></tr>`,
)}
</tbody>
</table>
</section>
<section aria-labelledby="review-answers">
<h2 id="review-answers">Your answers</h2>
${answers(type, values)}
</section>
<p class="muted">Sending records your notice${statementsFor(type).length ? ', the statements you ticked' : ''} and your signature as a legal record.</p>
<form method="post" action="/notices" novalidate class="review-actions">
<input type="hidden" name="type" value="${type}">
<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${formToken}">
${Object.entries(values).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<button type="submit" name="${STEP_FIELD}" value="send">${clean ? 'Send notice' : 'Send anyway'}</button>
<button type="submit" name="${STEP_FIELD}" value="edit" class="secondary">Go back and fix</button>
</form>`,
  });
}
