// What a new API token may be, given the credential that asks for it (pure). A token never
// outlives or outranks what made it: a signed-in person (a session) may make any token; a
// token may make tokens only if it was given that right, and its children expire no later
// than it does.
export interface TokenMaker {
  kind: 'session' | 'token';
  canCreateTokens: boolean;
  expiresAt: Date | null;
}

export type TokenGrant = { allowed: false } | { allowed: true; expiresAt: Date | null; canCreateTokens: boolean };

export function grantToken(maker: TokenMaker, request: { expiresInDays?: number; canCreateTokens?: boolean }, now: Date): TokenGrant {
  if (maker.kind === 'token' && !maker.canCreateTokens) return { allowed: false };
  const asked = request.expiresInDays ? new Date(now.getTime() + request.expiresInDays * 86_400_000) : null;
  const cap = maker.kind === 'token' ? maker.expiresAt : null;
  const expiresAt = asked && cap ? (asked < cap ? asked : cap) : (asked ?? cap);
  return { allowed: true, expiresAt, canCreateTokens: request.canCreateTokens === true };
}
