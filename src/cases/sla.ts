import { computeClock, deskCalendar, DEFAULT_DESK_CALENDAR, reviewHoursFor, type BusinessCalendar } from '../clocks';
import type { SlaSettings } from '../config/desk-config';
import type { NoticeType } from '../notices/completeness';
import type { CasePriority } from './case.entity';

// Review deadlines (LEGAL.md "Clocks"): "expeditiously" has no statutory number, so these
// come from settings, in business hours on the desk's calendar (src/clocks: the clock runs
// on business days only). High priority (trusted flaggers) gets the shortest.
export function reviewHours(type: NoticeType, priority: CasePriority, sla: SlaSettings): number {
  return reviewHoursFor(type, priority === 'high', sla);
}

export function reviewDueAt(type: NoticeType, priority: CasePriority, from: Date, sla: SlaSettings): Date {
  return calendarOf(sla).addBusinessHours(from, reviewHours(type, priority, sla));
}

// The clock stops while the case waits for the notifier and resumes with the business time
// that was left. Give the settings so a desk calendar other than the default is used.
export function pauseClock(dueAt: Date | null, now: Date, sla?: SlaSettings): number | null {
  return dueAt ? Math.round(calendarOf(sla).businessMsBetween(now, dueAt) / 1000) : null;
}

export function resumeClock(remainingSeconds: number | null, now: Date, fallback: () => Date, sla?: SlaSettings): Date {
  return remainingSeconds === null ? fallback() : calendarOf(sla).addBusinessMs(now, remainingSeconds * 1000);
}

export function isOverdue(dueAt: Date | null, now: Date): boolean {
  return dueAt !== null && dueAt.getTime() < now.getTime();
}

// A curable notice lapses at the end of the 14th calendar day (desk's zone) after it was
// filed incomplete or information was asked for (the curable_lapse clock).
export function curableLapseDue(from: Date, sla?: SlaSettings): Date {
  return new Date(computeClock('curable_lapse', from, { desk: sla?.calendar ?? DEFAULT_DESK_CALENDAR }).due);
}

function calendarOf(sla: SlaSettings | undefined): BusinessCalendar {
  return deskCalendar({ desk: sla?.calendar ?? DEFAULT_DESK_CALENDAR });
}

// A privacy notice starts the GDPR answer clock (one month from receipt); a defamation
// notice the author-contact clock (48 working hours; the filing keeps it only when the
// notice names an article whose author the desk contacts itself).
export function legalClocksAtFiling(type: NoticeType, receivedAt: Date, sla?: SlaSettings): { gdprDueAt: Date | null; defamationContactDueAt: Date | null } {
  return {
    gdprDueAt: type === 'privacy' ? gdprAnswerDue(receivedAt, sla).due : null,
    defamationContactDueAt: type === 'defamation' ? new Date(computeClock('defamation_contact', receivedAt).due) : null,
  };
}

// The GDPR answer: due one month after receipt, three when extended once.
export function gdprAnswerDue(receivedAt: Date, sla?: SlaSettings): { due: Date; extended: Date } {
  const clock = computeClock('gdpr_answer', receivedAt, { desk: sla?.calendar ?? DEFAULT_DESK_CALENDAR });
  return { due: new Date(clock.due), extended: new Date(clock.latest!) };
}

// The author's 5 days, from the moment the desk contacted them.
export function defamationAnswerDue(contactedAt: Date): Date {
  return new Date(computeClock('defamation_author_answer', contactedAt).due);
}
