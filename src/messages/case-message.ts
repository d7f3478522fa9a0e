import type { Repositories } from '../database/database.service';
import type { MailerService, OutgoingMail } from './mailer.service';

export interface CaseMessage {
  kind: string;
  recipientRole: 'notifier' | 'author';
  to: string | null;
  subject: string;
  body: string;
  // The text actually sent when it differs from the stored one (a private link withheld).
  sentBody?: string;
}

// Records a message to a party of a case in the transaction (row + event); the mail is
// handed to the outbox list, delivered after commit.
export async function recordCaseMessage(
  tx: Repositories,
  mailer: MailerService,
  outbox: OutgoingMail[],
  filed: { id: string; reference: string },
  message: CaseMessage,
): Promise<void> {
  const { kind, recipientRole, to } = message;
  const sendable = to !== null && mailer.enabled;
  const messageId = await tx.messages.insert({
    caseId: filed.id,
    kind,
    recipientRole,
    toAddress: to,
    subject: message.subject,
    body: message.body,
    state: sendable ? 'queued' : 'stored',
  });
  await tx.events.append({
    actor: { type: 'system', id: null },
    action: 'message.recorded',
    subject: { type: 'message', id: messageId },
    caseId: filed.id,
    caseReference: filed.reference,
    data: { kind, recipientRole },
    visibility: 'internal',
  });
  if (sendable) outbox.push({ messageId, to: to!, subject: message.subject, text: message.sentBody ?? message.body });
}
