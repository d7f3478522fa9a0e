import type { FieldError } from '../common/desk-error';
import { checkCompleteness, MissingElement, NOTICE_TYPES, PRIVACY_REASONS, type NoticeType } from './completeness';
import { MAX_ITEMS } from './dto/file-notice.dto';
import { DETAIL_STATEMENT_TEXTS, NOTICE_TYPE_INFO, statementsFor } from './notice-types';

// The public filing form and the tracking page's supplement form, as data: which fields
// each notice type asks for, and the mapping between the flat form post
// (`{'notifier.name': 'x', 'items[0].url': '...'}`) and the DTO shapes the API validates.
// A field's name is its DTO path, except for the item rows and the `moreUrls` textarea.

export type FormValues = Record<string, string>;

export type FieldKind = 'text' | 'email' | 'tel' | 'url' | 'textarea' | 'lines' | 'checkbox' | 'radio' | 'yesno' | 'select';

export interface FieldOption {
  value: string;
  label: string;
  hint?: string;
}

export interface FormField {
  name: string;
  kind: FieldKind;
  label: string;
  hint?: string;
  options?: FieldOption[];
  autocomplete?: string;
  width?: 'short' | 'medium';
  uppercase?: boolean;
  // Shown after the label for text fields a complete notice of this type can do without.
  optional?: boolean;
  // Radio options as large cards with a summary (the type choice).
  cards?: boolean;
}

export interface ItemRow {
  label: string;
  fields: FormField[];
}

export interface FormSection {
  id: string;
  title: string;
  intro?: string;
  rows?: ItemRow[];
  fields: FormField[];
}

export const HONEYPOT_FIELD = 'website';
export const FORM_TOKEN_FIELD = 'formToken';
export const MORE_URLS_FIELD = 'moreUrls';
export const ITEM_ROWS = 3;

export const PRIVACY_REASON_LABELS: Record<(typeof PRIVACY_REASONS)[number], string> = {
  outdated: 'Outdated: it was true once, but is no longer',
  irrelevant: 'Irrelevant: it serves no purpose to publish it now',
  inaccurate: 'Inaccurate: it is wrong',
  sensitive: 'Sensitive: health, religion, sexuality, criminal record or similar',
};

export const TYPE_FIELD: FormField = {
  name: 'type',
  kind: 'radio',
  label: 'What is your notice about?',
  cards: true,
  options: NOTICE_TYPES.map((type) => ({ value: type, label: NOTICE_TYPE_INFO[type].label, hint: NOTICE_TYPE_INFO[type].summary })),
};

export const WITHDRAW_FIELDS: FormField[] = [
  { name: 'confirm', kind: 'checkbox', label: 'I understand that withdrawing cannot be undone' },
  { name: 'reason', kind: 'textarea', label: 'Why you withdraw the notice', optional: true },
];

const NOTIFIER_FIELDS: FormField[] = [
  { name: 'notifier.name', kind: 'text', label: 'Full name', autocomplete: 'name' },
  { name: 'notifier.email', kind: 'email', label: 'E-mail address', hint: 'Your receipt and every message about the case are sent here.', autocomplete: 'email' },
  { name: 'notifier.organization', kind: 'text', label: 'Organisation', autocomplete: 'organization' },
  {
    name: 'notifier.kind',
    kind: 'radio',
    label: 'You are filing as',
    options: [
      { value: 'rights_holder', label: 'The rights holder', hint: 'You own the rights, or the content is about you.' },
      { value: 'agent', label: 'An agent', hint: 'You act for the rights holder, for example as their lawyer.' },
      { value: 'individual', label: 'A private individual' },
    ],
  },
  { name: 'principal.name', kind: 'text', label: 'Who you act for', hint: 'Only when you act for someone else: the person or organisation you represent.' },
  { name: 'notifier.address', kind: 'textarea', label: 'Postal address', autocomplete: 'street-address' },
  { name: 'notifier.phone', kind: 'tel', label: 'Telephone number', autocomplete: 'tel', width: 'medium' },
  { name: 'notifier.country', kind: 'text', label: 'Country you live in', hint: 'Two-letter code, like GB, DE or US.', autocomplete: 'country', width: 'short', uppercase: true },
];

const WORK_FIELDS: FormField[] = [
  {
    name: 'work.description',
    kind: 'textarea',
    label: 'The work you own',
    hint: 'Describe the copyrighted work, for example the title of the photo, article or video. If there are several, list them.',
  },
  { name: 'work.originalUrls', kind: 'lines', label: 'Where the original can be seen', hint: 'Web addresses, one per line.' },
];

const TRADEMARK_FIELDS: FormField[] = [
  { name: 'details.mark', kind: 'text', label: 'The trademark', hint: 'The name, logo or sign you say is being misused.' },
  { name: 'details.registrationOffice', kind: 'text', label: 'Registration office', hint: 'For example EUIPO, USPTO or UK IPO.', width: 'medium' },
  { name: 'details.registrationNumber', kind: 'text', label: 'Registration number', width: 'medium' },
  { name: 'details.markOwner', kind: 'text', label: 'Owner of the trademark', hint: 'The person or company the mark is registered to.' },
];

const DEFAMATION_FIELDS: FormField[] = [
  {
    name: 'details.statement',
    kind: 'textarea',
    label: 'The statement in the article you complain about',
    hint: 'Quote the exact words the article uses. You can also quote them for each article below.',
  },
  { name: 'details.defamatoryMeaning', kind: 'textarea', label: 'What the statement says about you, and why it harms your reputation' },
  {
    name: 'details.inaccurateParts',
    kind: 'textarea',
    label: 'Which parts are untrue',
    hint: 'Say which facts the article gets wrong, or which opinions in it are not supported by facts.',
  },
  { name: 'details.lacksPosterInfo', kind: 'checkbox', label: DETAIL_STATEMENT_TEXTS.lacksPosterInfo },
  {
    name: 'details.consentToShare',
    kind: 'yesno',
    label: DETAIL_STATEMENT_TEXTS.consentToShare,
    options: [
      { value: 'yes', label: 'Yes, you may give them my name and e-mail address' },
      { value: 'no', label: 'No' },
    ],
  },
];

const PRIVACY_FIELDS: FormField[] = [
  {
    name: 'details.subjectName',
    kind: 'text',
    label: 'Name of the person the article is about',
    hint: 'You can leave this empty if it is about you and you file as a private individual.',
  },
  {
    name: 'details.publicFigure',
    kind: 'yesno',
    label: 'Is the person a public figure?',
    hint: 'For example a politician, a senior official, a business leader, a celebrity or a well-known sports person.',
    options: [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No, a private person' },
    ],
  },
  {
    name: 'details.publicRole',
    kind: 'text',
    label: 'Their public role, past or present',
    hint: 'For example: member of parliament, chief executive of a listed company. Leave empty if they have none.',
    optional: true,
  },
  {
    name: 'details.aboutPublicRole',
    kind: 'yesno',
    label: 'Is the information in the article about that public role?',
    hint: 'News about what a person does in public life weighs differently from their private life.',
    options: [
      { value: 'yes', label: 'Yes, it is about their public role or public life' },
      { value: 'no', label: 'No, it is about their private life' },
    ],
  },
  { name: 'details.identityConfirmed', kind: 'checkbox', label: DETAIL_STATEMENT_TEXTS.identityConfirmed },
];

const EXPLANATION_LABELS: Record<NoticeType, { label: string; hint?: string }> = {
  copyright: { label: 'Anything else we should know' },
  trademark: { label: 'How the use infringes your trademark', hint: 'Explain, for each page, how the use of the mark infringes it.' },
  defamation: { label: 'Anything else we should know' },
  privacy: { label: 'Anything else we should know' },
  other: { label: 'Why the content is illegal', hint: 'Say which law it breaks and why (at least 20 characters).' },
};

const SIGNATURE_FIELD: FormField = {
  name: 'signature',
  kind: 'text',
  label: 'Your signature',
  hint: 'Type your full name: it counts as your electronic signature.',
  autocomplete: 'name',
};

export const MORE_URLS: FormField = {
  name: MORE_URLS_FIELD,
  kind: 'lines',
  label: 'More web addresses, one per line',
  hint: `For many pages: up to ${MAX_ITEMS.toLocaleString('en-GB')} web addresses in one notice, counting the ones above.`,
};

export function reasonField(name: string, label: string, hint?: string): FormField {
  return {
    name,
    kind: 'select',
    label,
    hint,
    options: [{ value: '', label: 'Choose a reason' }, ...PRIVACY_REASONS.map((value) => ({ value, label: PRIVACY_REASON_LABELS[value] }))],
  };
}

function itemRow(type: NoticeType, index: number): ItemRow {
  const fields: FormField[] = [
    { name: `items[${index}].url`, kind: 'url', label: 'Web address (URL)', hint: index === 0 ? 'Copy it from the address bar, starting with https://' : undefined },
    {
      name: `items[${index}].passage`,
      kind: 'textarea',
      label: 'The passage concerned',
      hint: type === 'defamation' ? 'Quote the exact words complained of in this article.' : 'Quote the exact words, or describe the photo or video.',
    },
  ];
  if (type === 'privacy') fields.push(reasonField(`items[${index}].reason`, 'Why it should be removed'));
  return { label: `${type === 'defamation' || type === 'privacy' ? 'Article' : 'Page'} ${index + 1}`, fields };
}

// Name, principal and subject are asked for conditionally; their hints say when.
const NEVER_MARKED_OPTIONAL = new Set(['notifier.name', 'principal.name', 'details.subjectName']);
const TEXT_KINDS: FieldKind[] = ['text', 'email', 'tel', 'url', 'textarea', 'lines'];

// The fields a complete notice of this type needs: what an empty notice would miss.
function requiredFieldNames(type: NoticeType): Set<string> {
  return new Set(checkCompleteness({ type, notifier: {}, items: [] }).missing.map((element) => element.field));
}

export function noticeFormSections(type: NoticeType): FormSection[] {
  const required = requiredFieldNames(type);
  const mark = (fields: FormField[]): FormField[] =>
    fields.map((field) => (TEXT_KINDS.includes(field.kind) && !NEVER_MARKED_OPTIONAL.has(field.name) && !required.has(field.name) ? { ...field, optional: true } : field));
  const statements: FormField[] = statementsFor(type).map(({ key, text }) => ({ name: `statements.${key}`, kind: 'checkbox', label: text }));
  const sections: FormSection[] = [{ id: 'about-you', title: 'About you', fields: mark(NOTIFIER_FIELDS) }];
  if (type === 'copyright') sections.push({ id: 'work', title: 'Your work', fields: mark(WORK_FIELDS) });
  if (type === 'trademark') sections.push({ id: 'trademark', title: 'Your trademark', fields: mark(TRADEMARK_FIELDS) });
  if (type === 'defamation') sections.push({ id: 'statement', title: 'The statement in the article', fields: mark(DEFAMATION_FIELDS) });
  if (type === 'privacy') sections.push({ id: 'person', title: 'The person concerned', fields: mark(PRIVACY_FIELDS) });
  sections.push(
    {
      id: 'content',
      title: type === 'defamation' || type === 'privacy' ? 'The articles concerned' : 'The content you complain about',
      intro: 'Give the address of each of our articles concerned. Addresses on other sites are recorded, but we cannot act on them.',
      rows: Array.from({ length: ITEM_ROWS }, (_, index) => itemRow(type, index)),
      fields: [MORE_URLS],
    },
    {
      id: 'explanation',
      title: 'Your explanation',
      fields: mark([
        { name: 'explanation', kind: 'textarea', ...EXPLANATION_LABELS[type] },
        { name: 'jurisdiction', kind: 'text', label: 'Country whose law applies', hint: 'Two-letter code, like GB or DE.', width: 'short', uppercase: true },
        { name: 'language', kind: 'text', label: 'Language of your notice', hint: 'A language code, like en, fr or pt-BR.', width: 'short' },
      ]),
    },
    {
      id: 'declaration',
      title: statements.length ? 'Statements and signature' : 'Signature',
      intro: statements.length ? 'Tick each statement you make. They are recorded with your notice, word for word.' : undefined,
      fields: [...statements, ...mark([SIGNATURE_FIELD])],
    },
  );
  return sections;
}

export function noticeFormFields(type: NoticeType): FormField[] {
  return noticeFormSections(type).flatMap((section) => [...(section.rows ?? []).flatMap((row) => row.fields), ...section.fields]);
}

export function isNoticeType(value: unknown): value is NoticeType {
  return (NOTICE_TYPES as readonly unknown[]).includes(value);
}

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

// --- the supplement form: only the inputs for what is missing ---

export function supplementFields(type: NoticeType, missing: MissingElement[], items: Array<{ index: number; url: string }>): FormField[] {
  const catalogue = new Map(noticeFormFields(type).map((field) => [field.name, field]));
  const fields = new Map<string, FormField>();
  for (const element of missing) {
    const reason = /^items\[(\d+)\]\.reason$/.exec(element.field);
    if (reason) {
      const index = Number(reason[1]);
      const url = items.find((item) => item.index === index)?.url;
      fields.set(element.field, reasonField(element.field, `Why link ${index + 1} should be removed`, url));
    } else if (element.field === 'items') {
      fields.set(MORE_URLS_FIELD, { ...MORE_URLS, label: 'Web addresses (URLs) of the pages, one per line', hint: undefined });
    } else {
      const known = catalogue.get(element.field);
      fields.set(element.field, known ? { ...known, optional: false } : { name: element.field, kind: 'text', label: element.message });
    }
  }
  return [...fields.values()];
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
