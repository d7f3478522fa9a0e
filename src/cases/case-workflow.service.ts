import { Injectable } from '@nestjs/common';
import { answerAppeal, decisionInForce } from '../aftercare/appeals';
import { RestorationService } from '../aftercare/restoration.service';
import { issueRespondLink, WITHHELD_RESPOND_LINK } from '../aftercare/respond-link';
import type { ArticleState } from '../articles/article.entity';
import { counterNoticeApplies } from '../articles/article-origin';
import { DeskConfig } from '../config/desk-config';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { Database, Repositories } from '../database/database.service';
import type { FieldChanges } from '../events/event.entity';
import type { NewEvent } from '../events/event.repository';
import { decisionForNotifier, DecisionFacts, infoRequestForNotifier, statementOfReasonsForAuthor } from '../messages/decision-messages';
import { recordCaseMessage } from '../messages/case-message';
import type { OutgoingMail } from '../messages/mailer.service';
import { OutboxWriter } from '../messages/outbox-writer';
import { Notice } from '../notices/notice.entity';
import { can, requireAccess } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { Case, CaseStatus } from './case.entity';
import { requireHolder } from './case-guards';
import { checkTransition, GuardFacts, staffPayload, Transition, TransitionCheck } from './case-workflow';
import { CasesService } from './cases.service';
import { ITEM_STATE, planDecision, withDecisionFieldErrors } from './decision-rules';
import { decisionItemRow } from './decision-item-row';
import { isStateAction } from './decision-item.entity';
import { applyRemedies } from './remedy-effects';
import { Decision } from './decision.entity';
import { ApproveDto, AssignDto, DecideAppealDto, DecideDto, DuplicateDto, MessageDto, ReasonDto, TransitionDto } from './dto/transition.dto';
import { curableLapseDue, pauseClock, reviewDueAt } from './sla';
import { extendGdprDeadline, recordAuthorContact } from './clock-actions';
import { ExtendGdprDeadlineDto, RecordAuthorContactDto } from './dto/clock-actions.dto';
import { endOfLocalDay } from '../clocks';
import { keepApart, mergeInto } from '../duplicates/duplicate-effects';
import { mergedForNotifier } from '../duplicates/duplicate-messages';
import { MisuseService } from '../misuse/misuse.service';
import { releaseHold } from '../misuse/hold';
import { recordStrikes } from '../strikes/strike-effects';

type CaseFields = Parameters<Repositories['cases']['update']>[1];

// What one transition does to the case, besides the status the table names.
interface Effect {
  fields?: CaseFields;
  // Overrides the table's destination (decisions settle their own).
  status?: CaseStatus;
  // An event may name another case (a merge is told on the earlier case's timeline too).
  events: Array<Omit<NewEvent, 'caseId' | 'caseReference' | 'requestId' | 'clientNetwork' | 'actor'> & Partial<Pick<NewEvent, 'actor' | 'caseId' | 'caseReference'>>>;
}

class StaleVersion extends Error {}

// The write side of the desk: every staff action on a case is one transaction in which
// the case, its events, decision rows, article states and queued messages commit together.
@Injectable()
export class CaseWorkflowService {
  constructor(
    private readonly db: Database,
    private readonly config: DeskConfig,
    private readonly messages: OutboxWriter,
    private readonly cases: CasesService,
    private readonly restoration: RestorationService,
    private readonly misuse: MisuseService,
  ) {}

  async transition(actor: StaffActor, reference: string, body: Record<string, unknown>, meta: RequestMeta) {
    requireAccess(actor, 'cases.transition');
    // An unknown action gets the base DTO, which names it as the bad field.
    const { value: dto, errors } = await validateAs(staffPayload(body.action) as new () => TransitionDto, body);
    const carriesDecision = body.action === 'decide' || (body.action === 'decide_appeal' && body.outcome === 'reverse');
    if (errors.length) throw DeskError.validation(carriesDecision ? withDecisionFieldErrors(errors, body, new Date().toISOString().slice(0, 10)) : errors);
    const action = dto.action;

    const outbox: OutgoingMail[] = [];
    let result: Case;
    try {
      result = await this.db.transaction(async (tx) => {
        const filed = await tx.cases.findByReferenceForUpdate(reference);
        if (!filed) throw DeskError.notFound(`There is no case ${reference}.`);
        if (filed.version !== dto.version) throw new StaleVersion();
        const check = checkTransition(action, filed.status, actor.role, await this.guardFacts(tx, filed, actor, action));
        if (!check.allowed) throw refusal(check.reason, action, filed.status, actor);
        requireHolder(actor, filed.assigneeId);
        const notice = (await tx.notices.findWithItems(filed.noticeId))!;
        const effect = await this.effectOf(tx, actor, filed, notice, check.transition, dto, outbox);
        const status = effect.status ?? (check.transition.to === 'same' ? filed.status : (check.transition.to as CaseStatus));
        // Staff acting on the case has seen the notifier's reply.
        const updated = await tx.cases.update(filed.id, { notifierRepliedAt: null, ...effect.fields, status });
        const changes = diff(filed, updated);
        const common = { caseId: filed.id, caseReference: filed.reference, requestId: meta.requestId, clientNetwork: meta.network };
        const staff = { type: 'staff' as const, id: actor.id, role: actor.role };
        await tx.events.append(
          { ...common, actor: staff, action: `case.${action}`, subject: { type: 'case', id: filed.id }, changes, visibility: 'internal' },
          ...effect.events.map((event) => ({ ...common, actor: staff, ...event })),
        );
        return updated;
      });
    } catch (error) {
      if (error instanceof StaleVersion) {
        const current = await this.cases.detail(actor, reference);
        throw DeskError.conflict('stale_version', 'Someone changed this case since you loaded it. Review the changes and try again.', { case: current });
      }
      throw error;
    }
    if (outbox.length) this.messages.wake();
    return this.cases.describe(result, actor);
  }

  async addNote(actor: StaffActor, reference: string, body: string, meta: RequestMeta) {
    requireAccess(actor, 'cases.note');
    const filed = await this.db.transaction(async (tx) => {
      const found = await tx.cases.findByReference(reference);
      if (!found) throw DeskError.notFound(`There is no case ${reference}.`);
      const note = await tx.notes.insert({ caseId: found.id, authorId: actor.id, body });
      await tx.events.append({
        actor: { type: 'staff', id: actor.id, role: actor.role },
        action: 'case.note_added',
        subject: { type: 'case_note', id: note.id },
        caseId: found.id,
        caseReference: found.reference,
        data: { length: body.length },
        visibility: 'internal',
        requestId: meta.requestId,
        clientNetwork: meta.network,
      });
      return found;
    });
    return this.cases.describe(filed, actor);
  }

  private async effectOf(tx: Repositories, actor: StaffActor, filed: Case, notice: Notice, transition: Transition, dto: TransitionDto, outbox: OutgoingMail[]): Promise<Effect> {
    const now = new Date();
    switch (transition.action) {
      case 'assign': {
        const assigneeId = (dto as AssignDto).assigneeId ?? actor.id;
        if (assigneeId !== actor.id) requireAccess(actor, 'cases.assign_others');
        if (!(await tx.cases.findActiveStaff(assigneeId))) {
          throw DeskError.validation([{ field: 'assigneeId', message: 'No active staff member has this id.' }]);
        }
        return { fields: { assigneeId }, events: [] };
      }
      case 'unassign':
        if (filed.assigneeId && filed.assigneeId !== actor.id && !can(actor, 'cases.assign_others')) {
          throw new DeskError(403, 'forbidden', 'Not allowed', 'Only legal or admin may unassign someone else.');
        }
        return { fields: { assigneeId: null }, events: [] };
      case 'start_review':
        return { fields: { assigneeId: actor.id }, events: [] };
      case 'request_info': {
        const { message } = dto as MessageDto;
        const request = await tx.infoRequests.insert({ caseId: filed.id, requestedBy: actor.id, message });
        await this.queueMessage(tx, outbox, filed, 'info_request', 'notifier', notice.notifier.email, infoRequestForNotifier(filed.reference, message, this.config.publisherName));
        return {
          // The review clock stops while we wait for the notifier.
          fields: { slaRemainingSeconds: pauseClock(filed.dueAt, now), dueAt: null, lapseDueAt: curableLapseDue(now, this.config.sla) },
          events: [{ action: 'case.info_requested', subject: { type: 'info_request', id: request.id }, data: { message }, visibility: 'notifier' }],
        };
      }
      case 'escalate':
      case 'reopen':
        return {
          events: [{ action: `case.${transition.action}_reason`, subject: { type: 'case', id: filed.id }, data: { reason: (dto as ReasonDto).reason }, visibility: 'internal' }],
        };
      case 'decide':
        return this.decide(tx, actor, filed, notice, dto as DecideDto, outbox);
      case 'approve':
      case 'reject_approval': {
        const pending = await tx.decisions.findPendingApproval(filed.id);
        if (!pending) throw new DeskError(409, 'nothing_to_approve', 'Nothing to approve', 'This case has no decision waiting for approval.');
        const approved = transition.action === 'approve';
        const reason = approved ? null : (dto as ReasonDto).reason;
        const comment = approved ? ((dto as ApproveDto).comment ?? null) : null;
        await tx.decisions.insertApproval({ decisionId: pending.id, approverId: actor.id, outcome: approved ? 'approved' : 'rejected', reason, comment });
        const events: Effect['events'] = [
          {
            action: approved ? 'decision.approved' : 'decision.approval_rejected',
            subject: { type: 'decision', id: pending.id },
            data: { reason, comment },
            visibility: 'internal',
          },
        ];
        if (!approved) return { events, fields: { dueAt: filed.dueAt ?? reviewDueAt(notice.type, filed.priority, now, this.config.sla) } };
        events.push(...(await this.applyDecision(tx, filed, notice, pending, outbox)));
        return { events, status: pending.outcome };
      }
      case 'close':
      case 'close_lapsed':
        return { fields: { dueAt: null, slaRemainingSeconds: null }, events: [] };
      case 'close_duplicate':
        return this.closeDuplicate(tx, filed, notice, (dto as DuplicateDto).duplicateOf, outbox);
      case 'keep_apart':
        return keepApart(filed);
      case 'mark_unfounded':
        return this.misuse.markUnfounded(tx, actor, filed, notice, (dto as ReasonDto).reason);
      case 'release_hold':
        return releaseHold(filed, notice, (dto as ReasonDto).reason, now, this.config.sla);
      case 'decide_appeal':
        return this.decideAppeal(tx, actor, filed, notice, dto as DecideAppealDto, outbox);
      case 'extend_gdpr_deadline':
        return extendGdprDeadline(tx, { writer: this.messages, config: this.config, outbox }, filed, notice, dto as ExtendGdprDeadlineDto, now);
      case 'record_author_contact':
        return recordAuthorContact(filed, dto as RecordAuthorContactDto, now);
      case 'restore': {
        const staff = { type: 'staff' as const, id: actor.id, role: actor.role };
        const events = await this.restoration.restoreContent(tx, filed, notice, staff, (dto as ReasonDto).reason, outbox);
        return { fields: { dueAt: null, restoreEarliestAt: null, restoreLatestAt: null }, events };
      }
      default:
        return { events: [] };
    }
  }

  // What the table's guards look at, read under the case lock.
  private async guardFacts(tx: Repositories, filed: Case, actor: StaffActor, action: string): Promise<GuardFacts> {
    const facts: GuardFacts = {
      actorId: actor.id,
      assigneeId: filed.assigneeId,
      now: new Date(),
      gdprDueAt: filed.gdprDueAt,
      gdprExtendedAt: filed.gdprExtendedAt,
      defamationContactDueAt: filed.defamationContactDueAt,
      authorContactedAt: filed.authorContactedAt,
    };
    if (action === 'approve' || action === 'reject_approval') {
      const pending = await tx.decisions.findPendingApproval(filed.id);
      facts.deciderIds = pending ? [pending.decidedBy] : [];
    }
    // An appeal is decided by someone who neither took nor approved the decision.
    if (action === 'decide_appeal') facts.deciderIds = (await decisionInForce(tx, filed.id))?.deciderIds ?? [];
    return facts;
  }

  // Uphold: the case returns where it was. Reverse: a new decision takes effect (what it no
  // longer acts on is put back). Both parties get the reasoned answer.
  private async decideAppeal(tx: Repositories, actor: StaffActor, filed: Case, notice: Notice, dto: DecideAppealDto, outbox: OutgoingMail[]): Promise<Effect> {
    const appeal = await tx.aftercare.findOpenAppeal(filed.id);
    if (!appeal) throw new DeskError(409, 'no_open_appeal', 'No appeal to decide', 'This case has no open appeal.');
    const outcome = dto.outcome === 'uphold' ? 'upheld' : 'reversed';
    let effect: Effect = { status: appeal.statusBefore, events: [] };
    if (outcome === 'reversed') {
      const missing = (['items', 'ground', 'reasons'] as const).filter((field) => !dto[field]);
      if (missing.length) throw DeskError.validation(missing.map((field) => ({ field, message: 'Reversing an appeal needs the new decision.' })));
      effect = await this.decide(tx, actor, filed, notice, dto as unknown as DecideDto, outbox);
    }
    await tx.aftercare.decideAppeal(appeal.id, { outcome, answer: dto.answer, decidedBy: actor.id });
    await answerAppeal(tx, this.messages, outbox, filed, notice, { outcome, text: dto.answer, publisherName: this.config.publisherName });
    const decided = {
      action: 'appeal.decided' as const,
      subject: { type: 'appeal', id: appeal.id },
      data: { outcome, appellant: appeal.appellant, answer: dto.answer },
      visibility: 'notifier' as const,
    };
    return { ...effect, events: [...effect.events, decided] };
  }

  // Merge into the earlier case (src/duplicates): the notifier is told through the outbox.
  private async closeDuplicate(tx: Repositories, filed: Case, notice: Notice, duplicateOf: string, outbox: OutgoingMail[]): Promise<Effect> {
    const { earlier, fields, events } = await mergeInto(tx, filed, duplicateOf);
    const message = mergedForNotifier({ reference: filed.reference, earlierReference: earlier.reference, publisherName: this.config.publisherName });
    await this.queueMessage(tx, outbox, filed, 'duplicate_merged', 'notifier', notice.notifier.email, message);
    return { fields, events };
  }

  private async decide(tx: Repositories, actor: StaffActor, filed: Case, notice: Notice, dto: DecideDto, outbox: OutgoingMail[]): Promise<Effect> {
    const articles = new Map((await tx.articles.findByIds([...new Set(notice.items.map((item) => item.articleId).filter((id): id is string => !!id))])).map((a) => [a.id, a]));
    const plan = planDecision(
      { noticeType: notice.type, ground: dto.ground, reasons: dto.reasons, items: dto.items, mainMarket: this.config.mainMarket },
      notice.items.map((item) => {
        const article = item.articleId ? articles.get(item.articleId) : undefined;
        return {
          id: item.id,
          inScope: item.state !== 'out_of_scope',
          articleId: item.articleId,
          articlePublicInterest: article?.publicInterest ?? false,
          articleTitle: article?.title ?? null,
          articleBody: article?.body ?? null,
          articleState: article?.state ?? null,
          articleMedia: article?.media?.length ? article.media.map((media) => media.url) : null,
        };
      }),
      new Date().toISOString().slice(0, 10),
    );
    if (plan.errors.length) throw DeskError.validation(plan.errors, 'The decision is incomplete or inconsistent.');
    const previous = (await tx.decisions.findForCase(filed.id))[0];
    const decision = await tx.decisions.insert({
      caseId: filed.id,
      decidedBy: actor.id,
      ground: dto.ground,
      reasons: dto.reasons,
      publicNote: dto.publicNote ?? null,
      outcome: plan.outcome,
      requiresApproval: plan.requiresApproval,
      supersedesId: previous?.id ?? null,
      items: dto.items.map(decisionItemRow),
    });
    const recorded: Effect['events'] = [
      {
        action: 'decision.recorded',
        subject: { type: 'decision', id: decision.id },
        data: {
          outcome: plan.outcome,
          ground: dto.ground,
          requiresApproval: plan.requiresApproval,
          approvalReasons: plan.approvalReasons,
          items: dto.items,
          supersedes: previous?.id ?? null,
        },
        visibility: 'internal',
      },
    ];
    if (plan.requiresApproval) return { status: 'pending_approval', events: recorded };
    return { status: plan.outcome, fields: { dueAt: null }, events: [...recorded, ...(await this.applyDecision(tx, filed, notice, decision, outbox))] };
  }

  // A decision takes effect: items and articles change state, the notifier and the
  // authors are told. Runs inside the transition's transaction.
  private async applyDecision(tx: Repositories, filed: Case, notice: Notice, decision: Decision, outbox: OutgoingMail[]): Promise<Effect['events']> {
    const events: Effect['events'] = [];
    const itemsById = new Map(notice.items.map((item) => [item.id, item]));
    for (const decided of decision.items) await tx.notices.updateItemState(decided.noticeItemId, ITEM_STATE[decided.action]);
    const STATE = { remove: 'removed', restrict: 'restricted', redact: 'redacted' } as const;
    const strongest = new Map<string, 'removed' | 'restricted' | 'redacted'>();
    const RANK = { redacted: 1, restricted: 2, removed: 3 };
    for (const decided of decision.items) {
      const articleId = itemsById.get(decided.noticeItemId)?.articleId;
      if (!articleId || !isStateAction(decided.action)) continue;
      const state = STATE[decided.action];
      const current = strongest.get(articleId);
      if (!current || RANK[state] > RANK[current]) strongest.set(articleId, state);
    }
    const itemArticleIds = [...new Set(notice.items.map((item) => item.articleId).filter((id): id is string => !!id))];
    const articles = new Map((await tx.articles.findByIds(itemArticleIds)).map((a) => [a.id, a]));
    // A later decision that no longer acts on an article this case took down puts it back.
    const target = new Map<string, ArticleState>(strongest);
    for (const articleId of await this.actionedBefore(tx, filed, decision, itemsById)) {
      if (!target.has(articleId) && articles.get(articleId)?.state !== 'live') target.set(articleId, 'live');
    }
    // Articles are locked in id order: two decisions naming the same articles in other
    // orders would otherwise each hold one and wait for the other (a deadlock, then a 500).
    for (const [articleId, state] of [...target].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const { before } = await tx.articles.setState(articleId, state);
      events.push({
        action: 'article.state_changed',
        subject: { type: 'article', id: articleId },
        changes: { state: { before, after: state } },
        data: { decisionId: decision.id, ...(state === 'live' ? { restored: true } : {}) },
        visibility: 'public',
      });
    }
    // The newsroom remedies (image placeholder, correction, reply, name, noindex) on the public page.
    events.push(...(await applyRemedies(tx, filed.id, decision, (noticeItemId) => itemsById.get(noticeItemId)?.articleId ?? null)));
    // A restriction with a last day is lifted by the due-clock sweep after that day ends; the
    // end dates of the decision this one replaces (an appeal reversed) no longer run.
    await tx.aftercare.liftCaseRestrictionEnds(filed.id, new Date());
    await tx.aftercare.insertRestrictionEnds(
      decision.items
        .filter((decided) => decided.action === 'restrict' && decided.until && itemsById.get(decided.noticeItemId)?.articleId)
        .map((decided) => ({
          decisionItemId: decided.id,
          caseId: filed.id,
          articleId: itemsById.get(decided.noticeItemId)!.articleId!,
          dueAt: endOfLocalDay(decided.until!, this.config.calendar.timeZone),
        })),
    );

    const facts: DecisionFacts = {
      reference: filed.reference,
      noticeType: notice.type,
      decidedAt: new Date(),
      ground: decision.ground,
      reasons: decision.reasons,
      publisherName: this.config.publisherName,
      items: decision.items.map((decided) => {
        const articleId = itemsById.get(decided.noticeItemId)?.articleId;
        return {
          url: itemsById.get(decided.noticeItemId)?.url ?? '',
          action: decided.action,
          territories: decided.territories,
          until: decided.until,
          passage: decided.passage,
          media: decided.media,
          text: decided.text,
          correctionKind: decided.correctionKind,
          replyBy: decided.replyBy,
          name: decided.name,
          replacement: decided.replacement,
          origin: (articleId && articles.get(articleId)?.origin) || null,
        };
      }),
    };
    await this.queueMessage(tx, outbox, filed, 'decision', 'notifier', notice.notifier.email, decisionForNotifier(facts));
    // Every article actioned (its state changed, or a remedy) gets a statement of reasons.
    const actioned = new Set(decision.items.filter((decided) => decided.action !== 'no_action').map((decided) => itemsById.get(decided.noticeItemId)?.articleId));
    for (const articleId of [...actioned].filter((id): id is string => !!id && articles.has(id)).sort()) {
      const article = articles.get(articleId)!;
      const respondUrl = counterNoticeApplies(article.origin) ? await issueRespondLink(tx, filed.id, articleId, this.config.publicBaseUrl) : null;
      const statement = statementOfReasonsForAuthor({
        ...facts,
        items: facts.items.filter((_, index) => itemsById.get(decision.items[index].noticeItemId)?.articleId === articleId),
        articleTitle: article.title,
        authorName: article.byline,
        origin: article.origin,
        licensor: article.licensor,
        respondUrl,
      });
      // The stored copy keeps the text but not the private link (only its hash is kept).
      const stored = respondUrl ? { ...statement, body: statement.body.replace(respondUrl, WITHHELD_RESPOND_LINK), link: respondUrl } : statement;
      await this.queueMessage(tx, outbox, filed, 'statement_of_reasons', 'author', article.authorEmail, stored);
    }
    // A copyright removal of a contributor's article is a strike against them (src/strikes).
    events.push(...(await recordStrikes(tx, this.config.strikes, filed, notice, decision, articles)));
    events.push({
      action: 'case.decided',
      subject: { type: 'decision', id: decision.id },
      data: {
        outcome: decision.outcome,
        ground: decision.ground,
        reasons: decision.reasons,
        publicNote: decision.publicNote,
        items: facts.items.map((item) => ({ url: item.url, action: item.action, territories: item.territories, until: item.until })),
      },
      visibility: 'notifier',
    });
    return events;
  }

  // The articles an earlier effective decision of this case acted on.
  private async actionedBefore(tx: Repositories, filed: Case, decision: Decision, itemsById: Map<string, Notice['items'][number]>): Promise<Set<string>> {
    const earlier = (await tx.decisions.findForCase(filed.id)).filter(
      (previous) => previous.id !== decision.id && (!previous.requiresApproval || previous.approval?.outcome === 'approved'),
    );
    // Only removals, restrictions and redactions change an article's state (remedies are lifted on their own).
    const ids = earlier.flatMap((previous) => previous.items.filter((item) => isStateAction(item.action)).map((item) => itemsById.get(item.noticeItemId)?.articleId));
    return new Set(ids.filter((id): id is string => !!id));
  }

  private queueMessage(
    tx: Repositories,
    outbox: OutgoingMail[],
    filed: Case,
    kind: string,
    recipientRole: 'notifier' | 'author',
    to: string | null,
    message: { subject: string; body: string; link?: string | null },
  ): Promise<void> {
    return recordCaseMessage(tx, this.messages, outbox, filed, { kind, recipientRole, to, ...message });
  }
}

// A refused transition as the problem the API answers.
function refusal(reason: Exclude<TransitionCheck, { allowed: true }>['reason'], action: string, status: CaseStatus, actor: StaffActor): DeskError {
  switch (reason) {
    case 'forbidden_role':
      return new DeskError(403, 'forbidden_role', 'Not allowed', `Your role (${actor.role}) may not ${action.replace('_', ' ')} a case that is ${status}.`);
    case 'not_decider':
      return new DeskError(403, 'four_eyes', 'A second person must act', 'You took or approved this decision; someone else must decide on it.');
    case 'gdpr_extendable':
      return new DeskError(409, 'gdpr_not_extendable', 'Cannot extend', 'The GDPR answer deadline of a privacy notice can be extended once, before it ends.');
    case 'author_contact_due':
      return new DeskError(409, 'no_author_contact_due', 'No contact due', 'This case has no defamation complaint waiting to be passed to the author.');
    case 'assignee_or_unassigned':
      return new DeskError(409, 'assigned_elsewhere', 'Assigned to someone else', 'This case is assigned to someone else; assign it to yourself first.');
    default:
      return new DeskError(422, 'invalid_transition', 'Not possible now', `A case that is ${status} cannot be moved with "${action}".`, [
        { field: 'action', message: `Not allowed from ${status}.` },
      ]);
  }
}

function diff(before: Case, after: Case): FieldChanges {
  const changes: FieldChanges = {};
  const fields = [
    'status',
    'assigneeId',
    'dueAt',
    'slaRemainingSeconds',
    'restoreEarliestAt',
    'restoreLatestAt',
    'gdprDueAt',
    'defamationContactDueAt',
    'defamationAnswerDueAt',
    'duplicateLink',
    'version',
  ] as const;
  for (const field of fields) {
    const a = before[field] instanceof Date ? (before[field] as Date).toISOString() : before[field];
    const b = after[field] instanceof Date ? (after[field] as Date).toISOString() : after[field];
    if (a !== b) changes[field] = { before: a ?? null, after: b ?? null };
  }
  return changes;
}
