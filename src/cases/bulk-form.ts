import type { FieldError } from '../common/desk-error';
import type { FormValues } from '../web/form-fields';
import { formValuesOf, QueueFilterValues, queueFilterValues, versionOf } from './desk-form';

// The queue's bulk form (POST /desk/bulk) as the body of POST /api/v1/cases:bulk: the ticked
// `case` boxes (a repeated name, which formValuesOf would cut to the first), the version of
// each row as the page showed it, and only the fields the chosen action carries.

export const BULK_VERSION_PREFIX = 'version-';

export interface BulkForm {
  selected: string[];
  // Each row's version as the page showed it (kept when the page is shown again).
  versions: Map<string, string>;
  values: FormValues;
  body: Record<string, unknown>;
  // The queue's filters the form was sent from (the hidden `queue` field).
  filters: QueueFilterValues;
  filterQuery: Record<string, string | string[]>;
  // The same, as sent (kept with the run for its "Back to the queue" link).
  queueQuery: string;
}

const MAX_SELECTED = 200;
// A queue's filters fit in far less; a longer hidden field is cut, not stored whole.
const MAX_QUEUE_QUERY = 2_000;

export function readBulkForm(raw: unknown): BulkForm {
  const values = formValuesOf(raw);
  const ticked = (raw && typeof raw === 'object' ? (raw as Record<string, unknown>).case : undefined) ?? [];
  const selected = [...new Set((Array.isArray(ticked) ? ticked : [ticked]).filter((value): value is string => typeof value === 'string' && value !== ''))].slice(0, MAX_SELECTED);
  const versions = new Map<string, string>();
  for (const [name, value] of Object.entries(values)) if (name.startsWith(BULK_VERSION_PREFIX)) versions.set(name.slice(BULK_VERSION_PREFIX.length), value);
  const action = values.action ?? '';
  const body: Record<string, unknown> = {
    action,
    cases: selected.map((reference) => ({ reference, version: versionOf(versions.get(reference)) })),
  };
  const put = (name: string) => {
    if ((values[name] ?? '').trim() !== '') body[name] = values[name];
  };
  if (action === 'assign' && values.assigneeId !== 'me') put('assigneeId');
  if (action === 'escalate') put('reason');
  if (action === 'close_duplicate') put('duplicateOf');
  if (action === 'note') put('note');
  const queueQuery = (values.queue ?? '').slice(0, MAX_QUEUE_QUERY);
  const filterQuery = queryOf(queueQuery);
  return { selected, versions, values, body, filters: queueFilterValues(filterQuery), filterQuery, queueQuery };
}

// The queue's query string (from the hidden field, or a bulk run's record) as Fastify would have parsed it.
export function queryOf(search: string): Record<string, string | string[]> {
  const params = new URLSearchParams(search.replace(/^\?/, ''));
  const query: Record<string, string | string[]> = {};
  for (const name of new Set(params.keys())) {
    const all = params.getAll(name);
    query[name] = all.length > 1 ? all : all[0];
  }
  return query;
}

// The API names a case by its place in the list; the page has one place for them all.
export function bulkFormErrors(errors: FieldError[]): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = error.field.startsWith('cases') ? 'cases' : error.field;
    const message =
      field === 'cases' && error.field !== 'cases'
        ? 'The selection is not valid: reload the queue and tick the cases again.'
        : field === 'action' && error.message.startsWith('Must be one of')
          ? 'Choose an action.'
          : error.message;
    if (!out.some((seen) => seen.field === field && seen.message === message)) out.push({ field, message });
  }
  return out;
}
