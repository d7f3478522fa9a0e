import * as fc from 'fast-check';
import { BusinessCalendar, parseJurisdiction } from './calendar';
import { CLOCK_NAMES, computeClock } from './clocks';
import { addMonthsToDate, fromLocal, localDateOf } from './zoned-time';

const GB = BusinessCalendar.of('GB');
const US = BusinessCalendar.of('US');
const instants = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });

describe('business calendar', () => {
  it('knows the England & Wales bank holidays of 2026 (plain GB in date-holidays lacks 31 August)', () => {
    const days = ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'];
    for (const day of days) expect([day, GB.isBusinessDay(day)]).toEqual([day, false]);
    expect(GB.holidayOn('2026-04-03')).toBe('Good Friday');
    expect(GB.timeZone).toBe('Europe/London');
  });

  it('knows the US federal holidays of 2026 and no observances', () => {
    const days = ['2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25'];
    for (const day of days) expect([day, US.isBusinessDay(day)]).toEqual([day, false]);
    // the day after Thanksgiving, Christmas Eve and Tax Day are business days
    for (const day of ['2026-11-27', '2026-12-24', '2026-04-15']) expect([day, US.isBusinessDay(day)]).toEqual([day, true]);
    expect(US.timeZone).toBe('America/New_York');
  });

  it('never counts a weekend', () => {
    expect(GB.isBusinessDay('2026-06-06')).toBe(false);
    expect(GB.isBusinessDay('2026-06-07')).toBe(false);
    expect(GB.isBusinessDay('2026-06-08')).toBe(true);
  });

  it('reads jurisdiction codes', () => {
    expect(parseJurisdiction('gb')).toMatchObject({ code: 'GB', country: 'GB', state: 'ENG' });
    expect(parseJurisdiction('US-CA')).toMatchObject({ country: 'US', state: 'CA' });
    expect(parseJurisdiction('DE')).toMatchObject({ country: 'DE', label: expect.stringContaining('public holidays') });
    for (const bad of ['', 'XX', 'GB-XX', 'England', 'G B']) expect(parseJurisdiction(bad)).toBeNull();
    expect(() => BusinessCalendar.of('US', 'Nowhere/Land')).toThrow(/unknown time zone/);
  });

  it('resolves wall times across both DST changes like Temporal "compatible"', () => {
    const london = (date: string, hour: number, minute = 0) => fromLocal({ date, hour, minute, second: 0, millisecond: 0 }, 'Europe/London').toISOString();
    expect(london('2026-03-29', 1, 30)).toBe('2026-03-29T01:30:00.000Z'); // skipped: 02:30 BST
    expect(london('2026-03-29', 3)).toBe('2026-03-29T02:00:00.000Z');
    expect(london('2026-10-25', 1, 30)).toBe('2026-10-25T00:30:00.000Z'); // repeated: the first 01:30 (BST)
    expect(london('2026-10-25', 3)).toBe('2026-10-25T03:00:00.000Z');
    const newYork = fromLocal({ date: '2026-03-08', hour: 2, minute: 30, second: 0, millisecond: 0 }, 'America/New_York');
    expect(newYork.toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
  });

  it('adds calendar months with an end-of-month clamp', () => {
    expect(addMonthsToDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonthsToDate('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonthsToDate('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonthsToDate('2026-12-15', 1)).toBe('2027-01-15');
  });
});

describe('business calendar properties', () => {
  it('business hours added are business hours elapsed, and never end inside a day off', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 400 }), fc.constantFrom(GB, US), (start, hours, calendar) => {
        const due = calendar.addBusinessHours(start, hours);
        expect(due.getTime()).toBeGreaterThan(start.getTime());
        expect(calendar.businessMsBetween(start, due)).toBe(hours * 3_600_000);
        expect(calendar.isBusinessDay(calendar.localDate(new Date(due.getTime() - 1)))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('business-day deadlines end a business day, at its last millisecond', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 30 }), fc.constantFrom(GB, US), (start, days, calendar) => {
        const due = calendar.addBusinessDays(start, days);
        const day = calendar.localDate(due);
        expect(calendar.isBusinessDay(day)).toBe(true);
        expect(calendar.localDate(new Date(due.getTime() + 1))).not.toBe(day);
        expect(day > calendar.localDate(start)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('every clock is due after its start, earliest before latest', () => {
    fc.assert(
      fc.property(instants, fc.constantFrom(...CLOCK_NAMES), fc.constantFrom('copyright', 'privacy'), fc.boolean(), (start, clock, noticeType, trustedFlagger) => {
        const result = computeClock(clock, start, { noticeType, trustedFlagger, duration: 'P1M' });
        expect(Date.parse(result.due)).toBeGreaterThan(start.getTime());
        if (result.earliest) expect(Date.parse(result.earliest)).toBeLessThanOrEqual(Date.parse(result.latest ?? result.earliest));
        if (result.latest) expect(Date.parse(result.latest)).toBeGreaterThanOrEqual(Date.parse(result.due));
      }),
      { numRuns: 200 },
    );
  });

  it('counter-notice restoration falls on a US business day, 10 before 14', () => {
    fc.assert(
      fc.property(instants, (start) => {
        const result = computeClock('counter_notice_restore', start);
        for (const at of [result.earliest!, result.latest!]) expect(US.isBusinessDay(localDateOf(new Date(at), 'America/New_York'))).toBe(true);
        expect(Date.parse(result.earliest!)).toBeLessThan(Date.parse(result.latest!));
      }),
      { numRuns: 150 },
    );
  });
});
