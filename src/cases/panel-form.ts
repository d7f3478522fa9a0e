import { html, SafeHtml } from '../common/html';
import type { FormValues } from '../web/form-fields';
import type { FieldError } from '../common/desk-error';
import { csrfInput } from '../web/page-parts';
import type { StaffAction } from './case-workflow';
import { SEEN_FIELDS } from './desk-form';

// What a case-page panel in its own file needs of the page (desk-pages.ts passes it).
export interface PanelContext {
  csrfToken: string;
  detail: {
    reference: string;
    version: number;
    status: string;
    actions: string[];
    assignee: { id: string } | null;
    timeline: Array<{ id: string }>;
  };
  form?: { action: string; values: FormValues; errors: FieldError[] };
}

// Several forms on the case page ask for a `reason`: the ids of each form's fields carry its
// action, so that every label and error link reaches its own field. The decision forms (one
// each on a page) keep the plain ids.
export function actionFieldScope(action: string): string | undefined {
  return action === 'decide' || action === 'decide_appeal' ? undefined : action;
}

export function panelState(ctx: PanelContext, action: StaffAction): { values: FormValues; errors: FieldError[] } {
  return ctx.form?.action === action ? { values: ctx.form.values, errors: ctx.form.errors } : { values: {}, errors: [] };
}

// A transition form like the page's own: action, version and what the editor saw (409 page).
export function panelTransitionForm(ctx: PanelContext, action: StaffAction, inner: SafeHtml, label: string): SafeHtml {
  const { detail } = ctx;
  const last = detail.timeline[detail.timeline.length - 1];
  return html`<form method="post" action="/desk/cases/${detail.reference}/transitions" class="inline-form" novalidate aria-label="${label}">
${csrfInput(ctx.csrfToken)}<input type="hidden" name="action" value="${action}"><input type="hidden" name="version" value="${detail.version}">
<input type="hidden" name="${SEEN_FIELDS.status}" value="${detail.status}"><input type="hidden" name="${SEEN_FIELDS.assignee}" value="${detail.assignee?.id ?? ''}"><input type="hidden" name="${SEEN_FIELDS.event}" value="${last?.id ?? ''}">
${inner}
</form>`;
}
