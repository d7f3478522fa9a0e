import { checkCompleteness, MissingElement, NOTICE_TYPES, PRIVACY_REASONS, type NoticeType } from './completeness';
import { MAX_ITEMS } from './dto/file-notice.dto';
import { DETAIL_STATEMENT_TEXTS, NOTICE_TYPE_INFO, statementsFor } from './notice-types';
import type { FieldKind, FormField } from '../web/form-fields';

// The public filing form and the tracking page's supplement form, as data: which fields
// each notice type asks for. A field's name is its DTO path, except for the item rows and
// the `moreUrls` textarea. Reading a post into the DTO shapes: ./notice-form.ts.

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
