import { reviewDueAt } from './sla';

describe('reviewDueAt', () => {
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
    expect(reviewDueAt(type, priority, received).toISOString()).toBe(expected);
  });
});
