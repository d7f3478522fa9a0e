import { actionFieldScope } from './panel-form';
import { RELEASE_FIELD, UNFOUNDED_FIELD } from '../misuse/misuse-panel';
import { html, SafeHtml, userText } from '../common/html';
import { own } from '../common/own';
import { can } from '../staff/policy';
import { FormField, renderField } from '../web/form-fields';
import { csrfInput, formatTime } from '../web/page-parts';
import { appealDecisionFields, appealDecisionForm } from './appeal-decision-form';
import { APPROVE_FIELDS, approvalPanel, approvalReasonsOf } from './approval-panel';
import { mayActOn } from './case-guards';
import { GROUND_NAMES, STATUS_NAMES } from './case-labels';
import { errorsFor, longText, PageContext, SubmittedForm, transitionForm, valuesFor } from './case-page-context';
import { decisionBody } from './case-sections';
import type { StaffAction } from './case-workflow';
import { decideFields, decideForm } from './decision-form';

// The case page's forms: the quick actions at the top, the decision, the approval, the
// text actions (a question, an escalation …) and the internal notes.

// `before`: a field shown above the text (a choice the text explains).
const TEXT_ACTIONS: Partial<Record<StaffAction, { title: string; button: string; field: FormField; before?: FormField; danger?: boolean }>> = {
  request_info: {
    title: 'Ask the notifier for information',
    button: 'Send the question',
    field: {
      name: 'message',
      kind: 'textarea',
      label: 'Question to the notifier',
      hint: 'Sent by e-mail and shown on their tracking page. The review clock stops until they answer.',
    },
  },
  escalate: { title: 'Escalate to legal', button: 'Escalate', field: { name: 'reason', kind: 'textarea', label: 'Why legal should decide' } },
  reject_approval: {
    title: 'Send the decision back',
    button: 'Send back for review',
    field: { name: 'reason', kind: 'textarea', label: 'Why the decision is sent back' },
    danger: true,
  },
  reopen: { title: 'Reopen the case', button: 'Reopen', field: { name: 'reason', kind: 'textarea', label: 'Why the case is reopened' } },
  restore: {
    title: 'Restore the content',
    button: 'Restore',
    field: { name: 'reason', kind: 'textarea', label: 'Why the content is restored', hint: 'Sent to the notifier and the author.' },
  },
  extend_gdpr_deadline: {
    title: 'Extend the GDPR deadline by two months',
    button: 'Extend and tell the person',
    field: {
      name: 'extensionReasons',
      kind: 'textarea',
      label: 'Why the answer needs more time',
      hint: 'Sent to the person who asked (GDPR Art. 12(3)). Possible once, before the first month ends.',
    },
  },
  record_author_contact: {
    title: 'Record that the author was contacted',
    button: 'Record the contact',
    field: {
      name: 'note',
      kind: 'textarea',
      label: 'How and when the author was contacted',
      hint: 'Stops the 48-hour clock; the author then has 5 days to answer. Staff only.',
    },
  },
  record_author_answer: {
    title: "Record the author's answer",
    button: 'Record the answer',
    before: {
      name: 'authorAnswer',
      kind: 'radio',
      label: 'The author',
      options: [
        { value: 'consents_to_removal', label: 'consents to the removal' },
        { value: 'defends_statement', label: 'defends the statement' },
      ],
    },
    field: {
      name: 'note',
      kind: 'textarea',
      label: 'What the author answered',
      hint: "Stops the author's clock. When they defend the statement, keep their full name and postal address as they gave them. Staff only.",
    },
  },
  close_duplicate: { title: 'Close as a duplicate', button: 'Close as duplicate', field: { name: 'duplicateOf', kind: 'text', label: 'Reference of the earlier case' } },
};

const BUTTON_ACTIONS: Partial<Record<StaffAction, { button: string; secondary?: boolean }>> = {
  start_review: { button: 'Start review' },
  close: { button: 'Close the case', secondary: true },
  close_lapsed: { button: 'Close as lapsed', secondary: true },
  unassign: { button: 'Unassign', secondary: true },
};

export function quickActions(ctx: PageContext): SafeHtml | null {
  const { detail, actor } = ctx;
  const actions = detail.actions as StaffAction[];
  const forms: SafeHtml[] = [];
  if (actions.includes('assign') && detail.assignee?.id !== actor.id) {
    forms.push(transitionForm(ctx, 'assign', html`<button type="submit" class="secondary">Assign to me</button>`, { inline: true }));
  }
  if (actions.includes('approve')) forms.push(html`<a class="button" href="#approve-heading">Review the decision to approve it</a>`);
  for (const action of ['start_review', 'close', 'close_lapsed', 'unassign'] as const) {
    if (!actions.includes(action) || (action === 'unassign' && !detail.assignee)) continue;
    // The workflow refuses to start a review of someone else's case: do not offer it.
    if (action === 'start_review' && detail.assignee && detail.assignee.id !== actor.id) continue;
    const spec = BUTTON_ACTIONS[action]!;
    forms.push(transitionForm(ctx, action, html`<button type="submit"${spec.secondary ? html` class="secondary"` : null}>${spec.button}</button>`, { inline: true }));
  }
  const field = assignField(ctx);
  const assignOthers = actions.includes('assign') && can(actor, 'cases.assign_others') && field.options!.length > 1;
  if (!forms.length && !assignOthers) return null;
  return html`<section class="quick-actions" aria-label="Case actions">
${forms}
${assignOthers ? transitionForm(ctx, 'assign', html`${renderField(field, { values: valuesFor(ctx, 'assign'), errors: errorsFor(ctx, 'assign') }, actionFieldScope('assign'))}<button type="submit" class="secondary">Assign</button>`, { inline: true, label: 'Assign to someone else' }) : null}
</section>`;
}

// Legal and admin assign others: any active staff member but the current assignee.
function assignField(ctx: PageContext): FormField {
  const others = ctx.staff.filter((member) => member.active && member.id !== ctx.detail.assignee?.id);
  return {
    name: 'assigneeId',
    kind: 'select',
    label: 'Assign to',
    options: [{ value: '', label: 'Choose a person' }, ...others.map((member) => ({ value: member.id, label: `${member.name} (${member.role})` }))],
  };
}

function approveForm(ctx: PageContext): SafeHtml | null {
  const pending = ctx.detail.decisions.find((decision) => decision.requiresApproval && !decision.approval);
  if (!pending) return null;
  return approvalPanel({
    reasons: approvalReasonsOf(ctx.detail.timeline),
    summary: html`<h4>Proposed action · ${GROUND_NAMES[pending.ground] ?? pending.ground}</h4>${decisionBody(pending)}`,
    form: (inner) => transitionForm(ctx, 'approve', inner, { label: 'Approve the decision' }),
    state: { values: valuesFor(ctx, 'approve'), errors: errorsFor(ctx, 'approve') },
  });
}

function textActionForm(ctx: PageContext, action: StaffAction): SafeHtml {
  const spec = TEXT_ACTIONS[action]!;
  const headingId = `${action}-heading`;
  const submitted = ctx.form?.action === action;
  return html`<details class="panel"${submitted ? html` open` : null}>
<summary id="${headingId}">${spec.title}</summary>
${transitionForm(
  ctx,
  action,
  html`${[...(spec.before ? [spec.before] : []), spec.field].map((field) => renderField(field, { values: valuesFor(ctx, action), errors: errorsFor(ctx, action) }, actionFieldScope(action)))}<button type="submit"${spec.danger ? html` class="danger"` : null}>${spec.button}</button>`,
  { label: spec.title },
)}
</details>`;
}

// Uphold or reverse the open appeal, its grounds in view (appeal-decision-form.ts).
function appealForm(ctx: PageContext): SafeHtml | null {
  const appeal = ctx.detail.appeals.find((candidate) => !candidate.outcome);
  if (!appeal) return null;
  return appealDecisionForm({
    appeal,
    decision: decideFields(ctx.detail),
    form: (inner) => transitionForm(ctx, 'decide_appeal', inner, { label: 'Decide the appeal' }),
    state: { values: valuesFor(ctx, 'decide_appeal'), errors: errorsFor(ctx, 'decide_appeal') },
    formatTime,
  });
}

export function actionsSection(ctx: PageContext): SafeHtml {
  const actions = ctx.detail.actions as StaffAction[];
  const text = (Object.keys(TEXT_ACTIONS) as StaffAction[]).filter((action) => actions.includes(action));
  const decide = actions.includes('decide') || actions.includes('decide_appeal');
  const { assignee } = ctx.detail;
  const heldElsewhere = assignee && !mayActOn(ctx.actor, assignee.id);
  return html`<section id="actions" aria-labelledby="actions-heading">
<h2 id="actions-heading">Actions</h2>
${
  heldElsewhere
    ? html`<p class="notice-box">This case is held by <strong>${assignee.name}</strong>: only they, or legal or admin, can act on it. You can add a note below.</p>`
    : !decide && !text.length
      ? html`<p class="muted">${actions.length ? 'Use the buttons at the top of the page.' : `Nothing you can do on a case that is ${STATUS_NAMES[ctx.detail.status].toLowerCase()}.`}</p>`
      : null
}
${actions.includes('approve') ? approveForm(ctx) : null}
${actions.includes('decide') ? decideForm(ctx) : null}
${actions.includes('decide_appeal') ? appealForm(ctx) : null}
${text.map((action) => textActionForm(ctx, action))}
</section>`;
}

const NOTE_FIELD: FormField = { name: 'body', kind: 'textarea', label: 'New note', hint: 'Only staff see internal notes.' };

export function notesSection(ctx: PageContext): SafeHtml {
  const { detail } = ctx;
  return html`<section aria-labelledby="notes-heading">
<h2 id="notes-heading">Internal notes</h2>
${
  detail.notes.length
    ? html`<ol class="plain notes">${detail.notes.map(
        (note) => html`<li class="panel"><p class="muted">${userText(note.author?.name) ?? 'Staff'}, ${formatTime(note.createdAt)}</p>${longText(note.body)}</li>`,
      )}</ol>`
    : html`<p class="muted">No notes yet.</p>`
}
<form method="post" action="/desk/cases/${detail.reference}/notes" novalidate aria-label="Add an internal note">
${csrfInput(ctx.csrfToken)}
${renderField(NOTE_FIELD, { values: valuesFor(ctx, 'note'), errors: errorsFor(ctx, 'note') }, actionFieldScope('note'))}
<button type="submit" class="secondary">Add note</button>
</form>
</section>`;
}

// The fields of one form, for its error summary's links.
export function formFields(action: SubmittedForm['action'], ctx: PageContext): FormField[] {
  if (action === 'note') return [NOTE_FIELD];
  if (action === 'assign') return [assignField(ctx)];
  if (action === 'approve') return APPROVE_FIELDS;
  if (action === 'decide') {
    const { rows, fields } = decideFields(ctx.detail);
    return [...rows.flatMap((row) => row.fields), ...fields];
  }
  if (action === 'decide_appeal') return appealDecisionFields(decideFields(ctx.detail));
  const spec = own(TEXT_ACTIONS, action);
  return spec ? [...(spec.before ? [spec.before] : []), spec.field] : action === 'mark_unfounded' ? [UNFOUNDED_FIELD] : action === 'release_hold' ? [RELEASE_FIELD] : [];
}
