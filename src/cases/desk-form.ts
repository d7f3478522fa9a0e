import type { FormValues } from '../web/form-fields';
import type { FieldError } from '../common/desk-error';

// The desk pages' forms as data mappings: the flat url-encoded posts of the case page
// (`items[0].territories=de, at`) to the transition bodies the API validates, and the
// queue's URL to its filter form and back. The typed values are kept as strings so that
// a refused form is shown again exactly as it was typed.

// What the editor saw when the page was rendered: on a 409 the page compares it with
// the current case to say what changed. Not part of any transition body.
export const SEEN_FIELDS = { status: 'seen_status', assignee: 'seen_assignee', event: 'seen_event' } as const;

export interface SeenSnapshot {
  status: string;
  assigneeId: string | null;
  // The id of the last timeline event on the page ('' when there was none).
  eventId: string;
}

export interface DeskForm {
  action: string;
  values: FormValues;
  body: Record<string, unknown>;
  seen: SeenSnapshot;
}

// A transition form never has more rows than a decision may hold (DecideDto caps at 1000).
const MAX_ITEM_ROWS = 1000;
const ITEM_FIELD = /^items\[(\d{1,4})\]\.(itemId|action|territories|until|passage|media|text|correctionKind|replyBy|replyText|name|replacement)$/;

// Fastify gives a string, or an array for a repeated name; the first one wins.
export function formValuesOf(raw: unknown): FormValues {
  const values: FormValues = {};
  if (!raw || typeof raw !== 'object') return values;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') values[name] = first;
  }
  return values;
}

export function readDeskForm(raw: unknown): DeskForm {
  const values = formValuesOf(raw);
  return {
    action: values.action ?? '',
    values,
    body: transitionBodyOf(values),
    seen: { status: values[SEEN_FIELDS.status] ?? '', assigneeId: values[SEEN_FIELDS.assignee] || null, eventId: values[SEEN_FIELDS.event] ?? '' },
  };
}

// Only the fields the action carries: anything else would be refused as unknown by the DTO.
// Empty optional fields are dropped; a missing required one is then reported by the DTO.
export function transitionBodyOf(values: FormValues): Record<string, unknown> {
  const action = values.action ?? '';
  const body: Record<string, unknown> = { action, version: versionOf(values.version) };
  const put = (name: string) => {
    if (typeof values[name] === 'string' && values[name].trim() !== '') body[name] = values[name];
  };
  switch (action) {
    case 'assign':
      put('assigneeId');
      break;
    case 'request_info':
      put('message');
      break;
    case 'escalate':
    case 'reject_approval':
    case 'reopen':
    case 'restore':
    case 'mark_unfounded':
    case 'release_hold':
      put('reason');
      break;
    case 'approve':
      // An unticked box is absent from the post: sent as false, for the DTO to refuse.
      body.confirm = values.confirm === 'true';
      put('comment');
      break;
    case 'close_duplicate':
      put('duplicateOf');
      break;
    case 'decide_appeal':
      body.outcome = values.outcome === 'reverse' ? 'reverse' : 'uphold';
      put('answer');
      // Reversing carries the new decision, from the same fields as the decision form.
      if (body.outcome === 'reverse') {
        body.items = decisionItemsOf(values);
        put('ground');
        put('reasons');
        put('publicNote');
      }
      break;
    case 'extend_gdpr_deadline':
      put('extensionReasons');
      break;
    case 'record_author_contact':
      put('note');
      break;
    case 'record_author_answer':
      put('authorAnswer');
      put('note');
      break;
    case 'decide':
      body.items = decisionItemsOf(values);
      put('ground');
      put('reasons');
      put('publicNote');
      break;
  }
  return body;
}

export function versionOf(value: string | undefined): number | string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  // Anything but digits goes through as typed, for the DTO to refuse with its message.
  return /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : value;
}

// The fields each remedy carries (the correction's kind is a choice, always sent).
const REMEDY_FIELDS = {
  remove_media: ['media'],
  correct: ['text', 'correctionKind'],
  right_of_reply: ['text', 'replyBy'],
  anonymise: ['name', 'replacement'],
} as const;

// One entry per item row, in row order. Territories, end date and passage belong to one
// action each: a value left in another action's field is not sent.
function decisionItemsOf(values: FormValues): Array<Record<string, unknown>> {
  const rows = new Map<number, Record<string, string>>();
  for (const [name, value] of Object.entries(values)) {
    const match = ITEM_FIELD.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    if (!rows.has(index) && rows.size >= MAX_ITEM_ROWS) continue;
    rows.set(index, { ...rows.get(index), [match[2]]: value });
  }
  return [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => {
      const item: Record<string, unknown> = { itemId: row.itemId ?? '', action: row.action ?? '' };
      if (row.action === 'restrict') {
        const territories = splitTerritories(row.territories ?? '');
        if (territories.length) item.territories = territories;
        if (row.until?.trim()) item.until = row.until.trim();
      }
      if (row.action === 'redact' && row.passage?.trim()) item.passage = row.passage;
      for (const name of REMEDY_FIELDS[row.action as keyof typeof REMEDY_FIELDS] ?? []) {
        // Each remedy's text has its own field on the form: `text` for a correction, `replyText` for a reply.
        const typed = name === 'text' && row.action === 'right_of_reply' ? row.replyText : row[name];
        if (typed?.trim()) item[name] = typed;
      }
      return item;
    });
}

// The API names a reply's text `items[i].text`; on the form it is `items[i].replyText`
// (a correction's text has the other field): an error goes beside the field the editor typed in.
export function formErrorsOf(values: FormValues, errors: FieldError[]): FieldError[] {
  return errors.map((error) => {
    const match = /^items\[(\d{1,4})\]\.text$/.exec(error.field);
    return match && values[`items[${match[1]}].action`] === 'right_of_reply' ? { ...error, field: `items[${match[1]}].replyText` } : error;
  });
}

// "de, at;fr" → ["DE", "AT", "FR"]: people type country codes in many ways.
export function splitTerritories(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .filter(Boolean)
        .map((code) => code.toUpperCase()),
    ),
  ];
}

// --- the queue's filters, kept in the URL ---

export interface QueueFilterValues {
  status: string[];
  type: string;
  assignee: string;
  priority: string;
  overdue: string;
  // The nearest running clock: overdue, 24h, 7d.
  due: string;
  q: string;
  sort: string;
  cursor: string;
  // Not in the form; kept when the URL has it (page size).
  limit: string;
}

const FILTER_NAMES = ['type', 'assignee', 'priority', 'overdue', 'due', 'q', 'sort', 'limit', 'cursor'] as const;

// The query as typed (also when invalid), to fill the filter form in again.
export function queueFilterValues(query: unknown): QueueFilterValues {
  const raw = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '');
  const statuses = (Array.isArray(raw.status) ? raw.status : [raw.status])
    .filter((value): value is string => typeof value === 'string')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
  const values = { status: [...new Set(statuses)] } as QueueFilterValues;
  for (const name of FILTER_NAMES) values[name] = text(raw[name]).trim();
  return values;
}

// The queue URL for these filters: `status` repeated, empty filters left out, so that a
// link (status counts, next page) keeps what the editor chose.
export function queueHref(filters: QueueFilterValues, overrides: Partial<QueueFilterValues> = {}): string {
  const merged = { ...filters, ...overrides };
  const params = new URLSearchParams();
  for (const status of merged.status) params.append('status', status);
  for (const name of FILTER_NAMES) if (merged[name]) params.append(name, merged[name]);
  const query = params.toString();
  return query ? `/desk?${query}` : '/desk';
}

export function hasFilters(filters: QueueFilterValues): boolean {
  return filters.status.length > 0 || FILTER_NAMES.some((name) => name !== 'sort' && name !== 'cursor' && name !== 'limit' && filters[name] !== '');
}
