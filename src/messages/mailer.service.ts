import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { DeskConfig } from '../config/desk-config';
import { Database } from '../database/database.service';

export interface OutgoingMail {
  messageId: string;
  to: string;
  subject: string;
  // The text actually sent; the stored copy may differ where it withholds a secret link.
  text: string;
}

// Sends a recorded message through SMTP when SMTP_URL is set. Without it messages are
// only stored (state `stored`) and the admin outbox shows them, so nothing is lost.
@Injectable()
export class MailerService implements OnModuleDestroy {
  private readonly logger = new Logger(MailerService.name);
  private readonly transport: Transporter | null;

  constructor(
    private readonly config: DeskConfig,
    private readonly db: Database,
  ) {
    this.transport = config.smtpUrl ? createTransport(config.smtpUrl) : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  // Called after the transaction that recorded the message has committed.
  async deliver(mail: OutgoingMail): Promise<void> {
    if (!this.transport) return;
    try {
      await this.transport.sendMail({ from: this.config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text });
      await this.recordDelivery(mail.messageId, 'sent', null);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn({ msg: 'message delivery failed', messageId: mail.messageId, reason });
      await this.recordDelivery(mail.messageId, 'failed', reason.slice(0, 1000)).catch(() => undefined);
    }
  }

  // The delivery's outcome and its event commit together, like any other change.
  private recordDelivery(messageId: string, state: 'sent' | 'failed', error: string | null): Promise<void> {
    return this.db.transaction(async (tx) => {
      const delivered = await tx.messages.markDelivery(messageId, state, error);
      if (!delivered) return;
      const filed = delivered.caseId ? await tx.cases.findById(delivered.caseId) : null;
      await tx.events.append({
        actor: { type: 'system', id: 'mailer' },
        action: state === 'sent' ? 'message.sent' : 'message.failed',
        subject: { type: 'message', id: messageId },
        caseId: delivered.caseId,
        caseReference: filed?.reference ?? null,
        changes: { state: { before: delivered.before, after: state } },
        data: { attempts: delivered.attempts, error },
        visibility: 'internal',
      });
    });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
