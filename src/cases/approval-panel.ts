import { actionFieldScope } from './panel-form';
import { html, SafeHtml } from '../common/html';
import { own } from '../common/own';
import { FormField, FormState, renderField } from '../web/form-fields';
import { APPROVAL_REASONS } from './decision-rules';
import type { CaseDetail } from './case-labels';

// The second person's view of a decision that waits for them: what it does, why it needs
// them, and a form that asks them to confirm, with room for a comment.

export const APPROVE_FIELDS: FormField[] = [
  {
    name: 'confirm',
    kind: 'checkbox',
    label: 'I have read this decision and approve it. It takes effect at once: the article changes and the notifier and the author are told.',
  },
  { name: 'comment', kind: 'textarea', label: 'Comment', hint: 'Kept with the approval in the case record. Only staff see it.', optional: true },
];

// Why the pending decision needs a second person, as recorded with it (the latest
// decision.recorded event: a pending decision is always the latest).
export function approvalReasonsOf(timeline: CaseDetail['timeline']): string[] {
  const recorded = timeline.findLast((event) => event.action === 'decision.recorded');
  const reasons = (recorded?.data as { approvalReasons?: unknown } | null)?.approvalReasons;
  return Array.isArray(reasons) ? reasons.filter((reason): reason is string => typeof reason === 'string').map((reason) => own(APPROVAL_REASONS, reason) ?? reason) : [];
}

export interface ApprovalPanelInput {
  reasons: string[];
  // The decision as the decisions list shows it: who, the items, the statement of reasons.
  summary: SafeHtml;
  form: (inner: SafeHtml) => SafeHtml;
  state: FormState;
}

export function approvalPanel({ reasons, summary, form, state }: ApprovalPanelInput): SafeHtml {
  return html`<section class="panel approval" aria-labelledby="approve-heading">
<h3 id="approve-heading">Approve the decision</h3>
<p><span class="tag warn">Pending approval</span> Nothing has changed yet.${reasons.length ? html` It needs a second person because ${reasons.join('; ')}.` : null}</p>
<div class="approval-decision" role="group" aria-label="The decision to approve">
${summary}
</div>
${form(html`${APPROVE_FIELDS.map((field) => renderField(field, state, actionFieldScope('approve')))}<button type="submit">Approve the decision</button>`)}
<p class="hint">To refuse it, send it back for review instead (below).</p>
</section>`;
}
