import { Case, CaseStatus } from '../cases/case.entity';
import { notifierMay, STATUS_LABELS } from '../cases/case-workflow';
import type { Repositories } from '../database/database.service';
import type { FieldChanges } from '../events/event.entity';
import { EventName, isEventName, NOTIFIER_EVENT_LABELS } from '../events/event-names';
import type { MissingElement } from './completeness';
import { Notice, NotifierAsFiled } from './notice.entity';
import { NOTICE_TYPE_INFO } from './notice-types';

// What the notifier sees of their case on the tracking page and in the tracking API.

export interface TrackingView {
  reference: string;
  type: string;
  typeLabel: string;
  status: CaseStatus;
  statusLabel: string;
  receivedAt: Date;
  dueAt: Date | null;
  complete: boolean;
  dmcaState: string | null;
  missing: MissingElement[];
  notifier: { name: string | null; email: string | null; organization: string | null };
  items: Array<{
    index: number;
    url: string;
    normalizedUrl: string;
    articleId: string | null;
    match: string;
    state: string;
    passage: string | null;
    reason: string | null;
  }>;
  timeline: Array<{ at: Date; action: string; summary: string }>;
  // Questions from the desk; the open one (if any) is what the answer form replies to.
  questions: Array<{ message: string; askedAt: Date; answer: string | null; answeredAt: Date | null }>;
  openQuestion: string | null;
  // Decisions that took effect (one awaiting a second approver is not shown yet).
  decisions: Array<{
    decidedAt: Date;
    outcome: 'actioned' | 'rejected';
    ground: string;
    reasons: string;
    publicNote: string | null;
    items: Array<{ url: string; action: string; territories: string[]; until: string | null }>;
    redress: string;
  }>;
  // After a counter-notice: when the material returns unless a court action is reported.
  restoration: { earliest: Date; latest: Date } | null;
  // A privacy request: when the law says the answer is due (GDPR Art. 12(3), one month from
  // receipt, or three when we extended it and told the person why).
  gdprAnswer: { dueAt: Date; extended: boolean } | null;
  actions: { supplyInfo: boolean; correct: boolean; withdraw: boolean; courtAction: boolean; appeal: boolean };
  // What the notifier sent: the notice as it stands now (the filing's shape; the items are
  // above), how often they corrected it, and their appeals and court actions.
  sent: {
    notice: SentNotice;
    corrections: number;
    appeals: Array<{ filedAt: Date; grounds: string; outcome: string | null; answer: string | null; answeredAt: Date | null }>;
    courtActions: Array<{ reportedAt: Date; court: string; caseNumber: string; filedOn: string }>;
  };
}

export interface SentNotice {
  notifier: NotifierAsFiled;
  principal: { name: string | null };
  work: { description: string | null; originalUrls: string[] };
  explanation: string | null;
  statements: Notice['statements'];
  signature: string | null;
  jurisdiction: string | null;
  language: string | null;
  details: Record<string, unknown>;
}

export const REDRESS_TEXT = 'If you disagree, you may ask us to review this decision within 6 months, use an out-of-court dispute settlement body, or go to court.';

// What each event the notifier may see says, in their words.
const TIMELINE_SUMMARIES: Partial<Record<EventName, (data: Record<string, unknown>, changes: FieldChanges) => string>> = {
  'notice.filed': (data) => `Notice received (${data.itemCount} URL${data.itemCount === 1 ? '' : 's'}).`,
  'case.opened': (_, changes) => (changes.status?.after === 'awaiting_info' ? 'Case opened: we need more information from you.' : 'Case opened and queued for review.'),
  'notice.supplemented': (data) => (data.complete ? 'You supplied the missing information; the notice is now complete.' : 'You supplied more information; some is still missing.'),
  'notice.withdrawn': () => 'You withdrew the notice.',
  'attachment.added': (data) => `You attached ${String(data.fileName)}.`,
  'case.info_requested': () => 'We asked you for more information.',
  'case.restriction_ended': () => 'A restriction reached its end date.',
  'case.lapse': () => 'The notice lapsed: the missing information was not supplied in time.',
  'case.decided': (data) => (data.outcome === 'actioned' ? 'Decision: action taken.' : 'Decision: no action taken.'),
  'case.counter_noticed': () => 'The author sent a counter-notice; we sent you a copy.',
  'case.litigation_hold': () => 'You reported a court action: the material stays down.',
  'case.restored': () => 'The material was restored.',
  'case.gdpr_deadline_extended': (data) =>
    `We extended the time to answer your request by two months${typeof data.dueAt === 'string' ? `, to ${data.dueAt.slice(0, 10)}` : ''}; we sent you the reasons.`,
  'case.appealed': (data) => (data.appellant === 'notifier' ? 'You appealed the decision.' : 'The author appealed the decision.'),
  'appeal.decided': (data) => (data.outcome === 'reversed' ? 'Appeal decided: the decision was reversed.' : 'Appeal decided: the decision was upheld.'),
  'notice.corrected': (_, changes) => {
    const count = Object.keys(changes).length;
    return `You corrected your notice (${count} change${count === 1 ? '' : 's'}); the earlier version is kept on record.`;
  },
  'article.state_changed': (_, changes) => ARTICLE_STATE_WORDS[String(changes.state?.after)] ?? 'The article was changed.',
};

const ARTICLE_STATE_WORDS: Record<string, string> = {
  live: 'The article is online again.',
  restricted: 'Access to the article was restricted.',
  redacted: 'Part of the article was removed (redacted).',
  removed: 'The article was taken down.',
};

// The notifier's view of their case, from what the desk holds now.
export async function buildTrackingView(repos: Repositories, notice: Notice, filed: Case): Promise<TrackingView> {
  const [events, questions, decisions, appeals, courtActions, revisions] = await Promise.all([
    repos.events.findCaseTimeline(filed.id, ['notifier', 'public']),
    repos.infoRequests.findForCase(filed.id),
    repos.decisions.findForCase(filed.id),
    repos.aftercare.findAppeals(filed.id),
    repos.aftercare.findCourtActions(filed.id),
    repos.notices.countRevisions(notice.id),
  ]);
  const urlOf = new Map(notice.items.map((item) => [item.id, item.url]));
  return {
    reference: filed.reference,
    type: notice.type,
    typeLabel: NOTICE_TYPE_INFO[notice.type].label,
    status: filed.status,
    statusLabel: STATUS_LABELS[filed.status],
    receivedAt: filed.receivedAt,
    dueAt: filed.dueAt,
    complete: notice.completeness.complete,
    dmcaState: notice.completeness.dmcaState,
    missing: notice.completeness.missing,
    notifier: { name: notice.notifier.name, email: notice.notifier.email, organization: notice.notifier.organization },
    items: notice.items.map((item) => ({
      index: item.position,
      url: item.url,
      normalizedUrl: item.normalizedUrl,
      articleId: item.articleId,
      match: item.match,
      state: item.state,
      passage: item.passage,
      reason: item.reason,
    })),
    timeline: events.map((event) => ({
      at: event.occurredAt,
      action: event.action,
      summary: notifierSummary(event.action, event.data, event.changes),
    })),
    questions: questions.map((q) => ({ message: q.message, askedAt: q.createdAt, answer: q.answer, answeredAt: q.answeredAt })),
    openQuestion: filed.status === 'awaiting_info' ? (questions.find((q) => q.answeredAt === null)?.message ?? null) : null,
    decisions: decisions
      .filter((decision) => !decision.requiresApproval || decision.approval?.outcome === 'approved')
      .map((decision) => ({
        decidedAt: decision.approval?.createdAt ?? decision.createdAt,
        outcome: decision.outcome,
        ground: decision.ground,
        reasons: decision.reasons,
        publicNote: decision.publicNote,
        items: decision.items.map((item) => ({ url: urlOf.get(item.noticeItemId) ?? '', action: item.action, territories: item.territories, until: item.until })),
        redress: REDRESS_TEXT,
      })),
    restoration: filed.restoreEarliestAt && filed.restoreLatestAt ? { earliest: filed.restoreEarliestAt, latest: filed.restoreLatestAt } : null,
    gdprAnswer: filed.gdprDueAt ? { dueAt: filed.gdprDueAt, extended: filed.gdprExtendedAt !== null } : null,
    sent: {
      notice: sentNotice(notice),
      corrections: revisions,
      appeals: appeals
        .filter((appeal) => appeal.appellant === 'notifier')
        .map((appeal) => ({ filedAt: appeal.createdAt, grounds: appeal.grounds, outcome: appeal.outcome, answer: appeal.answer, answeredAt: appeal.decidedAt })),
      courtActions: courtActions.map((action) => ({ reportedAt: action.reportedAt, court: action.court, caseNumber: action.caseNumber, filedOn: action.filedOn })),
    },
    actions: {
      supplyInfo: notifierMay('supply_info', filed.status),
      correct: notifierMay('correct_notice', filed.status),
      withdraw: notifierMay('withdraw', filed.status),
      courtAction: notifierMay('court_action', filed.status),
      appeal: notifierMay('appeal', filed.status),
    },
  };
}

function sentNotice(notice: Notice): SentNotice {
  return {
    notifier: notice.notifier,
    principal: { name: notice.principalName },
    work: { description: notice.workDescription, originalUrls: notice.workOriginalUrls },
    explanation: notice.explanation,
    statements: notice.statements,
    signature: notice.signature,
    jurisdiction: notice.jurisdiction,
    language: notice.language,
    details: notice.details,
  };
}

// An event in the notifier's words: a summary from its data where one is written, else its
// plain label; never its raw name.
function notifierSummary(action: string, data: Record<string, unknown>, changes: FieldChanges): string {
  if (!isEventName(action)) return 'Your case was updated.';
  return TIMELINE_SUMMARIES[action]?.(data, changes) || NOTIFIER_EVENT_LABELS[action] || 'Your case was updated.';
}
