import type { DeskConfig } from '../config/desk-config';
import type { Repositories } from '../database/database.service';
import type { NewEvent } from '../events/event.repository';
import { recordCaseMessage } from '../messages/case-message';
import { gdprExtensionNotice } from '../messages/clock-messages';
import type { OutgoingMail } from '../messages/mailer.service';
import type { OutboxWriter } from '../messages/outbox-writer';
import type { Notice } from '../notices/notice.entity';
import type { Case } from './case.entity';
import type { CaseFieldUpdate } from './case.repository';
import { clockInstant } from './clock-panel';
import type { ExtendGdprDeadlineDto, RecordAuthorAnswerDto, RecordAuthorContactDto } from './dto/clock-actions.dto';
import { defamationAnswerDue, gdprAnswerDue } from './sla';

// The staff actions that move a legal clock, run inside the transition's transaction
// (CaseWorkflowService): what they change on the case and the events they add.
export interface ClockEffect {
  fields: CaseFieldUpdate;
  events: Array<Omit<NewEvent, 'caseId' | 'caseReference' | 'requestId' | 'clientNetwork' | 'actor'>>;
}

// GDPR Art. 12(3): three months from receipt instead of one; the person gets the reasons
// (an outbox message in this transaction) and sees the extension on their tracking page.
export async function extendGdprDeadline(
  tx: Repositories,
  deps: { writer: OutboxWriter; config: DeskConfig; outbox: OutgoingMail[] },
  filed: Case,
  notice: Notice,
  dto: ExtendGdprDeadlineDto,
  now: Date,
): Promise<ClockEffect> {
  const dueAt = gdprAnswerDue(filed.receivedAt, deps.config.sla).extended;
  const message = gdprExtensionNotice({
    reference: filed.reference,
    reasons: dto.extensionReasons,
    dueLocal: clockInstant(dueAt, deps.config.calendar.timeZone).local,
    publisherName: deps.config.publisherName,
  });
  await recordCaseMessage(tx, deps.writer, deps.outbox, filed, { kind: 'gdpr_extension', recipientRole: 'notifier', to: notice.notifier.email, ...message });
  return {
    fields: { gdprDueAt: dueAt, gdprExtendedAt: now },
    events: [
      {
        action: 'case.gdpr_deadline_extended',
        subject: { type: 'case', id: filed.id },
        data: { reasons: dto.extensionReasons, dueAt: dueAt.toISOString(), previousDueAt: filed.gdprDueAt?.toISOString() ?? null },
        visibility: 'notifier',
      },
    ],
  };
}

// SI 2013/3028: the complaint reached the author; the contact clock stops and the author's
// 5 days (to midnight at the end of the fifth day) start.
export function recordAuthorContact(filed: Case, dto: RecordAuthorContactDto, now: Date): ClockEffect {
  const answerDueAt = defamationAnswerDue(now);
  return {
    fields: { authorContactedAt: now, defamationContactDueAt: null, defamationAnswerDueAt: answerDueAt },
    events: [
      {
        action: 'case.author_contacted',
        subject: { type: 'case', id: filed.id },
        data: { note: dto.note, answerDueAt: answerDueAt.toISOString() },
        visibility: 'internal',
      },
    ],
  };
}

// SI 2013/3028: the author answered in time. Their answer clock stops (the decision that
// follows removes or keeps the statement); the answer stays in the case record.
export function recordAuthorAnswer(filed: Case, dto: RecordAuthorAnswerDto): ClockEffect {
  return {
    fields: { defamationAnswerDueAt: null },
    events: [
      {
        action: 'case.author_answered',
        subject: { type: 'case', id: filed.id },
        changes: { defamationAnswerDueAt: { before: filed.defamationAnswerDueAt, after: null } },
        data: { answer: dto.authorAnswer, note: dto.note },
        visibility: 'internal',
      },
    ],
  };
}
