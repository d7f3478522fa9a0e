// Submission of statements of reasons to the EU DSA Transparency Database (Art. 24(5)):
// DSA_TDB_URL (the database's base URL, e.g. https://transparency.dsa.ec.europa.eu) and
// DSA_TDB_TOKEN (its API token). Off when DSA_TDB_URL is unset.
export interface DsaTdbSettings {
  url: string | null;
  token: string | null;
  // How often each instance asks for a submission run.
  intervalSeconds: number;
  // Attempts at a statement before it is `failed`, and the waits between them (the last repeats).
  maxAttempts: number;
  retrySeconds: number[];
}

const RETRY_SECONDS = [60, 300, 1800, 7200, 43200];

// Read with the rest of the settings (src/config/desk-config.ts); each problem names its
// setting, and the token is never echoed.
export function readDsaTdbSettings(env: Record<string, string | undefined>, problems: string[]): DsaTdbSettings {
  const rawUrl = env.DSA_TDB_URL?.trim() || null;
  const token = env.DSA_TDB_TOKEN?.trim() || null;
  let url: string | null = null;
  if (rawUrl) {
    try {
      const parsed = new URL(rawUrl);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('protocol');
      url = rawUrl.replace(/\/+$/, '');
    } catch {
      problems.push(`DSA_TDB_URL: must be a URL starting with https:// or http:// (got "${rawUrl}")`);
    }
    if (!token) problems.push('DSA_TDB_TOKEN: required when DSA_TDB_URL is set (the Transparency Database API token)');
  }
  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    if (/^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max) return Number(raw);
    problems.push(`${name}: must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  };
  return {
    url,
    token,
    intervalSeconds: whole('DSA_TDB_INTERVAL_SECONDS', 60, 5, 86_400),
    maxAttempts: whole('DSA_TDB_MAX_ATTEMPTS', 6, 1, 100),
    retrySeconds: RETRY_SECONDS,
  };
}
