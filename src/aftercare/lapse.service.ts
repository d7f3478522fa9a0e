import { Injectable } from '@nestjs/common';
import { DeskConfig } from '../config/desk-config';
import { Database } from '../database/database.service';
import type { Actor } from '../events/event.repository';
import { lapseNotice } from '../messages/aftercare-messages';
import { recordCaseMessage } from '../messages/case-message';
import type { OutgoingMail } from '../messages/mailer.service';
import { OutboxWriter } from '../messages/outbox-writer';
import type { CaseStatus } from '../cases/case.entity';
import { checkTransition } from '../cases/case-workflow';

// The curable-notice lapse (LEGAL.md clocks, curable_lapse): a case still waiting for the
// notifier when its lapse instant passes becomes `lapsed`, and the notifier is told.
@Injectable()
export class LapseService {
  constructor(
    private readonly db: Database,
    private readonly writer: OutboxWriter,
    private readonly config: DeskConfig,
  ) {}

  // Lapses every case due by `now`, one transaction each. Cases another instance holds are
  // skipped (SKIP LOCKED): each lapses once.
  async sweep(now: Date = new Date()): Promise<number> {
    let lapsed = 0;
    for (;;) {
      const outbox: OutgoingMail[] = [];
      const done = await this.db.transaction(async (tx) => {
        const due = await tx.cases.lockNextDueLapse(now);
        if (!due) return false;
        const check = checkTransition('lapse', due.status, 'system', { now, lapseDueAt: due.lapseDueAt });
        if (!check.allowed) return false;
        const notice = (await tx.notices.findWithItems(due.noticeId))!;
        const system: Actor = { type: 'system', id: null };
        const updated = await tx.cases.update(due.id, { status: check.transition.to as CaseStatus, lapseDueAt: null, dueAt: null, slaRemainingSeconds: null });
        const message = lapseNotice({ reference: due.reference, publisherName: this.config.publisherName });
        await recordCaseMessage(tx, this.writer, outbox, due, { kind: 'lapse', recipientRole: 'notifier', to: notice.notifier.email, ...message });
        await tx.events.append({
          caseId: due.id,
          caseReference: due.reference,
          actor: system,
          action: 'case.lapse',
          subject: { type: 'case', id: due.id },
          changes: { status: { before: due.status, after: updated.status } },
          data: { lapseDueAt: due.lapseDueAt!.toISOString() },
          visibility: 'notifier',
        });
        return true;
      });
      if (outbox.length) this.writer.wake();
      if (!done) return lapsed;
      lapsed += 1;
    }
  }
}
