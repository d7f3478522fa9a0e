import type { FieldError } from '../common/desk-error';
import type { NoticeType } from './completeness';
import { MAX_ITEMS } from './dto/file-notice.dto';
import type { FormField, FormValues } from '../web/form-fields';
import { fieldValue, noticeToFormValues, pickValues, setPath } from './notice-form';
import { FormSection, MORE_URLS, MORE_URLS_FIELD, noticeFormSections, reasonField } from './notice-form-fields';
import type { TrackingView } from './tracking-view';

// The tracking page's correction form: every field of the notice, filled with what it says
// now, one row per web address already in it, and a box for more. Only what the notifier
// changed is sent (CorrectNoticeDto); the rest stays as it is.

// Rows for addresses already in the notice; the API corrects any of them.
export const MAX_CORRECTION_ROWS = 50;
const TEXT_KINDS = ['text', 'email', 'tel', 'url', 'textarea', 'lines'];

type ItemView = TrackingView['items'][number];

function itemFields(type: NoticeType, item: ItemView): FormField[] {
  const fields: FormField[] = [
    { name: `items[${item.index}].url`, kind: 'url', label: 'Web address (URL)' },
    { name: `items[${item.index}].passage`, kind: 'textarea', label: 'The passage concerned', optional: true },
  ];
  if (type === 'privacy') fields.push(reasonField(`items[${item.index}].reason`, 'Why it should be removed'));
  return fields;
}

export function correctionSections(type: NoticeType, items: ItemView[]): FormSection[] {
  return noticeFormSections(type).map((section) =>
    section.id === 'content'
      ? {
          ...section,
          intro: 'Correct a web address by typing over it. A corrected address is checked against our articles again.',
          rows: items.slice(0, MAX_CORRECTION_ROWS).map((item) => ({ label: `Page ${item.index + 1}`, fields: itemFields(type, item) })),
          fields: [{ ...MORE_URLS, label: 'Add more web addresses, one per line', hint: `Up to ${MAX_ITEMS.toLocaleString('en-GB')} in the whole notice.` }],
        }
      : section,
  );
}

export function correctionFields(sections: FormSection[]): FormField[] {
  return sections.flatMap((section) => [...(section.rows ?? []).flatMap((row) => row.fields), ...section.fields]);
}

// What the form shows before any change: the notice as it stands.
export function currentValues(view: TrackingView): FormValues {
  const values = noticeToFormValues({ type: view.type as NoticeType, ...view.sent.notice, items: [] });
  delete values.type;
  for (const item of view.items.slice(0, MAX_CORRECTION_ROWS)) {
    values[`items[${item.index}].url`] = item.url;
    if (item.passage) values[`items[${item.index}].passage`] = item.passage;
    if (item.reason) values[`items[${item.index}].reason`] = item.reason;
  }
  return values;
}

export interface CorrectionForm {
  values: FormValues;
  // CorrectNoticeDto's shape, not yet validated.
  correction: Record<string, unknown>;
  // The item index behind each entry of `items`, and the line behind each of `addItems`.
  itemIndexes: number[];
  addedLines: number[];
  // A filled field emptied: a correction types the right value instead.
  emptied: FieldError[];
}

// The correction page's hidden marker: this post comes from the whole form.
export const BOXES_SHOWN = 'boxesShown';

const item = /^items\[(\d+)\]\.(url|passage|reason)$/;

export function readCorrectionForm(body: Record<string, unknown>, fields: FormField[], current: FormValues): CorrectionForm {
  const values = pickValues(
    body,
    fields.map((field) => field.name),
  );
  const correction: Record<string, unknown> = {};
  const corrections = new Map<number, Record<string, unknown>>();
  const emptied: FieldError[] = [];
  for (const field of fields) {
    if (field.name === MORE_URLS_FIELD) continue;
    // A field the post does not carry at all is left as it is. A browser sends every text
    // field, empty or not, but never an unticked box: the page's marker says that the post
    // shows every box, so that a box's absence unticks it.
    if (!Object.hasOwn(body, field.name) && (field.kind !== 'checkbox' || !Object.hasOwn(body, BOXES_SHOWN))) continue;
    const before = current[field.name] ?? '';
    const after = values[field.name] ?? '';
    if (before.trim() === after.trim() && field.kind !== 'checkbox') continue;
    if (field.kind === 'checkbox' && !!before === !!after) continue;
    if (TEXT_KINDS.includes(field.kind) && before.trim() && !after.trim()) {
      emptied.push({ field: field.name, message: 'Type the correct value: a field cannot be emptied (what you sent first stays on record).' });
      continue;
    }
    const position = item.exec(field.name);
    if (position) {
      const entry = corrections.get(Number(position[1])) ?? { index: Number(position[1]) };
      entry[position[2]] = after.trim() || undefined;
      corrections.set(Number(position[1]), entry);
    } else {
      setPath(correction, field.name, fieldValue(field, values[field.name], false));
    }
  }
  if (corrections.size) correction.items = [...corrections.values()];
  const added = (values[MORE_URLS_FIELD] ?? '')
    .split(/\r\n|\r|\n/)
    .map((text, index) => ({ line: index + 1, text: text.trim() }))
    .filter((entry) => entry.text !== '')
    .slice(0, MAX_ITEMS + 1);
  if (added.length) correction.addItems = added.map((entry) => ({ url: entry.text }));
  return { values, correction, itemIndexes: [...corrections.keys()], addedLines: added.map((entry) => entry.line), emptied };
}

// Errors of the DTO and of the service, named after the form's inputs.
export function correctionErrors(form: CorrectionForm, errors: FieldError[]): FieldError[] {
  return errors.map((error) => {
    const corrected = /^items\[(\d+)\](?:\.(\w+))?/.exec(error.field);
    if (corrected)
      return { field: `items[${form.itemIndexes[Number(corrected[1])] ?? 0}].${corrected[2] === 'index' || !corrected[2] ? 'url' : corrected[2]}`, message: error.message };
    const added = /^addItems(?:\[(\d+)\])?/.exec(error.field);
    if (added) {
      const line = added[1] === undefined ? undefined : form.addedLines[Number(added[1])];
      return { field: MORE_URLS_FIELD, message: line ? `Line ${line}: ${error.message}` : error.message };
    }
    return error;
  });
}
