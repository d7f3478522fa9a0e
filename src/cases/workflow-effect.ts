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
