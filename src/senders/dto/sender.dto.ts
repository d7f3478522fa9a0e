import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  registerDecorator,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';
import { ExpiresInDays, IssuedCredentialDto } from '../../common/credential.dto';
import { IsEmailAddress, OptionalText, RequiredText, ShortText, TrimToUndefined } from '../../common/validation';
import { NOTICE_TYPES, type NoticeType } from '../../notices/completeness';
import { DEFAULT_SENDER_RATE_PER_MINUTE, SENDER_KINDS, SENDER_STATUSES, type SenderKind, type SenderStatus } from '../sender-organisation.entity';

export const MAX_SENDER_KEY_DAYS = 365;
export const MAX_SENDER_RATE_PER_MINUTE = 100_000;

export class CreateSenderDto {
  @RequiredText(200, 'The organisation’s name, as staff and notices show it.', 'Give the organisation’s name.')
  name: string;

  @ApiProperty({ enum: SENDER_KINDS, description: 'trusted_flagger: a DSA Art. 22 trusted flagger, whose cases go to the priority lane.' })
  @IsDefined({ message: 'Choose the kind of organisation.' })
  @IsIn(SENDER_KINDS, { message: `Must be one of: ${SENDER_KINDS.join(', ')}.` })
  kind: SenderKind;

  @OptionalText(200, 'The person to contact there.')
  contactName?: string;

  @ApiProperty({ maxLength: 254, description: 'Where the desk writes about this organisation’s notices (the notifier’s e-mail when a notice names none).' })
  @TrimToUndefined()
  @IsDefined({ message: 'Give a contact e-mail address.' })
  @MaxLength(254, { message: 'Must be at most 254 characters.' })
  @IsEmailAddress({ message: 'Must be a valid e-mail address, like name@example.org.' })
  contactEmail: string;

  @OptionalText(1000, 'Postal address (a copyright notice names one).', { multiline: true })
  contactAddress?: string;

  @ApiPropertyOptional({ maxLength: 40, description: 'Telephone number (a copyright notice names one).', example: '+44 20 7946 0000' })
  @TrimToUndefined()
  @IsOptional()
  @Matches(/^\+?[0-9 ().\-/]{5,40}$/, { message: 'Must be a telephone number (digits, spaces, +, -, brackets).' })
  contactPhone?: string;

  @ApiPropertyOptional({ enum: SENDER_STATUSES, default: 'active', description: 'A suspended or closed organisation’s keys file nothing.' })
  @IsOptional()
  @IsIn(SENDER_STATUSES, { message: `Must be one of: ${SENDER_STATUSES.join(', ')}.` })
  status?: SenderStatus;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SENDER_RATE_PER_MINUTE, default: DEFAULT_SENDER_RATE_PER_MINUTE, description: 'Notices per minute, all its keys together.' })
  @IsOptional()
  @IsInt({ message: `Must be a whole number from 1 to ${MAX_SENDER_RATE_PER_MINUTE}.` })
  @Min(1, { message: `Must be a whole number from 1 to ${MAX_SENDER_RATE_PER_MINUTE}.` })
  @Max(MAX_SENDER_RATE_PER_MINUTE, { message: `Must be a whole number from 1 to ${MAX_SENDER_RATE_PER_MINUTE}.` })
  rateLimitPerMinute?: number;
}

// PATCH: a field left out stays as it is. Required fields refuse null; the optional contact
// fields and `suspendedUntil` are cleared with null (or an empty string).
const Given = () => ValidateIf((_object, value) => value !== undefined);
const trimmed = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
const blankToNull = Transform(({ value }) => (typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value));
const RATE_MESSAGE = `Must be a whole number from 1 to ${MAX_SENDER_RATE_PER_MINUTE}.`;

export const END_WITHOUT_SUSPENSION = 'Only a suspended organisation has an end date: set status to suspended, or leave this empty.';

// The end of a suspension lies ahead, and goes only with status `suspended` when a status is
// sent (the service checks it against the stored status when none is).
function SuspensionEnd(): PropertyDecorator {
  const problem = (value: unknown, object: UpdateSenderDto): string | null => {
    if (typeof value !== 'string') return null;
    if (object.status !== undefined && object.status !== 'suspended') return END_WITHOUT_SUSPENSION;
    return new Date(value).getTime() <= Date.now() ? 'Must be in the future.' : null;
  };
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'suspensionEnd',
      target: object.constructor,
      propertyName: String(propertyName),
      options: { message: (args: ValidationArguments) => problem(args.value, args.object as UpdateSenderDto) ?? '' },
      validator: { validate: (value: unknown, args: ValidationArguments) => problem(value, args.object as UpdateSenderDto) === null },
    });
}

export class UpdateSenderDto {
  @ApiProperty({ description: 'The organisation’s `version` this change was made on; a stale version gets 409 `stale_version`.' })
  @IsDefined({ message: 'Give the version of the organisation you are changing.' })
  @IsInt({ message: 'Must be a whole number.' })
  @Min(1, { message: 'Must be a whole number.' })
  version: number;

  @ApiPropertyOptional({ maxLength: 200 })
  @trimmed
  @Given()
  @IsString({ message: 'Must be text.' })
  @MinLength(1, { message: 'Give the organisation’s name.' })
  @MaxLength(200, { message: 'Must be at most 200 characters.' })
  @ShortText()
  name?: string;

  @ApiPropertyOptional({ enum: SENDER_KINDS })
  @Given()
  @IsIn(SENDER_KINDS, { message: `Must be one of: ${SENDER_KINDS.join(', ')}.` })
  kind?: SenderKind;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @blankToNull
  @IsOptional()
  @IsString({ message: 'Must be text.' })
  @MaxLength(200, { message: 'Must be at most 200 characters.' })
  @ShortText()
  contactName?: string | null;

  @ApiPropertyOptional({ maxLength: 254 })
  @trimmed
  @Given()
  @IsString({ message: 'Give a contact e-mail address.' })
  @MinLength(1, { message: 'Give a contact e-mail address.' })
  @MaxLength(254, { message: 'Must be at most 254 characters.' })
  @IsEmailAddress({ message: 'Must be a valid e-mail address, like name@example.org.' })
  contactEmail?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 })
  @blankToNull
  @IsOptional()
  @IsString({ message: 'Must be text.' })
  @MaxLength(1000, { message: 'Must be at most 1000 characters.' })
  contactAddress?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 40 })
  @blankToNull
  @IsOptional()
  @Matches(/^\+?[0-9 ().\-/]{5,40}$/, { message: 'Must be a telephone number (digits, spaces, +, -, brackets).' })
  contactPhone?: string | null;

  @ApiPropertyOptional({ enum: SENDER_STATUSES, description: '`suspended` or `closed`: its keys file nothing (403 `sender_suspended` / `sender_closed`).' })
  @Given()
  @IsIn(SENDER_STATUSES, { message: `Must be one of: ${SENDER_STATUSES.join(', ')}.` })
  status?: SenderStatus;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'With `status: suspended`: when its keys file again (a future date or date-time, ISO 8601); null: until an admin lifts it.',
  })
  @blankToNull
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'Must be a date (YYYY-MM-DD) or date-time in ISO 8601.' })
  @SuspensionEnd()
  suspendedUntil?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SENDER_RATE_PER_MINUTE, description: 'Notices per minute, all its keys together; applies from the next request.' })
  @Given()
  @IsInt({ message: RATE_MESSAGE })
  @Min(1, { message: RATE_MESSAGE })
  @Max(MAX_SENDER_RATE_PER_MINUTE, { message: RATE_MESSAGE })
  rateLimitPerMinute?: number;
}

export class CreateSenderKeyDto {
  @RequiredText(100, 'What the key is for (e.g. "Vendor pipeline 2026").', 'Give the key a name.')
  name: string;

  @ApiPropertyOptional({ type: [String], enum: NOTICE_TYPES, description: 'The notice types this key may file; all when not given.' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? [value] : value))
  @IsArray({ message: 'Must be a list of notice types.' })
  @ArrayMinSize(1, { message: 'Allow at least one notice type.' })
  @IsIn(NOTICE_TYPES, { each: true, message: `Each must be one of: ${NOTICE_TYPES.join(', ')}.` })
  allowedTypes?: NoticeType[];

  @ExpiresInDays(MAX_SENDER_KEY_DAYS, 'Days until the key stops working; without it, it works until revoked.')
  expiresInDays?: number;
}

export class SenderKeyDto extends IssuedCredentialDto {
  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ example: 'Vendor pipeline' })
  name: string;

  @ApiProperty({ example: 'tds_Ab12Cd34', description: 'The start of the key, to recognise it.' })
  prefix: string;

  @ApiProperty({ type: [String], enum: NOTICE_TYPES })
  allowedTypes: string[];
}

export class CreatedSenderKeyDto extends SenderKeyDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <key>` on POST /api/v1/notices. Shown only now: the desk keeps only its SHA-256.' })
  key: string;
}

export class SenderDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: SENDER_KINDS })
  kind: string;

  @ApiProperty({ type: String, nullable: true })
  contactName: string | null;

  @ApiProperty()
  contactEmail: string;

  @ApiProperty({ type: String, nullable: true })
  contactAddress: string | null;

  @ApiProperty({ type: String, nullable: true })
  contactPhone: string | null;

  @ApiProperty({ enum: SENDER_STATUSES })
  status: string;

  @ApiProperty({ nullable: true, type: Date, description: 'The end of a `suspended` status; null: until lifted.' })
  suspendedUntil: Date | null;

  @ApiProperty({ nullable: true, type: Date, description: 'Until when a confirmed misuse suspension (DSA Art. 23) keeps every filing of its keys `held`.' })
  misuseSuspendedUntil: Date | null;

  @ApiProperty()
  rateLimitPerMinute: number;

  @ApiProperty({ description: 'Send it back with a change (PATCH).' })
  version: number;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;

  @ApiProperty({ type: [SenderKeyDto] })
  keys: SenderKeyDto[];
}
