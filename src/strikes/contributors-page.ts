import type { FieldError } from '../common/desk-error';
import { html, SafeHtml } from '../common/html';
import type { FormField, FormValues } from '../web/form-fields';
import { errorSummary, renderField } from '../web/form-fields';
import { can } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { page } from '../web/layout';
import { emptyList, listTable, pageNumberPager } from '../web/list-page';
import { csrfInput, titled } from '../web/page-parts';
import type { StrikeWithdrawalCause } from './strike.entity';
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

const WITHDRAWAL_CAUSES: Record<StrikeWithdrawalCause, string> = {
  appeal_reversed: 'the removal was reversed on appeal',
  decision_reversed: 'a later decision no longer removes the article',
  content_restored: 'the article was restored after a counter-notice',
};

function strikeState(strike: Contributor['strikes'][number]): SafeHtml {
  if (strike.withdrawn) {
    return html`<span class="tag">Withdrawn</span> ${day(strike.withdrawn.at)}: ${strike.withdrawn.cause ? WITHDRAWAL_CAUSES[strike.withdrawn.cause] : 'the removal was undone'}; it no longer counts`;
  }
  return strike.active ? html`expires ${day(strike.expiresAt)}` : html`<span class="muted">expired</span>`;
}

// A review counted strikes since withdrawn: the count it was opened at, and what stands now.
function withdrawnNote(review: Contributor['reviews'][number], contributor: Contributor, threshold: number): SafeHtml | null {
  if (!review.withdrawnStrikes) return null;
  const below = contributor.activeStrikes < threshold;
  return html`<p><strong>Count dropped</strong>: ${review.withdrawnStrikes} of the ${review.activeStrikes} strikes counted here ${
    review.withdrawnStrikes === 1 ? 'was' : 'were'
  } withdrawn since; ${contributor.activeStrikes} active now${below ? html`, below the threshold of ${threshold}` : null}.${
    review.outcome ? ' The decision below stands as legal recorded it: the desk does not change it.' : ''
  }</p>`;
}

function strikesTable(contributor: Contributor): SafeHtml {
  return listTable({
    caption: `Strikes of ${contributor.authorEmail}`,
    rows: contributor.strikes,
    empty: 'No strike.',
    columns: [
      { heading: 'Case', cell: (strike) => html`<a href="/desk/cases/${strike.caseReference}">${strike.caseReference}</a>`, nowrap: true },
      { heading: 'Article', cell: (strike) => html`<a href="/desk/articles/${strike.article.slug}">${strike.article.title}</a>` },
      { heading: 'Struck', cell: (strike) => day(strike.struckAt) },
      { heading: 'Counts', cell: (strike) => strikeState(strike) },
    ],
  });
}

// Each open review has its own form: its fields' ids carry the review's.
const formScope = (id: string) => `r-${id}`;

function reviewPart(contributor: Contributor, threshold: number, actor: StaffActor, csrfToken: string, form: AccountForm | undefined): SafeHtml[] {
  return contributor.reviews.map((review) => {
    const dropped = withdrawnNote(review, contributor, threshold);
    if (review.outcome) {
      return html`${dropped}<p><strong>Account decision</strong> (${day(review.decidedAt)}, ${review.decidedBy?.name ?? 'legal'}): ${review.outcome === 'terminate' ? 'end the account' : 'keep the account'}. ${review.reasons}</p>`;
    }
    const state = form?.id === review.id ? form : { values: {}, errors: [] };
    return html`<div class="notice-box warn"><p><strong>Legal to decide</strong>: ${review.activeStrikes} active strikes since ${day(review.openedAt)}.</p>
${dropped}
${
  can(actor, 'strikes.decide')
    ? html`<form method="post" action="/desk/contributors/reviews/${review.id}/decision" novalidate aria-label="Decide on the account of ${contributor.authorEmail}">
${csrfInput(csrfToken)}${ACCOUNT_FIELDS.map((field) => renderField(field, state, formScope(review.id)))}<button type="submit">Record the decision</button></form>`
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
${errorSummary(errors, ACCOUNT_FIELDS, state.form && formScope(state.form.id))}
${state.problem ? html`<div class="error-summary" role="alert" tabindex="-1" autofocus><h2>Not possible</h2><p>${state.problem}</p></div>` : null}
${state.done ? html`<div class="notice-box ok" role="status"><p>The decision was recorded.</p></div>` : null}
<h1>Contributors with strikes</h1>
<p>Each copyright removal of a contributor’s article that takes effect is a strike against its author; a strike lasts ${listing.settings.expiryMonths} months. A strike whose removal is undone (reversed on appeal or by a later decision, or the article restored after a counter-notice) is withdrawn: it stays listed but no longer counts. At ${listing.settings.threshold} active strikes legal decides whether to end the contributor’s account.</p>
${
  listing.contributors.length
    ? listing.contributors.map(
        (contributor) => html`<section class="panel" aria-label="${contributor.authorEmail}">
<h2>${contributor.authorEmail} <span class="tag${contributor.activeStrikes >= listing.settings.threshold ? ' warn' : ''}">${contributor.activeStrikes} active</span> <span class="muted">${contributor.allStrikes} in all${contributor.withdrawnStrikes ? html`, ${contributor.withdrawnStrikes} withdrawn` : null}</span></h2>
${strikesTable(contributor)}
${reviewPart(contributor, listing.settings.threshold, state.actor, state.csrfToken, state.form)}
</section>`,
      )
    : emptyList('No contributor has a strike.')
}
${pageNumberPager('/desk/contributors', {}, listing.page, listing.hasMore, { newer: 'Previous page', older: 'Next page' })}
</div>`,
  });
}
