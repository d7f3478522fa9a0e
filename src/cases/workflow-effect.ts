import type { DeskConfig } from '../config/desk-config';
import type { Repositories } from '../database/database.service';
import type { NewEvent } from '../events/event.repository';
import { recordCaseMessage } from '../messages/case-message';
import type { OutgoingMail } from '../messages/mailer.service';
import type { OutboxWriter } from '../messages/outbox-writer';
import type { Notice } from '../notices/notice.entity';
import type { StaffActor } from '../staff/staff-actor';
import type { Case, CaseStatus } from './case.entity';
import type { CaseFieldUpdate } from './case.repository';
import type { DecisionWithApproval } from './decision.repository';

// An event an effect adds to the transition; it may name another case (a merge is told on
// the earlier case's timeline too).
export type EffectEvent = Omit<NewEvent, 'caseId' | 'caseReference' | 'requestId' | 'clientNetwork' | 'actor'> & Partial<Pick<NewEvent, 'actor' | 'caseId' | 'caseReference'>>;

// What one transition does to the case, besides the status the table names.
export interface Effect {
  fields?: CaseFieldUpdate;
  // Overrides the table's destination (decisions settle their own).
  status?: CaseStatus;
  events: EffectEvent[];
}

// What an effect works with, inside the transition's transaction (CaseWorkflowService).
export interface EffectContext {
  tx: Repositories;
  actor: StaffActor;
  filed: Case;
  notice: Notice;
  config: DeskConfig;
  writer: OutboxWriter;
  // Messages queued in this transaction; the outbox is woken after it commits.
  outbox: OutgoingMail[];
  // The case's decisions as they stood when the transition began (caseDecisions).
  decisions: () => Promise<DecisionWithApproval[]>;
}

// The case's decisions, newest first, each with its approval: read at most once per
// transition, under the case lock, however many guards and effects ask. What the
// transition itself inserts later (a decision, an approval) is not in the list: readers
// that run after such an insert must not need it (decision-effects.ts).
export function caseDecisions(tx: Repositories, caseId: string): () => Promise<DecisionWithApproval[]> {
  let read: Promise<DecisionWithApproval[]> | undefined;
  return () => (read ??= tx.decisions.findForCase(caseId));
}

// The decision waiting for a second person, if the newest one is.
export function pendingApproval(decisions: readonly DecisionWithApproval[]): DecisionWithApproval | null {
  const [latest] = decisions;
  return latest && latest.requiresApproval && !latest.approval ? latest : null;
}

export function queueCaseMessage(
  ctx: EffectContext,
  kind: string,
  recipientRole: 'notifier' | 'author',
  to: string | null,
  message: { subject: string; body: string; link?: string | null },
): Promise<void> {
  return recordCaseMessage(ctx.tx, ctx.writer, ctx.outbox, ctx.filed, { kind, recipientRole, to, ...message });
}
