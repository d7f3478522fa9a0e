import { loadConfig } from '../config/desk-config';
import { curableLapseDue, isOverdue, pauseClock, resumeClock, reviewDueAt } from './sla';

// Review deadlines run in business hours on the desk's calendar (default Europe/London,
// England & Wales bank holidays): the clock stands still at weekends and on holidays.
const SLA = loadConfig({}).sla;

describe('review clock', () => {
  const received = new Date('2026-11-24T10:00:00Z'); // a Tuesday

  it.each([
    ['copyright', 'normal', '2026-11-27T10:00:00.000Z'],
    ['trademark', 'normal', '2026-12-03T10:00:00.000Z'],
    ['defamation', 'normal', '2026-12-03T10:00:00.000Z'],
    ['privacy', 'normal', '2026-12-03T10:00:00.000Z'],
    ['other', 'normal', '2026-12-03T10:00:00.000Z'],
    ['copyright', 'high', '2026-11-25T10:00:00.000Z'],
    ['privacy', 'high', '2026-11-25T10:00:00.000Z'],
  ] as const)('%s / %s is due %s', (type, priority, expected) => {
    expect(reviewDueAt(type, priority, received, SLA).toISOString()).toBe(expected);
  });

  it('skips weekends and bank holidays', () => {
    expect(reviewDueAt('copyright', 'normal', new Date('2026-11-27T10:00:00Z'), SLA).toISOString()).toBe('2026-12-02T10:00:00.000Z');
    expect(reviewDueAt('privacy', 'high', new Date('2026-12-24T10:00:00Z'), SLA).toISOString()).toBe('2026-12-29T10:00:00.000Z');
  });

  it('follows the settings, the desk calendar included', () => {
    expect(reviewDueAt('copyright', 'normal', received, { ...SLA, copyrightHours: 1 }).toISOString()).toBe('2026-11-24T11:00:00.000Z');
    const us = loadConfig({ DESK_TIME_ZONE: 'America/New_York', DESK_HOLIDAYS: 'US' }).sla;
    // Wednesday 10:00 EST + 24 business hours: Thanksgiving is skipped, Friday counts
    expect(reviewDueAt('other', 'high', new Date('2026-11-25T15:00:00Z'), us).toISOString()).toBe('2026-11-27T15:00:00.000Z');
    expect(reviewDueAt('other', 'high', new Date('2026-11-25T15:00:00Z'), SLA).toISOString()).toBe('2026-11-26T15:00:00.000Z');
  });

  it('pauses with the business time left and resumes with it', () => {
    const now = new Date('2026-11-27T10:00:00Z'); // Friday
    const left = pauseClock(new Date('2026-11-30T10:00:00Z'), now, SLA); // due Monday: 24 business hours left
    expect(left).toBe(86_400);
    const later = new Date('2026-12-04T20:00:00Z'); // the notifier answers on a Friday evening
    expect(resumeClock(left, later, () => now, SLA).toISOString()).toBe('2026-12-07T20:00:00.000Z');
    expect(pauseClock(new Date('2026-11-30T10:00:00Z'), now)).toBe(86_400); // the default calendar without settings
  });

  it('keeps an overdue clock at zero and starts a fresh one when none ran', () => {
    const now = new Date('2026-11-28T10:00:00Z');
    expect(pauseClock(new Date('2026-11-27T10:00:00Z'), now)).toBe(0);
    expect(pauseClock(null, now)).toBeNull();
    expect(resumeClock(null, now, () => new Date('2030-01-01T00:00:00Z')).toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('tells overdue cases', () => {
    const now = new Date('2026-11-28T10:00:00Z');
    expect(isOverdue(new Date('2026-11-28T09:59:59Z'), now)).toBe(true);
    expect(isOverdue(new Date('2026-11-28T10:00:01Z'), now)).toBe(false);
    expect(isOverdue(null, now)).toBe(false);
  });
});

describe('curable-notice lapse', () => {
  it('falls at the end of the 14th calendar day after the request, in the desk zone, weekends counted', () => {
    // Friday 4 December 2026, 15:00 London: lapses at the end of Friday 18 December.
    expect(curableLapseDue(new Date('2026-12-04T15:00:00Z')).toISOString()).toBe('2026-12-18T23:59:59.999Z');
  });
});
