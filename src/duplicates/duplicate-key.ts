import { tryNormalizeUrl } from '../articles/url-normalizer';
import { sha256 } from '../common/crypto';

// How long an earlier open case counts as what a new notice repeats.
export const DUPLICATE_WINDOW_DAYS = 30;

export interface DuplicateKeyInput {
  // The notifier's e-mail as filed (no e-mail: no sender to compare, no key).
  email: string | null;
  // The notice's URLs, already normalised (url-normalizer.ts).
  normalizedUrls: readonly string[];
  work?: { description?: string | null; originalUrls?: readonly string[] | null } | null;
}

// Words compared without case, punctuation or spacing: "My photo." and "my  photo" match.
export function workWords(text: string | null | undefined): string {
  return (text ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// One key for "same notifier, same URLs, same claimed work": equal keys mean a probable
// duplicate. URLs as a set (order and repeats do not matter), the work's original URLs
// normalised like the notice's, its description by its words. Pure; the filing stores
// the key and finds an earlier case with it through one index (idx_cases_duplicate_key).
export function duplicateKey(input: DuplicateKeyInput): Buffer | null {
  const email = input.email?.trim().toLowerCase();
  if (!email || !input.normalizedUrls.length) return null;
  const urls = [...new Set(input.normalizedUrls)].sort();
  const originals = [...new Set((input.work?.originalUrls ?? []).map((url) => tryNormalizeUrl(url)?.url ?? url.trim()))].sort();
  return sha256(JSON.stringify([email, urls, originals, workWords(input.work?.description)]));
}
