// Backoff on failed sign-ins, per account and per client address (pure; the state lives in
// `login_throttles`). A streak of failures within the window leads to a block that doubles
// with every further failure. The streak ends when the window has passed since it began
// and since the last block ended, so a blocked guesser gets ever fewer tries.
export const LOGIN_BACKOFF = {
  windowMs: 15 * 60_000,
  accountLimit: 5,
  ipLimit: 20,
  firstBlockMs: 30_000,
  maxBlockMs: 15 * 60_000,
} as const;

export interface ThrottleState {
  failures: number;
  windowStart: Date;
  blockedUntil: Date | null;
}

// How long the block lasts after the `failures`-th failure (0 below the limit).
export function blockDurationMs(failures: number, limit: number): number {
  if (failures < limit) return 0;
  const doublings = Math.min(failures - limit, 30);
  return Math.min(LOGIN_BACKOFF.firstBlockMs * 2 ** doublings, LOGIN_BACKOFF.maxBlockMs);
}

// Whole seconds until the next attempt is heard (0: not blocked). Rounded up, so that a
// client that waits Retry-After seconds is never refused again.
export function retryAfterSeconds(state: ThrottleState | null | undefined, now: Date): number {
  if (!state?.blockedUntil) return 0;
  const left = state.blockedUntil.getTime() - now.getTime();
  return left > 0 ? Math.ceil(left / 1000) : 0;
}

export function streakOver(state: ThrottleState, now: Date): boolean {
  const lastMark = Math.max(state.windowStart.getTime(), state.blockedUntil?.getTime() ?? 0);
  return now.getTime() - lastMark >= LOGIN_BACKOFF.windowMs;
}

export function afterFailure(state: ThrottleState | null | undefined, limit: number, now: Date): ThrottleState {
  const fresh = !state || streakOver(state, now);
  const failures = fresh ? 1 : state.failures + 1;
  const block = blockDurationMs(failures, limit);
  return {
    failures,
    windowStart: fresh ? now : state.windowStart,
    blockedUntil: block > 0 ? new Date(now.getTime() + block) : fresh ? null : state.blockedUntil,
  };
}
