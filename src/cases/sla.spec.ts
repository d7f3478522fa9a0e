import { isOverdue, pauseClock, resumeClock, reviewDueAt } from './sla';

const SLA = { copyrightHours: 72, defaultHours: 168, priorityHours: 24 };

describe('review clock', () => {
  const received = new Date('2026-11-27T10:00:00Z');

  it.each([
    ['copyright', 'normal', '2026-11-30T10:00:00.000Z'],
    ['trademark', 'normal', '2026-12-04T10:00:00.000Z'],
    ['defamation', 'normal', '2026-12-04T10:00:00.000Z'],
    ['privacy', 'normal', '2026-12-04T10:00:00.000Z'],
    ['other', 'normal', '2026-12-04T10:00:00.000Z'],
    ['copyright', 'high', '2026-11-28T10:00:00.000Z'],
    ['privacy', 'high', '2026-11-28T10:00:00.000Z'],
  ] as const)('%s / %s is due %s', (type, priority, expected) => {
    expect(reviewDueAt(type, priority, received, SLA).toISOString()).toBe(expected);
  });

  it('follows the settings', () => {
    expect(reviewDueAt('copyright', 'normal', received, { ...SLA, copyrightHours: 1 }).toISOString()).toBe('2026-11-27T11:00:00.000Z');
  });

  it('pauses with the time left and resumes with it', () => {
    const now = new Date('2026-11-28T10:00:00Z');
    const left = pauseClock(new Date('2026-11-29T10:00:00Z'), now);
    expect(left).toBe(86_400);
    const later = new Date('2026-12-05T08:00:00Z');
    expect(resumeClock(left, later, () => now).toISOString()).toBe('2026-12-06T08:00:00.000Z');
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
