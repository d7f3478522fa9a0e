import type { SlaSettings } from '../config/desk-config';
import type { NoticeType } from '../notices/completeness';
import type { CasePriority } from './case.entity';

// Review deadlines (LEGAL.md "Clocks"): "expeditiously" has no statutory number, so these
// come from settings. High priority (trusted flaggers) gets the shortest.
export function reviewHours(type: NoticeType, priority: CasePriority, sla: SlaSettings): number {
  if (priority === 'high') return sla.priorityHours;
  return type === 'copyright' ? sla.copyrightHours : sla.defaultHours;
}

export function reviewDueAt(type: NoticeType, priority: CasePriority, from: Date, sla: SlaSettings): Date {
  return new Date(from.getTime() + reviewHours(type, priority, sla) * 3_600_000);
}

// The clock stops while the case waits for the notifier and resumes with what was left.
export function pauseClock(dueAt: Date | null, now: Date): number | null {
  return dueAt ? Math.max(0, Math.round((dueAt.getTime() - now.getTime()) / 1000)) : null;
}

export function resumeClock(remainingSeconds: number | null, now: Date, fallback: () => Date): Date {
  return remainingSeconds === null ? fallback() : new Date(now.getTime() + remainingSeconds * 1000);
}

export function isOverdue(dueAt: Date | null, now: Date): boolean {
  return dueAt !== null && dueAt.getTime() < now.getTime();
}
