import { apiTokenState, sessionExpiresAt, sessionState, touchDue } from './session-rules';

const t0 = new Date('2026-01-05T09:00:00Z');
const plus = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe('session rules', () => {
  const session = { lastSeenAt: t0, expiresAt: sessionExpiresAt(t0, 12), revokedAt: null };

  it('ends 12 hours after sign-in at the latest', () => {
    expect(session.expiresAt).toEqual(plus(12 * 60));
  });

  it.each([
    [0, 'live'],
    [59, 'live'],
    [60, 'idle'],
    [61, 'idle'],
  ])('after %i idle minutes (limit 60) is %s', (minutes, state) => {
    expect(sessionState(session, 60, plus(minutes as number))).toBe(state);
  });

  it('expires at its absolute end however active it was', () => {
    expect(sessionState({ ...session, lastSeenAt: plus(12 * 60 - 1) }, 60, plus(12 * 60))).toBe('expired');
  });

  it('is over once revoked', () => {
    expect(sessionState({ ...session, revokedAt: t0 }, 60, t0)).toBe('revoked');
  });

  it('records activity at most once a minute', () => {
    expect(touchDue(t0, new Date(t0.getTime() + 59_999))).toBe(false);
    expect(touchDue(t0, plus(1))).toBe(true);
    expect(touchDue(null, t0)).toBe(true);
  });

  it('knows revoked and expired API tokens; no expiry means none', () => {
    expect(apiTokenState({ expiresAt: null, revokedAt: null }, plus(1e6))).toBe('live');
    expect(apiTokenState({ expiresAt: plus(10), revokedAt: null }, plus(9))).toBe('live');
    expect(apiTokenState({ expiresAt: plus(10), revokedAt: null }, plus(10))).toBe('expired');
    expect(apiTokenState({ expiresAt: null, revokedAt: t0 }, t0)).toBe('revoked');
  });
});
