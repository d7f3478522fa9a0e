import { actionFieldScope } from './panel-form';
import { duplicatesPanel } from '../duplicates/duplicates-panel';
import { misusePanel } from '../misuse/misuse-panel';
import { html, SafeHtml } from '../common/html';
import { own } from '../common/own';
import { errorSummary, plainChoiceErrors } from '../web/form-fields';
import { page } from '../web/layout';
import { formatTime, okBanner, staffNav, titled } from '../web/page-parts';
import { senderPanel } from '../senders/sender-panel';
import { aftercareSection } from './case-aftercare-section';
import { clockPanelSection } from './clock-panel-section';
import { actionsSection, formFields, notesSection, quickActions } from './case-actions';
import { CasePageState, PageContext } from './case-page-context';
import { articlesSection, caseHeader, completenessSection, decisionsSection, itemsSection, noticeSection, questionsSection } from './case-sections';
import { conflictBanner, timelineSection } from './case-timeline';
import { statementsLink } from '../exports/case-statements-page';
import type { StaffAction } from './case-workflow';

// The case page: banners, the header and quick actions, the notice and the article side by
// side, then decisions, questions, the action forms, notes and the timeline. Pure
// rendering: the controller fetches, these functions turn data into markup.

const DONE_MESSAGES: Record<string, string> = {
  assign: 'The case was assigned.',
  unassign: 'The case is no longer assigned.',
  start_review: 'You started the review. The case is assigned to you.',
  request_info: 'Your question was sent to the notifier. The review clock is paused until they answer.',
  escalate: 'The case was escalated to legal.',
  decide: 'The decision was recorded and has taken effect.',
  approve: 'The decision was approved and has taken effect.',
  reject_approval: 'The decision was sent back for review.',
  close: 'The case was closed.',
  reopen: 'The case was reopened.',
  close_lapsed: 'The case was closed as lapsed.',
  close_duplicate: 'The case was merged into the earlier case (closed as a duplicate); the notifier is told.',
  keep_apart: 'The case is kept apart from the earlier one.',
  mark_unfounded: 'The notice was marked manifestly unfounded.',
  release_hold: 'The held filing was released into the queue.',
  restore: 'The content was restored; the notifier and the author are told.',
  decide_appeal: 'The appeal was decided; both parties get the answer.',
  extend_gdpr_deadline: 'The GDPR deadline was extended by two months; the reasons were sent to the person.',
  record_author_contact: "The contact with the author was recorded; the author's 5 days to answer have started.",
  record_author_answer: "The author's answer was recorded; their clock stopped. Decide the case next.",
  note: 'Your note was added.',
  attached: 'The file was attached to the case.',
};

function problemBanner(problem: { title: string; detail: string }): SafeHtml {
  return html`<div class="error-summary" role="alert" aria-labelledby="problem-title" tabindex="-1" autofocus>
<h2 id="problem-title">${problem.title}</h2>
<p>${problem.detail}</p>
</div>`;
}

// Text typed into a form this page no longer offers (the case moved on): shown, not lost.
function orphanedText(ctx: PageContext): SafeHtml | null {
  const form = ctx.form;
  if (!form || form.action === 'note' || (ctx.detail.actions as StaffAction[]).includes(form.action)) return null;
  const typed = Object.entries(form.values).filter(
    ([name, value]) => value.trim() && /^(message|reason|reasons|comment|publicNote|answer|note|extensionReasons|items\[\d+\]\.passage)$/.test(name),
  );
  if (!typed.length) return null;
  return html`<div class="notice-box"><h2>What you typed</h2><p>This action is no longer possible, so it was not sent. Copy your text if you still need it.</p>${typed.map(
    ([, value]) => html`<blockquote>${value}</blockquote>`,
  )}</div>`;
}

export function casePage(state: CasePageState): string {
  const names = new Map(state.staff.map((member) => [member.id, member.name]));
  const ctx: PageContext = { ...state, names };
  const { detail } = state;
  const summaryFields = state.form ? formFields(state.form.action, ctx) : [];
  const errors = plainChoiceErrors(state.form?.errors ?? [], summaryFields);
  if (state.form) ctx.form = { ...state.form, errors };
  const done =
    state.done === 'decide' && detail.status === 'pending_approval'
      ? 'The decision was recorded. It takes effect when a second person (legal or admin) approves it.'
      : state.done
        ? own(DONE_MESSAGES, state.done)
        : undefined;
  return page({
    title: titled(`Case ${detail.reference}`, errors),
    private: true,
    staff: staffNav(state.actor, state.csrfToken),
    body: html`<div class="desk-wide">
${state.conflict ? conflictBanner(ctx, state.conflict) : null}
${state.problem ? problemBanner(state.problem) : null}
${errorSummary(errors, summaryFields, state.form && actionFieldScope(state.form.action))}
${okBanner(done)}
${orphanedText(ctx)}
${caseHeader(ctx)}
${quickActions(ctx)}
<div class="case-columns">
<div class="case-column">
${noticeSection(detail)}
${itemsSection(detail)}
${completenessSection(detail)}
</div>
<div class="case-column">
${senderPanel(detail.sender)}
${clockPanelSection(detail.clocks)}
${aftercareSection(detail, formatTime)}
${duplicatesPanel(ctx)}${misusePanel(ctx)}
${articlesSection(detail)}
</div>
</div>
${state.evidence ?? null}
${decisionsSection(ctx)}
${statementsLink(detail)}
${questionsSection(detail)}
${actionsSection(ctx)}
${notesSection(ctx)}
${timelineSection(ctx)}
</div>`,
  });
}
