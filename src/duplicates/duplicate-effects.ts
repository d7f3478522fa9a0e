import type { Case } from '../cases/case.entity';
import { DeskError } from '../common/desk-error';
import type { Repositories } from '../database/database.service';
import { Effect, EffectContext, EffectEvent, queueCaseMessage } from '../cases/workflow-effect';
import { mergedForNotifier } from './duplicate-messages';

// Keep apart: the probable-duplicate link is dismissed; the case stays where it is.
export function keepApart(filed: Case): { fields: { duplicateLink: 'kept_apart' }; events: EffectEvent[] } {
  if (filed.duplicateLink !== 'open' || !filed.probableDuplicateOf) {
    throw new DeskError(409, 'no_probable_duplicate', 'Nothing to keep apart', 'This case is not linked to an earlier case as a probable duplicate.');
  }
  return { fields: { duplicateLink: 'kept_apart' }, events: [] };
}

// Merge (close as a duplicate): the earlier case must be another, still existing case of the
// desk; the link is recorded as merged and the earlier case's timeline says so.
export async function mergeInto(tx: Repositories, filed: Case, duplicateOf: string): Promise<{ earlier: Case; fields: Partial<Case>; events: EffectEvent[] }> {
  const earlier = await tx.cases.findByReference(duplicateOf.trim().toUpperCase());
  if (!earlier || earlier.id === filed.id) throw DeskError.validation([{ field: 'duplicateOf', message: 'Name another existing case (its reference).' }]);
  if (earlier.status === 'duplicate') {
    throw DeskError.validation([{ field: 'duplicateOf', message: `${earlier.reference} is itself closed as a duplicate: name the case it was merged into.` }]);
  }
  return {
    earlier,
    fields: { dueAt: null, slaRemainingSeconds: null, probableDuplicateOf: earlier.id, duplicateLink: 'merged' },
    events: [
      { action: 'case.duplicate_of', subject: { type: 'case', id: earlier.id }, data: { duplicateOf: earlier.reference }, visibility: 'internal' },
      {
        action: 'case.duplicate_merged',
        subject: { type: 'case', id: filed.id },
        caseId: earlier.id,
        caseReference: earlier.reference,
        data: { merged: filed.reference },
        visibility: 'internal',
      },
    ],
  };
}

// Close as a duplicate: merged into the earlier case; the notifier is told through the outbox.
export async function closeDuplicate(ctx: EffectContext, duplicateOf: string): Promise<Effect> {
  const { earlier, fields, events } = await mergeInto(ctx.tx, ctx.filed, duplicateOf);
  const message = mergedForNotifier({ reference: ctx.filed.reference, earlierReference: earlier.reference, publisherName: ctx.config.publisherName });
  await queueCaseMessage(ctx, 'duplicate_merged', 'notifier', ctx.notice.notifier.email, message);
  return { fields, events };
}
