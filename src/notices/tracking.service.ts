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
import { eventLabel, EventName, isEventName } from '../events/event-names';
import { checkCompleteness, MissingElement, NoticeDraft, NotifierKind } from './completeness';
import { MAX_ITEMS } from './dto/file-notice.dto';
import { SupplementNoticeDto, WithdrawNoticeDto } from './dto/supplement-notice.dto';
import { Notice } from './notice.entity';
import { NoticesService } from './notices.service';
import { attestationsFor, NOTICE_TYPE_INFO } from './notice-types';

export interface TrackingView {
  reference: string;
  type: string;
  typeLabel: string;
  status: CaseStatus;
  statusLabel: string;
  receivedAt: Date;
  dueAt: Date | null;
  complete: boolean;
  dmcaState: string | null;
  missing: MissingElement[];
  notifier: { name: string | null; email: string | null; organization: string | null };
  items: Array<{
    index: number;
    url: string;
    normalizedUrl: string;
    articleId: string | null;
    match: string;
    state: string;
    passage: string | null;
    reason: string | null;
  }>;
  timeline: Array<{ at: Date; action: string; summary: string }>;
  // Questions from the desk; the open one (if any) is what the answer form replies to.
  questions: Array<{ message: string; askedAt: Date; answer: string | null; answeredAt: Date | null }>;
  openQuestion: string | null;
  // Decisions that took effect (one awaiting a second approver is not shown yet).
  decisions: Array<{
    decidedAt: Date;
    outcome: 'actioned' | 'rejected';
    ground: string;
    reasons: string;
    publicNote: string | null;
    items: Array<{ url: string; action: string; territories: string[]; until: string | null }>;
    redress: string;
  }>;
  // After a counter-notice: when the material returns unless a court action is reported.
  restoration: { earliest: Date; latest: Date } | null;
  actions: { supplyInfo: boolean; withdraw: boolean; courtAction: boolean; appeal: boolean };
}

export const REDRESS_TEXT = 'If you disagree, you may ask us to review this decision within 6 months, use an out-of-court dispute settlement body, or go to court.';

// What each event the notifier may see says, in their words.
const TIMELINE_SUMMARIES: Partial<Record<EventName, (data: Record<string, unknown>, changes: FieldChanges) => string>> = {
  'notice.filed': (data) => `Notice received (${data.itemCount} URL${data.itemCount === 1 ? '' : 's'}).`,
  'case.opened': (_, changes) => (changes.status?.after === 'awaiting_info' ? 'Case opened: we need more information from you.' : 'Case opened and queued for review.'),
  'notice.supplemented': (data) => (data.complete ? 'You supplied the missing information; the notice is now complete.' : 'You supplied more information; some is still missing.'),
  'notice.withdrawn': () => 'You withdrew the notice.',
  'case.info_requested': () => 'We asked you for more information.',
  'case.restriction_ended': () => 'A restriction reached its end date.',
  'case.lapse': () => 'The notice lapsed: the missing information was not supplied in time.',
  'case.decided': (data) => (data.outcome === 'actioned' ? 'Decision: action taken.' : 'Decision: no action taken.'),
  'case.counter_noticed': () => 'The author sent a counter-notice; we sent you a copy.',
  'case.litigation_hold': () => 'You reported a court action: the material stays down.',
  'case.restored': () => 'The material was restored.',
  'case.gdpr_deadline_extended': (data) =>
    `We extended the time to answer your request by two months${typeof data.dueAt === 'string' ? `, to ${data.dueAt.slice(0, 10)}` : ''}; we sent you the reasons.`,
  'case.appealed': (data) => (data.appellant === 'notifier' ? 'You appealed the decision.' : 'The author appealed the decision.'),
  'appeal.decided': (data) => (data.outcome === 'reversed' ? 'Appeal decided: the decision was reversed.' : 'Appeal decided: the decision was upheld.'),
};

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
    return this.buildView(notice, filed);
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
      if (notice.items.length + matched.length > MAX_ITEMS) {
        throw DeskError.validation([
          { field: 'items', message: `A notice holds at most ${MAX_ITEMS} URLs; this one has ${notice.items.length}. File the rest in another notice.` },
        ]);
      }
      const newItems = matched.map((item, index) => ({ ...item, position: notice.items.length + index }));
      const merged = mergeSupplement(notice, dto);
      const badIndex = (dto.itemReasons ?? []).find((entry) => entry.index >= notice.items.length);
      if (badIndex) {
        throw DeskError.validation([{ field: 'itemReasons', message: `The notice has no item ${badIndex.index} (it has ${notice.items.length}).` }]);
      }
      const reasons = new Map((dto.itemReasons ?? []).map((entry) => [entry.index, entry.reason]));
      const items = [...notice.items.map((item, index) => ({ ...item, reason: reasons.get(index) ?? item.reason })), ...newItems];
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
      await tx.events.append(
        {
          ...common,
          actor: { type: 'notifier', id: notice.notifierId },
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
        ...(updated!.status !== filed.status
          ? [
              {
                ...common,
                actor: { type: 'notifier' as const, id: notice.notifierId },
                action: 'case.status_changed' as const,
                subject: { type: 'case', id: filed.id },
                changes: { status: { before: filed.status, after: updated!.status }, dueAt: { before: filed.dueAt, after: updated!.dueAt } },
                visibility: 'internal' as const,
              },
            ]
          : []),
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

  private async buildView(notice: Notice, filed: Case): Promise<TrackingView> {
    const [events, questions, decisions] = await Promise.all([
      this.db.repos.events.findCaseTimeline(filed.id, ['notifier', 'public']),
      this.db.repos.infoRequests.findForCase(filed.id),
      this.db.repos.decisions.findForCase(filed.id),
    ]);
    const urlOf = new Map(notice.items.map((item) => [item.id, item.url]));
    return {
      reference: filed.reference,
      type: notice.type,
      typeLabel: NOTICE_TYPE_INFO[notice.type].label,
      status: filed.status,
      statusLabel: STATUS_LABELS[filed.status],
      receivedAt: filed.receivedAt,
      dueAt: filed.dueAt,
      complete: notice.completeness.complete,
      dmcaState: notice.completeness.dmcaState,
      missing: notice.completeness.missing,
      notifier: { name: notice.notifier.name, email: notice.notifier.email, organization: notice.notifier.organization },
      items: notice.items.map((item) => ({
        index: item.position,
        url: item.url,
        normalizedUrl: item.normalizedUrl,
        articleId: item.articleId,
        match: item.match,
        state: item.state,
        passage: item.passage,
        reason: item.reason,
      })),
      timeline: events.map((event) => ({
        at: event.occurredAt,
        action: event.action,
        summary: (isEventName(event.action) && TIMELINE_SUMMARIES[event.action]?.(event.data, event.changes)) || eventLabel(event.action),
      })),
      questions: questions.map((q) => ({ message: q.message, askedAt: q.createdAt, answer: q.answer, answeredAt: q.answeredAt })),
      openQuestion: filed.status === 'awaiting_info' ? (questions.find((q) => q.answeredAt === null)?.message ?? null) : null,
      decisions: decisions
        .filter((decision) => !decision.requiresApproval || decision.approval?.outcome === 'approved')
        .map((decision) => ({
          decidedAt: decision.approval?.createdAt ?? decision.createdAt,
          outcome: decision.outcome,
          ground: decision.ground,
          reasons: decision.reasons,
          publicNote: decision.publicNote,
          items: decision.items.map((item) => ({ url: urlOf.get(item.noticeItemId) ?? '', action: item.action, territories: item.territories, until: item.until })),
          redress: REDRESS_TEXT,
        })),
      restoration: filed.restoreEarliestAt && filed.restoreLatestAt ? { earliest: filed.restoreEarliestAt, latest: filed.restoreLatestAt } : null,
      actions: {
        supplyInfo: notifierMay('supply_info', filed.status),
        withdraw: notifierMay('withdraw', filed.status),
        courtAction: notifierMay('court_action', filed.status),
        appeal: notifierMay('appeal', filed.status),
      },
    };
  }
}

// Given fields replace what was filed; statements and details merge key by key.
function mergeSupplement(notice: Notice, dto: SupplementNoticeDto) {
  const notifier = { ...notice.notifier, ...definedOnly(dto.notifier) };
  const statements = { ...notice.statements, ...definedOnly(dto.statements) };
  const details: Record<string, unknown> = { ...notice.details, ...definedOnly(dto.details) };
  const fields = {
    notifier,
    principalName: dto.principal?.name ?? notice.principalName,
    workDescription: dto.work?.description ?? notice.workDescription,
    workOriginalUrls: dto.work?.originalUrls ?? notice.workOriginalUrls,
    explanation: dto.explanation ?? notice.explanation,
    statements,
    attestations: attestationsFor(notice.type, statements, details),
    signature: dto.signature ?? notice.signature,
    jurisdiction: dto.jurisdiction?.toUpperCase() ?? notice.jurisdiction,
    language: dto.language ?? notice.language,
    details,
  };
  const changes: FieldChanges = {};
  const compare = (path: string, before: unknown, after: unknown) => {
    if (JSON.stringify(before) !== JSON.stringify(after)) changes[path] = { before: before ?? null, after: after ?? null };
  };
  for (const key of Object.keys(notifier) as Array<keyof typeof notifier>) compare(`notifier.${key}`, notice.notifier[key], notifier[key]);
  compare('principal.name', notice.principalName, fields.principalName);
  compare('work.description', notice.workDescription, fields.workDescription);
  compare('work.originalUrls', notice.workOriginalUrls, fields.workOriginalUrls);
  compare('explanation', notice.explanation, fields.explanation);
  for (const key of Object.keys(statements) as Array<keyof typeof statements>) compare(`statements.${key}`, notice.statements[key], statements[key]);
  compare('signature', notice.signature, fields.signature);
  compare('jurisdiction', notice.jurisdiction, fields.jurisdiction);
  compare('language', notice.language, fields.language);
  for (const key of Object.keys(details)) compare(`details.${key}`, notice.details[key], details[key]);
  const draft: NoticeDraft = {
    type: notice.type,
    notifier: { ...notifier, kind: notifier.kind as NotifierKind | null },
    principal: { name: fields.principalName ?? undefined },
    work: { description: fields.workDescription ?? undefined, originalUrls: fields.workOriginalUrls },
    explanation: fields.explanation ?? undefined,
    statements,
    signature: fields.signature ?? undefined,
    jurisdiction: fields.jurisdiction ?? undefined,
    language: fields.language ?? undefined,
    details,
  };
  return { fields, changes, draft };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  if (!value) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
