import { Injectable } from '@nestjs/common';
import type { CaseStatus } from '../cases/case.entity';
import { checkTransition, STATUS_LABELS } from '../cases/case-workflow';
import { resumeClock, reviewDueAt } from '../cases/sla';
import { DeskError, FieldError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { DeskConfig } from '../config/desk-config';
import { Database, Repositories } from '../database/database.service';
import type { FieldChanges } from '../events/event.entity';
import type { NewEvent } from '../events/event.repository';
import { checkCompleteness } from './completeness';
import { CorrectNoticeDto } from './dto/correct-notice.dto';
import { MAX_ITEMS } from './dto/file-notice.dto';
import type { NoticeItem } from './notice-item.entity';
import type { Notice } from './notice.entity';
import type { NewNoticeItem } from './notice.repository';
import { NoticesService } from './notices.service';
import { mergeSupplement } from './notice-merge';
import { TrackingService } from './tracking.service';
import type { TrackingView } from './tracking-view';

type ItemFields = Pick<NoticeItem, 'url' | 'normalizedUrl' | 'articleId' | 'match' | 'state' | 'passage' | 'reason'>;

// What a revision keeps: the notice's own fields and its items, as they stood.
export function noticeSnapshot(notice: Notice): Record<string, unknown> {
  return {
    notifier: notice.notifier,
    principalName: notice.principalName,
    workDescription: notice.workDescription,
    workOriginalUrls: notice.workOriginalUrls,
    explanation: notice.explanation,
    statements: notice.statements,
    attestations: notice.attestations,
    signature: notice.signature,
    jurisdiction: notice.jurisdiction,
    language: notice.language,
    details: notice.details,
    completeness: notice.completeness,
    items: notice.items.map((item) => ({ position: item.position, url: item.url, match: item.match, articleId: item.articleId, passage: item.passage, reason: item.reason })),
  };
}

// The notifier corrects or adds to their notice through the tracking link while the case is
// open. One transaction: the notice as it stood is kept as a revision, the notice and its
// items are updated (a corrected URL is matched again), completeness is checked again, and
// `notice.corrected` names every field that changed (before and after).
@Injectable()
export class NoticeCorrectionService {
  constructor(
    private readonly db: Database,
    private readonly notices: NoticesService,
    private readonly tracking: TrackingService,
    private readonly config: DeskConfig,
  ) {}

  async correct(token: string, dto: CorrectNoticeDto, meta: RequestMeta): Promise<TrackingView> {
    const { notice: resolved } = await this.tracking.resolve(token);
    // URLs are matched before the transaction (a read of the article registry).
    const corrections = dto.items ?? [];
    const withUrl = corrections.filter((item) => item.url !== undefined);
    const rematched = withUrl.length ? await this.notices.matchItems({ items: withUrl.map((item) => ({ url: item.url! })) }) : [];
    const added = dto.addItems?.length ? await this.notices.matchItems({ items: dto.addItems }) : [];
    await this.db.transaction(async (tx) => {
      const filed = await tx.cases.findByNoticeIdForUpdate(resolved.id);
      const check = filed ? checkTransition('correct_notice', filed.status, 'notifier') : null;
      if (!filed || !check?.allowed) {
        const status = filed ? STATUS_LABELS[filed.status].toLowerCase() : 'closed';
        throw new DeskError(409, 'cannot_correct', 'Cannot correct', `The notice of a case that is "${status}" can no longer be corrected.`);
      }
      // Read again under the case lock: a concurrent change may have added items since.
      const notice = (await tx.notices.findWithItems(resolved.id))!;
      const problems = itemProblems(notice, dto, added.length);
      const merged = mergeSupplement(notice, dto);
      if (!merged.fields.notifier.email && !merged.fields.notifier.address) {
        problems.push({ field: 'notifier.email', message: 'Give your e-mail address (or, failing that, a postal address) so that we can reach you.' });
      }
      if (problems.length) throw DeskError.validation(problems);

      const rematchedAt = new Map(withUrl.map((item, i) => [item.index, rematched[i]]));
      const changes: FieldChanges = { ...merged.changes };
      const updates = new Map<number, Partial<ItemFields>>();
      for (const correction of corrections) {
        const item = notice.items[correction.index];
        const match = rematchedAt.get(correction.index);
        const next: Partial<ItemFields> = { ...updates.get(correction.index) };
        if (match && match.url !== item.url)
          Object.assign(next, { url: match.url, normalizedUrl: match.normalizedUrl, articleId: match.articleId, match: match.match, state: match.state });
        if (correction.passage !== undefined && correction.passage !== item.passage) next.passage = correction.passage;
        if (correction.reason !== undefined && correction.reason !== item.reason) next.reason = correction.reason;
        for (const key of ['url', 'passage', 'reason'] as const) {
          if (next[key] !== undefined) changes[`items[${correction.index}].${key}`] = { before: item[key], after: next[key] };
        }
        if (Object.keys(next).length) updates.set(correction.index, next);
      }
      const newItems: NewNoticeItem[] = added.map((item, index) => ({ ...item, position: notice.items.length + index }));
      if (newItems.length) changes.items = { before: notice.items.length, after: notice.items.length + newItems.length };
      if (!Object.keys(changes).length) {
        throw DeskError.validation([{ field: '', message: 'Nothing was changed: change at least one field, or add a web address.' }]);
      }

      const items = [...notice.items.map((item, index) => ({ ...item, ...updates.get(index) })), ...newItems];
      const completeness = checkCompleteness({ ...merged.draft, items });
      const revision = await tx.notices.insertRevision(notice.id, noticeSnapshot(notice));
      await tx.notices.update(notice.id, { ...merged.fields, completeness });
      for (const [index, fields] of updates) await tx.notices.updateItem(notice.items[index].id, fields);
      await tx.notices.insertItems(notice.id, newItems);
      await this.afterCorrection(tx, filed, check.transition.to, notice, { changes, completeness, revision, meta });
    });
    return this.tracking.view(token);
  }

  // The event, and for a notice waiting for information that is now complete, its return to
  // the queue with the review clock running again (as a supplement does).
  private async afterCorrection(
    tx: Repositories,
    filed: NonNullable<Awaited<ReturnType<Repositories['cases']['findByNoticeIdForUpdate']>>>,
    destination: string,
    notice: Notice,
    facts: { changes: FieldChanges; completeness: ReturnType<typeof checkCompleteness>; revision: number; meta: RequestMeta },
  ): Promise<void> {
    const now = new Date();
    const open = destination === 'resume' ? await tx.infoRequests.findOpen(filed.id) : null;
    const resumes = destination === 'resume' && !open && facts.completeness.complete;
    const next: CaseStatus = resumes ? 'new' : filed.status;
    const common = { caseId: filed.id, caseReference: filed.reference, requestId: facts.meta.requestId, clientNetwork: facts.meta.network };
    const actor: NewEvent['actor'] = { type: 'notifier', id: notice.notifierId };
    const events: NewEvent[] = [
      {
        ...common,
        actor,
        action: 'notice.corrected',
        subject: { type: 'notice', id: notice.id },
        changes: facts.changes,
        data: { revision: facts.revision, complete: facts.completeness.complete, missing: facts.completeness.missing.map((element) => element.code) },
        visibility: 'notifier',
      },
    ];
    if (resumes) {
      const dueAt = resumeClock(filed.slaRemainingSeconds, now, () => reviewDueAt(notice.type, filed.priority, now, this.config.sla));
      await tx.cases.updateIfVersion(filed.id, filed.version, { status: next, dueAt, slaRemainingSeconds: null });
      events.push({
        ...common,
        actor,
        action: 'case.status_changed',
        subject: { type: 'case', id: filed.id },
        changes: { status: { before: filed.status, after: next }, dueAt: { before: filed.dueAt, after: dueAt } },
        visibility: 'internal',
      });
    } else {
      // The case's version moves, so an editor's page open on the old notice sees the change.
      await tx.cases.updateIfVersion(filed.id, filed.version, {});
    }
    await tx.events.append(...events);
  }
}

// Positions that are not in the notice, and a notice that would outgrow its limit.
function itemProblems(notice: Notice, dto: CorrectNoticeDto, adding: number): FieldError[] {
  const problems: FieldError[] = [];
  (dto.items ?? []).forEach((correction, i) => {
    if (correction.index >= notice.items.length) {
      problems.push({ field: `items[${i}].index`, message: `The notice has no web address number ${correction.index + 1} (it has ${notice.items.length}).` });
    }
  });
  if (notice.items.length + adding > MAX_ITEMS) {
    problems.push({ field: 'addItems', message: `A notice holds at most ${MAX_ITEMS} URLs; this one has ${notice.items.length}. File the rest in another notice.` });
  }
  return problems;
}
