import type { NoticeType } from '../notices/completeness';
import type { CasePriority } from './case.entity';

// Review deadlines (LEGAL.md "Clocks"): "expeditiously" has no statutory number, so these
// are the publisher's defaults. High priority (trusted flaggers) gets 24 hours.
export const REVIEW_SLA_HOURS: Record<NoticeType, number> = {
  copyright: 72,
  trademark: 7 * 24,
  defamation: 7 * 24,
  privacy: 7 * 24,
  other: 7 * 24,
};
export const HIGH_PRIORITY_SLA_HOURS = 24;

export function reviewDueAt(type: NoticeType, priority: CasePriority, from: Date): Date {
  const hours = priority === 'high' ? HIGH_PRIORITY_SLA_HOURS : REVIEW_SLA_HOURS[type];
  return new Date(from.getTime() + hours * 3_600_000);
}
