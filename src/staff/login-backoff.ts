// Backoff on failed sign-ins (pure; the state lives in `login_throttles`). Failures are
// counted per (account, client address) and per client address, which block soon, and per
// account from everywhere, which blocks only far past what one person mistypes: a stranger
// cannot lock someone out by failing a few times, and a distributed guesser still meets a
// wall (lifted early by the owner signing in from a network they used before).
//
// A streak of failures within the window leads to a block that doubles with every further
// failure. The streak ends when the window has passed since it began and since the last
// block ended, so a blocked guesser gets ever fewer tries.
export interface BackoffRule {
  limit: number;
  windowMs: number;
  firstBlockMs: number;
  maxBlockMs: number;
}

export const LOGIN_BACKOFF = {
  accountAtAddress: { limit: 5, windowMs: 15 * 60_000, firstBlockMs: 30_000, maxBlockMs: 15 * 60_000 },
  address: { limit: 20, windowMs: 15 * 60_000, firstBlockMs: 30_000, maxBlockMs: 15 * 60_000 },
} as const satisfies Record<string, BackoffRule>;

// The account-wide rule: `failures` within `windowMinutes` (settings LOGIN_LOCK_FAILURES,
// LOGIN_LOCK_WINDOW_MINUTES) lock the account for 15 minutes, doubling up to the window.
export function accountLockRule(failures: number, windowMinutes: number): BackoffRule {
  const windowMs = windowMinutes * 60_000;
  return { limit: failures, windowMs, firstBlockMs: Math.min(15 * 60_000, windowMs), maxBlockMs: windowMs };
}

export interface ThrottleState {
  failures: number;
  windowStart: Date;
  blockedUntil: Date | null;
}

// How long the block lasts after the `failures`-th failure (0 below the limit).
export function blockDurationMs(failures: number, rule: BackoffRule): number {
  if (failures < rule.limit) return 0;
  const doublings = Math.min(failures - rule.limit, 30);
  return Math.min(rule.firstBlockMs * 2 ** doublings, rule.maxBlockMs);
}

// Whole seconds until the next attempt is heard (0: not blocked). Rounded up, so that a
// client that waits Retry-After seconds is never refused again.
export function retryAfterSeconds(state: ThrottleState | null | undefined, now: Date): number {
  if (!state?.blockedUntil) return 0;
  const left = state.blockedUntil.getTime() - now.getTime();
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

export function streakOver(state: ThrottleState, rule: BackoffRule, now: Date): boolean {
  const lastMark = Math.max(state.windowStart.getTime(), state.blockedUntil?.getTime() ?? 0);
  return now.getTime() - lastMark >= rule.windowMs;
}

export function afterFailure(state: ThrottleState | null | undefined, rule: BackoffRule, now: Date): ThrottleState {
  const fresh = !state || streakOver(state, rule, now);
  const failures = fresh ? 1 : state.failures + 1;
  const block = blockDurationMs(failures, rule);
  return {
    failures,
    windowStart: fresh ? now : state.windowStart,
    blockedUntil: block > 0 ? new Date(now.getTime() + block) : fresh ? null : state.blockedUntil,
  };
}

// The failure that started the streak's first block: the moment to tell the owner (once
// per lock, not once per failure).
export function blockBegan(after: ThrottleState, rule: BackoffRule): boolean {
  return after.failures === rule.limit;
}
