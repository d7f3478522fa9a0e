import { currentState, periodStart, shouldPropose, suspensionEnd } from './misuse-rules';

describe('misuse rules (DSA Art. 23)', () => {
  it('proposes a suspension at the threshold, not before, and not twice', () => {
    expect(shouldPropose(2, 3, false)).toBe(false);
    expect(shouldPropose(3, 3, false)).toBe(true);
    expect(shouldPropose(4, 3, false)).toBe(true);
    expect(shouldPropose(3, 3, true)).toBe(false);
  });

  it('counts within the period and ends a suspension after its days', () => {
    const now = new Date('2026-12-04T10:00:00Z');
    expect(periodStart(now, 90).toISOString()).toBe('2026-09-05T10:00:00.000Z');
    expect(suspensionEnd(now, 30).toISOString()).toBe('2027-01-03T10:00:00.000Z');
  });

  it('shows an active suspension past its end as ended', () => {
    const now = new Date('2026-12-04T10:00:00Z');
    expect(currentState('active', new Date('2026-12-05T00:00:00Z'), now)).toBe('active');
    expect(currentState('active', new Date('2026-12-04T09:59:59Z'), now)).toBe('ended');
    expect(currentState('proposed', null, now)).toBe('proposed');
    expect(currentState('lifted', new Date('2026-12-05T00:00:00Z'), now)).toBe('lifted');
  });
});
