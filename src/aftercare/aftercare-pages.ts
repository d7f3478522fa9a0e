import { html, SafeHtml } from '../common/html';
import { setPath } from '../notices/notice-form';
import type { TrackingView } from '../notices/tracking-view';
import { errorSummary, FormField, FormState, FormValues, renderField } from '../web/form-fields';
import { page } from '../web/layout';
import { formatDate, okBanner, statusBadge, titled } from '../web/page-parts';
import type { RespondView } from './respond.service';
import { COUNTER_NOTICE_STATEMENTS } from './counter-notice-completeness';

// The author's response page and the aftercare parts of the notifier's tracking page.

export const COUNTER_NOTICE_FIELDS: FormField[] = [
  { name: 'material.description', kind: 'textarea', label: 'The material that was removed', hint: '(B) What was taken down: the article, passage or image.' },
  { name: 'material.location', kind: 'url', label: 'Where it appeared', hint: '(B) The web address it had before it was removed.' },
  { name: 'statements.mistake', kind: 'checkbox', label: COUNTER_NOTICE_STATEMENTS.mistake },
  { name: 'subscriber.name', kind: 'text', label: 'Your full name', autocomplete: 'name' },
  { name: 'subscriber.address', kind: 'textarea', label: 'Your postal address', autocomplete: 'street-address' },
  { name: 'subscriber.phone', kind: 'tel', label: 'Your telephone number', autocomplete: 'tel', width: 'medium' },
  { name: 'subscriber.email', kind: 'email', label: 'Your e-mail address', hint: 'For our answer (optional).', autocomplete: 'email', optional: true },
  { name: 'statements.jurisdiction', kind: 'checkbox', label: COUNTER_NOTICE_STATEMENTS.jurisdiction },
  { name: 'statements.service', kind: 'checkbox', label: COUNTER_NOTICE_STATEMENTS.service },
  { name: 'signature', kind: 'text', label: 'Signature', hint: '(A) Type your full name as your electronic signature.' },
];

export const COURT_ACTION_FIELDS: FormField[] = [
  { name: 'court', kind: 'text', label: 'Court', hint: 'Where you filed the action, like "U.S. District Court for the Southern District of New York".' },
  { name: 'caseNumber', kind: 'text', label: 'Case number', width: 'medium' },
  { name: 'filedOn', kind: 'text', label: 'Date filed', hint: 'Like 2026-12-01.', width: 'short' },
];

export const APPEAL_FIELDS: FormField[] = [
  { name: 'grounds', kind: 'textarea', label: 'Why the decision should change', hint: 'Someone who took no part in the decision will review it and answer with reasons.' },
];

function appealForm(action: string, state: FormState): SafeHtml {
  return html`<section aria-labelledby="appeal-heading">
<h2 id="appeal-heading">Appeal the decision</h2>
<p>You may ask us to review this decision within six months of being told of it. You may also use a certified out-of-court dispute settlement body, or go to court.</p>
${errorSummary(state.errors, APPEAL_FIELDS)}
<form method="post" action="${action}" novalidate>
${APPEAL_FIELDS.map((field) => renderField(field, state))}
<button type="submit">Send the appeal</button>
</form>
</section>`;
}

const DONE: Record<string, string> = {
  appealed: 'Thank you: your appeal was received. Someone who took no part in the decision will review it.',
  counter_noticed: 'Thank you: your counter-notice is complete. We sent a copy to the person who gave the notice.',
  court_action: 'Thank you: the material stays down while the court action is pending.',
};

export function restorationFacts(restoration: { earliest: Date; latest: Date } | null): SafeHtml | null {
  if (!restoration) return null;
  return html`<dt>Material returns</dt><dd>not before ${formatDate(restoration.earliest)} and no later than ${formatDate(restoration.latest)} (business days 10 and 14), unless a court action is reported first</dd>`;
}

export function respondPage(view: RespondView, token: string, options: { done?: string; form?: FormState; appeal?: FormState } = {}): string {
  const state = options.form ?? { values: {}, errors: [] };
  const done = options.done && Object.hasOwn(DONE, options.done) ? DONE[options.done] : null;
  return page({
    title: titled(`Case ${view.reference}: your article`, state.errors),
    // Opened by the author's private link.
    private: true,
    body: html`${errorSummary(state.errors, COUNTER_NOTICE_FIELDS)}
${okBanner(done)}
<p class="muted">${view.noticeTypeLabel} notice · ${view.article.originLabel}</p>
<h1>Case <span class="reference">${view.reference}</span></h1>
<dl class="facts">
<dt>Status</dt><dd>${statusBadge(view.status, view.statusLabel)}</dd>
<dt>Your article</dt><dd>${view.article.title} <span class="url hint">${view.article.url}</span></dd>
${restorationFacts(view.restoration)}
</dl>
${
  view.decision
    ? html`<section class="notice-box" aria-label="Our decision">
<h2>Our decision of ${formatDate(view.decision.decidedAt)}</h2>
<ul>${view.decision.items.map((item) => html`<li><span class="url">${item.url}</span>: ${item.action}</li>`)}</ul>
<h3>Our reasons</h3>
<blockquote>${view.decision.reasons}</blockquote>
</section>`
    : null
}
${
  view.actions.counterNotice
    ? html`<h2>File a counter-notice</h2>
<p>If you believe the material was removed by mistake or misidentification, you may send a counter-notice (17 U.S.C. §512(g)(3)). We send a copy, with your name, address and telephone number, to the person who gave the notice, and restore the material after 10 business days unless they tell us they have gone to court.</p>
<form method="post" action="/respond/${token}/counter-notice" novalidate>
${COUNTER_NOTICE_FIELDS.map((field) => renderField(field, state))}
<button type="submit">Send the counter-notice</button>
</form>`
    : null
}
${view.actions.appeal ? appealForm(`/respond/${token}/appeal`, options.appeal ?? { values: {}, errors: [] }) : null}
<p class="muted">Keep this page's address private: anyone who has it can act on your behalf here.</p>`,
  });
}

// The tracking page's part after a decision: the restoration window and the court-action
// form after a counter-notice, and the appeal form.
export function trackingAftercare(view: TrackingView, token: string, forms: { courtAction?: FormState; appeal?: FormState } = {}): SafeHtml | null {
  const appeal = view.actions.appeal ? appealForm(`/track/${token}/appeal`, forms.appeal ?? { values: {}, errors: [] }) : null;
  if (!view.restoration && !view.actions.courtAction) return appeal;
  const state = forms.courtAction ?? { values: {}, errors: [] };
  return html`<section class="notice-box warn" aria-labelledby="counter-notice-heading">
<h2 id="counter-notice-heading">The author sent a counter-notice</h2>
${view.restoration ? html`<dl class="facts">${restorationFacts(view.restoration)}</dl>` : null}
${
  view.actions.courtAction
    ? html`<h3>Report a court action</h3>
<p>If you have filed an action seeking a court order against the author, tell us before the material returns and it stays down.</p>
${errorSummary(state.errors, COURT_ACTION_FIELDS)}
<form method="post" action="/track/${token}/court-action" novalidate>
${COURT_ACTION_FIELDS.map((field) => renderField(field, state))}
<button type="submit">Report the court action</button>
</form>`
    : null
}
</section>
${appeal}`;
}

// Form posts: dotted field names into a nested body; checkboxes are true or absent.
export function readNestedForm(body: Record<string, unknown>, fields: FormField[]): { values: FormValues; dto: Record<string, unknown> } {
  const values: FormValues = {};
  const dto: Record<string, unknown> = {};
  for (const field of fields) {
    const raw = body[field.name];
    const value = typeof raw === 'string' ? raw : Array.isArray(raw) && typeof raw[0] === 'string' ? raw[0] : undefined;
    if (value === undefined || value.trim() === '') continue;
    values[field.name] = value;
    setPath(dto, field.name, field.kind === 'checkbox' ? true : value);
  }
  return { values, dto };
}
