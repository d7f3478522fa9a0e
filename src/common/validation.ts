import { applyDecorators, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsArray, IsDefined, isEmail, IsOptional, IsString, MaxLength, registerDecorator, validate, ValidateNested, ValidationOptions } from 'class-validator';
import { MAX_URL_LENGTH, tryNormalizeUrl } from '../articles/url-normalizer';
import { DeskError, FieldError } from './desk-error';

// class-validator's nested errors as a flat list of `{ field, message }`, with array
// positions written the way clients name them: `items[3].url`.
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const flat: FieldError[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) flat.push({ field, message: humanize(message, error) });
    if (error.children?.length) flat.push(...flattenValidationErrors(error.children, field));
  }
  return flat;
}

function humanize(message: string, error: ValidationError): string {
  if (message === `property ${error.property} should not exist`) return 'This field is not part of the request.';
  if (message.includes('must be either object or array')) return message.startsWith('each value') ? 'Each entry must be an object.' : 'Must be an object.';
  return message;
}

export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DeskError.validation(flattenValidationErrors(errors)),
  });
}

// The same rules for HTML form posts, which are mapped to the DTO shape first.
export async function validateAs<T extends object>(cls: new () => T, plain: unknown): Promise<{ value: T; errors: FieldError[] }> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    throw new BadRequestException('The body must be an object.');
  }
  const value = plainToInstance(cls, plain);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true, validationError: { target: false, value: false } });
  return { value, errors: flattenValidationErrors(errors) };
}

// --- composite decorators for the rules that repeat across DTOs ---

// C0 controls other than tab/LF/CR, DEL, C1 controls, lone surrogates: matching control
// characters is the point of these two.
/* eslint-disable no-control-regex */
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/* eslint-enable no-control-regex */

// Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): in a name they
// reverse the labels after it on staff and public pages.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
// Spaces a one-line field may lose at its ends; control characters stay, to be refused.
const EDGE_SPACES = /^[ \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+|[ \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+$/g;

// Trimmed; an empty string counts as not given. A one-line field keeps a control character
// at its ends (a CR/LF after an e-mail address), so that its rules refuse it rather than drop
// it unseen; multiline text loses its edge line breaks as before.
export const TrimToUndefined = (options: { multiline?: boolean } = {}) =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const trimmed = options.multiline ? value.trim() : value.replace(EDGE_SPACES, '');
    return trimmed === '' ? undefined : trimmed;
  });

// True when `value` holds a control character (tab and line breaks allowed when multiline).
export function hasControlCharacters(value: string, multiline = false): boolean {
  return (multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).test(value);
}

export function NoControlCharacters(multiline: boolean, validationOptions?: ValidationOptions): PropertyDecorator {
  const pattern = multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE;
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'noControlCharacters',
      target: object.constructor,
      propertyName: String(propertyName),
      options: { message: multiline ? 'Must not contain control characters.' : 'Must be one line of text without control characters.', ...validationOptions },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !pattern.test(value) },
    });
}

export function hasBidiControls(value: string): boolean {
  return BIDI_CONTROL.test(value);
}

export function NoBidiControls(validationOptions?: ValidationOptions): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'noBidiControls',
      target: object.constructor,
      propertyName: String(propertyName),
      options: { message: 'Must not contain text-direction control characters (U+202A–U+202E, U+2066–U+2069).', ...validationOptions },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !BIDI_CONTROL.test(value) },
    });
}

// Names, titles and other one-line fields: no control characters, no bidi controls.
export function ShortText(): PropertyDecorator {
  return applyDecorators(NoControlCharacters(false), NoBidiControls());
}

// Free text: line breaks and tabs allowed. Bidi controls are allowed too (right-to-left
// writing needs them); pages isolate it in <bdi> (userText in html.ts).
function textRules(multiline: boolean | undefined): PropertyDecorator {
  return multiline ? NoControlCharacters(true) : ShortText();
}

export function OptionalText(maxLength: number, description: string, options: { multiline?: boolean; example?: string } = {}) {
  return applyDecorators(
    ApiPropertyOptional({ type: String, maxLength, description, example: options.example }),
    TrimToUndefined({ multiline: options.multiline }),
    IsOptional(),
    IsString({ message: 'Must be text.' }),
    MaxLength(maxLength, { message: `Must be at most ${maxLength} characters.` }),
    textRules(options.multiline),
  );
}

// Required text, trimmed; empty counts as missing. (Not IsDefined beside OptionalText:
// IsOptional makes class-validator skip IsDefined too, and a missing value got through.)
export function RequiredText(maxLength: number, description: string, missingMessage: string, options: { multiline?: boolean } = {}) {
  return applyDecorators(
    ApiProperty({ type: String, maxLength, description }),
    TrimToUndefined({ multiline: options.multiline }),
    IsDefined({ message: missingMessage }),
    IsString({ message: 'Must be text.' }),
    MaxLength(maxLength, { message: `Must be at most ${maxLength} characters.` }),
    textRules(options.multiline),
  );
}

// class-validator's IsEmail throws on a lone surrogate (validator's isByteLength calls
// encodeURI) instead of refusing the value: a 500 for a bad address. Refused here first,
// with control characters (a quoted local part may hold CR/LF: a header injection in a
// message) and bidi controls (IsEmail takes U+202E).
export function IsEmailAddress(validationOptions?: ValidationOptions): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isEmailAddress',
      target: object.constructor,
      propertyName: String(propertyName),
      options: { message: 'Must be a valid e-mail address, like name@example.org.', ...validationOptions },
      validator: { validate: (value: unknown) => typeof value === 'string' && !CONTROL_SINGLE_LINE.test(value) && !BIDI_CONTROL.test(value) && isEmail(value) },
    });
}

export function HttpUrl(validationOptions?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isHttpUrl',
      target: object.constructor,
      propertyName,
      options: { message: `Must be a web address starting with http:// or https:// (at most ${MAX_URL_LENGTH} characters).`, ...validationOptions },
      validator: { validate: (value: unknown) => typeof value === 'string' && tryNormalizeUrl(value) !== null },
    });
}

// A list of objects of one class. `ValidateNested({ each: true })` alone validates an entry
// that is itself a list as a list of its own, so `items: [[]]` passed (an empty list has
// nothing to refuse) and reached the service as an item without a URL: a 500, found by the
// hostile-input tests. Such an entry is read as null here, which ValidateNested refuses at
// its position (`items[1]`: "Each entry must be an object.") as it does any other entry that
// is not an object.
export function ListOf(type: () => new () => object, message = 'Must be a list.'): PropertyDecorator {
  return applyDecorators(
    IsArray({ message }),
    ValidateNested({ each: true }),
    Type(type),
    Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((entry: unknown) => (Array.isArray(entry) ? null : entry)) : value)),
  );
}
