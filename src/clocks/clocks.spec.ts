import { ClockError, computeClock, type ClockName, type ClockOptions } from './clocks';

// Known answers, each worked out by hand on the 2026–2028 calendars. England & Wales bank
// holidays 2026: 1 Jan, 3 Apr (Good Friday), 6 Apr (Easter Monday), 4 May, 25 May, 31 Aug,
// 25 Dec, 28 Dec (Boxing Day substitute). US federal 2026: 1 Jan, 19 Jan, 16 Feb, 25 May,
// 19 Jun, 3 Jul (observed), 7 Sep, 12 Oct, 11 Nov, 26 Nov (Thanksgiving), 25 Dec.
// DST: London 29 Mar and 25 Oct 2026; New York 8 Mar and 1 Nov 2026.
// Hours clocks run only on business days; day and month clocks end at 23:59:59.999 local.
type Row = [ClockName, string, ClockOptions, string, { earliest?: string; latest?: string }?];

const US_DESK = { desk: { timeZone: 'America/New_York', holidays: 'US' } };
const COPYRIGHT = { noticeType: 'copyright' };
const FLAGGER = { noticeType: 'other', trustedFlagger: true };

const TABLE: Row[] = [
  // review SLA on the desk's calendar (London, England & Wales)
  ['review_sla', '2026-06-01T09:00:00Z', COPYRIGHT, '2026-06-04T09:00:00.000Z'], // Monday, 72 h, no holiday
  ['review_sla', '2026-06-05T16:00:00Z', FLAGGER, '2026-06-08T16:00:00.000Z'], // Friday 17:00 BST, weekend skipped
  ['review_sla', '2026-11-27T22:30:00Z', FLAGGER, '2026-11-30T22:30:00.000Z'], // late Friday night
  ['review_sla', '2026-12-23T12:00:00Z', { noticeType: 'other' }, '2027-01-06T12:00:00.000Z'], // 7 business days over Christmas and New Year
  ['review_sla', '2026-04-02T12:00:00Z', COPYRIGHT, '2026-04-09T12:00:00.000Z'], // over Good Friday and Easter Monday
  ['review_sla', '2026-03-27T15:00:00Z', COPYRIGHT, '2026-04-01T14:00:00.000Z'], // over the spring-forward weekend: 15:00 GMT → 15:00 BST
  ['review_sla', '2026-10-23T09:00:00Z', FLAGGER, '2026-10-26T10:00:00.000Z'], // over the fall-back weekend: 10:00 BST → 10:00 GMT
  ['review_sla', '2026-02-07T10:00:00Z', { noticeType: 'privacy' }, '2026-02-18T00:00:00.000Z'], // Saturday: counts from Monday 00:00
  ['review_sla', '2026-11-25T15:00:00Z', { ...COPYRIGHT, jurisdiction: 'US' }, '2026-12-01T15:00:00.000Z'], // over Thanksgiving, New York
  ['review_sla', '2026-03-06T20:00:00Z', { ...FLAGGER, ...US_DESK }, '2026-03-09T19:00:00.000Z'], // US desk, over US spring-forward
  // curable notice: 14 calendar days, to the end of the day
  ['curable_lapse', '2026-03-16T10:00:00Z', {}, '2026-03-30T22:59:59.999Z'], // ends in BST
  ['curable_lapse', '2026-12-18T23:30:00Z', {}, '2027-01-01T23:59:59.999Z'], // late Friday; holidays do not matter
  ['curable_lapse', '2026-10-18T23:30:00Z', {}, '2026-11-02T23:59:59.999Z'], // 00:30 BST on the 19th is the local day
  // counter-notice: business days 10 and 14, US federal holidays, New York
  ['counter_notice_restore', '2026-11-16T15:00:00Z', {}, '2026-12-02T04:59:59.999Z', { latest: '2026-12-08T04:59:59.999Z' }], // Thanksgiving skipped, the day after counts
  ['counter_notice_restore', '2026-12-18T23:00:00Z', {}, '2027-01-06T04:59:59.999Z', { latest: '2027-01-12T04:59:59.999Z' }], // late Friday, Christmas, New Year
  ['counter_notice_restore', '2026-02-26T14:00:00Z', {}, '2026-03-13T03:59:59.999Z', { latest: '2026-03-19T03:59:59.999Z' }], // over US spring-forward
  ['counter_notice_restore', '2026-10-22T16:00:00Z', {}, '2026-11-06T04:59:59.999Z', { latest: '2026-11-13T04:59:59.999Z' }], // over US fall-back and Veterans Day
  ['counter_notice_restore', '2026-07-02T02:00:00Z', {}, '2026-07-17T03:59:59.999Z', { latest: '2026-07-23T03:59:59.999Z' }], // still 1 July in New York; 3 July observed
  ['counter_notice_restore', '2026-01-10T15:00:00Z', {}, '2026-01-27T04:59:59.999Z', { latest: '2026-01-31T04:59:59.999Z' }], // Saturday; MLK Day
  ['counter_notice_restore', '2026-04-01T12:00:00Z', { jurisdiction: 'GB' }, '2026-04-17T22:59:59.999Z', { latest: '2026-04-23T22:59:59.999Z' }], // GB: Good Friday, Easter Monday
  // defamation: 48 hours on England & Wales working days
  ['defamation_contact', '2026-06-01T09:00:00Z', {}, '2026-06-03T09:00:00.000Z'],
  ['defamation_contact', '2026-06-12T16:30:00Z', {}, '2026-06-16T16:30:00.000Z'], // late Friday
  ['defamation_contact', '2026-12-24T15:00:00Z', {}, '2026-12-30T15:00:00.000Z'], // Christmas Day and the Boxing Day substitute
  ['defamation_contact', '2026-04-02T08:00:00Z', {}, '2026-04-08T08:00:00.000Z'], // Good Friday and Easter Monday
  ['defamation_contact', '2026-03-27T12:00:00Z', {}, '2026-03-31T11:00:00.000Z'], // spring-forward: 12:00 GMT → 12:00 BST
  ['defamation_contact', '2026-10-23T20:00:00Z', {}, '2026-10-27T21:00:00.000Z'], // fall-back: 21:00 BST → 21:00 GMT
  ['defamation_contact', '2026-12-30T18:00:00Z', {}, '2027-01-04T18:00:00.000Z'], // New Year's Day
  ['defamation_contact', '2026-05-25T10:00:00Z', {}, '2026-05-27T23:00:00.000Z'], // starts on a bank holiday: counts from Tuesday 00:00
  ['defamation_contact', '2026-08-30T12:00:00Z', {}, '2026-09-02T23:00:00.000Z'], // 31 Aug is an England & Wales bank holiday
  ['defamation_contact', '2026-08-30T12:00:00Z', { jurisdiction: 'GB-SCT' }, '2026-09-01T23:00:00.000Z'], // …but not in Scotland
  ['defamation_author_answer', '2026-06-01T09:00:00Z', {}, '2026-06-06T22:59:59.999Z'], // midnight at the end of the 5th day
  ['defamation_author_answer', '2026-10-23T23:30:00Z', {}, '2026-10-29T23:59:59.999Z'], // Saturday 00:30 BST is the local day; ends in GMT
  ['defamation_author_answer', '2026-03-25T10:00:00Z', {}, '2026-03-30T22:59:59.999Z'], // ends in BST
  ['defamation_author_answer', '2026-12-31T12:00:00Z', {}, '2027-01-05T23:59:59.999Z'], // over New Year (calendar days)
  // GDPR: one calendar month (three when extended), a last day off moves to the next working day
  ['gdpr_answer', '2026-01-31T12:00:00Z', {}, '2026-03-02T23:59:59.999Z', { latest: '2026-04-30T22:59:59.999Z' }], // 28 Feb is a Saturday
  ['gdpr_answer', '2026-12-24T15:00:00Z', {}, '2027-01-25T23:59:59.999Z', { latest: '2027-03-24T23:59:59.999Z' }], // 24 Jan 2027 is a Sunday
  ['gdpr_answer', '2026-03-03T10:00:00Z', {}, '2026-04-07T22:59:59.999Z', { latest: '2026-06-03T22:59:59.999Z' }], // 3 Apr Good Friday → Tuesday
  ['gdpr_answer', '2028-01-31T12:00:00Z', {}, '2028-02-29T23:59:59.999Z', { latest: '2028-05-02T22:59:59.999Z' }], // leap year; 30 Apr Sunday, 1 May bank holiday
  ['gdpr_answer', '2026-11-26T10:00:00Z', {}, '2026-12-29T23:59:59.999Z', { latest: '2027-02-26T23:59:59.999Z' }], // 26 Dec Saturday, 28 Dec holiday
  // appeal window: six calendar months, clamped to the month's end
  ['appeal_window', '2026-08-31T10:00:00Z', {}, '2027-02-28T23:59:59.999Z'],
  ['appeal_window', '2026-03-29T00:30:00Z', {}, '2026-09-29T22:59:59.999Z'], // just before spring-forward
  ['appeal_window', '2026-10-29T23:30:00Z', {}, '2027-04-29T22:59:59.999Z'],
  // restriction end dates
  ['restriction_end', '2026-03-10T12:00:00Z', { duration: 'P30D' }, '2026-04-09T22:59:59.999Z'],
  ['restriction_end', '2028-02-29T12:00:00Z', { duration: 'P1Y' }, '2029-02-28T23:59:59.999Z'],
  ['restriction_end', '2026-10-23T23:30:00Z', { duration: 'P2W' }, '2026-11-07T23:59:59.999Z'],
];

describe('clocks on a real calendar', () => {
  it('holds at least 40 known answers', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
  });

  // `bounds` has a default so jest does not take it for a done callback on 4-item rows.
  it.each(TABLE)('%s from %s %j is due %s', (clock, start, options, due, bounds: Row[4] = {}) => {
    const result = computeClock(clock, new Date(start), options);
    expect(result.clock).toBe(clock);
    expect(result.start).toBe(new Date(start).toISOString());
    expect(result.due).toBe(due);
    if (clock === 'counter_notice_restore') expect(result.earliest).toBe(due);
    if (bounds.latest) expect(result.latest).toBe(bounds.latest);
  });

  it('names the calendar it used', () => {
    expect(computeClock('counter_notice_restore', new Date('2026-11-16T15:00:00Z')).calendar).toBe('US business days (America/New_York, US federal holidays)');
    expect(computeClock('defamation_contact', new Date('2026-11-16T15:00:00Z')).calendar).toBe('GB business days (Europe/London, England & Wales bank holidays)');
    expect(computeClock('review_sla', new Date('2026-11-16T15:00:00Z'), { noticeType: 'other', ...US_DESK }).calendar).toBe(
      'US business days (America/New_York, US federal holidays)',
    );
    expect(computeClock('appeal_window', new Date('2026-11-16T15:00:00Z'), { timeZone: 'Europe/Berlin' }).calendar).toBe('calendar days (Europe/Berlin)');
  });

  it('follows the review hours it is given', () => {
    const hours = { copyrightHours: 1, defaultHours: 2, priorityHours: 3 };
    expect(computeClock('review_sla', new Date('2026-06-05T22:30:00Z'), { noticeType: 'copyright', reviewHours: hours }).due).toBe('2026-06-07T23:30:00.000Z');
  });

  it.each([
    ['review_sla', {}, /needs a notice type/],
    ['review_sla', { noticeType: 'poetry' }, /unknown notice type "poetry"/],
    ['defamation_contact', { jurisdiction: 'XX' }, /unknown jurisdiction "XX"/],
    ['defamation_contact', { jurisdiction: 'GB-ZZ' }, /unknown jurisdiction "GB-ZZ"/],
    ['appeal_window', { timeZone: 'Mars/Olympus' }, /unknown time zone "Mars\/Olympus"/],
    ['restriction_end', {}, /needs a duration/],
    ['restriction_end', { duration: '30 days' }, /needs a duration/],
    ['restriction_end', { duration: 'P999Y' }, /at most 100 years/],
  ] as const)('refuses %s with %j', (clock, options, message) => {
    expect(() => computeClock(clock, new Date('2026-06-01T09:00:00Z'), options)).toThrow(ClockError);
    expect(() => computeClock(clock, new Date('2026-06-01T09:00:00Z'), options)).toThrow(message);
  });

  it('refuses an invalid start', () => {
    expect(() => computeClock('appeal_window', new Date('not a date'))).toThrow(ClockError);
  });
});
