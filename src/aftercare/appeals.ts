import type { Case, CaseStatus } from '../cases/case.entity';
import { checkTransition, STATUS_LABELS } from '../cases/case-workflow';
import { computeClock } from '../clocks';
import { DeskError } from '../common/desk-error';
import type { Repositories } from '../database/database.service';
import type { Actor, NewEvent } from '../events/event.repository';
import { appealAnswer } from '../messages/aftercare-messages';
import { recordCaseMessage } from '../messages/case-message';
import type { OutgoingMail } from '../messages/mailer.service';
import type { OutboxWriter } from '../messages/outbox-writer';
import type { Notice } from '../notices/notice.entity';
import type { Appellant } from './appeal.entity';

// The decision in force and when its parties were told: an appeal may be filed for six
// months after that (DSA Art. 20, clock appeal_window).
export async function decisionInForce(tx: Repositories, caseId: string): Promise<{ id: string; toldAt: Date; deciderIds: string[] } | null> {
  const decisions = await tx.decisions.findForCase(caseId);
  const effective = decisions.find((decision) => !decision.requiresApproval || decision.approval?.outcome === 'approved');
  if (!effective) return null;
  return {
    id: effective.id,
    toldAt: effective.approval?.createdAt ?? effective.createdAt,
    deciderIds: [effective.decidedBy, ...(effective.approval ? [effective.approval.approverId] : [])],
  };
}

// Files an appeal on a case locked by the caller; returns the events to append.
export async function fileAppeal(tx: Repositories, filed: Case, appellant: Appellant, grounds: string, actor: Actor): Promise<Omit<NewEvent, 'caseId' | 'caseReference'>[]> {
  const decision = await decisionInForce(tx, filed.id);
  const now = new Date();
  const windowEnds = decision ? new Date(computeClock('appeal_window', decision.toldAt).due) : null;
  const check = checkTransition('appeal', filed.status, appellant, { now, appealWindowEndsAt: windowEnds });
  if (!decision || !check.allowed) {
    const detail =
      check.allowed || check.reason !== 'within_appeal_window'
        ? `A decision can be appealed once it has taken effect; this case is "${STATUS_LABELS[filed.status].toLowerCase()}".`
        : `The six months to appeal this decision ended on ${windowEnds!.toISOString().slice(0, 10)}.`;
    throw new DeskError(409, 'cannot_appeal', 'No appeal now', detail);
  }
  const appealId = await tx.aftercare.insertAppeal({ caseId: filed.id, appellant, decisionId: decision.id, grounds, statusBefore: filed.status });
  const to = (check as Extract<typeof check, { allowed: true }>).transition.to as CaseStatus;
  // The case leaves its holder: the appeal is for someone else to pick up (the appeals lane).
  await tx.cases.update(filed.id, { status: to, dueAt: null, assigneeId: null });
  return [
    {
      actor,
      action: 'case.appealed',
      subject: { type: 'appeal', id: appealId },
      changes: { status: { before: filed.status, after: to }, ...(filed.assigneeId ? { assigneeId: { before: filed.assigneeId, after: null } } : {}) },
      data: { appellant, grounds, decisionId: decision.id },
      visibility: 'notifier',
    },
  ];
}

// The reasoned answer to both parties: the notifier and the authors of the case's articles.
export async function answerAppeal(
  tx: Repositories,
  writer: OutboxWriter,
  outbox: OutgoingMail[],
  filed: Case,
  notice: Notice,
  answer: { outcome: 'upheld' | 'reversed'; text: string; publisherName: string },
): Promise<void> {
  const message = appealAnswer({ reference: filed.reference, outcome: answer.outcome, answer: answer.text, publisherName: answer.publisherName });
  await recordCaseMessage(tx, writer, outbox, filed, { kind: 'appeal_answer', recipientRole: 'notifier', to: notice.notifier.email, ...message });
  const articles = await tx.articles.findByIds([...new Set(notice.items.map((item) => item.articleId).filter((id): id is string => !!id))]);
  for (const article of articles) await recordCaseMessage(tx, writer, outbox, filed, { kind: 'appeal_answer', recipientRole: 'author', to: article.authorEmail, ...message });
}
