import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsISO31661Alpha2,
  IsObject,
  IsOptional,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { HttpUrl, IsEmailAddress, ListOf, OptionalText, TrimToUndefined } from '../../common/validation';
import { NOTICE_TYPES, NOTIFIER_KINDS, PRIVACY_REASONS, type NoticeType, type NotifierKind } from '../completeness';

export const MAX_ITEMS = 1000;

export class NotifierDto {
  @OptionalText(200, 'Full name of the person filing.', { example: 'Jane Doe' })
  name?: string;

  @ApiPropertyOptional({ maxLength: 254, description: 'E-mail address: the receipt and every message about the case go here.', example: 'jane@example.org' })
  @TrimToUndefined()
  @IsOptional()
  @MaxLength(254, { message: 'Must be at most 254 characters.' })
  @IsEmailAddress({ message: 'Must be a valid e-mail address, like name@example.org.' })
  email?: string;

  @OptionalText(200, 'Organisation the notifier belongs to, if any.')
  organization?: string;

  @ApiPropertyOptional({
    enum: NOTIFIER_KINDS,
    default: 'individual',
    description: 'Whether the notifier owns the rights, acts as an agent for someone who does, or files as a private individual.',
  })
  @IsOptional()
  @IsIn(NOTIFIER_KINDS, { message: `Must be one of: ${NOTIFIER_KINDS.join(', ')}.` })
  kind?: NotifierKind;

  @OptionalText(1000, 'Postal address.', { multiline: true })
  address?: string;

  @ApiPropertyOptional({ maxLength: 40, description: 'Telephone number.', example: '+44 20 7946 0000' })
  @TrimToUndefined()
  @IsOptional()
  @Matches(/^\+?[0-9 ().\-/]{5,40}$/, { message: 'Must be a telephone number (digits, spaces, +, -, brackets).' })
  phone?: string;

  @ApiPropertyOptional({ description: 'Country of residence, ISO 3166-1 alpha-2.', example: 'GB' })
  @TrimToUndefined()
  @IsOptional()
  @IsISO31661Alpha2({ message: 'Must be a two-letter country code, like GB or DE.' })
  country?: string;
}

// A notice opens a case only when the desk can reach its sender: an e-mail address, or else
// a postal address. (Everything else may be supplied later; the completeness check asks.)
// ValidateIf stands in for NotifierDto's IsOptional; its format rules still apply.
export class FilingNotifierDto extends NotifierDto {
  @ValidateIf((notifier: NotifierDto) => notifier.email !== undefined || notifier.address === undefined)
  @IsDefined({ message: 'Give your e-mail address (or, failing that, a postal address) so that we can reach you.' })
  override email?: string = undefined;
}

export class PrincipalDto {
  @OptionalText(200, 'The rights holder an agent acts for.')
  name?: string;
}

export class WorkDto {
  @OptionalText(10_000, 'The copyrighted work (or a representative list of works) claimed to be infringed.', { multiline: true })
  description?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 100, description: 'Where the original work can be seen.' })
  @IsOptional()
  @ArrayMaxSize(100, { message: 'At most 100 original URLs.' })
  @IsArray({ message: 'Must be a list of web addresses.' })
  @HttpUrl({ each: true })
  originalUrls?: string[];
}

export class NoticeItemDto {
  @ApiProperty({
    maxLength: 2048,
    description: 'The address of the content complained of.',
    example: 'https://freelanews.com/2025/06/02/russia-ukraine-resume-peace-talks-in-istanbul-amid-escalating-air-attacks/',
  })
  @IsDefined({ message: 'Give the web address.' })
  @HttpUrl()
  url: string;

  @OptionalText(5000, 'The exact passage complained of, quoted from the article.', { multiline: true })
  passage?: string;

  @OptionalText(2048, 'An image, video or other media inside the article (its address or a description).')
  media?: string;

  @ApiPropertyOptional({ enum: PRIVACY_REASONS, description: 'Privacy notices: why this URL should be removed.' })
  @TrimToUndefined()
  @IsOptional()
  @IsIn(PRIVACY_REASONS, { message: `Must be one of: ${PRIVACY_REASONS.join(', ')}.` })
  reason?: string;
}

export class StatementsDto {
  @ApiPropertyOptional({ description: 'Good-faith belief that the use is not authorised (see GET /api/v1/notice-types for the exact text).' })
  @IsOptional()
  @IsBoolean({ message: 'Must be true or false.' })
  goodFaith?: boolean;

  @ApiPropertyOptional({ description: 'The notice is accurate (and complete).' })
  @IsOptional()
  @IsBoolean({ message: 'Must be true or false.' })
  accuracy?: boolean;

  @ApiPropertyOptional({ description: 'Under penalty of perjury, the sender is authorised to act for the owner.' })
  @IsOptional()
  @IsBoolean({ message: 'Must be true or false.' })
  authority?: boolean;
}

// The type-specific elements of LEGAL.md; each type reads its own.
export class NoticeDetailsDto {
  @OptionalText(500, 'Trademark: the mark.')
  mark?: string;

  @OptionalText(200, 'Trademark: the registration office (e.g. EUIPO, USPTO, UKIPO).')
  registrationOffice?: string;

  @OptionalText(100, 'Trademark: the registration number.')
  registrationNumber?: string;

  @OptionalText(300, 'Trademark: the owner of the mark.')
  markOwner?: string;

  @OptionalText(5000, 'Defamation: the statement complained of (when not given as a passage).', { multiline: true })
  statement?: string;

  @OptionalText(10_000, 'Defamation: why the statement is defamatory and the meaning you give it.', { multiline: true })
  defamatoryMeaning?: string;

  @OptionalText(10_000, 'Defamation: which parts are factually inaccurate or opinion not supported by fact.', { multiline: true })
  inaccurateParts?: string;

  @ApiPropertyOptional({ description: 'Defamation: you do not know enough about the author of the article (journalist or contributor) to bring proceedings.' })
  @IsOptional()
  @IsBoolean({ message: 'Must be true or false.' })
  lacksPosterInfo?: boolean;

  @ApiPropertyOptional({ description: 'Defamation: you consent to your name and e-mail being passed to the author of the article (true or false).' })
  @IsOptional()
  @IsBoolean({ message: 'Must be true or false.' })
  consentToShare?: boolean;

  @OptionalText(200, 'Privacy: the name of the person the content is about.')
  subjectName?: string;

  @ApiPropertyOptional({ description: 'Privacy: whether the person is a public figure (a politician, official, business leader, celebrity …).' })
  @IsOptional()
  @IsBoolean({ message: 'Must be true or false.' })
  publicFigure?: boolean;

  @OptionalText(300, 'Privacy: the public role the person has or had, if any.')
  publicRole?: string;

  @ApiPropertyOptional({ description: 'Privacy: whether the information in the article is about that public role (true) or private life (false).' })
  @IsOptional()
  @IsBoolean({ message: 'Must be true or false.' })
  aboutPublicRole?: boolean;

  @ApiPropertyOptional({ description: 'Privacy: you confirm you are that person or authorised to act for them.' })
  @IsOptional()
  @IsBoolean({ message: 'Must be true or false.' })
  identityConfirmed?: boolean;
}

export class FileNoticeDto {
  @ApiProperty({ enum: NOTICE_TYPES, description: 'What kind of right the notice is about.' })
  @IsDefined({ message: 'Choose the type of notice.' })
  @IsIn(NOTICE_TYPES, { message: `Must be one of: ${NOTICE_TYPES.join(', ')}.` })
  type: NoticeType;

  @ApiProperty({ type: FilingNotifierDto })
  @IsDefined({ message: 'Tell us who is filing.' })
  @IsObject({ message: 'Must be an object.' })
  @ValidateNested()
  @Type(() => FilingNotifierDto)
  notifier: FilingNotifierDto;

  @ApiPropertyOptional({ type: PrincipalDto, description: 'When an agent files: who they act for.' })
  @IsOptional()
  @IsObject({ message: 'Must be an object.' })
  @ValidateNested()
  @Type(() => PrincipalDto)
  principal?: PrincipalDto;

  @ApiPropertyOptional({ type: WorkDto })
  @IsOptional()
  @IsObject({ message: 'Must be an object.' })
  @ValidateNested()
  @Type(() => WorkDto)
  work?: WorkDto;

  @ApiProperty({ type: [NoticeItemDto], maxItems: MAX_ITEMS, description: `The URLs complained of: at most ${MAX_ITEMS}.` })
  @IsDefined({ message: 'List the web addresses complained of.' })
  @ArrayMaxSize(MAX_ITEMS, { message: `At most ${MAX_ITEMS} URLs in one notice; file the rest in another notice.` })
  @ArrayMinSize(1, { message: 'Give at least one web address complained of.' })
  @ListOf(() => NoticeItemDto)
  items: NoticeItemDto[];

  @OptionalText(20_000, 'Why the content is unlawful (for trademark: how the use infringes).', { multiline: true })
  explanation?: string;

  @ApiPropertyOptional({ type: StatementsDto, description: 'The sworn statements, each accepted (true) or not.' })
  @IsOptional()
  @IsObject({ message: 'Must be an object.' })
  @ValidateNested()
  @Type(() => StatementsDto)
  statements?: StatementsDto;

  @OptionalText(200, 'Typed electronic signature: your full name.')
  signature?: string;

  @ApiPropertyOptional({ description: 'Country whose law the notice relies on, ISO 3166-1 alpha-2.', example: 'GB' })
  @TrimToUndefined()
  @IsOptional()
  @IsISO31661Alpha2({ message: 'Must be a two-letter country code, like GB or DE.' })
  jurisdiction?: string;

  @ApiPropertyOptional({ description: 'Language of the notice (BCP 47).', example: 'en' })
  @TrimToUndefined()
  @IsOptional()
  @Matches(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$/, { message: 'Must be a language tag, like en or pt-BR.' })
  language?: string;

  @ApiPropertyOptional({ type: NoticeDetailsDto })
  @IsOptional()
  @IsObject({ message: 'Must be an object.' })
  @ValidateNested()
  @Type(() => NoticeDetailsDto)
  details?: NoticeDetailsDto;
}
