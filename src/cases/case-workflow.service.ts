import { Injectable } from '@nestjs/common';
import { decisionInForce } from '../aftercare/appeals';
import { RestorationService } from '../aftercare/restoration.service';
import { DeskConfig } from '../config/desk-config';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { validateAs } from '../common/validation';
import { Database, Repositories } from '../database/database.service';
import type { OutgoingMail } from '../messages/mailer.service';
import { OutboxWriter } from '../messages/outbox-writer';
import { requireAccess } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { Case, CaseStatus } from './case.entity';
import { requireHolder } from './case-guards';
import { checkTransition, GuardFacts, staffPayload, Transition } from './case-workflow';
import { CasesService } from './cases.service';
import { withDecisionFieldErrors } from './decision-rules';
import { ApproveDto, AssignDto, DecideAppealDto, DecideDto, DuplicateDto, MessageDto, ReasonDto, TransitionDto } from './dto/transition.dto';
import { extendGdprDeadline, recordAuthorAnswer, recordAuthorContact } from './clock-actions';
import { ExtendGdprDeadlineDto, RecordAuthorAnswerDto, RecordAuthorContactDto } from './dto/clock-actions.dto';
import { closeDuplicate, keepApart } from '../duplicates/duplicate-effects';
import { MisuseService } from '../misuse/misuse.service';
import { releaseHold } from '../misuse/hold';
import { decideAppeal, restoreByStaff } from './aftercare-effects';
import { approveOrReject, decide } from './decision-effects';
import { assign, requestInfo, unassign } from './review-effects';
import { caseDecisions, Effect, EffectContext, pendingApproval } from './workflow-effect';
import { diff, refusal } from './workflow-refusal';

// The version the caller sent is not the locked row's: thrown inside the transaction so
// that it rolls back, answered outside it (run).
class StaleVersion extends Error {
  constructor(readonly locked: Case) {
    super('stale version');
  }
}

// The write side of the desk: every staff action on a case is one transaction in which
// the case, its events, decision rows, article states and queued messages commit together.
// What each action does is in its effects file (decision-, aftercare-, review-effects.ts,
// src/duplicates, src/misuse, clock-actions.ts).
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

  // One action, answered with the case as the API shows it; a stale version is answered
  // with the case as it stands now, in full.
  async transition(actor: StaffActor, reference: string, body: Record<string, unknown>, meta: RequestMeta) {
    const current = () => this.cases.detail(actor, reference);
    return this.cases.describe(await this.run(actor, reference, body, meta, current), actor);
  }

  // One action, answered with the case row only (bulk actions need no full description,
  // and of a stale case only the version and status the locked row had).
  apply(actor: StaffActor, reference: string, body: Record<string, unknown>, meta: RequestMeta): Promise<Case> {
    return this.run(actor, reference, body, meta, async (locked) => ({ version: locked.version, status: locked.status }));
  }

  // `current` describes the case for the stale-version conflict.
  private async run(actor: StaffActor, reference: string, body: Record<string, unknown>, meta: RequestMeta, current: (locked: Case) => Promise<unknown>): Promise<Case> {
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
        if (filed.version !== dto.version) throw new StaleVersion(filed);
        const decisions = caseDecisions(tx, filed.id);
        const check = checkTransition(action, filed.status, actor.role, await this.guardFacts(tx, filed, actor, action, decisions));
        if (!check.allowed) throw refusal(check.reason, action, filed.status, actor);
        requireHolder(actor, filed.assigneeId);
        const notice = (await tx.notices.findWithItems(filed.noticeId))!;
        const ctx: EffectContext = { tx, actor, filed, notice, config: this.config, writer: this.messages, outbox, decisions };
        const effect = await this.effectOf(ctx, check.transition, dto);
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
        const latest = await current(error.locked);
        throw DeskError.conflict('stale_version', 'Someone changed this case since you loaded it. Review the changes and try again.', { case: latest });
      }
      throw error;
    }
    if (outbox.length) this.messages.wake();
    return result;
  }

  async addNote(actor: StaffActor, reference: string, body: string, meta: RequestMeta) {
    return this.cases.describe(await this.recordNote(actor, reference, body, meta), actor);
  }

  // The note, answered with the case row only.
  async recordNote(actor: StaffActor, reference: string, body: string, meta: RequestMeta): Promise<Case> {
    requireAccess(actor, 'cases.note');
    return this.db.transaction(async (tx) => {
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
  }

  private async effectOf(ctx: EffectContext, transition: Transition, dto: TransitionDto): Promise<Effect> {
    const now = new Date();
    const { filed, notice } = ctx;
    switch (transition.action) {
      case 'assign':
        return assign(ctx, dto as AssignDto);
      case 'unassign':
        return unassign(ctx);
      case 'start_review':
        return { fields: { assigneeId: ctx.actor.id }, events: [] };
      case 'request_info':
        return requestInfo(ctx, dto as MessageDto, now);
      case 'escalate':
      case 'reopen':
        return {
          events: [{ action: `case.${transition.action}_reason`, subject: { type: 'case', id: filed.id }, data: { reason: (dto as ReasonDto).reason }, visibility: 'internal' }],
        };
      case 'decide':
        return decide(ctx, dto as DecideDto);
      case 'approve':
      case 'reject_approval':
        return approveOrReject(ctx, transition.action === 'approve', dto as ApproveDto | ReasonDto);
      case 'close':
      case 'close_lapsed':
        return { fields: { dueAt: null, slaRemainingSeconds: null }, events: [] };
      case 'close_duplicate':
        return closeDuplicate(ctx, (dto as DuplicateDto).duplicateOf);
      case 'keep_apart':
        return keepApart(filed);
      case 'mark_unfounded':
        return this.misuse.markUnfounded(ctx.tx, ctx.actor, filed, notice, (dto as ReasonDto).reason);
      case 'release_hold':
        return releaseHold(filed, notice, (dto as ReasonDto).reason, now, this.config.sla);
      case 'decide_appeal':
        return decideAppeal(ctx, dto as DecideAppealDto);
      case 'extend_gdpr_deadline':
        return extendGdprDeadline(ctx.tx, { writer: this.messages, config: this.config, outbox: ctx.outbox }, filed, notice, dto as ExtendGdprDeadlineDto, now);
      case 'record_author_contact':
        return recordAuthorContact(filed, dto as RecordAuthorContactDto, now);
      case 'record_author_answer':
        return recordAuthorAnswer(filed, dto as RecordAuthorAnswerDto);
      case 'restore':
        return restoreByStaff(ctx, this.restoration, (dto as ReasonDto).reason);
      default:
        return { events: [] };
    }
  }

  // What the table's guards look at, read under the case lock.
  private async guardFacts(tx: Repositories, filed: Case, actor: StaffActor, action: string, decisions: EffectContext['decisions']): Promise<GuardFacts> {
    const facts: GuardFacts = {
      actorId: actor.id,
      assigneeId: filed.assigneeId,
      now: new Date(),
      gdprDueAt: filed.gdprDueAt,
      gdprExtendedAt: filed.gdprExtendedAt,
      defamationContactDueAt: filed.defamationContactDueAt,
      authorContactedAt: filed.authorContactedAt,
      defamationAnswerDueAt: filed.defamationAnswerDueAt,
    };
    if (action === 'approve' || action === 'reject_approval') {
      const pending = pendingApproval(await decisions());
      facts.deciderIds = pending ? [pending.decidedBy] : [];
    }
    // An appeal is decided by someone who neither took nor approved the decision.
    if (action === 'decide_appeal') facts.deciderIds = (await decisionInForce(tx, filed.id))?.deciderIds ?? [];
    return facts;
  }
}
