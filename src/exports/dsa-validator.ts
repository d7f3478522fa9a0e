import { AUTOMATED_DECISIONS, CATEGORIES, CONTENT_TYPES, DECISION_GROUNDS, DECISION_VISIBILITIES, EEA_COUNTRIES, LIMITS, PUID_PATTERN, SOURCE_TYPES, YES_NO } from './dsa-schema';

export interface SchemaError {
  field: string;
  message: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(value: unknown, minYear: number): string | null {
  if (typeof value !== 'string') return 'Must be a date (YYYY-MM-DD).';
  const match = DATE.exec(value);
  if (!match) return 'Must be a date (YYYY-MM-DD).';
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return 'Must be a real calendar date.';
  if (Number(match[1]) < minYear) return `Must be in ${minYear} or later.`;
  return null;
}

// Checks a statement of reasons against the Transparency Database's rules (FORMATS.md):
// required fields, enums, lengths, dates, and the fields one choice makes required. Pure;
// an empty list means the database should accept it.
export function validateDsaStatement(statement: Record<string, unknown>): SchemaError[] {
  const errors: SchemaError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  const text = (field: keyof typeof LIMITS, required: boolean) => {
    const value = statement[field];
    if (value === undefined || value === null || value === '') {
      if (required) fail(field, 'Required.');
      return;
    }
    if (typeof value !== 'string') return fail(field, 'Must be text.');
    if (value.length > LIMITS[field]) fail(field, `Must be at most ${LIMITS[field]} characters (is ${value.length}).`);
  };
  const oneOf = (field: string, allowed: readonly string[], required = true) => {
    const value = statement[field];
    if (value === undefined || value === null) return required ? fail(field, 'Required.') : undefined;
    if (typeof value !== 'string' || !allowed.includes(value)) fail(field, `Must be one of: ${allowed.join(', ')}.`);
  };
  const listOf = (field: string, allowed: readonly string[], required: boolean) => {
    const value = statement[field];
    if (value === undefined || value === null) return required ? fail(field, 'Required.') : undefined;
    if (!Array.isArray(value)) return fail(field, 'Must be a list.');
    if (required && value.length === 0) return fail(field, 'Must name at least one.');
    const unknown = value.filter((entry) => typeof entry !== 'string' || !allowed.includes(entry));
    if (unknown.length) fail(field, `Unknown values: ${unknown.map(String).join(', ')}.`);
    if (new Set(value).size !== value.length) fail(field, 'Must not repeat a value.');
  };

  // Always required.
  oneOf('decision_ground', DECISION_GROUNDS);
  listOf('content_type', CONTENT_TYPES, true);
  oneOf('category', CATEGORIES);
  const contentDate = isDate(statement.content_date, 2000);
  if (contentDate) fail('content_date', contentDate);
  const applicationDate = isDate(statement.application_date, 2020);
  if (applicationDate) fail('application_date', applicationDate);
  text('decision_facts', true);
  oneOf('source_type', SOURCE_TYPES);
  oneOf('automated_detection', YES_NO);
  oneOf('automated_decision', AUTOMATED_DECISIONS);
  text('puid', true);
  if (typeof statement.puid === 'string' && statement.puid && !PUID_PATTERN.test(statement.puid)) fail('puid', 'Must hold only letters, digits, - and _.');

  // At least one kind of restriction.
  const restrictions = ['decision_visibility', 'decision_monetary', 'decision_provision', 'decision_account'];
  if (!restrictions.some((field) => statement[field] !== undefined && statement[field] !== null && !(Array.isArray(statement[field]) && statement[field].length === 0))) {
    fail('decision_visibility', `At least one of ${restrictions.join(', ')} is required.`);
  }
  listOf('decision_visibility', DECISION_VISIBILITIES, false);
  const visibility = Array.isArray(statement.decision_visibility) ? statement.decision_visibility : [];
  text('decision_visibility_other', visibility.includes('DECISION_VISIBILITY_OTHER'));
  const contentTypes = Array.isArray(statement.content_type) ? statement.content_type : [];
  text('content_type_other', contentTypes.includes('CONTENT_TYPE_OTHER'));

  // What the ground makes required.
  const illegal = statement.decision_ground === 'DECISION_GROUND_ILLEGAL_CONTENT';
  const incompatible = statement.decision_ground === 'DECISION_GROUND_INCOMPATIBLE_CONTENT';
  text('illegal_content_legal_ground', illegal);
  text('illegal_content_explanation', illegal);
  text('incompatible_content_ground', incompatible);
  text('incompatible_content_explanation', incompatible);
  oneOf('incompatible_content_illegal', YES_NO, false);

  // Optional fields, checked when present.
  listOf('territorial_scope', EEA_COUNTRIES, false);
  for (const field of ['end_date_visibility_restriction']) {
    if (statement[field] === undefined) continue;
    const problem = isDate(statement[field], 2000);
    if (problem) fail(field, problem);
  }
  return errors;
}
