import { formatCaseReference, isCaseReference, canonicalReference } from './case-reference';

describe('case references', () => {
  it.each([
    [2026, 1, 'TD-2026-000001'],
    [2026, 42, 'TD-2026-000042'],
    [2027, 999_999, 'TD-2027-999999'],
    [2027, 1_000_000, 'TD-2027-1000000'],
    [2026, '17', 'TD-2026-000017'],
    [2026, 5n, 'TD-2026-000005'],
  ])('year %s, number %s → %s', (year, sequence, expected) => {
    expect(formatCaseReference(year, sequence)).toBe(expected);
    expect(isCaseReference(expected)).toBe(true);
  });

  it.each([0, -1, 1.5, 'x'])('refuses sequence %s', (sequence) => {
    expect(() => formatCaseReference(2026, sequence as number)).toThrow(RangeError);
  });

  it('refuses a year that is not four digits', () => {
    expect(() => formatCaseReference(99, 1)).toThrow(RangeError);
  });

  it.each(['TD-2026-00001', 'td-2026-000001', 'TD-26-000001', 'TD-2026-000001 ', 'XX-2026-000001'])('%p is not a reference', (value) => {
    expect(isCaseReference(value)).toBe(false);
  });
});

describe('canonicalReference', () => {
  it.each([
    ['TD-2026-000042', 'TD-2026-000042'],
    ['td-2026-000042', 'TD-2026-000042'],
    ['2026-000042', 'TD-2026-000042'],
    ['2026-42', 'TD-2026-000042'],
    [' TD 2026 42 ', 'TD-2026-000042'],
    ['TD2026-1234567', 'TD-2026-1234567'],
  ])('reads %p as %p', (text, reference) => {
    expect(canonicalReference(text)).toBe(reference);
  });

  it.each(['2026-000', '2026-0', 'Kowalczyk', '2026', 'TD-2026-', '42', '2026-000000'])('leaves %p to the text search', (text) => {
    expect(canonicalReference(text)).toBeNull();
  });
});
