import type { FieldError } from '../common/desk-error';
import type { FormField, FormValues } from '../web/form-fields';
import type { NoticeType } from './completeness';
import { MAX_ITEMS } from './dto/file-notice.dto';
import { FORM_TOKEN_FIELD, HONEYPOT_FIELD, isNoticeType, ITEM_ROWS, MORE_URLS_FIELD, noticeFormFields } from './notice-form-fields';

// The mapping between the flat form post (`{'notifier.name': 'x', 'items[0].url': '...'}`)
// and the DTO shapes the API validates, and back for the errors. Which fields each notice
// type asks for: ./notice-form-fields.ts.

// --- reading a form post ---

// Repeated names arrive as arrays; a field takes the first value.
function single(value: unknown): string | undefined {
  if (Array.isArray(value)) return single(value[0]);
  return typeof value === 'string' ? value : undefined;
}

export function pickValues(body: Record<string, unknown>, names: string[]): FormValues {
  const values: FormValues = {};
  for (const name of names) {
    const value = single(body[name]);
    if (value !== undefined && value !== '') values[name] = value;
  }
  return values;
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function lines(value: string | undefined): Array<{ line: number; text: string }> {
  return (value ?? '')
    .split(/\r\n|\r|\n/)
    .map((line, index) => ({ line: index + 1, text: line.trim() }))
    .filter((entry) => entry.text !== '');
}

// Where each item of the DTO came from, so that its errors land on the right input.
export type ItemSource = { row: number } | { line: number };

type Unchecked = false | undefined;

export function fieldValue(field: FormField, raw: string | undefined, unchecked: Unchecked): unknown {
  switch (field.kind) {
    case 'checkbox':
      return raw ? true : unchecked;
    case 'yesno':
      return raw === 'yes' ? true : raw === 'no' ? false : undefined;
    case 'lines': {
      // One more than the limit is enough for the limit's error message.
      const urls = lines(raw).map((entry) => entry.text);
      return urls.length ? urls.slice(0, MAX_ITEMS + 1) : undefined;
    }
    default: {
      const value = text(raw);
      return field.uppercase ? value?.toUpperCase() : value;
    }
  }
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  if (value === undefined) return;
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

export function getPath(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), source);
}

function readItems(type: NoticeType, values: FormValues): { items: Array<Record<string, unknown>>; sources: ItemSource[] } {
  const items: Array<Record<string, unknown>> = [];
  const sources: ItemSource[] = [];
  for (let row = 0; row < ITEM_ROWS; row++) {
    const url = text(values[`items[${row}].url`]);
    const passage = text(values[`items[${row}].passage`]);
    if (!url && !passage) continue;
    const item: Record<string, unknown> = {};
    setPath(item, 'url', url);
    setPath(item, 'passage', passage);
    if (type === 'privacy') setPath(item, 'reason', text(values[`items[${row}].reason`]));
    items.push(item);
    sources.push({ row });
  }
  for (const entry of lines(values[MORE_URLS_FIELD])) {
    if (items.length > MAX_ITEMS) break;
    items.push({ url: entry.text });
    sources.push({ line: entry.line });
  }
  return { items, sources };
}

export interface NoticeForm {
  type: NoticeType | null;
  values: FormValues;
  // FileNoticeDto's shape, not yet validated.
  notice: Record<string, unknown>;
  itemSources: ItemSource[];
  formToken: string | undefined;
  honeypotFilled: boolean;
}

export function readNoticeForm(body: Record<string, unknown>): NoticeForm {
  const typeValue = single(body.type);
  const type = isNoticeType(typeValue) ? typeValue : null;
  const values = type
    ? pickValues(
        body,
        noticeFormFields(type).map((field) => field.name),
      )
    : {};
  const mapped = type ? formValuesToNotice(type, values) : { notice: {}, itemSources: [] };
  return {
    type,
    values,
    ...mapped,
    formToken: single(body[FORM_TOKEN_FIELD]),
    honeypotFilled: !!text(single(body[HONEYPOT_FIELD])),
  };
}

export function formValuesToNotice(type: NoticeType, values: FormValues): { notice: Record<string, unknown>; itemSources: ItemSource[] } {
  // The notifier is always sent: the DTO requires it, even empty.
  const notice: Record<string, unknown> = { type, notifier: {} };
  for (const field of noticeFormFields(type)) {
    if (field.name.startsWith('items[') || field.name === MORE_URLS_FIELD) continue;
    setPath(notice, field.name, fieldValue(field, values[field.name], false));
  }
  const { items, sources } = readItems(type, values);
  // No address at all is a form error (the DTO requires the list), not an incomplete notice.
  if (items.length) notice.items = items;
  return { notice, itemSources: sources };
}

// The inverse, for filling a form from a notice (tests build form posts from factories).
export function noticeToFormValues(notice: { type: NoticeType } & Record<string, unknown>): FormValues {
  const values: FormValues = { type: notice.type };
  for (const field of noticeFormFields(notice.type)) {
    if (field.name.startsWith('items[') || field.name === MORE_URLS_FIELD) continue;
    const value = getPath(notice, field.name);
    if (value === undefined || value === null) continue;
    if (field.kind === 'checkbox') {
      if (value === true) values[field.name] = 'true';
    } else if (field.kind === 'yesno') {
      if (typeof value === 'boolean') values[field.name] = value ? 'yes' : 'no';
    } else if (Array.isArray(value)) {
      values[field.name] = value.join('\n');
    } else {
      values[field.name] = String(value);
    }
  }
  const items = Array.isArray(notice.items) ? (notice.items as Array<Record<string, unknown>>) : [];
  items.slice(0, ITEM_ROWS).forEach((item, row) => {
    for (const key of ['url', 'passage', 'reason']) {
      if (typeof item[key] === 'string') values[`items[${row}].${key}`] = item[key] as string;
    }
  });
  const more = items.slice(ITEM_ROWS).map((item) => String(item.url));
  if (more.length) values[MORE_URLS_FIELD] = more.join('\n');
  return values;
}

export interface SupplementForm {
  values: FormValues;
  // SupplementNoticeDto's shape, not yet validated.
  supplement: Record<string, unknown>;
  itemSources: ItemSource[];
  // The item index behind each entry of `itemReasons`.
  reasonIndexes: number[];
  empty: boolean;
}

export function readSupplementForm(body: Record<string, unknown>, fields: FormField[]): SupplementForm {
  const values = pickValues(
    body,
    fields.map((field) => field.name),
  );
  const supplement: Record<string, unknown> = {};
  const itemReasons: Array<{ index: number; reason: string }> = [];
  const itemSources: ItemSource[] = [];
  for (const field of fields) {
    const reason = /^items\[(\d+)\]\.reason$/.exec(field.name);
    if (reason) {
      const chosen = text(values[field.name]);
      if (chosen) itemReasons.push({ index: Number(reason[1]), reason: chosen });
    } else if (field.name === MORE_URLS_FIELD) {
      const entries = lines(values[field.name]).slice(0, MAX_ITEMS + 1);
      if (entries.length) supplement.items = entries.map((entry) => ({ url: entry.text }));
      itemSources.push(...entries.map((entry) => ({ line: entry.line })));
    } else {
      // An unticked box supplies nothing: it must not overwrite what was filed.
      setPath(supplement, field.name, fieldValue(field, values[field.name], undefined));
    }
  }
  if (itemReasons.length) supplement.itemReasons = itemReasons;
  return { values, supplement, itemSources, reasonIndexes: itemReasons.map((entry) => entry.index), empty: Object.keys(supplement).length === 0 };
}

export function readWithdrawForm(body: Record<string, unknown>): { values: FormValues; withdrawal: Record<string, unknown> } {
  const values = pickValues(body, ['confirm', 'reason']);
  const withdrawal: Record<string, unknown> = { confirm: !!values.confirm };
  setPath(withdrawal, 'reason', text(values.reason));
  return { values, withdrawal };
}

// --- validation errors, named after the form's inputs ---

// Errors about the whole form have no field: the summary shows them without a link.
export const CHOOSE_TYPE_ERROR: FieldError = { field: 'type', message: 'Choose the type of notice.' };

export function formTokenError(reason: 'missing' | 'invalid' | 'expired'): FieldError {
  return {
    field: '',
    message:
      reason === 'expired'
        ? 'This form was opened more than 24 hours ago. Check your answers below and send the form again.'
        : 'We could not confirm that this form came from our site. Check your answers below and send the form again.',
  };
}

export function supplementErrors(form: SupplementForm, errors: FieldError[]): FieldError[] {
  if (form.empty) return [{ field: '', message: 'Fill in at least one of the fields below before you send the form.' }];
  return toFormErrors(errors, form.itemSources, form.reasonIndexes);
}

const MAX_LINES_NAMED = 10;

function namedLines(numbers: number[]): string {
  const shown = numbers.slice(0, MAX_LINES_NAMED);
  const rest = numbers.length - shown.length;
  if (numbers.length === 1) return `Line ${numbers[0]}`;
  if (rest > 0) return `Lines ${shown.join(', ')} and ${rest} more`;
  return `Lines ${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export function toFormErrors(errors: FieldError[], itemSources: ItemSource[], reasonIndexes: number[] = []): FieldError[] {
  const out: FieldError[] = [];
  // Bad lines of the URL textarea with the same message become one error naming them.
  const badLines = new Map<string, number[]>();
  for (const error of errors) {
    const item = /^items\[(\d+)\](?:\.(\w+))?$/.exec(error.field);
    const reason = /^itemReasons\[(\d+)\]/.exec(error.field);
    if (item) {
      const source = itemSources[Number(item[1])];
      if (source && 'line' in source) {
        badLines.set(error.message, [...(badLines.get(error.message) ?? []), source.line]);
      } else {
        out.push({ field: `items[${source?.row ?? 0}].${item[2] ?? 'url'}`, message: error.message });
      }
    } else if (reason) {
      out.push({ field: `items[${reasonIndexes[Number(reason[1])] ?? 0}].reason`, message: error.message });
    } else if (error.field === 'items') {
      out.push({ field: itemSources.some((source) => 'line' in source) ? MORE_URLS_FIELD : 'items[0].url', message: error.message });
    } else {
      out.push(error);
    }
  }
  for (const [message, numbers] of badLines) out.push({ field: MORE_URLS_FIELD, message: `${namedLines(numbers)}: ${message}` });
  return out;
}
