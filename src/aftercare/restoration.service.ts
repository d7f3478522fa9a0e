import { Injectable } from '@nestjs/common';
import { DeskConfig } from '../config/desk-config';
import { Database, Repositories } from '../database/database.service';
import type { Actor, NewEvent } from '../events/event.repository';
import { restorationNotice } from '../messages/aftercare-messages';
import { recordCaseMessage } from '../messages/case-message';
import type { OutgoingMail } from '../messages/mailer.service';
import { OutboxWriter } from '../messages/outbox-writer';
import type { Case, CaseStatus } from '../cases/case.entity';
import { checkTransition } from '../cases/case-workflow';
import { liftCaseRemedies } from '../cases/remedy-effects';
import type { Notice } from '../notices/notice.entity';
import { withdrawStrikes } from '../strikes/strike-effects';

export type CaseEvent = Omit<NewEvent, 'caseId' | 'caseReference' | 'requestId' | 'clientNetwork'>;

// Putting back what a case took down: after a counter-notice's window (the desk itself),
// by legal staff, or when an appeal reverses a removal.
@Injectable()
export class RestorationService {
  constructor(
    private readonly db: Database,
    private readonly writer: OutboxWriter,
    private readonly config: DeskConfig,
  ) {}

  // The articles of this case that are not live go back to live (the tombstone goes with
  // the removed state); both parties are told. Runs inside the caller's transaction.
  async restoreContent(tx: Repositories, filed: Case, notice: Notice, actor: Actor, reason: string | null, outbox: OutgoingMail[]): Promise<CaseEvent[]> {
    const ids = [...new Set(notice.items.map((item) => item.articleId).filter((id): id is string => !!id))].sort();
    const articles = (await tx.articles.findByIds(ids)).filter((article) => article.state !== 'live').sort((a, b) => (a.id < b.id ? -1 : 1));
    const events: CaseEvent[] = [];
    for (const article of articles) {
      const { before } = await tx.articles.setState(article.id, 'live');
      events.push({
        actor,
        action: 'article.state_changed',
        subject: { type: 'article', id: article.id },
        changes: { state: { before, after: 'live' } },
        data: { restored: true },
        visibility: 'public',
      });
    }
    // Its restrictions with an end date are over too: their clocks leave the case.
    await tx.aftercare.liftCaseRestrictionEnds(filed.id, new Date());
    // The newsroom remedies of the case are undone too (image back, correction and reply gone, name printed, indexable).
    const lifted = await liftCaseRemedies(tx, filed.id, actor);
    events.push(...lifted.map((event) => ({ ...event, actor })));
    // The removals are undone: their strikes against contributors are withdrawn (src/strikes).
    const withdrawn = await withdrawStrikes(tx, this.config.strikes, filed.id, 'content_restored');
    events.push(...withdrawn.map((event) => ({ ...event, actor })));
    events.push({
      actor,
      action: 'case.restored',
      subject: { type: 'case', id: filed.id },
      data: { reason, articles: articles.length, remediesLifted: lifted.length },
      visibility: 'notifier',
    });
    const message = restorationNotice({ reference: filed.reference, by: actor.type === 'system' ? 'system' : 'staff', reason, publisherName: this.config.publisherName });
    await recordCaseMessage(tx, this.writer, outbox, filed, { kind: 'restoration', recipientRole: 'notifier', to: notice.notifier.email, ...message });
    const remedied = new Set(lifted.map((event) => event.subject.id));
    const told = [...articles, ...(await tx.articles.findByIds(ids)).filter((article) => remedied.has(article.id) && !articles.some((restored) => restored.id === article.id))];
    for (const article of told) {
      await recordCaseMessage(tx, this.writer, outbox, filed, { kind: 'restoration', recipientRole: 'author', to: article.authorEmail, ...message });
    }
    return events;
  }

  // Restores every counter-noticed case whose window opened by `now`, one transaction
  // each. Cases another instance is restoring are skipped (SKIP LOCKED): each runs once.
  async sweep(now: Date = new Date()): Promise<number> {
    let restored = 0;
    for (;;) {
      const outbox: OutgoingMail[] = [];
      const done = await this.db.transaction(async (tx) => {
        const due = await tx.cases.lockNextDueRestoration(now);
        if (!due) return false;
        const check = checkTransition('restore', due.status, 'system', { now, restoreEarliestAt: due.restoreEarliestAt });
        if (!check.allowed) return false;
        const notice = (await tx.notices.findWithItems(due.noticeId))!;
        const system: Actor = { type: 'system', id: null };
        const events = await this.restoreContent(tx, due, notice, system, null, outbox);
        const updated = await tx.cases.update(due.id, { status: check.transition.to as CaseStatus, restoreEarliestAt: null, restoreLatestAt: null });
        const common = { caseId: due.id, caseReference: due.reference };
        await tx.events.append(
          {
            ...common,
            actor: system,
            action: 'case.restore',
            subject: { type: 'case', id: due.id },
            changes: { status: { before: due.status, after: updated.status } },
            visibility: 'internal',
          },
          ...events.map((event) => ({ ...common, ...event })),
        );
        return true;
      });
      if (outbox.length) this.writer.wake();
      if (!done) return restored;
      restored += 1;
    }
  }
}
