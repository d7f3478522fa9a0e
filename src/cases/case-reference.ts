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
