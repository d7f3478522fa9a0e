import { Injectable } from '@nestjs/common';
import type { Article } from '../articles/article.entity';
import { ORIGIN_LABELS } from '../articles/article-origin';
import { Case, CaseStatus } from '../cases/case.entity';
import { authorMay, checkTransition, STATUS_LABELS } from '../cases/case-workflow';
import { computeClock } from '../clocks';
import { looksLikeSecretToken, sha256 } from '../common/crypto';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { DeskConfig } from '../config/desk-config';
import { Database } from '../database/database.service';
import type { NewEvent } from '../events/event.repository';
import { counterNoticeCopyForNotifier, counterNoticeReceiptForAuthor } from '../messages/aftercare-messages';
import { recordCaseMessage } from '../messages/case-message';
import type { OutgoingMail } from '../messages/mailer.service';
import { OutboxWriter } from '../messages/outbox-writer';
import { NOTICE_TYPE_INFO } from '../notices/notice-types';
import { checkCounterNotice, COUNTER_NOTICE_STATEMENTS, CounterNoticeCheck, CounterNoticeFiling } from './counter-notice-completeness';
import { fileAppeal } from './appeals';
import { AppealDto } from './dto/appeal.dto';
import { CounterNoticeDto } from './dto/counter-notice.dto';
import type { RespondLink } from './respond-link.entity';

// What the author sees behind their response link: never the notifier's contact details.
export interface RespondView {
  reference: string;
  status: CaseStatus;
  statusLabel: string;
  noticeType: string;
  noticeTypeLabel: string;
  article: { title: string; url: string; state: string; origin: string; originLabel: string };
  decision: { decidedAt: Date; ground: string; reasons: string; items: Array<{ url: string; action: string }> } | null;
  counterNotice: (CounterNoticeCheck & { receivedAt: Date }) | null;
  restoration: { earliest: Date; latest: Date } | null;
  statements: typeof COUNTER_NOTICE_STATEMENTS;
  actions: { counterNotice: boolean; appeal: boolean };
}

// The author's side of a case: counter-notice (contributed articles only) and appeal.
@Injectable()
export class RespondService {
  constructor(
    private readonly db: Database,
    private readonly writer: OutboxWriter,
    private readonly config: DeskConfig,
  ) {}

  async view(token: string): Promise<RespondView> {
    const { link } = await this.resolve(token);
    return this.buildView(link);
  }

  async counterNotice(token: string, dto: CounterNoticeDto, meta: RequestMeta): Promise<RespondView & { complete: boolean; missing: CounterNoticeCheck['missing'] }> {
    const { link } = await this.resolve(token);
    const outbox: OutgoingMail[] = [];
    const filing: CounterNoticeFiling = { signature: dto.signature, material: dto.material, statements: dto.statements, subscriber: dto.subscriber };
    const check = checkCounterNotice(filing);
    await this.db.transaction(async (tx) => {
      const found = await tx.cases.findById(link.caseId);
      const filed = found && (await tx.cases.findByReferenceForUpdate(found.reference));
      const article = (await tx.articles.findByIds([link.articleId]))[0];
      const allowed = filed ? checkTransition('counter_notice', filed.status, 'author') : null;
      if (!filed || !allowed?.allowed || article.origin !== 'contributor') {
        throw new DeskError(
          409,
          'cannot_counter_notice',
          'No counter-notice now',
          `A counter-notice is possible while removed material of a contributed article waits; this case is "${filed ? STATUS_LABELS[filed.status].toLowerCase() : 'unknown'}".`,
        );
      }
      const notice = (await tx.notices.findWithItems(filed.noticeId))!;
      const counterNoticeId = await tx.aftercare.insertCounterNotice({ caseId: filed.id, respondLinkId: link.id, filing, completeness: check });
      const common = { caseId: filed.id, caseReference: filed.reference, requestId: meta.requestId, clientNetwork: meta.network };
      const author = { type: 'author' as const, id: link.id };
      const events: NewEvent[] = [
        {
          ...common,
          actor: author,
          action: 'counter_notice.filed',
          subject: { type: 'counter_notice', id: counterNoticeId },
          data: { complete: check.complete, missing: check.missing.map((element) => element.code) },
          visibility: 'internal',
        },
      ];
      if (check.complete) {
        const clock = computeClock('counter_notice_restore', new Date());
        const earliest = new Date(clock.earliest!);
        const latest = new Date(clock.latest!);
        const updated = await tx.cases.update(filed.id, { status: allowed.transition.to as CaseStatus, restoreEarliestAt: earliest, restoreLatestAt: latest });
        events.push({
          ...common,
          actor: author,
          action: 'case.counter_noticed',
          subject: { type: 'case', id: filed.id },
          changes: { status: { before: filed.status, after: updated.status }, restoreEarliestAt: { before: null, after: clock.earliest! } },
          data: { earliest: clock.earliest, latest: clock.latest, calendar: clock.calendar },
          visibility: 'notifier',
        });
        const copy = counterNoticeCopyForNotifier({ reference: filed.reference, filing, earliest, latest, publisherName: this.config.publisherName });
        await recordCaseMessage(tx, this.writer, outbox, filed, { kind: 'counter_notice_copy', recipientRole: 'notifier', to: notice.notifier.email, ...copy });
        const receipt = counterNoticeReceiptForAuthor({ reference: filed.reference, earliest, latest, publisherName: this.config.publisherName });
        await recordCaseMessage(tx, this.writer, outbox, filed, {
          kind: 'counter_notice_receipt',
          recipientRole: 'author',
          to: dto.subscriber?.email ?? article.authorEmail,
          ...receipt,
        });
      }
      await tx.events.append(...events);
    });
    if (outbox.length) this.writer.wake();
    return { ...(await this.buildView(link)), complete: check.complete, missing: check.missing };
  }

  // DSA Art. 20: the author's internal complaint against the decision, within six months.
  async appeal(token: string, dto: AppealDto, meta: RequestMeta): Promise<RespondView> {
    const { link } = await this.resolve(token);
    await this.db.transaction(async (tx) => {
      const found = (await tx.cases.findById(link.caseId))!;
      const filed = (await tx.cases.findByReferenceForUpdate(found.reference))!;
      const events = await fileAppeal(tx, filed, 'author', dto.grounds, { type: 'author', id: link.id });
      await tx.events.append(...events.map((event) => ({ ...event, caseId: filed.id, caseReference: filed.reference, requestId: meta.requestId, clientNetwork: meta.network })));
    });
    return this.buildView(link);
  }

  async resolve(token: string): Promise<{ link: RespondLink }> {
    const link = looksLikeSecretToken(token) ? await this.db.repos.aftercare.findRespondLinkByHash(sha256(token)) : null;
    if (!link) throw DeskError.notFound('This response link is not valid. Check that you copied the whole link.');
    return { link };
  }

  private async buildView(link: RespondLink): Promise<RespondView> {
    const repos = this.db.repos;
    const filed = (await repos.cases.findById(link.caseId)) as Case;
    const [notice, decisions, counterNotices, articles] = await Promise.all([
      repos.notices.findWithItems(filed.noticeId),
      repos.decisions.findForCase(filed.id),
      repos.aftercare.findCounterNotices(filed.id),
      repos.articles.findByIds([link.articleId]),
    ]);
    const article = articles[0] as Article;
    const items = notice!.items.filter((item) => item.articleId === article.id);
    const effective = decisions.find((decision) => !decision.requiresApproval || decision.approval?.outcome === 'approved');
    const latest = counterNotices[0];
    const contributed = article.origin === 'contributor';
    return {
      reference: filed.reference,
      status: filed.status,
      statusLabel: STATUS_LABELS[filed.status],
      noticeType: notice!.type,
      noticeTypeLabel: NOTICE_TYPE_INFO[notice!.type].label,
      article: { title: article.title, url: article.canonicalUrl, state: article.state, origin: article.origin, originLabel: ORIGIN_LABELS[article.origin] },
      decision: effective
        ? {
            decidedAt: effective.approval?.createdAt ?? effective.createdAt,
            ground: effective.ground,
            reasons: effective.reasons,
            items: effective.items
              .filter((decided) => items.some((item) => item.id === decided.noticeItemId))
              .map((decided) => ({ url: items.find((item) => item.id === decided.noticeItemId)!.url, action: decided.action })),
          }
        : null,
      counterNotice: latest ? { ...latest.completeness, receivedAt: latest.receivedAt } : null,
      restoration: filed.restoreEarliestAt && filed.restoreLatestAt ? { earliest: filed.restoreEarliestAt, latest: filed.restoreLatestAt } : null,
      statements: COUNTER_NOTICE_STATEMENTS,
      actions: { counterNotice: contributed && authorMay('counter_notice', filed.status), appeal: authorMay('appeal', filed.status) },
    };
  }
}
