import { accountLockRule, afterFailure, blockBegan, blockDurationMs, LOGIN_BACKOFF, retryAfterSeconds, ThrottleState } from './login-backoff';

const MINUTE = 60_000;
const at = (ms: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, 0) + ms);
const pair = LOGIN_BACKOFF.accountAtAddress;

describe('login backoff', () => {
  it('blocks an account at one address from its 5th failure for 30 s, doubling up to 15 min', () => {
    expect([1, 2, 3, 4].map((n) => blockDurationMs(n, pair))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 50].map((n) => blockDurationMs(n, pair) / 1000)).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('blocks an address only from the 20th failure', () => {
    expect(blockDurationMs(19, LOGIN_BACKOFF.address)).toBe(0);
    expect(blockDurationMs(20, LOGIN_BACKOFF.address)).toBe(30_000);
  });

  it('locks a whole account only far past that: 100 failures within an hour by default, for 15 min doubling up to the hour', () => {
    const rule = accountLockRule(100, 60);
    expect(blockDurationMs(99, rule)).toBe(0);
    expect([100, 101, 102, 103].map((n) => blockDurationMs(n, rule) / MINUTE)).toEqual([15, 30, 60, 60]);
    let state: ThrottleState | null = null;
    for (let i = 0; i < 99; i++) state = afterFailure(state, rule, at(i * 30_000));
    expect(state).toMatchObject({ failures: 99, blockedUntil: null });
    state = afterFailure(state, rule, at(50 * MINUTE));
    expect(blockBegan(state, rule)).toBe(true);
    expect(state.blockedUntil).toEqual(at(65 * MINUTE));
    // Further failures lengthen the lock without beginning a new one (one e-mail per lock).
    expect(blockBegan(afterFailure(state, rule, at(66 * MINUTE)), rule)).toBe(false);
  });

  it('counts failures within 15 minutes and blocks on the 5th', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 4; i++) state = afterFailure(state, pair, at(i * MINUTE));
    expect(state).toEqual({ failures: 4, windowStart: at(0), blockedUntil: null });
    expect(retryAfterSeconds(state, at(4 * MINUTE))).toBe(0);
    state = afterFailure(state, pair, at(4 * MINUTE));
    expect(state.blockedUntil).toEqual(at(4 * MINUTE + 30_000));
    expect(retryAfterSeconds(state, at(4 * MINUTE))).toBe(30);
    expect(retryAfterSeconds(state, at(4 * MINUTE + 29_500))).toBe(1);
    expect(retryAfterSeconds(state, at(4 * MINUTE + 30_000))).toBe(0);
    // The next failure after the block doubles it.
    state = afterFailure(state, pair, at(4 * MINUTE + 31_000));
    expect(state).toMatchObject({ failures: 6, blockedUntil: at(4 * MINUTE + 31_000 + 60_000) });
  });

  it('starts a new streak when failures are more than 15 minutes apart', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 4; i++) state = afterFailure(state, pair, at(i * 4 * MINUTE));
    // 4 failures at 0, 4, 8, 12 min; the 5th at 16 min is outside the first window.
    state = afterFailure(state, pair, at(16 * MINUTE));
    expect(state).toEqual({ failures: 1, windowStart: at(16 * MINUTE), blockedUntil: null });
  });

  it('keeps a blocked streak alive until 15 minutes after its last block', () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < 10; i++) state = afterFailure(state, pair, at(0));
    expect(state!.failures).toBe(10);
    const blockedUntil = state!.blockedUntil!;
    expect(blockedUntil).toEqual(at(15 * MINUTE));
    // 20 minutes after the window began but only 5 after the block ended: same streak.
    state = afterFailure(state, pair, at(20 * MINUTE));
    expect(state).toMatchObject({ failures: 11, blockedUntil: at(35 * MINUTE) });
    // Quiet for 15 minutes after the block: forgiven.
    state = afterFailure(state, pair, at(50 * MINUTE));
    expect(state).toEqual({ failures: 1, windowStart: at(50 * MINUTE), blockedUntil: null });
  });
});
