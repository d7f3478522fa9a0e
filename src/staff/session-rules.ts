// When a session or an API token still opens the desk (pure; the guard asks on every request).

// Writing last_seen_at on every request would turn each read into a write: once a minute
// is precise enough for an idle timeout counted in minutes.
export const TOUCH_INTERVAL_MS = 60_000;

export type CredentialState = 'live' | 'revoked' | 'expired' | 'idle';

export interface SessionTimes {
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export function sessionState(session: SessionTimes, idleMinutes: number, now: Date): CredentialState {
  if (session.revokedAt) return 'revoked';
  if (now.getTime() >= session.expiresAt.getTime()) return 'expired';
  if (now.getTime() - session.lastSeenAt.getTime() >= idleMinutes * 60_000) return 'idle';
  return 'live';
}

export function sessionExpiresAt(now: Date, maxHours: number): Date {
  return new Date(now.getTime() + maxHours * 3_600_000);
}

export function apiTokenState(token: { expiresAt: Date | null; revokedAt: Date | null }, now: Date): CredentialState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && now.getTime() >= token.expiresAt.getTime()) return 'expired';
  return 'live';
}

export function touchDue(lastSeen: Date | null, now: Date): boolean {
  return !lastSeen || now.getTime() - lastSeen.getTime() >= TOUCH_INTERVAL_MS;
}
