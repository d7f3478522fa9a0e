import { html, SafeHtml } from '../common/html';
import { formatTime, statusBadge } from '../web/page-parts';
import type { CaseStatus } from './case.entity';
import type { CasesService } from './cases.service';

// The desk's words for the codes of a case (staff wording), and the due-date phrases the
// queue and the case page share.

export type CaseDetail = Awaited<ReturnType<CasesService['describe']>>;
export type StaffEntry = Awaited<ReturnType<CasesService['staffDirectory']>>[number];

// Staff wording; STATUS_LABELS in case-workflow.ts speaks to the notifier.
export const STATUS_NAMES: Record<CaseStatus, string> = {
  new: 'New',
  awaiting_info: 'Awaiting information',
  in_review: 'In review',
  escalated: 'Escalated to legal',
  pending_approval: 'Pending approval',
  actioned: 'Actioned',
  rejected: 'Rejected',
  counter_noticed: 'Counter-noticed',
  restored: 'Restored',
  litigation_hold: 'Litigation hold',
  appealed: 'Appealed',
  withdrawn: 'Withdrawn',
  duplicate: 'Duplicate',
  lapsed: 'Lapsed',
  closed: 'Closed',
  held: 'Held (sender suspended)',
};

export const ITEM_ACTION_NAMES: Record<string, string> = { remove: 'Remove', restrict: 'Restrict', redact: 'Redact', no_action: 'No action' };

export const GROUND_NAMES: Record<string, string> = {
  copyright_infringement: 'Copyright infringement',
  trademark_infringement: 'Trademark infringement',
  defamation: 'Defamation',
  data_protection: 'Data protection (GDPR Art. 17)',
  other_illegal_content: 'Other illegal content',
  not_illegal: 'Not illegal (no action)',
  insufficient_information: 'Insufficient information (no action)',
  out_of_scope: 'Out of scope (no action)',
};

export const MATCH_NAMES: Record<string, string> = {
  article: 'Our article',
  alias: 'Our article (other address)',
  other_site: 'Another site: out of scope',
  not_found: 'No such article: out of scope',
};

export const ITEM_STATE_NAMES: Record<string, string> = {
  pending: 'Pending',
  out_of_scope: 'Out of scope',
  removed: 'Removed',
  restricted: 'Restricted',
  redacted: 'Redacted',
  no_action: 'No action',
};

export const ARTICLE_STATE_NAMES: Record<string, string> = { live: 'Live', restricted: 'Restricted', redacted: 'Redacted', removed: 'Removed' };

export const NOTIFIER_KIND_NAMES: Record<string, string> = {
  rights_holder: 'Rights holder',
  agent: 'Agent',
  individual: 'Private individual',
  trusted_flagger: 'Trusted flagger',
};

export const DETAIL_NAMES: Record<string, string> = {
  mark: 'Trademark',
  registrationOffice: 'Registration office',
  registrationNumber: 'Registration number',
  markOwner: 'Owner of the mark',
  statement: 'Statement complained of',
  defamatoryMeaning: 'Meaning and harm',
  inaccurateParts: 'Parts said to be untrue',
  lacksPosterInfo: 'Lacks information about the poster',
  consentToShare: 'Consents to name and e-mail being passed on',
  subjectName: 'Person the article is about',
  identityConfirmed: 'Identity confirmed',
};

export function caseStatusBadge(status: CaseStatus): SafeHtml {
  return statusBadge(status, STATUS_NAMES[status] ?? status);
}

function span(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${Math.max(minutes, 1)} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

export interface DueState {
  text: string;
  overdue: boolean;
}

// "due in 2 days", "overdue by 3 h": what an editor reads at a glance.
export function dueText(dueAt: Date | string | null, now: Date, paused = false): DueState {
  if (paused) return { text: 'clock paused', overdue: false };
  if (!dueAt) return { text: 'no due date', overdue: false };
  const left = new Date(dueAt).getTime() - now.getTime();
  return left < 0 ? { text: `overdue by ${span(-left)}`, overdue: true } : { text: `due in ${span(left)}`, overdue: false };
}

// Overdue is said in words and marked with a class: never colour alone.
export function dueCell(dueAt: Date | string | null, now: Date, paused: boolean): SafeHtml {
  const due = dueText(dueAt, now, paused);
  return html`<span class="due${due.overdue ? ' overdue' : ''}">${due.overdue ? html`<strong>${due.text}</strong>` : due.text}</span>${
    dueAt && !paused ? html`<span class="hint">${formatTime(dueAt)}</span>` : null
  }`;
}
