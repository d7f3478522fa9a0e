import { Injectable } from '@nestjs/common';
import { DeskConfig } from '../config/desk-config';
import { Database } from '../database/database.service';
import type { Actor, NewEvent } from '../events/event.repository';
import { restrictionEndNotice } from '../messages/aftercare-messages';
import { recordCaseMessage } from '../messages/case-message';
import type { OutgoingMail } from '../messages/mailer.service';
import { OutboxWriter } from '../messages/outbox-writer';

// Restrictions with an end date are lifted by the desk on that date (DESIGN.md, issue 9):
// the article is live again unless another restriction still in force keeps it restricted.
@Injectable()
export class RestrictionEndService {
  constructor(
    private readonly db: Database,
    private readonly writer: OutboxWriter,
    private readonly config: DeskConfig,
  ) {}

  // Lifts every restriction whose last day ended by `now`, one transaction each; one
  // another sweep holds is skipped (SKIP LOCKED): each is lifted once.
  async sweep(now: Date = new Date()): Promise<number> {
    let lifted = 0;
    for (;;) {
      const outbox: OutgoingMail[] = [];
      const done = await this.db.transaction(async (tx) => {
        const due = await tx.aftercare.lockNextDueRestrictionEnd(now);
        if (!due) return false;
        await tx.aftercare.markRestrictionLifted(due.id, now);
        const filed = (await tx.cases.findById(due.caseId))!;
        const system: Actor = { type: 'system', id: null };
        const common = { caseId: filed.id, caseReference: filed.reference, actor: system };
        const events: NewEvent[] = [
          { ...common, action: 'case.restriction_ended', subject: { type: 'decision_item', id: due.decisionItemId }, data: { articleId: due.articleId }, visibility: 'notifier' },
        ];
        const [article] = await tx.articles.findByIds([due.articleId]);
        if (article?.state === 'restricted' && !(await tx.aftercare.otherRestrictionInForce(due.articleId, due.id))) {
          const { before } = await tx.articles.setState(article.id, 'live');
          events.push({
            ...common,
            action: 'article.state_changed',
            subject: { type: 'article', id: article.id },
            changes: { state: { before, after: 'live' } },
            data: { restored: true, restrictionEnded: true },
            visibility: 'public',
          });
          const notice = (await tx.notices.findWithItems(filed.noticeId))!;
          const message = restrictionEndNotice({ reference: filed.reference, url: article.canonicalUrl, publisherName: this.config.publisherName });
          await recordCaseMessage(tx, this.writer, outbox, filed, { kind: 'restriction_end', recipientRole: 'notifier', to: notice.notifier.email, ...message });
          await recordCaseMessage(tx, this.writer, outbox, filed, { kind: 'restriction_end', recipientRole: 'author', to: article.authorEmail, ...message });
        }
        await tx.events.append(...events);
        return true;
      });
      if (outbox.length) this.writer.wake();
      if (!done) return lifted;
      lifted += 1;
    }
  }
}
