import { Injectable } from '@nestjs/common';
import { Article } from '../articles/article.entity';
import { DeskError } from '../common/desk-error';
import { DeskConfig } from '../config/desk-config';
import { Database } from '../database/database.service';
import type { DeskEvent } from '../events/event.entity';
import { NOTICE_TYPE_INFO } from '../notices/notice-types';
import { requireAccess } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { Case, CaseStatus } from './case.entity';
import type { QueueRow } from './case.repository';
import { decodeCursor, encodeCursor, QueueCursor, QueueFilters } from './case-queue';
import { canonicalReference } from './case-reference';
import { actionsFor } from './case-guards';
import { clockPanelInput, runningClocks } from './clock-panel';
import { OPEN_STATUSES, STATUS_LABELS } from './case-workflow';
import { QueueQueryDto } from './dto/queue-query.dto';
import { isOverdue } from './sla';

export interface QueuePage {
  items: Array<Record<string, unknown>>;
  // Appeals are a lane of their own, shown beside whatever the filters chose.
  appeals: Array<Record<string, unknown>>;
  nextCursor: string | null;
  counts: { byStatus: Partial<Record<CaseStatus, number>>; overdue: number };
}

const DEFAULT_PAGE_SIZE = 50;
const APPEAL_LANE_SIZE = 20;

// Due-date order is by lane first (the priority lane, then the rest): the cursor names it.
function cursorAfter(last: QueueRow, sort: QueueFilters['sort']): QueueCursor {
  if (sort !== 'due') return { key: toIso(last.receivedAt) ?? null, id: last.id };
  return { key: toIso(last.nextDueAt) ?? null, id: last.id, normalLane: last.priority !== 'high' };
}

function queueItem(row: QueueRow, now: Date): Record<string, unknown> {
  return {
    reference: row.reference,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    type: row.type,
    priority: row.priority,
    version: row.version,
    dueAt: row.dueAt,
    // The nearest running clock (review, lapse, restoration, GDPR, defamation, restriction end).
    nextDue: row.nextDueAt ? { at: row.nextDueAt, clock: row.nextDueKind, overdue: isOverdue(row.nextDueAt, now) } : null,
    overdue: isOverdue(row.nextDueAt, now),
    receivedAt: row.receivedAt,
    updatedAt: row.updatedAt,
    notifierReplied: row.notifierRepliedAt !== null,
    notifier: { name: row.notifierName, email: row.notifierEmail, organization: row.notifierOrganization },
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName } : null,
    itemCount: row.itemCount,
    articleTitle: row.articleTitle,
    articleOrigin: row.articleOrigin,
    articlePublicInterest: row.articlePublicInterest,
  };
}

// The read side of the desk: the queue and the whole case.
@Injectable()
export class CasesService {
  constructor(
    private readonly db: Database,
    private readonly config: DeskConfig,
  ) {}

  async queue(actor: StaffActor, query: QueueQueryDto): Promise<QueuePage> {
    requireAccess(actor, 'cases.read');
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    if (cursor === null) throw DeskError.validation([{ field: 'cursor', message: 'This cursor is not valid; start from the first page.' }]);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const filters: QueueFilters = {
      statuses: query.status ?? [...OPEN_STATUSES],
      type: query.type,
      assigneeId: query.assignee === 'me' ? actor.id : query.assignee === 'unassigned' ? null : query.assignee,
      priority: query.priority,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      due: query.due,
      notifier: query.notifier,
      articleId: query.article,
      // A reference matches with or without its prefix (TD-2026-000042, 2026-42).
      q: query.q ? (canonicalReference(query.q) ?? query.q) : undefined,
      sort: query.sort ?? 'due',
      cursor,
      // One more than asked tells whether there is a next page.
      limit: limit + 1,
    };
    // The appeals lane heads the first page only: reading on or searching does not repeat it.
    const [rows, counts, appeals] = await Promise.all([
      this.db.repos.cases.findQueuePage(filters),
      this.db.repos.cases.countByStatus(),
      cursor || query.q ? [] : this.db.repos.cases.findQueuePage({ statuses: ['appealed'], sort: 'received', limit: APPEAL_LANE_SIZE }),
    ]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const now = new Date();
    return {
      items: page.map((row) => queueItem(row, now)),
      appeals: appeals.map((row) => queueItem(row, now)),
      nextCursor: rows.length > limit && last ? encodeCursor(cursorAfter(last, filters.sort)) : null,
      counts,
    };
  }

  async detail(actor: StaffActor, reference: string) {
    requireAccess(actor, 'cases.read');
    const filed = await this.db.repos.cases.findByReference(reference);
    if (!filed) throw DeskError.notFound(`There is no case ${reference}.`);
    return this.describe(filed, actor);
  }

  // Staff names and roles (the desk pages' assignee select and timeline).
  async staffDirectory(actor: StaffActor) {
    requireAccess(actor, 'cases.read');
    return this.db.repos.cases.findStaffDirectory();
  }

  async describe(filed: Case, actor: StaffActor) {
    const repos = this.db.repos;
    const [notice, decisions, infoRequests, notes, timeline, counterNotices, courtActions, appeals, sender, restrictionEnds, duplicates, mark] = await Promise.all([
      repos.notices.findWithItems(filed.noticeId),
      repos.decisions.findForCase(filed.id),
      repos.infoRequests.findForCase(filed.id),
      repos.notes.findForCase(filed.id),
      repos.events.findCaseTimeline(filed.id, ['internal', 'notifier', 'author', 'public']),
      repos.aftercare.findCounterNotices(filed.id),
      repos.aftercare.findCourtActions(filed.id),
      repos.aftercare.findAppeals(filed.id),
      repos.senders.findHistoryOfNotice(filed.noticeId),
      repos.aftercare.findOpenRestrictionEnds(filed.id),
      repos.duplicates.findLinks(filed.id),
      repos.misuse.findMarkForCase(filed.id),
    ]);
    const articles = await repos.articles.findByIds([...new Set(notice!.items.map((item) => item.articleId).filter((id): id is string => !!id))]);
    const names = await repos.cases.findUserNames([
      filed.assigneeId ?? '',
      ...notes.map((note) => note.authorId),
      ...decisions.flatMap((decision) => [decision.decidedBy, decision.approval?.approverId ?? '']),
      ...infoRequests.map((request) => request.requestedBy),
      ...timeline.filter((event) => event.actorType === 'staff').map((event) => event.actorId ?? ''),
    ]);
    const person = (id: string | null) => (id ? { id, name: names.get(id) ?? '(unknown)' } : null);
    const itemUrl = new Map(notice!.items.map((item) => [item.id, item.url]));
    return {
      id: filed.id,
      reference: filed.reference,
      status: filed.status,
      statusLabel: STATUS_LABELS[filed.status],
      version: filed.version,
      priority: filed.priority,
      dueAt: filed.dueAt,
      overdue: isOverdue(filed.dueAt, new Date()),
      slaPaused: filed.status === 'awaiting_info',
      receivedAt: filed.receivedAt,
      updatedAt: filed.updatedAt,
      notifierRepliedAt: filed.notifierRepliedAt,
      // Every running clock (src/cases/clock-panel.ts) and the nearest, as the queue orders by it.
      clocks: runningClocks(
        clockPanelInput(filed, { decisions, restrictionEnds, articleTitles: new Map(articles.map((a) => [a.id, a.title])) }),
        new Date(),
        this.config.calendar.timeZone,
      ),
      nextDue: filed.nextDueAt ? { at: filed.nextDueAt, clock: filed.nextDueKind, overdue: isOverdue(filed.nextDueAt, new Date()) } : null,
      restoration: filed.restoreEarliestAt && filed.restoreLatestAt ? { earliest: filed.restoreEarliestAt, latest: filed.restoreLatestAt } : null,
      counterNotices: counterNotices.map((filing) => ({
        id: filing.id,
        receivedAt: filing.receivedAt,
        complete: filing.completeness.complete,
        missing: filing.completeness.missing,
        filing: filing.filing,
      })),
      appeals: appeals.map((appeal) => ({
        id: appeal.id,
        appellant: appeal.appellant,
        grounds: appeal.grounds,
        filedAt: appeal.createdAt,
        outcome: appeal.outcome,
        answer: appeal.answer,
        decidedBy: appeal.decidedBy,
        decidedAt: appeal.decidedAt,
      })),
      // Probable duplicates both ways (src/duplicates) and misuse facts (src/misuse).
      duplicates,
      misuse: {
        mark: mark ? { reason: mark.reason, createdAt: mark.createdAt } : null,
        senderSuspendedUntil: filed.status === 'held' ? await repos.misuse.findSenderSuspendedUntil(notice!.id) : null,
      },
      courtActions: courtActions.map((action) => ({ court: action.court, caseNumber: action.caseNumber, filedOn: action.filedOn, reportedAt: action.reportedAt })),
      assignee: person(filed.assigneeId),
      // The sender organisation and key that filed it, with its record so far (null: none).
      sender,
      notice: {
        id: notice!.id,
        type: notice!.type,
        typeLabel: NOTICE_TYPE_INFO[notice!.type].label,
        channel: notice!.channel,
        notifier: notice!.notifier,
        principalName: notice!.principalName,
        work: { description: notice!.workDescription, originalUrls: notice!.workOriginalUrls },
        explanation: notice!.explanation,
        statements: notice!.statements,
        attestations: notice!.attestations,
        signature: notice!.signature,
        jurisdiction: notice!.jurisdiction,
        language: notice!.language,
        details: notice!.details,
        receivedAt: notice!.receivedAt,
      },
      completeness: notice!.completeness,
      items: notice!.items.map((item) => ({
        id: item.id,
        position: item.position,
        url: item.url,
        normalizedUrl: item.normalizedUrl,
        articleId: item.articleId,
        match: item.match,
        state: item.state,
        passage: item.passage,
        media: item.media,
        reason: item.reason,
      })),
      articles: articles.map(describeArticle),
      decisions: decisions.map((decision) => ({
        id: decision.id,
        outcome: decision.outcome,
        ground: decision.ground,
        reasons: decision.reasons,
        publicNote: decision.publicNote,
        decidedBy: person(decision.decidedBy),
        decidedAt: decision.createdAt,
        requiresApproval: decision.requiresApproval,
        approval: decision.approval
          ? {
              outcome: decision.approval.outcome,
              reason: decision.approval.reason,
              comment: decision.approval.comment,
              by: person(decision.approval.approverId),
              at: decision.approval.createdAt,
            }
          : null,
        effective: !decision.requiresApproval || decision.approval?.outcome === 'approved',
        items: decision.items.map((item) => ({
          itemId: item.noticeItemId,
          url: itemUrl.get(item.noticeItemId) ?? null,
          action: item.action,
          territories: item.territories,
          until: item.until,
          passage: item.passage,
          media: item.media,
          text: item.text,
          correctionKind: item.correctionKind,
          replyBy: item.replyBy,
          name: item.name,
          replacement: item.replacement,
        })),
      })),
      infoRequests: infoRequests.map((request) => ({
        id: request.id,
        message: request.message,
        askedBy: person(request.requestedBy),
        askedAt: request.createdAt,
        answer: request.answer,
        answeredAt: request.answeredAt,
      })),
      notes: notes.map((note) => ({ id: note.id, author: person(note.authorId), body: note.body, createdAt: note.createdAt })),
      timeline: timeline.map((event) => describeEvent(event, names)),
      actions: actionsFor(actor, filed, decisions[0]?.requiresApproval && !decisions[0].approval ? decisions[0].decidedBy : null),
    };
  }
}

function describeArticle(article: Article) {
  return {
    id: article.id,
    title: article.title,
    slug: article.slug,
    canonicalUrl: article.canonicalUrl,
    byline: article.byline,
    section: article.section,
    publishedAt: article.publishedAt,
    state: article.state,
    previousState: article.previousState,
    publicInterest: article.publicInterest,
    origin: article.origin,
    licensor: article.licensor,
    body: article.body,
  };
}

function describeEvent(event: DeskEvent, names: Map<string, string>) {
  return {
    id: event.id,
    at: event.occurredAt,
    actor: {
      type: event.actorType,
      id: event.actorId,
      role: event.actorRole,
      name: event.actorType === 'staff' && event.actorId ? (names.get(event.actorId) ?? null) : null,
    },
    action: event.action,
    changes: event.changes,
    data: event.data,
    visibility: event.visibility,
  };
}

function toIso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
