import { Injectable } from '@nestjs/common';
import type { Case } from '../cases/case.entity';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { DeskConfig } from '../config/desk-config';
import { Database, Repositories } from '../database/database.service';
import type { NewEvent } from '../events/event.repository';
import { recordCaseMessage } from '../messages/case-message';
import type { OutgoingMail } from '../messages/mailer.service';
import { OutboxWriter } from '../messages/outbox-writer';
import type { Notice } from '../notices/notice.entity';
import { TrackingService } from '../notices/tracking.service';
import { requireAccess } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { SuspensionAppealDecisionDto, SuspensionDecisionDto } from './dto/suspension-decision.dto';
import { suspensionAppealAnswer, suspensionForNotifier } from './misuse-messages';
import { describeSuspension, periodStart, shouldPropose, suspensionEnd } from './misuse-rules';
import { openSuspensionOf } from './open-suspension';
import type { MisuseTarget } from './misuse.repository';
import type { Suspension } from './suspension.entity';

type CaseEvent = Omit<NewEvent, 'caseId' | 'caseReference' | 'requestId' | 'clientNetwork' | 'actor'>;

// Misuse of the notice procedure (DSA Art. 23): marks on rejected notices, the desk's
// proposal at the threshold, legal's confirmation, the notifier's appeal. Keyed by the
// sender organisation whose key filed the notice (src/senders: all its keys are held), or
// else by the notifier's e-mail.
@Injectable()
export class MisuseService {
  constructor(
    private readonly db: Database,
    private readonly config: DeskConfig,
    private readonly messages: OutboxWriter,
    private readonly tracking: TrackingService,
  ) {}

  // Inside the `mark_unfounded` transition (case-workflow.service.ts): the case is locked.
  // A notice filed with a sender key counts against its organisation (all its keys); any
  // other against the notifier's e-mail.
  async markUnfounded(tx: Repositories, actor: StaffActor, filed: Case, notice: Notice, reason: string): Promise<{ events: CaseEvent[] }> {
    const organisation = notice.senderKeyId ? await tx.senders.findOrganisationOfKey(notice.senderKeyId) : null;
    const email = notice.notifier.email?.trim().toLowerCase() || organisation?.contactEmail;
    if (!email) throw new DeskError(422, 'no_notifier_email', 'No e-mail to count against', 'This notice gave no e-mail address: its sender cannot be recognised across filings.');
    if (await tx.misuse.findMarkForCase(filed.id)) throw DeskError.conflict('already_marked', 'This notice is already marked manifestly unfounded.');
    const organization = organisation?.name ?? notice.notifier.organization ?? null;
    const senderOrganisationId = organisation?.id ?? null;
    const mark = await tx.misuse.insertMark({ caseId: filed.id, notifierEmail: email, organization, senderOrganisationId, reason, markedBy: actor.id });
    const now = new Date();
    const { threshold, periodDays, suspensionDays } = this.config.misuse;
    const target: MisuseTarget = organisation ? { organisationId: organisation.id } : { email };
    const count = await tx.misuse.countMarksSince(target, periodStart(now, periodDays));
    const events: CaseEvent[] = [
      { action: 'misuse.marked', subject: { type: 'misuse_mark', id: mark.id }, data: { reason, marksInPeriod: count, senderOrganisationId }, visibility: 'internal' },
    ];
    if (shouldPropose(count, threshold, !!(await tx.misuse.findOpenSuspension(target, now)))) {
      // An organisation's suspension is told to its contact address.
      const proposed = await tx.misuse.insertSuspension({
        notifierEmail: organisation?.contactEmail ?? email,
        organization,
        senderOrganisationId,
        state: 'proposed',
        caseId: filed.id,
        markCount: count,
        days: suspensionDays,
      });
      events.push({
        action: 'misuse.suspension_proposed',
        subject: { type: 'misuse_suspension', id: proposed.id },
        data: { marksInPeriod: count, periodDays, days: suspensionDays, senderOrganisationId },
        visibility: 'internal',
      });
    }
    return { events };
  }

  async list(actor: StaffActor) {
    requireAccess(actor, 'cases.read');
    const suspensions = await this.db.repos.misuse.findSuspensions();
    const references = await this.db.repos.misuse.findCaseReferences([...new Set(suspensions.map((s) => s.caseId))]);
    const marks = await this.db.repos.misuse.findMarksFor(suspensions);
    const markRefs = await this.db.repos.misuse.findCaseReferences(marks.map((m) => m.caseId));
    const now = new Date();
    return {
      settings: this.config.misuse,
      suspensions: suspensions.map((s) => ({
        ...describeSuspension(s, references.get(s.caseId) ?? null, now),
        marks: marks
          .filter((m) => (s.senderOrganisationId ? m.senderOrganisationId === s.senderOrganisationId : !m.senderOrganisationId && m.notifierEmail === s.notifierEmail))
          .map((m) => ({ reference: markRefs.get(m.caseId) ?? null, reason: m.reason, markedAt: m.createdAt })),
      })),
    };
  }

  // Legal confirms (with reasons, for a set time) or declines the desk's proposal.
  async decide(actor: StaffActor, id: string, dto: SuspensionDecisionDto, meta: RequestMeta) {
    requireAccess(actor, 'misuse.decide');
    const outbox: OutgoingMail[] = [];
    await this.db.transaction(async (tx) => {
      const suspension = await this.lockSuspension(tx, id);
      if (suspension.state !== 'proposed') throw DeskError.conflict('not_proposed', 'This suspension was already decided.');
      const filed = (await tx.cases.findById(suspension.caseId))!;
      const now = new Date();
      if (dto.decision === 'decline') {
        await tx.misuse.updateSuspension(id, { state: 'declined', reasons: dto.reasons, decidedBy: actor.id, decidedAt: now });
        await this.event(tx, actor, meta, filed, suspension, 'misuse.suspension_declined', { reasons: dto.reasons });
        return;
      }
      const days = dto.days ?? suspension.days;
      const endsAt = suspensionEnd(now, days);
      await tx.misuse.updateSuspension(id, { state: 'active', reasons: dto.reasons, days, endsAt, decidedBy: actor.id, decidedAt: now });
      await setHold(tx, suspension, endsAt);
      const message = suspensionForNotifier({
        organisation: suspension.senderOrganisationId ? suspension.organization : null,
        reference: filed.reference,
        until: endsAt,
        reasons: dto.reasons,
        appealUrl: `${this.config.publicBaseUrl}/track/<your tracking link>/suspension-appeal`,
        publisherName: this.config.publisherName,
      });
      await recordCaseMessage(tx, this.messages, outbox, filed, { kind: 'suspension', recipientRole: 'notifier', to: suspension.notifierEmail, ...message });
      await this.event(tx, actor, meta, filed, suspension, 'misuse.suspension_confirmed', { reasons: dto.reasons, days, endsAt: endsAt.toISOString() });
    });
    if (outbox.length) this.messages.wake();
    return this.one(id);
  }

  // The suspended notifier appeals through the tracking link of any of their notices.
  async appeal(token: string, grounds: string, meta: RequestMeta) {
    const { notice } = await this.tracking.resolve(token);
    const now = new Date();
    await this.db.transaction(async (tx) => {
      const open = await openSuspensionOf(tx, notice, now);
      if (!open || open.state !== 'active') throw DeskError.conflict('not_suspended', 'Your notices are not suspended: there is nothing to appeal.');
      const suspension = await this.lockSuspension(tx, open.id);
      if (suspension.appealedAt) throw DeskError.conflict('already_appealed', 'You have already appealed this suspension; we will answer you.');
      await tx.misuse.updateSuspension(suspension.id, { appealGrounds: grounds, appealedAt: now });
      const filed = (await tx.cases.findById(suspension.caseId))!;
      await tx.events.append({
        actor: { type: 'notifier', id: notice.notifierId },
        action: 'misuse.suspension_appealed',
        subject: { type: 'misuse_suspension', id: suspension.id },
        caseId: filed.id,
        caseReference: filed.reference,
        data: { grounds },
        visibility: 'notifier',
        requestId: meta.requestId,
        clientNetwork: meta.network,
      });
    });
    return this.forNotifier(token);
  }

  async forNotifier(token: string) {
    const { notice } = await this.tracking.resolve(token);
    const open = await openSuspensionOf(this.db.repos, notice, new Date());
    const active = open?.state === 'active' ? open : null;
    return { suspended: !!active, until: active?.endsAt ?? null, reasons: active?.reasons ?? null, appealedAt: active?.appealedAt ?? null };
  }

  async decideAppeal(actor: StaffActor, id: string, dto: SuspensionAppealDecisionDto, meta: RequestMeta) {
    requireAccess(actor, 'misuse.decide');
    const outbox: OutgoingMail[] = [];
    await this.db.transaction(async (tx) => {
      const suspension = await this.lockSuspension(tx, id);
      if (!suspension.appealedAt || suspension.appealOutcome) throw DeskError.conflict('no_open_appeal', 'This suspension has no appeal waiting for an answer.');
      if (suspension.decidedBy === actor.id)
        throw new DeskError(403, 'four_eyes', 'A second person must act', 'You confirmed this suspension; someone else must answer the appeal.');
      const lifted = dto.outcome === 'lifted';
      await tx.misuse.updateSuspension(id, { appealOutcome: dto.outcome, appealAnswer: dto.answer, ...(lifted ? { state: 'lifted' as const } : {}) });
      if (lifted) await setHold(tx, suspension, null);
      const filed = (await tx.cases.findById(suspension.caseId))!;
      const message = suspensionAppealAnswer({ reference: filed.reference, outcome: dto.outcome, answer: dto.answer, publisherName: this.config.publisherName });
      await recordCaseMessage(tx, this.messages, outbox, filed, { kind: 'suspension_appeal_answer', recipientRole: 'notifier', to: suspension.notifierEmail, ...message });
      await this.event(tx, actor, meta, filed, suspension, 'misuse.appeal_decided', { outcome: dto.outcome, answer: dto.answer });
    });
    if (outbox.length) this.messages.wake();
    return this.one(id);
  }

  private async one(id: string) {
    const suspension = (await this.db.repos.misuse.findSuspension(id))!;
    const references = await this.db.repos.misuse.findCaseReferences([suspension.caseId]);
    return describeSuspension(suspension, references.get(suspension.caseId) ?? null, new Date());
  }

  private async lockSuspension(tx: Repositories, id: string): Promise<Suspension> {
    const suspension = /^[0-9a-f-]{36}$/i.test(id) ? await tx.misuse.findSuspensionForUpdate(id) : null;
    if (!suspension) throw DeskError.notFound('There is no such suspension.');
    return suspension;
  }

  private event(tx: Repositories, actor: StaffActor, meta: RequestMeta, filed: Case, suspension: Suspension, action: NewEvent['action'], data: Record<string, unknown>) {
    return tx.events.append({
      actor: { type: 'staff', id: actor.id, role: actor.role },
      action,
      subject: { type: 'misuse_suspension', id: suspension.id },
      caseId: filed.id,
      caseReference: filed.reference,
      data: { notifierEmail: suspension.notifierEmail, senderOrganisationId: suspension.senderOrganisationId, ...data },
      visibility: 'internal',
      requestId: meta.requestId,
      clientNetwork: meta.network,
    });
  }
}

// What intake reads: the organisation's misuse suspension (all its keys), or the notifier's.
async function setHold(tx: Repositories, suspension: Suspension, until: Date | null): Promise<void> {
  if (suspension.senderOrganisationId) await tx.senders.setMisuseSuspension(suspension.senderOrganisationId, until);
  else await tx.misuse.setNotifierSuspension(suspension.notifierEmail, until);
}
