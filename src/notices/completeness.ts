// Completeness check for a notice as filed: an incomplete notice is stored, not refused,
// and the case asks the notifier for exactly what this module reports missing.
// Required elements per type follow /work/shared/LEGAL.md ("Notice types").

export const NOTICE_TYPES = ['copyright', 'trademark', 'defamation', 'privacy', 'other'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];
export const NOTIFIER_KINDS = ['rights_holder', 'agent', 'individual'] as const;
export type NotifierKind = (typeof NOTIFIER_KINDS)[number];
export const PRIVACY_REASONS = ['outdated', 'irrelevant', 'inaccurate', 'sensitive'] as const;
export type DmcaState = 'valid' | 'curable' | 'ineffective';

export interface NoticeDraft {
  type: NoticeType;
  notifier?: {
    name?: string | null;
    email?: string | null;
    organization?: string | null;
    kind?: NotifierKind | null;
    address?: string | null;
    phone?: string | null;
    country?: string | null;
  };
  principal?: { name?: string | null } | null;
  work?: { description?: string | null; originalUrls?: string[] | null } | null;
  items?: { url?: string | null; passage?: string | null; media?: string | null; reason?: string | null }[] | null;
  explanation?: string | null;
  statements?: { goodFaith?: boolean | null; accuracy?: boolean | null; authority?: boolean | null } | null;
  signature?: string | null;
  jurisdiction?: string | null;
  language?: string | null;
  details?: Record<string, unknown> | null;
}

export interface MissingElement {
  code: string;
  field: string;
  message: string;
}

export interface CompletenessResult {
  complete: boolean;
  missing: MissingElement[];
  dmcaState: DmcaState | null;
}

type StatementName = 'goodFaith' | 'accuracy' | 'authority';
type NoticeItem = NonNullable<NoticeDraft['items']>[number];

// DMCA §512(c)(3)(A) groups that decide curable vs ineffective (§512(c)(3)(B)(ii)).
type DmcaGroup = 'work' | 'material' | 'contact';

interface NoticeRequirement {
  code: string;
  field: string;
  message: string;
  isPresent: (notice: NoticeDraft) => boolean;
  statement?: StatementName;
  dmcaGroup?: DmcaGroup;
}

// Checked on every item, so the notifier learns which link lacks what.
interface ItemRequirement {
  code: string;
  field: (index: number) => string;
  message: (index: number) => string;
  isPresentOn: (item: NoticeItem) => boolean;
}

type Requirement = NoticeRequirement | ItemRequirement;

const MIN_EXPLANATION_CHARACTERS = 20;

export function hasText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function itemsOf(notice: NoticeDraft): NoticeItem[] {
  return Array.isArray(notice.items) ? notice.items : [];
}

function detail(notice: NoticeDraft, key: string): unknown {
  return notice.details?.[key];
}

function hasItemUrl(notice: NoticeDraft): boolean {
  return itemsOf(notice).some((item) => hasText(item?.url));
}

function isPrivacyReason(value: unknown): boolean {
  return (PRIVACY_REASONS as readonly unknown[]).includes(value);
}

function textAt(code: string, field: string, message: string, read: (notice: NoticeDraft) => unknown): NoticeRequirement {
  return { code, field, message, isPresent: (notice) => hasText(read(notice)) };
}

// Only an explicit `true` is an attestation: false, null or a truthy string is not.
function statementRequired(statement: StatementName, code: string, message: string): NoticeRequirement {
  return {
    code,
    field: `statements.${statement}`,
    message,
    statement,
    isPresent: (notice) => notice.statements?.[statement] === true,
  };
}

const signature = textAt('signature', 'signature', 'Your signature: type your full name as your electronic signature.', (notice) => notice.signature);
const notifierName = textAt('notifier_name', 'notifier.name', 'Your full name.', (notice) => notice.notifier?.name);
const contactEmail = textAt('contact_email', 'notifier.email', 'Your e-mail address, so that we can reply to you.', (notice) => notice.notifier?.email);
const contactAddress = textAt('contact_address', 'notifier.address', 'Your postal address.', (notice) => notice.notifier?.address);
const contactPhone = textAt('contact_phone', 'notifier.phone', 'Your telephone number.', (notice) => notice.notifier?.phone);

function itemUrls(message: string): NoticeRequirement {
  return { code: 'item_urls', field: 'items', message, isPresent: hasItemUrl };
}

const principalName = textAt(
  'principal_name',
  'principal.name',
  'The name of the rights holder you act for: the person or organisation on whose behalf you send this notice.',
  (notice) => notice.principal?.name,
);

const REQUIREMENTS: Record<NoticeType, Requirement[]> = {
  // §512(c)(3)(A) (i)–(vi), in the statute's order.
  copyright: [
    signature,
    {
      ...textAt(
        'work_description',
        'work.description',
        'The work you own: describe the copyrighted work (for example the title of the photo, article or video), or list the works if there are several.',
        (notice) => notice.work?.description,
      ),
      dmcaGroup: 'work',
    },
    {
      ...itemUrls('Where the copied material is: the web address (URL) of each page on our site that uses your work.'),
      dmcaGroup: 'material',
    },
    { ...contactAddress, dmcaGroup: 'contact' },
    { ...contactPhone, dmcaGroup: 'contact' },
    { ...contactEmail, dmcaGroup: 'contact' },
    statementRequired(
      'goodFaith',
      'statement_good_faith',
      'A statement that you believe in good faith that the use of the material is not allowed by the copyright owner, its agent or the law.',
    ),
    statementRequired('accuracy', 'statement_accuracy', 'A statement that the information in your notice is accurate.'),
    statementRequired(
      'authority',
      'statement_authority',
      'A statement, under penalty of perjury (you can be prosecuted if it is knowingly false), that you are the copyright owner or are allowed to act for the owner.',
    ),
  ],
  trademark: [
    textAt('trademark_mark', 'details.mark', 'The trademark: the name, logo or sign you say is being misused.', (notice) => detail(notice, 'mark')),
    textAt(
      'trademark_registration_office',
      'details.registrationOffice',
      'Where the trademark is registered: the trademark office (for example the USPTO, EUIPO or UK IPO).',
      (notice) => detail(notice, 'registrationOffice'),
    ),
    textAt('trademark_registration_number', 'details.registrationNumber', 'The registration number of the trademark.', (notice) => detail(notice, 'registrationNumber')),
    textAt('trademark_owner', 'details.markOwner', 'Who owns the trademark: the person or company it is registered to.', (notice) => detail(notice, 'markOwner')),
    itemUrls('Where the trademark is misused: the web address (URL) of each page on our site concerned.'),
    textAt('explanation', 'explanation', 'How the trademark is misused: explain how the use on each page infringes your trademark.', (notice) => notice.explanation),
    notifierName,
    contactEmail,
    contactAddress,
    contactPhone,
    statementRequired(
      'goodFaith',
      'statement_good_faith',
      'A statement that you believe in good faith that the use of the trademark is not allowed by its owner, its agent or the law.',
    ),
    statementRequired('accuracy', 'statement_accuracy', 'A statement that the information in your notice is accurate.'),
    signature,
  ],
  // Defamation Act 2013 s.5 and SI 2013/3028 reg. 2, in the regulation's order.
  defamation: [
    notifierName,
    contactEmail,
    itemUrls('Where the statement was published: the web address (URL) of each of our articles where it appears.'),
    {
      code: 'defamation_statement',
      field: 'details.statement',
      message: 'The statement you complain about: quote the exact words from the article.',
      isPresent: (notice) => hasText(detail(notice, 'statement')) || itemsOf(notice).some((item) => hasText(item?.passage)),
    },
    textAt('defamatory_meaning', 'details.defamatoryMeaning', 'Why the statement harms your reputation: explain what you understand it to mean about you.', (notice) =>
      detail(notice, 'defamatoryMeaning'),
    ),
    textAt('inaccurate_parts', 'details.inaccurateParts', 'Which parts are wrong: say which facts are untrue, or which opinions are not supported by facts.', (notice) =>
      detail(notice, 'inaccurateParts'),
    ),
    {
      code: 'lacks_poster_info',
      field: 'details.lacksPosterInfo',
      message: 'Confirm that you do not know enough about the author of the article (the journalist or contributor who wrote it) to take them to court yourself.',
      isPresent: (notice) => detail(notice, 'lacksPosterInfo') === true,
    },
    {
      // Either answer is complete: the law only requires that the complainant says which.
      code: 'consent_to_share',
      field: 'details.consentToShare',
      message: 'Say whether you agree that we pass your name and e-mail address to the author of the article.',
      isPresent: (notice) => typeof detail(notice, 'consentToShare') === 'boolean',
    },
  ],
  // GDPR Art. 17 (right to erasure).
  privacy: [
    {
      code: 'subject_name',
      field: 'details.subjectName',
      message: 'The name of the person the article is about.',
      // A private person filing for themselves has already given their name.
      isPresent: (notice) => hasText(detail(notice, 'subjectName')) || (notice.notifier?.kind === 'individual' && hasText(notice.notifier.name)),
    },
    itemUrls('The articles concerned: the web address (URL) of each of our articles you want the information removed from.'),
    {
      code: 'privacy_reason',
      field: (index) => `items[${index}].reason`,
      message: (index) => `Why link ${index + 1} should be removed: choose whether the information is outdated, irrelevant, inaccurate or sensitive.`,
      isPresentOn: (item) => isPrivacyReason(item?.reason),
    },
    textAt('jurisdiction', 'jurisdiction', 'The country whose privacy law applies to you (usually the country where you live).', (notice) => notice.jurisdiction),
    {
      code: 'identity_confirmed',
      field: 'details.identityConfirmed',
      message: 'Confirm that you are the person concerned, or are allowed to act for them.',
      isPresent: (notice) => detail(notice, 'identityConfirmed') === true,
    },
  ],
  // DSA Art. 16(2) minimum for any illegal content.
  other: [
    {
      code: 'explanation',
      field: 'explanation',
      message: `Why the content is illegal: explain which law it breaks and why (at least ${MIN_EXPLANATION_CHARACTERS} characters, not counting spaces).`,
      isPresent: (notice) => typeof notice.explanation === 'string' && notice.explanation.replace(/\s/g, '').length >= MIN_EXPLANATION_CHARACTERS,
    },
    itemUrls('The exact pages concerned: the web address (URL) of each page on our site.'),
    notifierName,
    contactEmail,
    statementRequired('accuracy', 'statement_accuracy', 'A statement that you believe in good faith that the information in your notice is accurate and complete.'),
  ],
};

function requirementsFor(type: NoticeType): Requirement[] {
  const requirements = REQUIREMENTS[type];
  if (!requirements) throw new RangeError(`Unknown notice type: ${String(type)}`);
  return requirements;
}

function isItemRequirement(requirement: Requirement): requirement is ItemRequirement {
  return 'isPresentOn' in requirement;
}

function missingFor(requirement: Requirement, notice: NoticeDraft): MissingElement[] {
  if (isItemRequirement(requirement)) {
    return itemsOf(notice).flatMap((item, index) =>
      requirement.isPresentOn(item) ? [] : [{ code: requirement.code, field: requirement.field(index), message: requirement.message(index) }],
    );
  }
  if (requirement.isPresent(notice)) return [];
  return [{ code: requirement.code, field: requirement.field, message: requirement.message }];
}

// Curable when the work, the material's location and some way to reach the sender are
// there (§512(c)(3)(B)(ii)); one means of contact is "reasonably sufficient".
function dmcaStateOf(notice: NoticeDraft, missing: MissingElement[]): DmcaState {
  if (missing.length === 0) return 'valid';
  const grouped = requirementsFor('copyright').filter((requirement): requirement is NoticeRequirement => !isItemRequirement(requirement) && !!requirement.dmcaGroup);
  const groupPresent = (group: DmcaGroup) => grouped.filter((requirement) => requirement.dmcaGroup === group).some((requirement) => requirement.isPresent(notice));
  const corePresent = groupPresent('work') && groupPresent('material') && groupPresent('contact');
  return corePresent ? 'curable' : 'ineffective';
}

export function checkCompleteness(notice: NoticeDraft): CompletenessResult {
  // The principal is asked of every type, after the type's own legal list.
  const requirements = notice.notifier?.kind === 'agent' ? [...requirementsFor(notice.type), principalName] : requirementsFor(notice.type);
  const missing = requirements.flatMap((requirement) => missingFor(requirement, notice));
  return {
    complete: missing.length === 0,
    missing,
    dmcaState: notice.type === 'copyright' ? dmcaStateOf(notice, missing) : null,
  };
}

export function requiredStatements(type: NoticeType): StatementName[] {
  return requirementsFor(type).flatMap((requirement) => (!isItemRequirement(requirement) && requirement.statement ? [requirement.statement] : []));
}
