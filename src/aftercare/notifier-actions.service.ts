import { Injectable } from '@nestjs/common';
import type { CaseStatus } from '../cases/case.entity';
import { checkTransition, STATUS_LABELS } from '../cases/case-workflow';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { DeskConfig } from '../config/desk-config';
import { Database } from '../database/database.service';
import { recordCaseMessage } from '../messages/case-message';
import type { OutgoingMail } from '../messages/mailer.service';
import { OutboxWriter } from '../messages/outbox-writer';
import { TrackingService } from '../notices/tracking.service';
import type { TrackingView } from '../notices/tracking-view';
import { fileAppeal } from './appeals';
import { AppealDto } from './dto/appeal.dto';
import { CourtActionDto } from './dto/court-action.dto';

// What the notifier does after a decision, through the tracking link.
@Injectable()
export class NotifierActionsService {
  constructor(
    private readonly db: Database,
    private readonly tracking: TrackingService,
    private readonly writer: OutboxWriter,
    private readonly config: DeskConfig,
  ) {}

  // DSA Art. 20: an internal complaint against the decision, within six months.
  async appeal(token: string, dto: AppealDto, meta: RequestMeta): Promise<TrackingView> {
    const { notice } = await this.tracking.resolve(token);
    await this.db.transaction(async (tx) => {
      const filed = (await tx.cases.findByNoticeIdForUpdate(notice.id))!;
      const events = await fileAppeal(tx, filed, 'notifier', dto.grounds, { type: 'notifier', id: notice.notifierId });
      await tx.events.append(...events.map((event) => ({ ...event, caseId: filed.id, caseReference: filed.reference, requestId: meta.requestId, clientNetwork: meta.network })));
    });
    return this.tracking.view(token);
  }

  // §512(g)(2)(C): a court action reported before the material returns stops the clock.
  async courtAction(token: string, dto: CourtActionDto, meta: RequestMeta): Promise<TrackingView> {
    const { notice } = await this.tracking.resolve(token);
    const outbox: OutgoingMail[] = [];
    await this.db.transaction(async (tx) => {
      const filed = (await tx.cases.findByNoticeIdForUpdate(notice.id))!;
      const check = checkTransition('court_action', filed.status, 'notifier');
      if (!check.allowed) {
        throw new DeskError(
          409,
          'no_counter_notice',
          'Nothing to hold',
          `A court action is reported after a counter-notice, before the material returns; this case is "${STATUS_LABELS[filed.status].toLowerCase()}".`,
        );
      }
      const actionId = await tx.aftercare.insertCourtAction({ caseId: filed.id, court: dto.court, caseNumber: dto.caseNumber, filedOn: dto.filedOn });
      const updated = await tx.cases.update(filed.id, { status: check.transition.to as CaseStatus, restoreEarliestAt: null, restoreLatestAt: null });
      const actor = { type: 'notifier' as const, id: notice.notifierId };
      await tx.events.append({
        caseId: filed.id,
        caseReference: filed.reference,
        requestId: meta.requestId,
        clientNetwork: meta.network,
        actor,
        action: 'case.litigation_hold',
        subject: { type: 'court_action', id: actionId },
        changes: { status: { before: filed.status, after: updated.status }, restoreEarliestAt: { before: filed.restoreEarliestAt?.toISOString() ?? null, after: null } },
        data: { court: dto.court, caseNumber: dto.caseNumber, filedOn: dto.filedOn },
        visibility: 'notifier',
      });
      const articles = await tx.articles.findByIds([...new Set(notice.items.map((item) => item.articleId).filter((id): id is string => !!id))]);
      for (const article of articles.filter((a) => a.origin === 'contributor')) {
        await recordCaseMessage(tx, this.writer, outbox, filed, {
          kind: 'litigation_hold',
          recipientRole: 'author',
          to: article.authorEmail,
          subject: `[${filed.reference}] Court action reported: the material stays down`,
          body: [
            `The person who gave the notice on case ${filed.reference} told us they filed a court action (${dto.court}, case ${dto.caseNumber}, filed ${dto.filedOn}).`,
            'Under 17 U.S.C. §512(g)(2)(C) we will not restore the material while the court action is pending.',
            '',
            `${this.config.publisherName} legal desk`,
          ].join('\n'),
        });
      }
    });
    if (outbox.length) this.writer.wake();
    return this.tracking.view(token);
  }
}
