import type { FieldError } from '../common/desk-error';

// A report's period: whole UTC days from `from` to `to`, both included. Without dates it
// is the last 12 months up to today.
export interface ReportPeriod {
  from: string;
  to: string;
  // [start, end): the instants the queries use.
  start: Date;
  end: Date;
}

const DAY_MS = 86_400_000;
export const MAX_PERIOD_DAYS = 3660;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function parseDay(value: string): Date | null {
  if (!DATE.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || isoDay(date) !== value ? null : date;
}

export function defaultPeriod(now: Date = new Date()): { from: string; to: string } {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const from = new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), to.getUTCDate() + 1));
  return { from: isoDay(from), to: isoDay(to) };
}

// Checks the dates a person or a client gave; every problem names its field.
export function parsePeriod(input: { from?: unknown; to?: unknown }, now: Date = new Date()): { period: ReportPeriod | null; errors: FieldError[] } {
  const defaults = defaultPeriod(now);
  const errors: FieldError[] = [];
  const read = (field: 'from' | 'to'): Date | null => {
    const raw = input[field];
    const value = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '') ? defaults[field] : raw;
    const date = typeof value === 'string' ? parseDay(value.trim()) : null;
    if (!date) errors.push({ field, message: 'Must be a date like 2026-01-31.' });
    else if (date.getUTCFullYear() < 2000) errors.push({ field, message: 'Must be in 2000 or later.' });
    else if (date.getTime() > now.getTime() + DAY_MS) errors.push({ field, message: 'Must not be in the future.' });
    else return date;
    return null;
  };
  const from = read('from');
  const to = read('to');
  if (from && to && from > to) errors.push({ field: 'to', message: 'Must be on or after the start date.' });
  else if (from && to && (to.getTime() - from.getTime()) / DAY_MS + 1 > MAX_PERIOD_DAYS) {
    errors.push({ field: 'from', message: 'The period may cover at most 10 years.' });
  }
  if (errors.length || !from || !to) return { period: null, errors };
  return { period: { from: isoDay(from), to: isoDay(to), start: from, end: new Date(to.getTime() + DAY_MS) }, errors };
}
