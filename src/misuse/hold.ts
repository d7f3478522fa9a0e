import type { Case, CaseStatus } from '../cases/case.entity';
import { curableLapseDue, reviewDueAt } from '../cases/sla';
import type { SlaSettings } from '../config/desk-config';
import type { Notice } from '../notices/notice.entity';

// Legal releases a filing held while its sender was suspended: it joins the queue as if
// received now (complete: new, with its review clock; incomplete: waiting for the notifier).
export function releaseHold(filed: Case, notice: Notice, reason: string, now: Date, sla: SlaSettings) {
  const complete = notice.completeness.complete;
  const status: CaseStatus = complete ? 'new' : 'awaiting_info';
  return {
    status,
    fields: {
      dueAt: complete ? reviewDueAt(notice.type, filed.priority, now, sla) : null,
      lapseDueAt: complete ? null : curableLapseDue(now, sla),
    },
    events: [{ action: 'case.hold_released' as const, subject: { type: 'case', id: filed.id }, data: { reason }, visibility: 'internal' as const }],
  };
}
