import Holidays from 'date-holidays';
import { addDaysToDate, endOfLocalDay, isTimeZone, localDateOf, startOfLocalDay, weekdayOf } from './zoned-time';

// A business calendar: a time zone plus the public holidays of one jurisdiction
// (date-holidays, only holidays of type 'public': the 'US' data also holds observances such
// as the day after Thanksgiving and an 'optional' Christmas Eve, which are business days).
// Saturdays and Sundays are never business days (LEGAL.md "Clocks").
//
// What the clocks count, precisely:
// - Business hours run round the clock on business days only and stand still on weekends
//   and holidays (SI 2013/3028's "48 hours" excluding non-working days; the review SLA
//   likewise). They are elapsed hours, so a 23- or 25-hour business day counts as such; a
//   start on a non-business day starts counting at midnight of the next business day.
// - "Business day N after a start" is the Nth business day after the start's local date
//   (the day of the start is day 0 even when it is a business day; from a Saturday, Monday
//   is day 1), and the deadline is the END of that day (23:59:59.999 local): "no fewer than
//   10 business days" is then met in full and "no more than 14" leaves the whole 14th day.

export interface Jurisdiction {
  code: string;
  country: string;
  state?: string;
  label: string;
}

const DEFAULT_STATE: Record<string, { state: string; label: string }> = {
  // date-holidays' plain 'GB' holds only holidays common to all four nations (no August bank
  // holiday): the desk's GB is England & Wales, where the Defamation Act 2013 s.5 applies.
  GB: { state: 'ENG', label: 'England & Wales bank holidays' },
};
const LABELS: Record<string, string> = {
  US: 'US federal holidays',
  'GB-ENG': 'England & Wales bank holidays',
  'GB-WLS': 'England & Wales bank holidays',
  'GB-SCT': 'Scottish bank holidays',
  'GB-NIR': 'Northern Ireland bank holidays',
};

let catalogue: Holidays | undefined;

// 'GB', 'US', 'DE', 'GB-SCT', 'US-CA' (any case) → the jurisdiction, or null when date-holidays
// does not know it.
export function parseJurisdiction(code: string): Jurisdiction | null {
  const normalised = code.trim().toUpperCase();
  const match = /^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$/.exec(normalised);
  if (!match) return null;
  catalogue ??= new Holidays();
  const [, country, state] = match;
  if (!(country in catalogue.getCountries())) return null;
  if (state) {
    const states = catalogue.getStates(country) ?? {};
    if (!(state in states)) return null;
    return { code: normalised, country, state, label: LABELS[normalised] ?? `${states[state]} public holidays` };
  }
  const fallback = DEFAULT_STATE[country];
  if (fallback) return { code: normalised, country, state: fallback.state, label: fallback.label };
  return { code: normalised, country, label: LABELS[country] ?? `${catalogue.getCountries()[country]} public holidays` };
}

export class BusinessCalendar {
  private readonly holidays: Holidays;
  private readonly years = new Map<number, Map<string, string>>();

  private constructor(
    readonly jurisdiction: Jurisdiction,
    readonly timeZone: string,
  ) {
    this.holidays = jurisdiction.state ? new Holidays(jurisdiction.country, jurisdiction.state) : new Holidays(jurisdiction.country);
  }

  private static readonly cache = new Map<string, BusinessCalendar>();

  // The calendar of a jurisdiction in a time zone (by default the jurisdiction's own first
  // zone: GB → Europe/London, US → America/New_York). Throws on an unknown code or zone.
  static of(jurisdictionCode: string, timeZone?: string): BusinessCalendar {
    // Asked for on every filing: a known pair skips the checks (they cost ~0.09 ms).
    const asked = BusinessCalendar.cache.get(`asked ${jurisdictionCode}|${timeZone ?? ''}`);
    if (asked) return asked;
    const calendar = BusinessCalendar.checked(jurisdictionCode, timeZone);
    BusinessCalendar.cache.set(`asked ${jurisdictionCode}|${timeZone ?? ''}`, calendar);
    return calendar;
  }

  private static checked(jurisdictionCode: string, timeZone?: string): BusinessCalendar {
    const jurisdiction = parseJurisdiction(jurisdictionCode);
    if (!jurisdiction) throw new RangeError(`unknown jurisdiction "${jurisdictionCode}" (a country code known to date-holidays, optionally with a state: GB, US, DE, GB-SCT)`);
    const zone = timeZone ?? new Holidays(jurisdiction.country).getTimezones()[0] ?? 'UTC';
    if (!isTimeZone(zone)) throw new RangeError(`unknown time zone "${zone}" (an IANA name such as Europe/London)`);
    const key = `${jurisdiction.code}|${zone}`;
    let calendar = BusinessCalendar.cache.get(key);
    if (!calendar) {
      calendar = new BusinessCalendar(jurisdiction, zone);
      BusinessCalendar.cache.set(key, calendar);
    }
    return calendar;
  }

  // e.g. "US business days (America/New_York, US federal holidays)"
  get label(): string {
    return `${this.jurisdiction.code} business days (${this.timeZone}, ${this.jurisdiction.label})`;
  }

  holidayOn(localDate: string): string | undefined {
    const year = Number(localDate.slice(0, 4));
    let dates = this.years.get(year);
    if (!dates) {
      dates = new Map();
      for (const holiday of this.holidays.getHolidays(year)) {
        if (holiday.type === 'public' && !dates.has(holiday.date.slice(0, 10))) dates.set(holiday.date.slice(0, 10), holiday.name);
      }
      this.years.set(year, dates);
    }
    return dates.get(localDate);
  }

  isBusinessDay(localDate: string): boolean {
    const weekday = weekdayOf(localDate);
    return weekday !== 0 && weekday !== 6 && this.holidayOn(localDate) === undefined;
  }

  localDate(instant: Date): string {
    return localDateOf(instant, this.timeZone);
  }

  // The local date itself when it is a business day, else the next one.
  businessDayFrom(localDate: string): string {
    let date = localDate;
    while (!this.isBusinessDay(date)) date = addDaysToDate(date, 1);
    return date;
  }

  nthBusinessDayAfter(localDate: string, n: number): string {
    let date = localDate;
    for (let counted = 0; counted < n;) {
      date = addDaysToDate(date, 1);
      if (this.isBusinessDay(date)) counted++;
    }
    return date;
  }

  // The end (23:59:59.999 local) of the Nth business day after the start's local date.
  addBusinessDays(start: Date, n: number): Date {
    return endOfLocalDay(this.nthBusinessDayAfter(this.localDate(start), n), this.timeZone);
  }

  addBusinessHours(start: Date, hours: number): Date {
    return this.addBusinessMs(start, hours * 3_600_000);
  }

  addBusinessMs(start: Date, ms: number): Date {
    let cursor = start.getTime();
    let remaining = ms;
    let date = this.localDate(start);
    for (;;) {
      const next = addDaysToDate(date, 1);
      const dayEnd = startOfLocalDay(next, this.timeZone).getTime();
      if (this.isBusinessDay(date)) {
        if (remaining <= dayEnd - cursor) return new Date(cursor + remaining);
        remaining -= dayEnd - cursor;
      }
      cursor = dayEnd;
      date = next;
    }
  }

  // Business time between two instants (0 when `to` is not after `from`): what a paused
  // clock has left.
  businessMsBetween(from: Date, to: Date): number {
    let total = 0;
    let cursor = from.getTime();
    let date = this.localDate(from);
    while (cursor < to.getTime()) {
      const next = addDaysToDate(date, 1);
      const dayEnd = Math.min(startOfLocalDay(next, this.timeZone).getTime(), to.getTime());
      if (this.isBusinessDay(date)) total += dayEnd - cursor;
      cursor = dayEnd;
      date = next;
    }
    return total;
  }
}
