import { CaseReferenceMatch, parseCaseReferenceInput } from '../cases/case-reference';
import type { FieldError } from '../common/desk-error';
import { ACTOR_TYPES, ActorType } from '../events/event.entity';

// The audit log's filters as the repository takes them, and their parsing from the query
// string (shared by GET /api/v1/events, its export and the /admin/audit page).

export interface EventFilters {
  actor?: { type: ActorType; id?: string };
  action?: { exact: string } | { prefix: string };
  subject?: { type: string; id?: string };
  // A whole reference, or a number in any year (typed without its year).
  case?: CaseReferenceMatch;
  from?: Date;
  // Exclusive: a date-only `to` covers its whole (UTC) day.
  before?: Date;
  q?: string;
}

export interface EventFilterInput {
  actor?: string;
  action?: string;
  subject?: string;
  case?: string;
  from?: string;
  to?: string;
  q?: string;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

// `case.` or `case.*` (or `case*`) is a prefix; anything else must match exactly.
export function actionFilter(raw: string): EventFilters['action'] {
  const prefix = /^(.*?)\*$/.exec(raw)?.[1] ?? (raw.endsWith('.') ? raw : null);
  return prefix !== null ? { prefix } : { exact: raw };
}

// A date-only value is a UTC day, a time without offset is UTC. Null for an impossible
// date: JavaScript would roll 2025-02-30 over to March.
export function parseIsoTime(raw: string): Date | null {
  if (!ISO_DATE.test(raw)) return null;
  const [year, month, day] = raw.slice(0, 10).split('-').map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  if (DATE_ONLY.test(raw)) return calendar;
  const normalized = raw.replace(' ', 'T');
  const date = new Date(/(?:Z|[+-]\d{2}:?\d{2})$/i.test(normalized) ? normalized : `${normalized}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function toEventFilters(input: EventFilterInput): { filters: EventFilters; errors: FieldError[] } {
  const filters: EventFilters = {};
  const errors: FieldError[] = [];
  if (input.actor) {
    const actor = input.actor.toLowerCase();
    filters.actor = UUID.test(actor) ? { type: 'staff', id: actor } : { type: actor as ActorType };
  }
  if (input.action) filters.action = actionFilter(input.action);
  if (input.subject) {
    const colon = input.subject.indexOf(':');
    filters.subject = colon === -1 ? { type: input.subject } : { type: input.subject.slice(0, colon), id: input.subject.slice(colon + 1) };
  }
  if (input.case) filters.case = parseCaseReferenceInput(input.case) ?? { reference: input.case.toUpperCase() };
  if (input.q) filters.q = input.q;
  if (input.from) {
    const from = parseIsoTime(input.from);
    if (from) filters.from = from;
    else errors.push({ field: 'from', message: 'Must be a date (2025-06-30) or a date and time (2025-06-30T14:00Z).' });
  }
  if (input.to) {
    const to = parseIsoTime(input.to);
    if (!to) errors.push({ field: 'to', message: 'Must be a date (2025-06-30) or a date and time (2025-06-30T14:00Z).' });
    else filters.before = new Date(to.getTime() + (DATE_ONLY.test(input.to) ? 86_400_000 : 1));
  }
  if (filters.from && filters.before && filters.before <= filters.from) {
    errors.push({ field: 'to', message: 'Must not be before the start of the period.' });
  }
  return { filters, errors };
}

export function isActorFilter(value: string): boolean {
  return UUID.test(value) || (ACTOR_TYPES as readonly string[]).includes(value);
}

// Newest first: the cursor is the id of the last event seen. Opaque to clients.
export function encodeEventCursor(id: string): string {
  return Buffer.from(JSON.stringify({ before: id })).toString('base64url');
}

export function decodeEventCursor(raw: string): string | null {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { before?: unknown };
    return typeof parsed.before === 'string' && /^[1-9]\d{0,18}$/.test(parsed.before) ? parsed.before : null;
  } catch {
    return null;
  }
}
