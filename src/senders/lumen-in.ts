import type { FieldError } from '../common/desk-error';
import type { NoticeType } from '../notices/completeness';

// A Lumen database notice (FORMATS.md, "Lumen database notices") mapped to the desk's own
// filing shape (FileNoticeDto), without I/O. What has no place in a desk notice is refused by
// name (a 422 naming the Lumen field), never guessed at. The result is then validated as
// any filing is; `paths` names the Lumen field behind each desk field so that those errors
// name what the sender wrote.

const TYPES: Record<string, NoticeType | null> = {
  DMCA: 'copyright',
  Trademark: 'trademark',
  Defamation: 'defamation',
  DataProtection: 'privacy',
  PrivateInformation: 'privacy',
  CourtOrder: 'other',
  LawEnforcementRequest: 'other',
  GovernmentRequest: 'other',
  Counterfeit: 'other',
  LocalLaw: 'other',
  Other: 'other',
  // A counter-notice answers a removal: authors file it through their response link.
  Counternotice: null,
};
export const LUMEN_TYPES = Object.keys(TYPES);

// The URL lists a work may hold. Lumen's public records rename the infringing list per type.
const TARGET_LISTS = ['infringing_urls', 'defamatory_urls', 'urls_mentioned_in_request', 'urls_with_private_information', 'targetted_urls'];
const ORIGINAL_LISTS = ['copyrighted_urls'];
const WORK_FIELDS = new Set(['description', 'kind', ...[...TARGET_LISTS, ...ORIGINAL_LISTS].flatMap((list) => [list, `${list}_attributes`])]);

// Who files (first found), whom they act for; the recipient is the publisher itself.
const FILER_ROLES = ['sender', 'agent', 'attorney', 'submitter'];
const ROLES = new Set([...FILER_ROLES, 'principal', 'recipient']);
const ENTITY_FIELDS = new Set(['name', 'kind', 'address_line_1', 'address_line_2', 'city', 'state', 'zip', 'country_code', 'phone', 'email', 'url']);

// Descriptive fields with no desk counterpart that change nothing about the notice: kept
// out of the filing on purpose (the desk records its own time of receipt and action).
const IGNORED = new Set(['title', 'tag_list', 'case_id_number', 'action_taken', 'date_sent', 'date_received']);
const NOTICE_FIELDS = new Set([
  ...IGNORED,
  'type',
  'subject',
  'body',
  'language',
  'jurisdiction_list',
  'mark_registration_number',
  'counternotice_for_id',
  'works_attributes',
  'works',
  'entity_notice_roles_attributes',
  'entity_notice_roles',
]);
const EARLIEST_DATE = '1998-10-28';

export interface LumenMapping {
  notice: Record<string, unknown>;
  // desk field prefix → Lumen field (for validation errors).
  paths: Record<string, string>;
}

export type LumenResult = { ok: true; mapping: LumenMapping } | { ok: false; errors: FieldError[] };

type Plain = Record<string, unknown>;
const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

export function mapLumenNotice(input: unknown, now: Date, base = 'notice'): LumenResult {
  if (!isPlain(input)) return { ok: false, errors: [{ field: base, message: 'Must be a Lumen notice (an object).' }] };
  const errors: FieldError[] = [];
  const paths: Record<string, string> = {};
  for (const key of Object.keys(input)) {
    if (!NOTICE_FIELDS.has(key)) errors.push({ field: `${base}.${key}`, message: 'This Lumen field cannot be mapped to a notice here.' });
  }
  if (input.counternotice_for_id !== undefined && input.counternotice_for_id !== null) {
    errors.push({ field: `${base}.counternotice_for_id`, message: 'A counter-notice is filed by the author through their response link, not as a notice.' });
  }
  const type = mapType(input.type, `${base}.type`, errors);
  for (const field of ['date_sent', 'date_received']) checkDate(input[field], `${base}.${field}`, now, errors);

  const notice: Plain = { type };
  paths.type = `${base}.type`;
  const works = readWorks(input, base, type, errors, paths);
  Object.assign(notice, works);
  const parties = readRoles(input, base, errors, paths);
  Object.assign(notice, parties);

  const explanation = text(input.body) ?? text(input.subject);
  if (explanation !== undefined) {
    notice.explanation = explanation;
    paths.explanation = `${base}.${text(input.body) !== undefined ? 'body' : 'subject'}`;
  }
  if (input.language !== undefined) {
    notice.language = input.language;
    paths.language = `${base}.language`;
  }
  const jurisdiction = readJurisdiction(input.jurisdiction_list, `${base}.jurisdiction_list`, errors);
  if (jurisdiction !== undefined) {
    notice.jurisdiction = jurisdiction;
    paths.jurisdiction = `${base}.jurisdiction_list`;
  }
  if (input.mark_registration_number !== undefined) {
    if (type !== 'trademark') errors.push({ field: `${base}.mark_registration_number`, message: 'Only a Trademark notice has a mark registration number.' });
    notice.details = { ...(notice.details as Plain | undefined), registrationNumber: input.mark_registration_number };
    paths['details.registrationNumber'] = `${base}.mark_registration_number`;
  }
  return errors.length ? { ok: false, errors } : { ok: true, mapping: { notice, paths } };
}

function mapType(value: unknown, field: string, errors: FieldError[]): NoticeType | undefined {
  if (value === undefined || value === null) {
    errors.push({ field, message: 'Give the Lumen notice type.' });
    return undefined;
  }
  const mapped = typeof value === 'string' && Object.hasOwn(TYPES, value) ? TYPES[value] : undefined;
  if (mapped === undefined) errors.push({ field, message: `Must be one of: ${LUMEN_TYPES.join(', ')}.` });
  else if (mapped === null) errors.push({ field, message: 'A counter-notice is filed by the author through their response link, not as a notice.' });
  return mapped ?? undefined;
}

function checkDate(value: unknown, field: string, now: Date, errors: FieldError[]): void {
  if (value === undefined || value === null) return;
  const day = typeof value === 'string' ? value.slice(0, 10) : '';
  const tomorrow = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(value as string)) || day < EARLIEST_DATE || day > tomorrow) {
    errors.push({ field, message: `Must be a date between ${EARLIEST_DATE} and tomorrow.` });
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

// `works_attributes` (the submission form) or `works` (Lumen's public records).
function readWorks(input: Plain, base: string, type: NoticeType | undefined, errors: FieldError[], paths: Record<string, string>): Plain {
  const key = input.works_attributes !== undefined ? 'works_attributes' : 'works';
  const works = input[key];
  if (!Array.isArray(works) || works.length === 0) {
    errors.push({ field: `${base}.works_attributes`, message: 'List at least one work, with its infringing_urls_attributes.' });
    return {};
  }
  const items: Plain[] = [];
  const originals: string[] = [];
  const descriptions: string[] = [];
  works.forEach((work, w) => {
    const at = `${base}.${key}[${w}]`;
    if (!isPlain(work)) return errors.push({ field: at, message: 'Each work must be an object.' });
    for (const field of Object.keys(work)) if (!WORK_FIELDS.has(field)) errors.push({ field: `${at}.${field}`, message: 'This Lumen field cannot be mapped to a notice here.' });
    const description = text(work.description);
    if (description !== undefined) descriptions.push(description);
    for (const list of TARGET_LISTS) {
      readUrls(work, list, at, errors).forEach(({ url, path, urlPath }) => {
        paths[`items[${items.length}]`] = path;
        paths[`items[${items.length}].url`] = urlPath;
        items.push({ url });
      });
    }
    for (const list of ORIGINAL_LISTS) {
      readUrls(work, list, at, errors).forEach(({ url, urlPath }) => {
        paths[`work.originalUrls[${originals.length}]`] = urlPath;
        originals.push(url);
      });
    }
  });
  if (!items.length && works.length) errors.push({ field: `${base}.${key}[0].infringing_urls_attributes`, message: 'Give at least one infringing URL.' });
  paths.items = `${base}.${key}`;
  const result: Plain = { items };
  const description = descriptions.length ? descriptions.join('\n\n') : undefined;
  // A trademark notice's "work" is the mark.
  if (type === 'trademark') {
    if (description !== undefined) {
      result.details = { mark: description };
      paths['details.mark'] = `${base}.${key}[0].description`;
    }
    if (originals.length) result.work = { originalUrls: originals };
  } else if (description !== undefined || originals.length) {
    result.work = { ...(description !== undefined ? { description } : {}), ...(originals.length ? { originalUrls: originals } : {}) };
    paths['work.description'] = `${base}.${key}[0].description`;
  }
  return result;
}

function readUrls(work: Plain, list: string, at: string, errors: FieldError[]): Array<{ url: string; path: string; urlPath: string }> {
  const key = work[`${list}_attributes`] !== undefined ? `${list}_attributes` : list;
  const entries = work[key];
  if (entries === undefined) return [];
  if (!Array.isArray(entries)) {
    errors.push({ field: `${at}.${key}`, message: 'Must be a list of { "url": … }.' });
    return [];
  }
  return entries.flatMap((entry, u) => {
    const path = `${at}.${key}[${u}]`;
    if (typeof entry === 'string') return [{ url: entry, path, urlPath: path }];
    if (!isPlain(entry) || Object.keys(entry).some((field) => field !== 'url')) {
      errors.push({ field: path, message: 'Must be { "url": … }.' });
      return [];
    }
    return [{ url: entry.url as string, path, urlPath: `${path}.url` }];
  });
}

function readRoles(input: Plain, base: string, errors: FieldError[], paths: Record<string, string>): Plain {
  const key = input.entity_notice_roles_attributes !== undefined ? 'entity_notice_roles_attributes' : 'entity_notice_roles';
  const roles = input[key];
  if (roles === undefined) return {};
  if (!Array.isArray(roles)) {
    errors.push({ field: `${base}.${key}`, message: 'Must be a list of { name, entity_attributes }.' });
    return {};
  }
  const found = new Map<string, { entity: Plain; at: string }>();
  roles.forEach((role, r) => {
    const at = `${base}.${key}[${r}]`;
    if (!isPlain(role) || typeof role.name !== 'string') return errors.push({ field: `${at}.name`, message: 'Give the role’s name.' });
    if (!ROLES.has(role.name))
      return errors.push({ field: `${at}.name`, message: `The role ${role.name} cannot be mapped: give sender, principal, agent, attorney, submitter or recipient.` });
    const entityKey = role.entity_attributes !== undefined ? 'entity_attributes' : 'entity';
    const entity = role[entityKey];
    if (!isPlain(entity)) return errors.push({ field: `${at}.${entityKey}`, message: 'Must be an object.' });
    for (const field of Object.keys(entity)) if (!ENTITY_FIELDS.has(field)) errors.push({ field: `${at}.${entityKey}.${field}`, message: 'This Lumen field cannot be mapped.' });
    if (!found.has(role.name)) found.set(role.name, { entity, at: `${at}.${entityKey}` });
  });
  const result: Plain = {};
  const filerRole = FILER_ROLES.find((role) => found.has(role));
  const principal = found.get('principal');
  if (filerRole) {
    const { entity, at } = found.get(filerRole)!;
    // Acting for a named principal, or as an agent or attorney, is acting as an agent.
    const kind = principal || filerRole !== 'sender' ? 'agent' : 'rights_holder';
    result.notifier = toNotifier(entity, kind);
    paths.notifier = at;
    for (const [field, lumen] of Object.entries({ name: 'name', email: 'email', address: 'address_line_1', phone: 'phone', country: 'country_code' })) {
      paths[`notifier.${field}`] = `${at}.${lumen}`;
    }
  }
  if (principal) {
    result.principal = { name: principal.entity.name };
    paths.principal = principal.at;
  }
  return result;
}

function toNotifier(entity: Plain, kind: string): Plain {
  const address = ['address_line_1', 'address_line_2', 'city', 'state', 'zip']
    .map((field) => text(entity[field]))
    .filter((part): part is string => part !== undefined)
    .join(', ');
  const notifier: Plain = { name: entity.name, kind };
  if (entity.kind === 'organization' && typeof entity.name === 'string') notifier.organization = entity.name;
  if (entity.email !== undefined) notifier.email = entity.email;
  if (address) notifier.address = address;
  if (entity.phone !== undefined) notifier.phone = entity.phone;
  if (entity.country_code !== undefined) notifier.country = typeof entity.country_code === 'string' ? entity.country_code.toUpperCase() : entity.country_code;
  return notifier;
}

// Lumen keeps a list ("US, GB" or ["US"]); a desk notice relies on one country's law.
function readJurisdiction(value: unknown, field: string, errors: FieldError[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  const list = (Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value]).map((entry) =>
    typeof entry === 'string' ? entry.trim().toUpperCase() : entry,
  );
  const distinct = [...new Set(list.filter((entry) => entry !== ''))];
  if (distinct.length === 0) return undefined;
  if (distinct.length > 1) {
    errors.push({ field, message: 'A notice here relies on one country’s law: give one jurisdiction.' });
    return undefined;
  }
  return distinct[0] as string;
}

// A validation error on the mapped notice, renamed to the Lumen field it came from.
export function lumenField(field: string, paths: Record<string, string>): string {
  let best = '';
  for (const prefix of Object.keys(paths)) {
    if ((field === prefix || field.startsWith(`${prefix}.`) || field.startsWith(`${prefix}[`)) && prefix.length > best.length) best = prefix;
  }
  return best ? `${paths[best]}${field.slice(best.length)}` : field;
}
