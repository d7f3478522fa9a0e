import { Injectable } from '@nestjs/common';
import { DeskConfig } from '../config/desk-config';
import type { Repositories } from '../database/database.service';
import type { OutgoingMail } from './mailer.service';
import { MailerService } from './mailer.service';
import { MessageDelivery } from './message-delivery';
import { fixedWordingFor } from './unverified-address';

export interface MessageToRecord {
  caseId: string;
  caseReference: string;
  kind: string;
  recipientRole: 'notifier' | 'author';
  to: string | null;
  message: { subject: string; body: string };
  // The secret link the sent text carries where the stored body has its stand-in
  // (withheld-links.ts): sealed in the row until the message is sent.
  link?: string | null;
}

// Writes a message into the outbox inside the caller's transaction (with its event); the
// caller wakes the delivery once that transaction has committed. Sent to a notifier's
// address nobody has verified, the message says only fixed words and the case reference.
@Injectable()
export class OutboxWriter {
  constructor(
    private readonly config: DeskConfig,
    private readonly mailer: MailerService,
    private readonly delivery: MessageDelivery,
  ) {}

  // The queued message, or null when it is only stored (no address, or no SMTP).
  async record(tx: Repositories, input: MessageToRecord): Promise<OutgoingMail | null> {
    const sendable = input.to !== null && this.mailer.enabled;
    // A message only stored (no SMTP) goes nowhere: it keeps its full text.
    const unverified = sendable && input.recipientRole === 'notifier' && !(await tx.messages.isVerifiedAddress(input.to!));
    const message = unverified ? fixedWordingFor(input.kind, input.caseReference, this.config.publisherName) : input.message;
    const messageId = await tx.messages.insert({
      caseId: input.caseId,
      kind: input.kind,
      recipientRole: input.recipientRole,
      toAddress: input.to,
      subject: message.subject,
      body: message.body,
      state: sendable ? 'queued' : 'stored',
      sealedLink: sendable && !unverified && input.link ? this.mailer.sealer.seal(input.link) : null,
    });
    await tx.events.append({
      actor: { type: 'system', id: null },
      action: 'message.recorded',
      subject: { type: 'message', id: messageId },
      caseId: input.caseId,
      caseReference: input.caseReference,
      data: { kind: input.kind, recipientRole: input.recipientRole, fixedWording: unverified },
      visibility: 'internal',
    });
    return sendable ? { messageId } : null;
  }

  // After the commit: deliver now rather than at the next look.
  wake(): void {
    this.delivery.wake();
  }
}
