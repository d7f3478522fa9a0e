import type { FieldError } from '../common/desk-error';
import { html, SafeHtml } from '../common/html';

// The one way every page renders a form field and its error summary: a label tied to its
// input, the hint and the errors named by aria-describedby, the value kept on re-render.

export type FormValues = Record<string, string>;

export type FieldKind = 'text' | 'email' | 'tel' | 'url' | 'password' | 'number' | 'date' | 'textarea' | 'lines' | 'checkbox' | 'radio' | 'yesno' | 'select';

export interface FieldOption {
  value: string;
  label: string;
  hint?: string;
  // Select options: consecutive options of one group are shown under its heading (<optgroup>).
  group?: string;
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
  // Number fields: the allowed range.
  min?: number;
  max?: number;
}

export interface FormState {
  values: Readonly<Record<string, string | undefined>>;
  errors: FieldError[];
}

export const EMPTY_FORM: FormState = { values: {}, errors: [] };

export function fieldId(name: string, option?: string): string {
  const base = `f-${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
  return option === undefined ? base : `${base}-${option.replace(/[^A-Za-z0-9_]+/g, '-')}`;
}

// Where one page holds the same form several times (one per listed entry), each copy's ids
// carry a scope of its own, so that every label and error link reaches its own input.
function scoped(id: string, scope: string | undefined): string {
  return scope === undefined ? id : `${scope}-${id}`;
}

// The element an error summary link moves focus to: the input, or a group's first option.
function focusTarget(field: FormField, scope?: string): string {
  return scoped(field.kind === 'radio' || field.kind === 'yesno' ? fieldId(field.name, field.options![0].value) : fieldId(field.name), scope);
}

function messagesFor(state: FormState, name: string): string[] {
  return state.errors.filter((error) => error.field === name).map((error) => error.message);
}

function describedBy(ids: Array<string | false>): string | null {
  const present = ids.filter((id): id is string => !!id);
  return present.length ? present.join(' ') : null;
}

function attr(name: string, value: string | number | null | undefined | false): SafeHtml | null {
  return value === null || value === undefined || value === false ? null : html` ${name}="${value}"`;
}

function flag(name: string, on: boolean): SafeHtml | null {
  return on ? html` ${name}` : null;
}

function hintAndErrors(id: string, hint: string | undefined, errors: string[]): SafeHtml {
  return html`${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : null}${
    errors.length ? html`<span class="field-error" id="${id}-error"><span class="visually-hidden">Error: </span>${errors.join(' ')}</span>` : null
  }`;
}

function choiceGroup(field: FormField, id: string, value: string, described: SafeHtml | null, errors: string[], scope: string | undefined): SafeHtml {
  return html`<fieldset class="choices${field.cards ? ' type-choice' : ''}"${described}>
<legend>${field.label}</legend>
${hintAndErrors(id, field.hint, errors)}
${field.options!.map((option) => {
  const optionId = scoped(fieldId(field.name, option.value), scope);
  const input = html`<input type="radio" id="${optionId}" name="${field.name}" value="${option.value}"${flag('checked', value === option.value)}>`;
  return field.cards
    ? html`<label for="${optionId}">${input}<span><strong>${option.label}</strong>${option.hint ? html`<span class="muted">${option.hint}</span>` : null}</span></label>`
    : html`<div class="check">${input}<label for="${optionId}">${option.label}${option.hint ? html`<span class="hint">${option.hint}</span>` : null}</label></div>`;
})}
</fieldset>`;
}

function selectOptions(options: FieldOption[], value: string): SafeHtml[] {
  const out: SafeHtml[] = [];
  for (let i = 0; i < options.length;) {
    const group = options[i].group;
    let end = i + 1;
    while (group !== undefined && end < options.length && options[end].group === group) end++;
    const markup = options.slice(i, end).map((option) => html`<option value="${option.value}"${flag('selected', value === option.value)}>${option.label}</option>`);
    out.push(group === undefined ? html`${markup}` : html`<optgroup label="${group}">${markup}</optgroup>`);
    i = end;
  }
  return out;
}

// The attributes only some input kinds carry.
function inputExtras(field: FormField): SafeHtml {
  const number = field.kind === 'number';
  return html`${attr('class', field.width ?? false)}${attr('autocomplete', field.autocomplete)}${attr('spellcheck', (field.kind === 'email' || field.kind === 'url') && 'false')}${
    number ? html` inputmode="numeric"${attr('min', field.min)}${attr('max', field.max)}` : null
  }`;
}

export function renderField(field: FormField, state: FormState, scope?: string): SafeHtml {
  const id = scoped(fieldId(field.name), scope);
  const errors = messagesFor(state, field.name);
  // Passwords are never sent back to the browser.
  const value = field.kind === 'password' ? '' : (state.values[field.name] ?? '');
  const described = attr('aria-describedby', describedBy([!!field.hint && `${id}-hint`, errors.length > 0 && `${id}-error`]));
  const aria = html`${described}${attr('aria-invalid', errors.length > 0 && 'true')}`;
  const wrapper = (inner: SafeHtml) => html`<div class="field${errors.length ? ' has-error' : ''}">${inner}</div>`;
  const label = html`<label for="${id}">${field.label}${field.optional ? html` <span class="optional">(optional)</span>` : null}</label>`;

  switch (field.kind) {
    case 'checkbox':
      return wrapper(
        html`${hintAndErrors(id, field.hint, errors)}<div class="check"><input type="checkbox" id="${id}" name="${field.name}" value="true"${flag('checked', !!value)}${aria}><label for="${id}">${field.label}</label></div>`,
      );
    case 'radio':
    case 'yesno':
      return wrapper(choiceGroup(field, id, value, described, errors, scope));
    case 'select':
      return wrapper(html`${label}${hintAndErrors(id, field.hint, errors)}<select id="${id}" name="${field.name}"${aria}>${selectOptions(field.options!, value)}</select>`);
    case 'textarea':
    case 'lines':
      // The newline after the tag keeps a value's own leading newline (parsers drop one).
      return wrapper(
        html`${label}${hintAndErrors(id, field.hint, errors)}<textarea id="${id}" name="${field.name}" rows="${field.kind === 'lines' ? 4 : field.name.startsWith('items[') ? 3 : 5}"${attr('spellcheck', field.kind === 'lines' && 'false')}${aria}>
${value}</textarea>`,
      );
    default:
      return wrapper(
        html`${label}${hintAndErrors(id, field.hint, errors)}<input type="${field.kind}" id="${id}" name="${field.name}" value="${value}"${inputExtras(field)}${aria}>`,
      );
  }
}

// A message like "Must be text." needs its field's name; a statement's error says enough.
function namesItsField(field: FormField): boolean {
  return field.kind !== 'checkbox' && field.label.length <= 60;
}

// At the top of the page; each entry links to (and so focuses) its input.
// `scope`: the one passed to renderField for the form these errors belong to.
export function errorSummary(errors: FieldError[], fields: FormField[], scope?: string): SafeHtml | null {
  if (!errors.length) return null;
  const order = new Map(fields.map((field, index) => [field.name, index]));
  const sorted = [...errors].sort((a, b) => (order.get(a.field) ?? -1) - (order.get(b.field) ?? -1));
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h2 id="error-summary-title">There is a problem</h2>
<ul>
${sorted.map((error) => {
  const field = fields.find((candidate) => candidate.name === error.field);
  return field ? html`<li><a href="#${focusTarget(field, scope)}">${namesItsField(field) ? `${field.label}: ` : ''}${error.message}</a></li>` : html`<li>${error.message}</li>`;
})}
</ul>
</div>`;
}

// A choice from a list refused by the DTO lists the raw codes; a person needs less.
export function plainChoiceErrors(errors: FieldError[], fields: FormField[]): FieldError[] {
  const choices = new Set(fields.filter((field) => field.options).map((field) => field.name));
  return errors.map((error) =>
    choices.has(error.field) && /^(Each must|Must) be /.test(error.message)
      ? { field: error.field, message: error.field === 'status' ? 'The address names a status that does not exist: tick the ones you want.' : 'Choose one of the options.' }
      : error,
  );
}
