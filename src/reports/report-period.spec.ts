import { defaultPeriod, parsePeriod } from './report-period';

const NOW = new Date('2026-12-04T08:00:00Z');

describe('report period', () => {
  it('defaults to the last 12 months up to today', () => {
    expect(defaultPeriod(NOW)).toEqual({ from: '2025-12-05', to: '2026-12-04' });
    const { period } = parsePeriod({}, NOW);
    expect(period).toMatchObject({ from: '2025-12-05', to: '2026-12-04' });
    expect(period!.start.toISOString()).toBe('2025-12-05T00:00:00.000Z');
    expect(period!.end.toISOString()).toBe('2026-12-05T00:00:00.000Z');
  });

  it('takes whole days, both included', () => {
    const { period } = parsePeriod({ from: '2026-01-01', to: '2026-01-01' }, NOW);
    expect(period!.end.getTime() - period!.start.getTime()).toBe(86_400_000);
  });

  it('names each bad field', () => {
    const fields = (input: Record<string, unknown>) => parsePeriod(input, NOW).errors.map((error) => error.field);
    expect(fields({ from: '2026-02-30', to: 'soon' })).toEqual(['from', 'to']);
    expect(fields({ from: ['2026-01-01'] })).toEqual(['from']);
    expect(fields({ from: '1999-12-31' })).toEqual(['from']);
    expect(fields({ to: '2027-06-01' })).toEqual(['to']);
    expect(fields({ from: '2026-03-01', to: '2026-02-01' })).toEqual(['to']);
    expect(fields({ from: '2001-01-01', to: '2026-01-01' })).toEqual(['from']);
  });
});
