import { html, SafeHtml } from '../common/html';
import { page } from '../web/layout';
import type { CaseStatement } from './exports.service';

// A case's DSA statements of reasons for staff (/desk/cases/<reference>/statements), and the
// small panel on the case page that links to it.

const STATE_TEXT: Record<CaseStatement['submission']['state'], string> = {
  not_queued: 'Not sent',
  pending: 'Waiting to be sent',
  submitted: 'Sent to the Transparency Database',
  failed: 'Refused or not delivered',
  invalid: 'Not sent: fails the schema check',
};

function field(label: string, value: string | string[] | undefined): SafeHtml | null {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  return html`<dt>${label}</dt><dd><code>${Array.isArray(value) ? value.join(', ') : value}</code></dd>`;
}

function statementEntry(entry: CaseStatement, submissionOn: boolean): SafeHtml {
  const { statement, submission } = entry;
  return html`<article class="panel statement" aria-labelledby="sor-${entry.puid}">
<h2 id="sor-${entry.puid}">${entry.puid}</h2>
<p><span class="status status-${submission.state}">${STATE_TEXT[submission.state]}</span>${
    submission.attempts ? html` <span class="muted">after ${submission.attempts} attempt${submission.attempts === 1 ? '' : 's'}</span>` : null
  }${submission.submittedAt ? html` <span class="muted">on ${new Date(submission.submittedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC</span>` : null}</p>
${submission.state === 'not_queued' && !submissionOn ? html`<p class="muted">Submission is off on this desk (DSA_TDB_URL is not set); the statement is in the NDJSON export.</p>` : null}
${submission.lastError ? html`<p class="field-error">Last answer: ${submission.lastError}</p>` : null}
${entry.problems.length ? html`<div class="notice-box warn"><p>The schema check found:</p><ul>${entry.problems.map((p) => html`<li><code>${p.field}</code>: ${p.message}</li>`)}</ul></div>` : null}
<dl class="facts">
${field('Visibility', statement.decision_visibility)}
${field('Other restriction', statement.decision_visibility_other)}
${field('Territorial scope', statement.territorial_scope ?? undefined)}
${field('Restricted until', statement.end_date_visibility_restriction)}
${field('Ground', statement.decision_ground)}
${field('Legal ground', statement.illegal_content_legal_ground)}
${field('Category', statement.category)}
${field('Keywords', statement.category_specification)}
${field('Content type', statement.content_type)}
${field('Content date', statement.content_date)}
${field('Application date', statement.application_date)}
${field('Source', statement.source_type)}
${field('Automated', `${statement.automated_detection} / ${statement.automated_decision}`)}
</dl>
<h3>Facts</h3>
<blockquote>${statement.decision_facts}</blockquote>
<details><summary>The statement as sent (JSON)</summary><pre>${JSON.stringify(statement, null, 2)}</pre></details>
</article>`;
}

export function caseStatementsPage(input: {
  reference: string;
  statements: CaseStatement[];
  submissionOn: boolean;
  staff: { name: string; role: string; csrfToken: string };
}): string {
  return page({
    title: `Statements of reasons · ${input.reference}`,
    staff: input.staff,
    body: html`<p><a href="/desk/cases/${input.reference}">← Back to case ${input.reference}</a></p>
<h1>DSA statements of reasons</h1>
<p class="lead">One statement for each address a decision on this case removed, restricted in the EEA or redacted, in the EU Transparency Database's schema. They carry no personal data.</p>
${
  input.statements.length
    ? input.statements.map((entry) => statementEntry(entry, input.submissionOn))
    : html`<div class="empty-state"><h2>No statement needed</h2><p>No decision on this case that took effect removes, restricts in the EEA, or redacts content.</p></div>`
}`,
  });
}

// On the case page, under the decisions: where its statements of reasons are.
export function statementsLink(detail: { reference: string; decisions: Array<{ effective: boolean; items: Array<{ action: string }> }> }): SafeHtml | null {
  const restricting = detail.decisions.some((decision) => decision.effective && decision.items.some((item) => item.action !== 'no_action'));
  if (!restricting) return null;
  return html`<p class="statements-link"><a href="/desk/cases/${detail.reference}/statements">DSA statements of reasons and their submission state</a></p>`;
}
