import type { FieldError } from '../common/desk-error';
import { html, SafeHtml } from '../common/html';
import type { FormField, FormValues } from '../web/form-fields';
import { errorSummary, renderField } from '../web/form-fields';
import { can } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { page } from '../web/layout';
import { csrfInput, titled } from '../web/page-parts';
import type { StrikesService } from './strikes.service';

type Listing = Awaited<ReturnType<StrikesService['contributors']>>;
type Contributor = Listing['contributors'][number];

export const ACCOUNT_FIELDS: FormField[] = [
  {
    name: 'outcome',
    kind: 'select',
    label: 'Decision on the account',
    options: [
      { value: '', label: 'Choose' },
      { value: 'terminate', label: 'End the contributor account' },
      { value: 'keep', label: 'Keep the account' },
    ],
  },
  { name: 'reasons', kind: 'textarea', label: 'Reasons', hint: 'Kept with the decision (DMCA §512(i) repeat-infringer policy).' },
];

export interface AccountForm {
  id: string;
  values: FormValues;
  errors: FieldError[];
}

const day = (value: Date | string | null) => (value ? new Date(value).toISOString().slice(0, 10) : '—');

function reviewPart(contributor: Contributor, actor: StaffActor, csrfToken: string, form: AccountForm | undefined): SafeHtml[] {
  return contributor.reviews.map((review) => {
    if (review.outcome) {
      return html`<p><strong>Account decision</strong> (${day(review.decidedAt)}, ${review.decidedBy?.name ?? 'legal'}): ${review.outcome === 'terminate' ? 'end the account' : 'keep the account'}. ${review.reasons}</p>`;
    }
    const state = form?.id === review.id ? form : { values: {}, errors: [] };
    return html`<div class="notice-box warn"><p><strong>Legal to decide</strong>: ${review.activeStrikes} active strikes since ${day(review.openedAt)}.</p>
${
  can(actor, 'strikes.decide')
    ? html`<form method="post" action="/desk/contributors/reviews/${review.id}/decision" novalidate aria-label="Decide on the account of ${contributor.authorEmail}">
${csrfInput(csrfToken)}${ACCOUNT_FIELDS.map((field) => renderField(field, state))}<button type="submit">Record the decision</button></form>`
    : null
}</div>`;
  });
}

// /desk/contributors: contributors with strikes (DMCA §512(i)), legal's account decisions.
export function contributorsPage(state: { actor: StaffActor; csrfToken: string; listing: Listing; form?: AccountForm; problem?: string; done?: boolean }): string {
  const { listing } = state;
  const errors = state.form?.errors ?? [];
  return page({
    title: titled('Contributors with strikes', errors),
    private: true,
    staff: { name: state.actor.name, role: state.actor.role, csrfToken: state.csrfToken },
    body: html`<div class="desk-wide">
<p class="breadcrumb"><a href="/desk">Back to the queue</a></p>
${errorSummary(errors, ACCOUNT_FIELDS)}
${state.problem ? html`<div class="error-summary" role="alert" tabindex="-1" autofocus><h2>Not possible</h2><p>${state.problem}</p></div>` : null}
${state.done ? html`<div class="notice-box ok" role="status"><p>The decision was recorded.</p></div>` : null}
<h1>Contributors with strikes</h1>
<p>Each copyright removal of a contributor’s article that takes effect is a strike against its author; a strike lasts ${listing.settings.expiryMonths} months. At ${listing.settings.threshold} active strikes legal decides whether to end the contributor’s account.</p>
${
  listing.contributors.length
    ? listing.contributors.map(
        (contributor) => html`<section class="panel" aria-label="${contributor.authorEmail}">
<h2>${contributor.authorEmail} <span class="tag${contributor.activeStrikes >= listing.settings.threshold ? ' warn' : ''}">${contributor.activeStrikes} active</span> <span class="muted">${contributor.allStrikes} in all</span></h2>
<ul>${contributor.strikes.map(
          (strike) =>
            html`<li><a href="/desk/cases/${strike.caseReference}">${strike.caseReference}</a> · <a href="/desk/articles/${strike.article.slug}">${strike.article.title}</a> · ${day(strike.struckAt)} · ${
              strike.active ? html`expires ${day(strike.expiresAt)}` : html`<span class="muted">expired</span>`
            }</li>`,
        )}</ul>
${reviewPart(contributor, state.actor, state.csrfToken, state.form)}
</section>`,
      )
    : html`<p class="muted">No contributor has a strike.</p>`
}
<nav class="pagination" aria-label="Pages">${listing.page > 1 ? html`<a href="/desk/contributors?page=${listing.page - 1}">Previous</a> ` : null}${
      listing.hasMore ? html`<a href="/desk/contributors?page=${listing.page + 1}">Next</a>` : null
    }</nav>
</div>`,
  });
}
