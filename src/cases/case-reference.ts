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

// A reference as people type it: with or without the `TD-` prefix, any case, spaces or
// dashes, the number without its leading zeros ("td 2026 42", "2026-000042"). Null when the
// text is not one (a partial number such as "2026-000" is left to the text search).
const LOOSE_REFERENCE = /^\s*(?:td)?[\s-]*(\d{4})[\s-]+(\d+)\s*$/i;

export function canonicalReference(text: string): string | null {
  const match = LOOSE_REFERENCE.exec(text);
  if (!match) return null;
  const [, year, digits] = match;
  if (digits.length < 6 && digits.startsWith('0')) return null;
  const number = digits.replace(/^0+(?=\d{6})/, '');
  return number === '' || /^0+$/.test(number) ? null : `TD-${year}-${number.padStart(6, '0')}`;
}
