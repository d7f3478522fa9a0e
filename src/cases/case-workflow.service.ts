import { Injectable } from '@nestjs/common';
import { DeskConfig } from '../config/desk-config';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { own } from '../common/own';
import { validateAs } from '../common/validation';
import { Database, Repositories } from '../database/database.service';
import type { FieldChanges } from '../events/event.entity';
import type { NewEvent } from '../events/event.repository';
import { decisionForNotifier, DecisionFacts, infoRequestForNotifier, statementOfReasonsForAuthor } from '../messages/decision-messages';
import { MailerService, OutgoingMail } from '../messages/mailer.service';
import { Notice } from '../notices/notice.entity';
import { can, requireAccess } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { Case, CaseStatus } from './case.entity';
import { checkTransition, Transition } from './case-workflow';
import { CasesService } from './cases.service';
import { planDecision } from './decision-rules';
import { Decision } from './decision.entity';
import { AssignDto, DecideDto, MessageDto, ReasonDto, TRANSITION_DTOS, TransitionDto } from './dto/transition.dto';
import { pauseClock, reviewDueAt } from './sla';

type CaseFields = Parameters<Repositories['cases']['update']>[1];

// What one transition does to the case, besides the status the table names.
interface Effect {
  fields?: CaseFields;
  // Overrides the table's destination (decisions settle their own).
  status?: CaseStatus;
  events: Array<Omit<NewEvent, 'caseId' | 'caseReference' | 'requestId' | 'clientNetwork' | 'actor'> & { actor?: NewEvent['actor'] }>;
}

class StaleVersion extends Error {}

// The write side of the desk: every staff action on a case is one transaction in which
// the case, its events, decision rows, article states and queued messages commit together.
@Injectable()
export class CaseWorkflowService {
  constructor(
    private readonly db: Database,
    private readonly config: DeskConfig,
    private readonly mailer: MailerService,
    private readonly cases: CasesService,
  ) {}

  async transition(actor: StaffActor, reference: string, body: Record<string, unknown>, meta: RequestMeta) {
    requireAccess(actor, 'cases.transition');
    // An unknown action gets the base DTO, which names it as the bad field.
    const dtoClass = (typeof body.action === 'string' && own(TRANSITION_DTOS, body.action)) || TransitionDto;
    const { value: dto, errors } = await validateAs(dtoClass, body);
    if (errors.length) throw DeskError.validation(errors);
    const action = dto.action;

    const outbox: OutgoingMail[] = [];
    let result: Case;
    try {
      result = await this.db.transaction(async (tx) => {
        const filed = await tx.cases.findByReferenceForUpdate(reference);
        if (!filed) throw DeskError.notFound(`There is no case ${reference}.`);
        if (filed.version !== dto.version) throw new StaleVersion();
        const check = checkTransition(action, filed.status, actor.role);
        if (!check.allowed) {
          if (check.reason === 'forbidden_role')
            throw new DeskError(403, 'forbidden_role', 'Not allowed', `Your role (${actor.role}) may not ${action.replace('_', ' ')} a case that is ${filed.status}.`);
          throw new DeskError(422, 'invalid_transition', 'Not possible now', `A case that is ${filed.status} cannot be moved with "${action}".`, [
            { field: 'action', message: `Not allowed from ${filed.status}.` },
          ]);
        }
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
    for (const mail of outbox) void this.mailer.deliver(mail);
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
        if (filed.assigneeId && filed.assigneeId !== actor.id) {
          throw new DeskError(409, 'assigned_elsewhere', 'Assigned to someone else', 'This case is assigned to someone else; assign it to yourself first.');
        }
        return { fields: { assigneeId: actor.id }, events: [] };
      case 'request_info': {
        const { message } = dto as MessageDto;
        const request = await tx.infoRequests.insert({ caseId: filed.id, requestedBy: actor.id, message });
        await this.queueMessage(tx, outbox, filed, 'info_request', 'notifier', notice.notifier.email, infoRequestForNotifier(filed.reference, message, this.config.publisherName));
        return {
          // The review clock stops while we wait for the notifier.
          fields: { slaRemainingSeconds: pauseClock(filed.dueAt, now), dueAt: null },
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
        if (pending.decidedBy === actor.id) {
          throw new DeskError(403, 'four_eyes', 'A second person must approve', 'You made this decision; someone else with the legal or admin role must approve it.');
        }
        const approved = transition.action === 'approve';
        const reason = approved ? null : (dto as ReasonDto).reason;
        await tx.decisions.insertApproval({ decisionId: pending.id, approverId: actor.id, outcome: approved ? 'approved' : 'rejected', reason });
        const events: Effect['events'] = [
          { action: approved ? 'decision.approved' : 'decision.approval_rejected', subject: { type: 'decision', id: pending.id }, data: { reason }, visibility: 'internal' },
        ];
        if (!approved) return { events, fields: { dueAt: filed.dueAt ?? reviewDueAt(notice.type, filed.priority, now, this.config.sla) } };
        events.push(...(await this.applyDecision(tx, filed, notice, pending, outbox)));
        return { events, status: pending.outcome };
      }
      case 'close':
        return { fields: { dueAt: null }, events: [] };
      default:
        return { events: [] };
    }
  }

  private async decide(tx: Repositories, actor: StaffActor, filed: Case, notice: Notice, dto: DecideDto, outbox: OutgoingMail[]): Promise<Effect> {
    const articles = new Map((await tx.articles.findByIds([...new Set(notice.items.map((item) => item.articleId).filter((id): id is string => !!id))])).map((a) => [a.id, a]));
    const plan = planDecision(
      { noticeType: notice.type, ground: dto.ground, reasons: dto.reasons, items: dto.items },
      notice.items.map((item) => {
        const article = item.articleId ? articles.get(item.articleId) : undefined;
        return {
          id: item.id,
          inScope: item.state !== 'out_of_scope',
          articleId: item.articleId,
          articlePublicInterest: article?.publicInterest ?? false,
          articleBody: article?.body ?? null,
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
      items: dto.items.map((item) => ({
        noticeItemId: item.itemId,
        action: item.action,
        territories: item.action === 'restrict' ? (item.territories ?? []).map((t) => t.toUpperCase()) : [],
        until: item.action === 'restrict' ? (item.until ?? null) : null,
        passage: item.action === 'redact' ? (item.passage ?? null) : null,
      })),
    });
    const recorded: Effect['events'] = [
      {
        action: 'decision.recorded',
        subject: { type: 'decision', id: decision.id },
        data: { outcome: plan.outcome, ground: dto.ground, requiresApproval: plan.requiresApproval, items: dto.items, supersedes: previous?.id ?? null },
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
    const STATE = { remove: 'removed', restrict: 'restricted', redact: 'redacted', no_action: 'no_action' } as const;
    for (const decided of decision.items) await tx.notices.updateItemState(decided.noticeItemId, STATE[decided.action]);
    const strongest = new Map<string, 'removed' | 'restricted' | 'redacted'>();
    const RANK = { redacted: 1, restricted: 2, removed: 3 };
    for (const decided of decision.items) {
      const articleId = itemsById.get(decided.noticeItemId)?.articleId;
      const state = STATE[decided.action];
      if (!articleId || state === 'no_action') continue;
      const current = strongest.get(articleId);
      if (!current || RANK[state] > RANK[current]) strongest.set(articleId, state);
    }
    const itemArticleIds = [...new Set(notice.items.map((item) => item.articleId).filter((id): id is string => !!id))];
    const articles = new Map((await tx.articles.findByIds(itemArticleIds)).map((a) => [a.id, a]));
    // Articles are locked in id order: two decisions naming the same articles in other
    // orders would otherwise each hold one and wait for the other (a deadlock, then a 500).
    for (const [articleId, state] of [...strongest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const { before } = await tx.articles.setState(articleId, state);
      events.push({
        action: 'article.state_changed',
        subject: { type: 'article', id: articleId },
        changes: { state: { before, after: state } },
        data: { decisionId: decision.id },
        visibility: 'public',
      });
    }

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
          origin: (articleId && articles.get(articleId)?.origin) || null,
        };
      }),
    };
    await this.queueMessage(tx, outbox, filed, 'decision', 'notifier', notice.notifier.email, decisionForNotifier(facts));
    for (const [articleId] of strongest) {
      const article = articles.get(articleId)!;
      const statement = statementOfReasonsForAuthor({
        ...facts,
        items: facts.items.filter((_, index) => itemsById.get(decision.items[index].noticeItemId)?.articleId === articleId),
        articleTitle: article.title,
        authorName: article.byline,
        origin: article.origin,
        licensor: article.licensor,
        respondUrl: null,
      });
      await this.queueMessage(tx, outbox, filed, 'statement_of_reasons', 'author', article.authorEmail, statement);
    }
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

  private async queueMessage(
    tx: Repositories,
    outbox: OutgoingMail[],
    filed: Case,
    kind: string,
    recipientRole: 'notifier' | 'author',
    to: string | null,
    message: { subject: string; body: string },
  ): Promise<void> {
    const sendable = to !== null && this.mailer.enabled;
    const messageId = await tx.messages.insert({
      caseId: filed.id,
      kind,
      recipientRole,
      toAddress: to,
      subject: message.subject,
      body: message.body,
      state: sendable ? 'queued' : 'stored',
    });
    await tx.events.append({
      actor: { type: 'system', id: null },
      action: 'message.recorded',
      subject: { type: 'message', id: messageId },
      caseId: filed.id,
      caseReference: filed.reference,
      data: { kind, recipientRole },
      visibility: 'internal',
    });
    if (sendable) outbox.push({ messageId, to: to!, subject: message.subject, text: message.body });
  }
}

function diff(before: Case, after: Case): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of ['status', 'assigneeId', 'dueAt', 'slaRemainingSeconds', 'version'] as const) {
    const a = before[field] instanceof Date ? (before[field] as Date).toISOString() : before[field];
    const b = after[field] instanceof Date ? (after[field] as Date).toISOString() : after[field];
    if (a !== b) changes[field] = { before: a ?? null, after: b ?? null };
  }
  return changes;
}
