import { receiptEvidenceSection } from '../attachments/evidence-pages';
import type { CaseStatus } from '../cases/case.entity';
import { STATUS_LABELS } from '../cases/case-workflow';
import { html, SafeHtml, userText } from '../common/html';
import { own } from '../common/own';
import { EMPTY_FORM, errorSummary, fieldId, FormField, FormState, renderField } from '../web/form-fields';
import { page } from '../web/layout';
import { formatDate, okBanner, statusBadge, titled } from '../web/page-parts';
import type { MissingElement, NoticeType } from './completeness';
import { FORM_TOKEN_FIELD, HONEYPOT_FIELD, noticeFormFields, noticeFormSections, PRIVACY_REASON_LABELS, TYPE_FIELD, WITHDRAW_FIELDS } from './notice-form-fields';
import type { FilingResult } from './notices.service';
import { NOTICE_TYPE_INFO } from './notice-types';
import type { TrackingView } from './tracking-view';
import { heldLines } from '../messages/receipt-message';
import { whatYouSent } from './tracking-sections';
import { ITEM_ACTION_DONE, ITEM_STATE_LABELS as ITEM_STATE_WORDS } from '../cases/item-action-labels';

// The public pages of the notices feature: the filing form, its receipt, and the
// notifier's tracking pages. Every value is escaped by `html`; no inline script or style.

// --- the filing form ---

export function typeChoicePage(state: FormState = EMPTY_FORM): string {
  return page({
    title: titled('Report content', state.errors),
    body: html`${errorSummary(state.errors, [TYPE_FIELD])}
<h1>Report content</h1>
<p class="lead">Choose what your notice is about. The form then asks for what the law needs for that kind of notice.</p>
<form method="get" action="/notices/new" novalidate>
<input type="hidden" name="step" value="type">
${renderField(TYPE_FIELD, state)}
<button type="submit">Continue</button>
</form>`,
  });
}

export function noticeFormPage(type: NoticeType, formToken: string, state: FormState): string {
  const info = NOTICE_TYPE_INFO[type];
  const title = `${info.label} notice`;
  return page({
    title: titled(title, state.errors),
    body: html`${errorSummary(state.errors, noticeFormFields(type))}
<p><a href="/notices/new">Choose another type of notice</a></p>
<h1>${title}</h1>
<p class="lead">${info.summary}</p>
<p class="muted">Legal basis: ${info.legalBasis}. A notice that lacks something the law needs is still received: we then ask you for what is missing.</p>
<form method="post" action="/notices" novalidate>
<input type="hidden" name="type" value="${type}">
<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${formToken}">
${noticeFormSections(type).map(
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
<div class="hp" aria-hidden="true"><label for="${fieldId(HONEYPOT_FIELD)}">Leave this field empty</label><input type="text" id="${fieldId(HONEYPOT_FIELD)}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></div>
<p class="muted">Next you can check your notice: what is still missing and what each web address leads to. Nothing is sent before you confirm.</p>
<button type="submit" name="step" value="review">Check your notice</button>
</form>`,
  });
}

// --- after filing ---

const MATCH_LABELS: Record<string, string> = {
  article: 'Our article',
  alias: 'Our article (under another address)',
  other_site: 'Another website: we cannot act on it',
  not_found: 'No such article on our site',
};

// The item states and decision actions in words: typed tables (src/cases/item-action-labels.ts).
const ITEM_STATE_LABELS: Record<string, string> = ITEM_STATE_WORDS;

function missingList(missing: MissingElement[]): SafeHtml {
  return html`<ul>${missing.map((element) => html`<li>${element.message}</li>`)}</ul>`;
}

// What the receipt says about the case: status, what is missing, the pages.
function receiptDetails(result: FilingResult): SafeHtml {
  return html`<h2>Status</h2>
<p>${statusBadge(result.status, STATUS_LABELS[result.status as CaseStatus])}</p>
${
  result.heldUntil
    ? html`<div class="notice-box warn"><h2>Not processed</h2><p>${heldLines(result.heldUntil).join(' ').trim()}</p></div>`
    : result.missing.length
      ? html`<div class="notice-box warn">
<h2>What we still need</h2>
<p>Your notice is stored, but we can review it only when it is complete. Please give us, through your tracking link:</p>
${missingList(result.missing)}
</div>`
      : html`<p>Your notice is complete. An editor will review it; we will tell you our decision and its reasons.</p>`
}
<h2>The pages in your notice</h2>
${itemsTable(result.items.map((item) => ({ index: item.position, url: item.url, match: item.match, state: item.state, passage: null })))}
<p><a href="/notices/new">File another notice</a></p>`;
}

export function receiptPage(result: FilingResult, email: string | undefined): string {
  return page({
    title: `Notice received: ${result.reference}`,
    private: true,
    body: html`<div class="notice-box ok">
<h1>Notice received</h1>
<p>Your case reference is</p>
<p class="reference">${result.reference}</p>
<p>Quote it whenever you contact us about this notice.</p>
</div>
<h2>Your private tracking link</h2>
<p>Follow your case, answer our questions, correct your notice or withdraw it with this link. <strong>We show it only once and do not keep it.</strong> Keep it private: anyone who has it can see your case.</p>
<a class="token-link" href="${result.trackingUrl}">${result.trackingUrl}</a>
<p class="muted">${email ? html`We have also e-mailed it to <strong>${email}</strong> with your receipt.` : 'You gave no e-mail address: copy the link now, it is not shown again.'}</p>
${receiptDetails(result)}
${receiptEvidenceSection(result.trackingUrl)}`,
  });
}

// The same form sent again (Back, then "Send notice"): the first receipt, not a second case.
export function alreadyReceivedPage(result: FilingResult): string {
  return page({
    title: `Notice received: ${result.reference}`,
    private: true,
    body: html`<div class="notice-box ok">
<h1>Notice received</h1>
<p>We already received this notice: you sent this form before, and we filed it once. Your case reference is</p>
<p class="reference">${result.reference}</p>
<p>Quote it whenever you contact us about this notice. Nothing was filed twice.</p>
</div>
<h2>Your private tracking link</h2>
<p>For your safety the tracking link is shown only once, on the first receipt page, and is in the receipt we e-mailed you if you gave an address. If you no longer have it, <a href="/track/lost">ask for a new link</a>.</p>
${receiptDetails(result)}`,
  });
}

// What a filled honeypot gets: the look of success, and nothing stored.
export function submissionReceivedPage(): string {
  return page({
    title: 'Notice received',
    // A receipt or a tracking page: its address or its content leads to a case.
    private: true,
    body: html`<div class="notice-box ok"><h1>Notice received</h1><p>Thank you. We will be in touch through the contact details you gave.</p></div>
<p><a href="/">Back to the start page</a></p>`,
  });
}

interface ItemLine {
  index: number;
  url: string;
  match: string;
  state: string;
  passage: string | null;
  reason?: string | null;
}

function itemsTable(items: ItemLine[]): SafeHtml {
  if (!items.length) return html`<p class="muted">No web addresses yet.</p>`;
  return html`<table>
<thead><tr><th scope="col">#</th><th scope="col">Web address</th><th scope="col">What we found</th><th scope="col">State</th></tr></thead>
<tbody>
${items.map(
  (item) => html`<tr>
<td>${item.index + 1}</td>
<td class="url">${item.url}${item.passage ? html`<blockquote>${item.passage}</blockquote>` : null}${
    item.reason ? html`<span class="hint">Reason: ${PRIVACY_REASON_LABELS[item.reason as keyof typeof PRIVACY_REASON_LABELS] ?? item.reason}</span>` : null
  }</td>
<td>${MATCH_LABELS[item.match] ?? item.match}</td>
<td>${ITEM_STATE_LABELS[item.state] ?? item.state}</td>
</tr>`,
)}
</tbody>
</table>`;
}

// --- the tracking pages ---

const DECISION_ACTION_LABELS: Record<string, string> = ITEM_ACTION_DONE;

const GROUND_LABELS: Record<string, string> = {
  copyright_infringement: 'copyright infringement',
  trademark_infringement: 'trademark infringement',
  defamation: 'defamation',
  data_protection: 'data protection (right to erasure)',
  other_illegal_content: 'other illegal content',
  not_illegal: 'the content was not found to be illegal',
  insufficient_information: 'not enough information to act on',
  out_of_scope: 'not our content, or not covered by the notice',
};

const DONE_MESSAGES: Record<string, string> = {
  supplied: 'Thank you: we have added the information you sent to your notice.',
  attached: 'Thank you: your files are attached to your notice. Only our staff can open them.',
  corrected: 'Thank you: your notice is corrected. What you sent before is kept on record, and the editor sees the change.',
  withdrawn: 'You withdrew this notice. We will not act on it.',
  confirmed: 'Thank you: your e-mail address is confirmed. Our messages to it now include the details of your notice.',
  court_action: 'Thank you: the material stays down while the court action is pending.',
  appealed: 'Thank you: your appeal was received. Someone who took no part in the decision will review it.',
};

export interface TrackingPageOptions {
  token: string;
  done?: string;
  supplement?: { fields: FormField[]; state: FormState };
  // The counter-notice part (restoration window, court-action form), rendered by aftercare.
  aftercare?: SafeHtml | null;
  // The notifier's misuse suspension while it runs (src/misuse): the way to its appeal page.
  suspension?: { until: Date | null; appealed: boolean } | null;
}

function suspensionBox(base: string, suspension: TrackingPageOptions['suspension']): SafeHtml | null {
  if (!suspension) return null;
  return html`<section class="notice-box warn" aria-labelledby="suspended">
<h2 id="suspended">Your notices are suspended${suspension.until ? html` until ${formatDate(suspension.until)}` : null}</h2>
<p>We keep the notices you file meanwhile on record but do not process them. <a href="${base}/suspension-appeal">${suspension.appealed ? 'Read why, and the state of your appeal' : 'Read why, and appeal the suspension'}</a>.</p>
</section>`;
}

export function trackingPage(view: TrackingView, options: TrackingPageOptions): string {
  const base = `/track/${options.token}`;
  const supplement = options.supplement;
  const errors = supplement?.state.errors ?? [];
  const done = options.done ? own(DONE_MESSAGES, options.done) : undefined;
  return page({
    title: titled(`Case ${view.reference}`, errors),
    // A receipt or a tracking page: its address or its content leads to a case.
    private: true,
    body: html`${supplement ? errorSummary(errors, supplement.fields) : null}
${okBanner(done)}
<p class="muted">${view.typeLabel} notice</p>
<h1>Case <span class="reference">${view.reference}</span></h1>
<dl class="facts">
<dt>Status</dt><dd>${statusBadge(view.status, view.statusLabel)}</dd>
<dt>Received</dt><dd>${formatDate(view.receivedAt)}</dd>
${view.dueAt ? html`<dt>We aim to decide by</dt><dd>${formatDate(view.dueAt)}</dd>` : null}
${
  view.gdprAnswer
    ? html`<dt>The law gives us until</dt><dd>${formatDate(view.gdprAnswer.dueAt)} to answer your request (${view.gdprAnswer.extended ? 'one month, extended by two: we sent you the reasons' : 'one month from receipt'})</dd>`
    : null
}
${view.notifier.name ? html`<dt>Filed by</dt><dd>${userText(view.notifier.name)}${view.notifier.organization ? html`, ${userText(view.notifier.organization)}` : ''}</dd>` : null}
</dl>
${suspensionBox(base, options.suspension)}
${
  view.actions.supplyInfo && supplement && view.openQuestion
    ? html`<section class="notice-box warn" aria-labelledby="our-question">
<h2 id="our-question">Our question to you</h2>
<blockquote>${view.openQuestion}</blockquote>
<p>The review is paused until you answer.</p>
</section>`
    : null
}
${
  view.missing.length && view.actions.supplyInfo && supplement
    ? html`<section class="notice-box warn" aria-labelledby="still-needed">
<h2 id="still-needed">What we still need</h2>
<p>We can review your notice only when it is complete. Please give us:</p>
${missingList(view.missing)}
</section>`
    : null
}
${
  view.actions.supplyInfo && supplement && supplement.fields.length
    ? html`<h2>${view.openQuestion ? 'Send your answer' : 'Send the missing information'}</h2>
<form method="post" action="${base}/supplement" novalidate>
${supplement.fields.map((field) => renderField(field, supplement.state))}
<button type="submit">${view.openQuestion ? 'Send your answer' : 'Send the information'}</button>
</form>`
    : null
}
${view.decisions.map(
  (decision) => html`<section class="notice-box${decision.outcome === 'actioned' ? ' ok' : ''}" aria-label="Our decision">
<h2>Our decision of ${formatDate(decision.decidedAt)}</h2>
<ul>${decision.items.map((item) => html`<li><span class="url">${item.url}</span>: ${DECISION_ACTION_LABELS[item.action] ?? item.action}${item.territories.length ? ` in ${item.territories.join(', ')}` : ''}${item.until ? ` until ${item.until}` : ''}</li>`)}</ul>
<p><strong>Legal ground:</strong> ${GROUND_LABELS[decision.ground] ?? decision.ground}</p>
<h3>Our reasons</h3>
<blockquote>${decision.reasons}</blockquote>
<p class="muted">${decision.redress}</p>
</section>`,
)}
${options.aftercare ?? null}
<h2>The pages in your notice</h2>
${itemsTable(view.items)}
${whatYouSent(view, options.token)}
<h2>What happened so far</h2>
<ol class="timeline">
${view.timeline.map((entry) => html`<li>${formatDate(entry.at)}${entry.summary}</li>`)}
</ol>
${
  view.actions.withdraw
    ? html`<h2>Withdraw</h2>
<p>If you no longer want us to act on this notice, you can withdraw it.</p>
<p><a class="button secondary" href="${base}/withdraw">Withdraw this notice</a></p>`
    : null
}
<p class="muted">Keep this page's address private: anyone who has it can see your case.</p>`,
  });
}

export function withdrawPage(view: TrackingView, token: string, state: FormState = EMPTY_FORM): string {
  const base = `/track/${token}`;
  return page({
    title: titled(`Withdraw notice ${view.reference}`, state.errors),
    // A receipt or a tracking page: its address or its content leads to a case.
    private: true,
    body: html`${errorSummary(state.errors, WITHDRAW_FIELDS)}
<p><a href="${base}">Back to your case</a></p>
<h1>Withdraw notice ${view.reference}</h1>
${
  view.actions.withdraw
    ? html`<p>If you withdraw, we stop working on this notice and close the case. This cannot be undone: to complain again, you would file a new notice.</p>
<form method="post" action="${base}/withdraw" novalidate>
${WITHDRAW_FIELDS.map((field) => renderField(field, state))}
<button type="submit" class="danger">Withdraw this notice</button>
</form>`
    : html`<p>This notice can no longer be withdrawn: its case is "${view.statusLabel.toLowerCase()}".</p>`
}`,
  });
}
