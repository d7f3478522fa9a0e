import type { FieldError } from '../common/desk-error';
import { html, SafeHtml } from '../common/html';
import type { StaffActor } from '../staff/staff-actor';
import type { FormValues } from '../web/form-fields';
import { csrfInput } from '../web/page-parts';
import type { CaseDetail, StaffEntry } from './case-labels';
import type { StaffAction } from './case-workflow';
import { SEEN_FIELDS, SeenSnapshot } from './desk-form';

// What every part of the case page reads: the case, who looks at it, and the form they
// sent when it comes back to them; and the form every transition is posted with.

export interface SubmittedForm {
  action: StaffAction | 'note';
  values: FormValues;
  errors: FieldError[];
}

export interface CasePageState {
  actor: StaffActor;
  csrfToken: string;
  detail: CaseDetail;
  staff: StaffEntry[];
  now: Date;
  done?: string;
  // The form the editor sent, when it comes back to them (refused or conflicting).
  form?: SubmittedForm;
  // A refused action (403, 409, 422 that is not a field error).
  problem?: { title: string; detail: string };
  // A stale version: what the editor saw, to say what changed since.
  conflict?: SeenSnapshot;
  // Photos and evidence (src/attachments/case-evidence.ts).
  evidence?: SafeHtml | null;
}

export interface PageContext extends CasePageState {
  names: Map<string, string>;
}

export function valuesFor(ctx: PageContext, action: SubmittedForm['action']): FormValues {
  return ctx.form?.action === action ? ctx.form.values : {};
}

export function errorsFor(ctx: PageContext, action: SubmittedForm['action']): FieldError[] {
  return ctx.form?.action === action ? ctx.form.errors : [];
}

// Every transition form carries its action, the version it was decided on and what the
// editor saw (for the 409 page); after a 409 the version is the current one.
export function transitionForm(ctx: PageContext, action: StaffAction, inner: SafeHtml, options: { inline?: boolean; label?: string } = {}): SafeHtml {
  const { detail } = ctx;
  const last = detail.timeline[detail.timeline.length - 1];
  return html`<form method="post" action="/desk/cases/${detail.reference}/transitions" class="${options.inline ? 'inline-form' : 'action-form'}" novalidate${
    options.label ? html` aria-label="${options.label}"` : null
  }>
${csrfInput(ctx.csrfToken)}<input type="hidden" name="action" value="${action}"><input type="hidden" name="version" value="${detail.version}">
<input type="hidden" name="${SEEN_FIELDS.status}" value="${detail.status}"><input type="hidden" name="${SEEN_FIELDS.assignee}" value="${detail.assignee?.id ?? ''}"><input type="hidden" name="${SEEN_FIELDS.event}" value="${last?.id ?? ''}">
${inner}
</form>`;
}

export function longText(text: string | null | undefined): SafeHtml | null {
  return text ? html`<div class="long-text">${text}</div>` : null;
}
