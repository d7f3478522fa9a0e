import { timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Case, CaseStatus } from '../cases/case.entity';
import { checkTransition, notifierMay, STATUS_LABELS } from '../cases/case-workflow';
import { resumeClock, reviewDueAt } from '../cases/sla';
import { DeskConfig } from '../config/desk-config';
import { looksLikeSecretToken, sha256 } from '../common/crypto';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { Database } from '../database/database.service';
import type { FieldChanges } from '../events/event.entity';
import type { NewEvent } from '../events/event.repository';
import { checkCompleteness } from './completeness';
import { SupplementNoticeDto, WithdrawNoticeDto } from './dto/supplement-notice.dto';
import { Notice } from './notice.entity';
import { NoticesService } from './notices.service';
import { mergeSupplement, supplementedItems } from './notice-merge';
import { buildTrackingView, TrackingView } from './tracking-view';

// The notifier's private view of their case, reached only through the tracking token.
// An unknown, revoked or malformed token gets the same 404.
@Injectable()
export class TrackingService {
  constructor(
    private readonly db: Database,
    private readonly notices: NoticesService,
    private readonly config: DeskConfig,
  ) {}

  async view(token: string): Promise<TrackingView> {
    const { notice, filed } = await this.resolve(token);
    return this.viewOf(notice, filed);
  }

  // Opening the receipt's confirming link proves the notifier's address (only that mailbox
  // got the code). True when the code is this notice's; the address may have been verified
  // before (then nothing new is recorded).
  async confirmAddress(token: string, code: string, meta: RequestMeta): Promise<boolean> {
    const { notice, filed } = await this.resolve(token);
    if (!notice.emailConfirmHash || !looksLikeSecretToken(code) || !timingSafeEqual(sha256(code), notice.emailConfirmHash)) return false;
    await this.db.transaction(async (tx) => {
      const verified = await tx.notices.markNotifierVerified(notice.notifierId);
      if (!verified) return;
      await tx.events.append({
        actor: { type: 'notifier', id: notice.notifierId },
        action: 'notifier.email_verified',
        subject: { type: 'notifier', id: notice.notifierId },
        caseId: filed.id,
        caseReference: filed.reference,
        requestId: meta.requestId,
        clientNetwork: meta.network,
        visibility: 'internal',
      });
    });
    return true;
  }

  async supplement(token: string, dto: SupplementNoticeDto, meta: RequestMeta): Promise<TrackingView> {
    const { notice: resolved } = await this.resolve(token);
    const matched = dto.items?.length ? await this.notices.matchItems({ items: dto.items }) : [];
    await this.db.transaction(async (tx) => {
      const filed = await tx.cases.findByNoticeIdForUpdate(resolved.id);
      if (!filed || !notifierMay('supply_info', filed.status)) {
        throw new DeskError(409, 'not_awaiting_info', 'Nothing to supply', 'This case is not waiting for information from you.');
      }
      // Read again under the case lock: a concurrent supplement may have added items
      // (positions would collide) or changed fields (they would be lost) since.
      const notice = (await tx.notices.findWithItems(resolved.id))!;
      const { newItems, reasons, items } = supplementedItems(notice, matched, dto.itemReasons ?? []);
      const merged = mergeSupplement(notice, dto);
      const completeness = checkCompleteness({ ...merged.draft, items });
      await tx.notices.update(notice.id, { ...merged.fields, completeness });
      for (const [index, reason] of reasons) await tx.notices.updateItem(notice.items[index].id, { reason });
      await tx.notices.insertItems(notice.id, newItems);

      // An answer to an editor's question returns the case to review; an intake gap
      // closes when the notice becomes complete. Either way the review clock resumes.
      const now = new Date();
      const openRequest = await tx.infoRequests.findOpen(filed.id);
      if (openRequest && !dto.answer && !Object.keys(merged.changes).length && !reasons.size && !newItems.length) {
        throw DeskError.validation([{ field: 'answer', message: 'Answer the question, or supply the missing information.' }]);
      }
      if (openRequest) await tx.infoRequests.answer(openRequest.id, dto.answer ?? null);
      const resumes = openRequest !== null || completeness.complete;
      const next: CaseStatus = !resumes ? filed.status : openRequest && filed.assigneeId ? 'in_review' : 'new';
      const fresh = () => reviewDueAt(notice.type, filed.priority, now, this.config.sla);
      const updated = await tx.cases.updateIfVersion(filed.id, filed.version, {
        status: next,
        dueAt: resumes ? resumeClock(filed.slaRemainingSeconds, now, fresh) : filed.dueAt,
        slaRemainingSeconds: resumes ? null : filed.slaRemainingSeconds,
        notifierRepliedAt: openRequest ? now : filed.notifierRepliedAt,
      });
      const changes: FieldChanges = { ...merged.changes };
      for (const [index, reason] of reasons) changes[`items[${index}].reason`] = { before: notice.items[index].reason, after: reason };
      if (newItems.length) changes.items = { before: notice.items.length, after: items.length };
      const common = { caseId: filed.id, caseReference: filed.reference, requestId: meta.requestId, clientNetwork: meta.network };
      const actor = { type: 'notifier' as const, id: notice.notifierId };
      await tx.events.append(
        {
          ...common,
          actor,
          action: 'notice.supplemented',
          subject: { type: 'notice', id: notice.id },
          changes,
          data: {
            complete: completeness.complete,
            missing: completeness.missing.map((element) => element.code),
            answer: dto.answer ?? null,
            infoRequestId: openRequest?.id ?? null,
          },
          visibility: 'notifier',
        },
        ...(updated!.status === filed.status ? [] : [statusChangedEvent(common, actor, filed, updated!)]),
      );
    });
    return this.view(token);
  }

  async withdraw(token: string, dto: WithdrawNoticeDto, meta: RequestMeta): Promise<TrackingView> {
    const { notice } = await this.resolve(token);
    await this.db.transaction(async (tx) => {
      const filed = (await tx.cases.findByNoticeIdForUpdate(notice.id))!;
      const check = checkTransition('withdraw', filed.status, 'notifier');
      if (!check.allowed) {
        throw new DeskError(409, 'cannot_withdraw', 'Cannot withdraw', `A case that is "${STATUS_LABELS[filed.status].toLowerCase()}" can no longer be withdrawn.`);
      }
      const to = check.transition.to as CaseStatus;
      await tx.cases.updateIfVersion(filed.id, filed.version, { status: to, dueAt: null });
      await tx.events.append({
        caseId: filed.id,
        caseReference: filed.reference,
        requestId: meta.requestId,
        clientNetwork: meta.network,
        actor: { type: 'notifier', id: notice.notifierId },
        action: 'notice.withdrawn',
        subject: { type: 'case', id: filed.id },
        changes: { status: { before: filed.status, after: to } },
        data: { reason: dto.reason ?? null },
        visibility: 'notifier',
      });
    });
    return this.view(token);
  }

  async resolve(token: string): Promise<{ notice: Notice; filed: Case }> {
    const notice = looksLikeSecretToken(token) ? await this.db.repos.notices.findByTrackingHash(sha256(token)) : null;
    const filed = notice ? await this.db.repos.cases.findByNoticeId(notice.id) : null;
    if (!notice || !filed) throw DeskError.notFound('This tracking link is not valid. Check that you copied the whole link.');
    return { notice, filed };
  }

  // The view of a notice already resolved (the tracking page reads the notice itself too).
  viewOf(notice: Notice, filed: Case): Promise<TrackingView> {
    return buildTrackingView(this.db.repos, notice, filed);
  }
}

function statusChangedEvent(common: Pick<NewEvent, 'caseId' | 'caseReference' | 'requestId' | 'clientNetwork'>, actor: NewEvent['actor'], before: Case, after: Case): NewEvent {
  return {
    ...common,
    actor,
    action: 'case.status_changed',
    subject: { type: 'case', id: before.id },
    changes: { status: { before: before.status, after: after.status }, dueAt: { before: before.dueAt, after: after.dueAt } },
    visibility: 'internal',
  };
}
