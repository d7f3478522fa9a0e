import type { FieldError } from '../common/desk-error';
import { html } from '../common/html';
import type { FormField, FormValues } from '../web/form-fields';
import { errorSummary, renderField } from '../web/form-fields';
import { page } from '../web/layout';
import { titled } from '../web/page-parts';
import type { MisuseService } from './misuse.service';

type View = Awaited<ReturnType<MisuseService['forNotifier']>>;

export const SUSPENSION_APPEAL_FIELDS: FormField[] = [
  { name: 'grounds', kind: 'textarea', label: 'Why the suspension should be lifted', hint: 'Someone who did not confirm the suspension will review it and answer with reasons.' },
];

// The suspended notifier's page, under their tracking link (no script, no staff data).
export function suspensionAppealPage(token: string, view: View, state: { values: FormValues; errors: FieldError[]; problem?: string; done?: boolean }): string {
  const until = view.until ? new Date(view.until).toISOString().slice(0, 10) : null;
  return page({
    title: titled('Your suspension', state.errors),
    private: true,
    body: html`${errorSummary(state.errors, SUSPENSION_APPEAL_FIELDS)}
${state.problem ? html`<div class="error-summary" role="alert" tabindex="-1" autofocus><h2>Not possible</h2><p>${state.problem}</p></div>` : null}
${state.done ? html`<div class="notice-box ok" role="status"><p>We received your appeal. We will answer you by e-mail.</p></div>` : null}
<h1>Your suspension</h1>
${
  view.suspended
    ? html`<p>We have suspended the processing of your notices until <strong>${until}</strong> because you frequently submitted manifestly unfounded notices (EU Digital Services Act, Article 23). Notices you file until then are kept on record but not processed.</p>
${view.reasons ? html`<h2>Our reasons</h2><div class="long-text">${view.reasons}</div>` : null}
${
  view.appealedAt
    ? html`<p>You appealed on ${new Date(view.appealedAt).toISOString().slice(0, 10)}. We will answer you by e-mail.</p>`
    : html`<h2>Appeal</h2><form method="post" action="/track/${token}/suspension-appeal" novalidate>
${SUSPENSION_APPEAL_FIELDS.map((field) => renderField(field, state))}
<button type="submit">Send the appeal</button></form>`
}`
    : html`<p>Your notices are not suspended.</p>`
}
<p><a href="/track/${token}">Back to your case</a></p>`,
  });
}
