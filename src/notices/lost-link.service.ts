import { Injectable } from '@nestjs/common';
import { newSecretToken, sha256 } from '../common/crypto';
import type { RequestMeta } from '../common/request-meta';
import { DeskConfig } from '../config/desk-config';
import { Database } from '../database/database.service';
import { MailerService } from '../messages/mailer.service';
import { OutboxWriter } from '../messages/outbox-writer';
import { WITHHELD_LINK } from '../messages/receipt-message';
import { trackingLinkMessage } from '../messages/tracking-link-message';
import type { NoticeType } from './completeness';

// Fresh links per address and hour: each request mails one link per open case.
export const LOST_LINK_REQUESTS_PER_ADDRESS_PER_HOUR = 3;

// "Lost your link?": an address that was verified (a receipt's confirming link was opened)
// gets a fresh tracking link for each of its open cases, by mail through the outbox. The
// answer is the same whatever the address: whether it has cases is never shown.
// A fresh link replaces the old one (the notice keeps one token hash): a link that leaked
// stops working as soon as its owner asks for a new one.
@Injectable()
export class LostLinkService {
  constructor(
    private readonly db: Database,
    private readonly config: DeskConfig,
    private readonly writer: OutboxWriter,
    private readonly mailer: MailerService,
  ) {}

  async request(email: string, meta: RequestMeta): Promise<void> {
    const address = email.trim().toLowerCase();
    // Without SMTP nothing can reach the mailbox: the old links stay as they are.
    if (!this.mailer.enabled) return;
    // Counted per address, whoever asks: a stranger cannot have one mailbox flooded.
    const { hits } = await this.db.repos.rateLimits.hitHourly(`lost-link:${sha256(address).toString('hex')}`, LOST_LINK_REQUESTS_PER_ADDRESS_PER_HOUR);
    if (hits > LOST_LINK_REQUESTS_PER_ADDRESS_PER_HOUR) return;
    const open = await this.db.repos.notices.findOpenCasesOfVerifiedAddress(address);
    if (!open.length) return;
    let queued = false;
    await this.db.transaction(async (tx) => {
      for (const found of open) {
        const token = newSecretToken();
        await tx.notices.replaceTrackingHash(found.noticeId, sha256(token));
        const link = `${this.config.publicBaseUrl}/track/${token}`;
        const message = trackingLinkMessage({ reference: found.reference, type: found.type as NoticeType, trackingUrl: link, publisherName: this.config.publisherName });
        const stored = { ...message, body: message.body.replace(link, `${this.config.publicBaseUrl}/track/${WITHHELD_LINK}`) };
        const mail = await this.writer.record(tx, {
          caseId: found.caseId,
          caseReference: found.reference,
          kind: 'tracking_link',
          recipientRole: 'notifier',
          to: address,
          message: stored,
          link,
        });
        queued ||= mail !== null;
        await tx.events.append({
          actor: { type: 'notifier', id: found.notifierId },
          action: 'notifier.tracking_link_reissued',
          subject: { type: 'notice', id: found.noticeId },
          caseId: found.caseId,
          caseReference: found.reference,
          requestId: meta.requestId,
          clientNetwork: meta.network,
          visibility: 'notifier',
        });
      }
    });
    if (queued) this.writer.wake();
  }
}
