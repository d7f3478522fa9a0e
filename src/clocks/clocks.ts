import { NOTICE_TYPES, type NoticeType } from '../notices/completeness';
import { BusinessCalendar } from './calendar';
import { addDaysToDate, addMonthsToDate, endOfLocalDay, isTimeZone, localDateOf } from './zoned-time';

// Every legal clock the desk runs (LEGAL.md "Clocks"), computed on a real calendar.
// Clocks counted in hours end at the exact instant; clocks counted in days or months end at
// the end (23:59:59.999 local) of their last day, so a deadline is never a time of day the
// law did not name, and "overdue" starts at the following midnight.

export const CLOCK_NAMES = [
  'review_sla',
  'curable_lapse',
  'counter_notice_restore',
  'defamation_contact',
  'defamation_author_answer',
  'gdpr_answer',
  'appeal_window',
  'restriction_end',
] as const;
export type ClockName = (typeof CLOCK_NAMES)[number];

// The outlet's own calendar (DESK_TIME_ZONE, DESK_HOLIDAYS).
export interface DeskCalendarSettings {
  timeZone: string;
  holidays: string;
}
export const DEFAULT_DESK_CALENDAR: DeskCalendarSettings = { timeZone: 'Europe/London', holidays: 'GB' };

// Review deadlines in business hours (SLA_* settings).
export interface ReviewHours {
  copyrightHours: number;
  defaultHours: number;
  priorityHours: number;
}
export const DEFAULT_REVIEW_HOURS: ReviewHours = { copyrightHours: 72, defaultHours: 7 * 24, priorityHours: 24 };

export const CURABLE_LAPSE_DAYS = 14;
export const COUNTER_NOTICE_BUSINESS_DAYS = { earliest: 10, latest: 14 };
export const DEFAMATION_CONTACT_HOURS = 48;
export const DEFAMATION_ANSWER_DAYS = 5;
export const GDPR_MONTHS = { answer: 1, extended: 3 };
export const APPEAL_WINDOW_MONTHS = 6;

export interface ClockOptions {
  // Holidays of this jurisdiction (GB, US, DE, GB-SCT …) instead of the clock's own; its
  // time zone too, unless timeZone is given.
  jurisdiction?: string;
  timeZone?: string;
  noticeType?: string;
  trustedFlagger?: boolean;
  reviewHours?: ReviewHours;
  desk?: DeskCalendarSettings;
  // restriction_end: how long the restriction lasts, ISO 8601 (P30D, P6M, P1Y2M, P2W).
  duration?: string;
}

export interface ClockResult {
  clock: ClockName;
  start: string;
  due: string;
  earliest?: string;
  latest?: string;
  calendar: string;
}

// Bad input to a clock (unknown clock, jurisdiction, zone, notice type, duration).
export class ClockError extends Error {}

export const CLOCK_DESCRIPTIONS: Record<ClockName, { waitsFor: string; whenDue: string }> = {
  review_sla: {
    waitsFor: 'a decision on the notice: trusted flaggers 24 business hours, copyright 72, others 7 business days (settings); it stands still while the desk awaits information',
    whenDue: 'the case shows as overdue in the queue',
  },
  curable_lapse: {
    waitsFor: 'the notifier to supply the missing elements of a curable notice, 14 calendar days from the request',
    whenDue: 'the notice lapses (status lapsed) and the notifier is told it was not completed in time',
  },
  counter_notice_restore: {
    waitsFor: 'the claimant to say it has filed a court action: no fewer than 10 and no more than 14 US business days after the counter-notice (17 U.S.C. §512(g)(2)(C))',
    whenDue: 'the material is restored on business day 10 unless a litigation hold stopped the clock',
  },
  defamation_contact: {
    waitsFor: 'the desk to pass the complaint to the author: 48 hours excluding weekends and bank holidays (SI 2013/3028)',
    whenDue: 'the statement must come down if the author could not be reached',
  },
  defamation_author_answer: {
    waitsFor: "the author's answer: by midnight at the end of the fifth day after the desk wrote to them",
    whenDue: 'without a valid answer the statement comes down within 48 working hours',
  },
  gdpr_answer: {
    waitsFor: 'the answer to an erasure request: one month from receipt (GDPR Art. 12(3)), or three when extended once with reasons sent inside the first month',
    whenDue: 'the request is overdue; the person may complain to the supervisory authority',
  },
  appeal_window: {
    waitsFor: 'an internal complaint against the decision, open for 6 months after the person was told (DSA Art. 20)',
    whenDue: 'the decision can no longer be appealed inside the desk',
  },
  restriction_end: {
    waitsFor: 'the end of a time-limited restriction',
    whenDue: 'the restriction ends and the content returns',
  },
};

export function isClockName(name: string): name is ClockName {
  return (CLOCK_NAMES as readonly string[]).includes(name);
}

// Review SLA hours for a notice type; trusted flaggers (high priority) get the shortest.
export function reviewHoursFor(type: NoticeType, trustedFlagger: boolean, hours: ReviewHours = DEFAULT_REVIEW_HOURS): number {
  if (trustedFlagger) return hours.priorityHours;
  return type === 'copyright' ? hours.copyrightHours : hours.defaultHours;
}

// The outlet's business calendar (or the one a jurisdiction option asks for).
export function deskCalendar(options: Pick<ClockOptions, 'jurisdiction' | 'timeZone' | 'desk'> = {}): BusinessCalendar {
  const desk = options.desk ?? DEFAULT_DESK_CALENDAR;
  return calendarFor(options, desk.holidays, desk.timeZone);
}

export function computeClock(name: ClockName, start: Date, options: ClockOptions = {}): ClockResult {
  if (Number.isNaN(start.getTime())) throw new ClockError('the start is not a valid instant');
  if (options.timeZone !== undefined && !isTimeZone(options.timeZone)) throw new ClockError(`unknown time zone "${options.timeZone}"`);
  const result = (fields: Omit<ClockResult, 'clock' | 'start'>): ClockResult => ({ clock: name, start: start.toISOString(), ...fields });
  switch (name) {
    case 'review_sla': {
      const calendar = deskCalendar(options);
      const hours = reviewHoursFor(noticeTypeOf(options.noticeType), options.trustedFlagger ?? false, options.reviewHours);
      return result({ due: iso(calendar.addBusinessHours(start, hours)), calendar: calendar.label });
    }
    case 'counter_notice_restore': {
      const calendar = calendarFor(options, 'US', 'America/New_York');
      const earliest = iso(calendar.addBusinessDays(start, COUNTER_NOTICE_BUSINESS_DAYS.earliest));
      return result({ due: earliest, earliest, latest: iso(calendar.addBusinessDays(start, COUNTER_NOTICE_BUSINESS_DAYS.latest)), calendar: calendar.label });
    }
    case 'defamation_contact': {
      const calendar = calendarFor(options, 'GB', 'Europe/London');
      return result({ due: iso(calendar.addBusinessHours(start, DEFAMATION_CONTACT_HOURS)), calendar: calendar.label });
    }
    case 'gdpr_answer': {
      const calendar = deskCalendar(options);
      const by = (months: number) => iso(endOfLocalDay(calendar.businessDayFrom(addMonthsToDate(calendar.localDate(start), months)), calendar.timeZone));
      return result({
        due: by(GDPR_MONTHS.answer),
        latest: by(GDPR_MONTHS.extended),
        calendar: `calendar months; a last day on a weekend or holiday moves to the next ${calendar.label}`,
      });
    }
    default:
      return calendarClock(name, start, options, result);
  }
}

// The clocks that count plain calendar days or months in one time zone.
function calendarClock(name: ClockName, start: Date, options: ClockOptions, result: (fields: Omit<ClockResult, 'clock' | 'start'>) => ClockResult): ClockResult {
  const defamation = name === 'defamation_author_answer';
  const zone = defamation ? calendarFor(options, 'GB', 'Europe/London').timeZone : deskCalendar(options).timeZone;
  const day = localDateOf(start, zone);
  const lastDay = (() => {
    if (name === 'curable_lapse') return addDaysToDate(day, CURABLE_LAPSE_DAYS);
    if (defamation) return addDaysToDate(day, DEFAMATION_ANSWER_DAYS);
    if (name === 'appeal_window') return addMonthsToDate(day, APPEAL_WINDOW_MONTHS);
    const { months, days } = parseDuration(options.duration);
    return addDaysToDate(addMonthsToDate(day, months), days);
  })();
  return result({ due: iso(endOfLocalDay(lastDay, zone)), calendar: `calendar days (${zone})` });
}

function calendarFor(options: Pick<ClockOptions, 'jurisdiction' | 'timeZone'>, jurisdiction: string, timeZone: string): BusinessCalendar {
  try {
    return options.jurisdiction ? BusinessCalendar.of(options.jurisdiction, options.timeZone) : BusinessCalendar.of(jurisdiction, options.timeZone ?? timeZone);
  } catch (error) {
    throw new ClockError(error instanceof Error ? error.message : String(error));
  }
}

function noticeTypeOf(type: string | undefined): NoticeType {
  if (type === undefined) throw new ClockError(`review_sla needs a notice type (${NOTICE_TYPES.join(', ')})`);
  if (!(NOTICE_TYPES as readonly string[]).includes(type)) throw new ClockError(`unknown notice type "${type}" (${NOTICE_TYPES.join(', ')})`);
  return type as NoticeType;
}

// ISO 8601 date durations: P1Y, P6M, P30D, P2W, P1Y2M10D.
export function parseDuration(duration: string | undefined): { months: number; days: number } {
  const match = duration === undefined ? null : /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration.trim().toUpperCase());
  if (!match || match.slice(1).every((part) => part === undefined)) {
    throw new ClockError(`restriction_end needs a duration such as P30D, P6M or P1Y (got ${duration === undefined ? 'none' : `"${duration}"`})`);
  }
  const [years, months, weeks, days] = match.slice(1).map((part) => Number(part ?? 0));
  const total = { months: years * 12 + months, days: weeks * 7 + days };
  if (total.months > 1200 || total.days > 36_600) throw new ClockError('a restriction lasts at most 100 years');
  return total;
}

function iso(instant: Date): string {
  return instant.toISOString();
}
