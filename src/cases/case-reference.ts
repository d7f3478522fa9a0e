// `TD-<year>-<6 digits>`: the year the case was received and a number from a database
// sequence (never reused, never per-process). Past 999,999 the number simply grows.
const REFERENCE_SHAPE = /^TD-(\d{4})-(\d{6,})$/;

export function formatCaseReference(year: number, sequence: number | bigint | string): string {
  const digits = String(sequence);
  if (!/^\d+$/.test(digits) || digits === '0') throw new RangeError(`invalid case sequence ${digits}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`invalid case year ${year}`);
  return `TD-${year}-${digits.padStart(6, '0')}`;
}

export function isCaseReference(value: string): boolean {
  return REFERENCE_SHAPE.test(value);
}

// The queue's search: a whole reference as people type it, with or without its prefix
// (parseCaseReferenceInput), in its canonical form; null otherwise. A number of zeros
// ("2026-000", a reference half typed) is left to the text search.
export function canonicalReference(text: string): string | null {
  const parsed = parseCaseReferenceInput(text);
  if (!parsed || !('reference' in parsed)) return null;
  return /-0+$/.test(parsed.reference) ? null : parsed.reference;
}

// What a person types for a case, matched like the queue's search: the whole reference, with
// or without its prefix (TD-2026-000123, td-2026-000123, 2026-000123), or its number alone
// (123 or 000123: that number in any year).
export const CASE_REFERENCE_INPUT = /^(?:TD-?)?(?:(\d{4})-)?(\d{1,18})$/i;
export const CASE_REFERENCE_INPUT_MESSAGE = 'Must be a case reference like TD-2025-000123, 2025-000123 or 123.';

export type CaseReferenceMatch = { reference: string } | { number: string };

export function parseCaseReferenceInput(raw: string): CaseReferenceMatch | null {
  const match = CASE_REFERENCE_INPUT.exec(raw.trim());
  if (!match) return null;
  const number = BigInt(match[2]).toString().padStart(6, '0');
  return match[1] ? { reference: `TD-${match[1]}-${number}` } : { number };
}

// The SQL LIKE pattern of a number alone: TD-<any year>-<number>.
export function caseNumberPattern(number: string): string {
  return `TD-____-${number}`;
}
