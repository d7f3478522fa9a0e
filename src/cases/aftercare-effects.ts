import { answerAppeal } from '../aftercare/appeals';
import type { RestorationService } from '../aftercare/restoration.service';
import { DeskError } from '../common/desk-error';
import { decide } from './decision-effects';
import type { DecideAppealDto, DecideDto } from './dto/transition.dto';
import { Effect, EffectContext } from './workflow-effect';

// Uphold: the case returns where it was. Reverse: a new decision takes effect (what it no
// longer acts on is put back). Both parties get the reasoned answer.
export async function decideAppeal(ctx: EffectContext, dto: DecideAppealDto): Promise<Effect> {
  const { tx, filed, notice } = ctx;
  const appeal = await tx.aftercare.findOpenAppeal(filed.id);
  if (!appeal) throw new DeskError(409, 'no_open_appeal', 'No appeal to decide', 'This case has no open appeal.');
  const outcome = dto.outcome === 'uphold' ? 'upheld' : 'reversed';
  let effect: Effect = { status: appeal.statusBefore, events: [] };
  if (outcome === 'reversed') {
    const missing = (['items', 'ground', 'reasons'] as const).filter((field) => !dto[field]);
    if (missing.length) throw DeskError.validation(missing.map((field) => ({ field, message: 'Reversing an appeal needs the new decision.' })));
    effect = await decide(ctx, dto as unknown as DecideDto);
  }
  await tx.aftercare.decideAppeal(appeal.id, { outcome, answer: dto.answer, decidedBy: ctx.actor.id });
  await answerAppeal(tx, ctx.writer, ctx.outbox, filed, notice, { outcome, text: dto.answer, publisherName: ctx.config.publisherName });
  const decided = {
    action: 'appeal.decided' as const,
    subject: { type: 'appeal', id: appeal.id },
    data: { outcome, appellant: appeal.appellant, answer: dto.answer },
    visibility: 'notifier' as const,
  };
  return { ...effect, events: [...effect.events, decided] };
}

// Legal puts back what the case took down (src/aftercare/restoration.service.ts).
export async function restoreByStaff(ctx: EffectContext, restoration: RestorationService, reason: string): Promise<Effect> {
  const staff = { type: 'staff' as const, id: ctx.actor.id, role: ctx.actor.role };
  const events = await restoration.restoreContent(ctx.tx, ctx.filed, ctx.notice, staff, reason, ctx.outbox);
  return { fields: { dueAt: null, restoreEarliestAt: null, restoreLatestAt: null }, events };
}
