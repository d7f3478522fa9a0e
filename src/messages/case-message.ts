import type { Repositories } from '../database/database.service';
import type { OutgoingMail } from './mailer.service';
import type { OutboxWriter } from './outbox-writer';

export interface CaseMessage {
  kind: string;
  recipientRole: 'notifier' | 'author';
  to: string | null;
  subject: string;
  // As stored: a private link replaced by its stand-in (withheld-links.ts).
  body: string;
  // That private link, sealed in the outbox row until the message is sent.
  link?: string | null;
}

// Records a message to a party of a case in the transaction (outbox row + event); the
// caller wakes the delivery (OutboxWriter.wake) once the transaction has committed.
export async function recordCaseMessage(
  tx: Repositories,
  writer: OutboxWriter,
  outbox: OutgoingMail[],
  filed: { id: string; reference: string },
  message: CaseMessage,
): Promise<void> {
  const { kind, recipientRole, to, subject, body, link } = message;
  const queued = await writer.record(tx, { caseId: filed.id, caseReference: filed.reference, kind, recipientRole, to, message: { subject, body }, link });
  if (queued) outbox.push(queued);
}
