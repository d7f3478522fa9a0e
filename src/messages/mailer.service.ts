import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { DeskConfig } from '../config/desk-config';
import { LinkSealer, loadSecretKey } from './link-sealer';

// A message queued in a transaction: the transition's caller wakes the delivery worker
// once that transaction has committed (MessageDelivery.wake).
export interface OutgoingMail {
  messageId: string;
}

export interface MailToSend {
  messageId: string;
  to: string;
  subject: string;
  text: string;
}

// The SMTP side of the outbox, when SMTP_URL is set. Without it messages are only stored
// (state `stored`) and the admin outbox shows them, so nothing is lost. Sending happens in
// MessageDelivery, never in a request.
@Injectable()
export class MailerService implements OnModuleDestroy {
  private readonly logger = new Logger(MailerService.name);
  private readonly transport: Transporter | null;
  private sealerInstance: LinkSealer | null = null;

  constructor(private readonly config: DeskConfig) {
    // Every wait ends well within the hold on a claimed message, so that no other instance
    // takes it over while this one may still be handing it to the server.
    const timeout = Math.max(1000, Math.floor((config.mail.leaseSeconds * 1000) / 3));
    this.transport = config.smtpUrl ? createTransport({ url: config.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout }) : null;
  }

  get enabled(): boolean {
    return this.transport !== null;
  }

  // The key that seals links waiting in the outbox: loaded (or made) on first use.
  get sealer(): LinkSealer {
    if (!this.sealerInstance) {
      const { key, source, file } = loadSecretKey(this.config.secretKey, this.config.dataDir);
      if (source === 'new file') {
        this.logger.warn({ msg: 'made a new secret key for links waiting in the outbox; every instance needs the same one (DESK_SECRET_KEY)', file });
      }
      this.sealerInstance = new LinkSealer(key);
    }
    return this.sealerInstance;
  }

  // Message-ID is the message row's id: a retry after a crash in mid-send carries the same
  // one, so receivers that deduplicate show it once.
  async send(mail: MailToSend): Promise<void> {
    if (!this.transport) throw new Error('SMTP_URL is not set');
    const domain = new URL(this.config.publicBaseUrl).hostname || 'takedown-desk';
    await this.transport.sendMail({ from: this.config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text, messageId: `<${mail.messageId}@${domain}>` });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
