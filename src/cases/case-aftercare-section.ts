import { html, SafeHtml } from '../common/html';
import type { CaseDetail } from './case-labels';

const APPELLANT: Record<string, string> = { notifier: 'The notifier', author: 'The author' };

// What followed the decision, on the case page: appeals (with their grounds), counter-
// notices and reported court actions.
export function aftercareSection(detail: CaseDetail, formatTime: (value: Date | string) => SafeHtml | string): SafeHtml | null {
  if (!detail.appeals.length && !detail.counterNotices.length && !detail.courtActions.length) return null;
  return html`<section class="panel" aria-labelledby="aftercare-heading">
<h2 id="aftercare-heading">After the decision</h2>
${detail.appeals.map(
  (appeal) => html`<article class="appeal">
<h3>${APPELLANT[appeal.appellant] ?? appeal.appellant} appealed on ${formatTime(appeal.filedAt)}${appeal.outcome ? html` — ${appeal.outcome}` : html` <span class="tag warn">Open</span>`}</h3>
<blockquote>${appeal.grounds}</blockquote>
${appeal.answer ? html`<p><strong>Answer:</strong> ${appeal.answer}</p>` : null}
</article>`,
)}
${detail.counterNotices.map(
  (filing) =>
    html`<p>Counter-notice received ${formatTime(filing.receivedAt)}: ${filing.complete ? 'complete' : html`incomplete (missing: ${filing.missing.map((element) => element.code).join(', ')})`}${
      filing.filing.subscriber?.name ? html`, from ${filing.filing.subscriber.name}` : null
    }</p>`,
)}
${detail.courtActions.map((action) => html`<p>Court action reported ${formatTime(action.reportedAt)}: ${action.court}, case ${action.caseNumber}, filed ${action.filedOn}</p>`)}
</section>`;
}
