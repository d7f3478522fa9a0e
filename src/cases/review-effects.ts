import { DeskError } from '../common/desk-error';
import { infoRequestForNotifier } from '../messages/decision-messages';
import { can, requireAccess } from '../staff/policy';
import type { AssignDto, MessageDto } from './dto/transition.dto';
import { curableLapseDue, pauseClock } from './sla';
import { Effect, EffectContext, queueCaseMessage } from './workflow-effect';

// Who holds the case: staff take it, or legal and admin hand it to someone.
export async function assign(ctx: EffectContext, dto: AssignDto): Promise<Effect> {
  const assigneeId = dto.assigneeId ?? ctx.actor.id;
  if (assigneeId !== ctx.actor.id) requireAccess(ctx.actor, 'cases.assign_others');
  if (!(await ctx.tx.cases.findActiveStaff(assigneeId))) {
    throw DeskError.validation([{ field: 'assigneeId', message: 'No active staff member has this id.' }]);
  }
  return { fields: { assigneeId }, events: [] };
}

export function unassign(ctx: EffectContext): Effect {
  const { actor, filed } = ctx;
  if (filed.assigneeId && filed.assigneeId !== actor.id && !can(actor, 'cases.assign_others')) {
    throw new DeskError(403, 'forbidden', 'Not allowed', 'Only legal or admin may unassign someone else.');
  }
  return { fields: { assigneeId: null }, events: [] };
}

// The notifier is asked for what is missing; the review clock stops while we wait.
export async function requestInfo(ctx: EffectContext, dto: MessageDto, now: Date): Promise<Effect> {
  const { tx, filed, notice, config } = ctx;
  const { message } = dto;
  const request = await tx.infoRequests.insert({ caseId: filed.id, requestedBy: ctx.actor.id, message });
  await queueCaseMessage(ctx, 'info_request', 'notifier', notice.notifier.email, infoRequestForNotifier(filed.reference, message, config.publisherName));
  return {
    fields: { slaRemainingSeconds: pauseClock(filed.dueAt, now), dueAt: null, lapseDueAt: curableLapseDue(now, config.sla) },
    events: [{ action: 'case.info_requested', subject: { type: 'info_request', id: request.id }, data: { message }, visibility: 'notifier' }],
  };
}
