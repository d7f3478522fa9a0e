import { actionFilter, decodeEventCursor, encodeEventCursor, isActorFilter, parseIsoTime, toEventFilters } from './audit-query';

describe('audit filters', () => {
  it('reads an action as exact, or as a prefix when it ends in a dot or *', () => {
    expect(actionFilter('case.decide')).toEqual({ exact: 'case.decide' });
    expect(actionFilter('case.')).toEqual({ prefix: 'case.' });
    expect(actionFilter('case.*')).toEqual({ prefix: 'case.' });
    expect(actionFilter('user*')).toEqual({ prefix: 'user' });
  });

  it('reads an actor as a staff id or an actor type', () => {
    const id = '0b6f6a8e-7c1d-4f2a-9a51-1f0e2d3c4b5a';
    expect(toEventFilters({ actor: id.toUpperCase() }).filters.actor).toEqual({ type: 'staff', id });
    expect(toEventFilters({ actor: 'System' }).filters.actor).toEqual({ type: 'system' });
    expect(isActorFilter('notifier')).toBe(true);
    expect(isActorFilter('robot')).toBe(false);
  });

  it('reads a subject as a type or type:id (the id may hold colons)', () => {
    expect(toEventFilters({ subject: 'decision' }).filters.subject).toEqual({ type: 'decision' });
    expect(toEventFilters({ subject: 'login:ab:cd' }).filters.subject).toEqual({ type: 'login', id: 'ab:cd' });
  });

  it('reads a case reference with or without its prefix, or its number alone', () => {
    expect(toEventFilters({ case: 'td-2025-000001' }).filters.case).toEqual({ reference: 'TD-2025-000001' });
    expect(toEventFilters({ case: '2025-000001' }).filters.case).toEqual({ reference: 'TD-2025-000001' });
    expect(toEventFilters({ case: '2025-1' }).filters.case).toEqual({ reference: 'TD-2025-000001' });
    expect(toEventFilters({ case: '17' }).filters.case).toEqual({ number: '000017' });
    expect(toEventFilters({ case: 'TD-0000017' }).filters.case).toEqual({ number: '000017' });
  });

  it('reads a date-only period as whole UTC days', () => {
    const { filters, errors } = toEventFilters({ from: '2025-06-01', to: '2025-06-30' });
    expect(errors).toEqual([]);
    expect(filters.from).toEqual(new Date('2025-06-01T00:00:00Z'));
    expect(filters.before).toEqual(new Date('2025-07-01T00:00:00Z'));
  });

  it('takes a time as inclusive, UTC unless it says otherwise', () => {
    expect(toEventFilters({ to: '2025-06-30T14:00' }).filters.before).toEqual(new Date('2025-06-30T14:00:00.001Z'));
    expect(parseIsoTime('2025-06-30T14:00+02:00')).toEqual(new Date('2025-06-30T12:00:00Z'));
  });

  it('refuses impossible dates and a period that ends before it starts', () => {
    expect(parseIsoTime('2025-02-30')).toBeNull();
    expect(parseIsoTime('2025-02-30T10:00Z')).toBeNull();
    expect(parseIsoTime('yesterday')).toBeNull();
    expect(toEventFilters({ from: '2025-02-30' }).errors.map((e) => e.field)).toEqual(['from']);
    expect(toEventFilters({ from: '2025-06-30', to: '2025-06-01' }).errors.map((e) => e.field)).toEqual(['to']);
  });
});

describe('event cursor', () => {
  it('round-trips an id and refuses anything else', () => {
    expect(decodeEventCursor(encodeEventCursor('123456789012'))).toBe('123456789012');
    expect(decodeEventCursor('not-a-cursor')).toBeNull();
    expect(decodeEventCursor(Buffer.from(JSON.stringify({ before: '1; DROP' })).toString('base64url'))).toBeNull();
    expect(decodeEventCursor(Buffer.from(JSON.stringify({ before: '0' })).toString('base64url'))).toBeNull();
  });
});
