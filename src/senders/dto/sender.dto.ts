import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMinSize, IsArray, IsDefined, IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsEmailAddress, OptionalText, RequiredText, TrimToUndefined } from '../../common/validation';
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

  @ApiPropertyOptional({ enum: SENDER_STATUSES, default: 'active', description: 'An inactive organisation’s keys file nothing.' })
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

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SENDER_KEY_DAYS, description: 'Days until the key stops working; without it, it works until revoked.' })
  @IsOptional()
  @IsInt({ message: `Must be a whole number of days from 1 to ${MAX_SENDER_KEY_DAYS}.` })
  @Min(1, { message: `Must be a whole number of days from 1 to ${MAX_SENDER_KEY_DAYS}.` })
  @Max(MAX_SENDER_KEY_DAYS, { message: `Must be a whole number of days from 1 to ${MAX_SENDER_KEY_DAYS}.` })
  expiresInDays?: number;
}

export class SenderKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  organisationId: string;

  @ApiProperty({ example: 'Vendor pipeline' })
  name: string;

  @ApiProperty({ example: 'tds_Ab12Cd34', description: 'The start of the key, to recognise it.' })
  prefix: string;

  @ApiProperty({ type: [String], enum: NOTICE_TYPES })
  allowedTypes: string[];

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ nullable: true, type: Date })
  lastUsedAt: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  expiresAt: Date | null;

  @ApiProperty({ nullable: true, type: Date })
  revokedAt: Date | null;
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

  @ApiProperty()
  rateLimitPerMinute: number;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: [SenderKeyDto] })
  keys: SenderKeyDto[];
}
