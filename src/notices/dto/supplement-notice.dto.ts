import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO31661Alpha2, IsObject, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { OptionalText, TrimToUndefined } from '../../common/validation';
import { PRIVACY_REASONS } from '../completeness';
import { MAX_ITEMS, NoticeDetailsDto, NoticeItemDto, NotifierDto, PrincipalDto, StatementsDto, WorkDto } from './file-notice.dto';

export class ItemReasonDto {
  @ApiPropertyOptional({ description: 'Position of the item in the notice (0-based, as in `items[1].reason`).' })
  @IsInt({ message: 'Must be a whole number.' })
  @Min(0)
  @Max(MAX_ITEMS - 1)
  index: number;

  @ApiPropertyOptional({ enum: PRIVACY_REASONS })
  @IsIn(PRIVACY_REASONS, { message: `Must be one of: ${PRIVACY_REASONS.join(', ')}.` })
  reason: string;
}

// The notifier's answer to a request for missing elements: any field of the notice;
// given fields replace what was filed, `items` are added to the notice's URLs.
export class SupplementNoticeDto {
  @ApiPropertyOptional({ type: NotifierDto })
  @IsOptional()
  @IsObject({ message: 'Must be an object.' })
  @ValidateNested()
  @Type(() => NotifierDto)
  notifier?: NotifierDto;

  @ApiPropertyOptional({ type: PrincipalDto })
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

  @ApiPropertyOptional({ type: [NoticeItemDto], description: 'More URLs to add to the notice.' })
  @IsOptional()
  @ArrayMaxSize(MAX_ITEMS, { message: `At most ${MAX_ITEMS} URLs in one notice.` })
  @IsArray({ message: 'Must be a list.' })
  @ValidateNested({ each: true })
  @Type(() => NoticeItemDto)
  items?: NoticeItemDto[];

  @ApiPropertyOptional({ type: [ItemReasonDto], description: 'Privacy notices: the reason for items already filed.' })
  @IsOptional()
  @ArrayMaxSize(MAX_ITEMS)
  @IsArray({ message: 'Must be a list.' })
  @ValidateNested({ each: true })
  @Type(() => ItemReasonDto)
  itemReasons?: ItemReasonDto[];

  @OptionalText(20_000, 'Why the content is unlawful.', { multiline: true })
  explanation?: string;

  @OptionalText(20_000, 'Your answer to our question, when we asked one.', { multiline: true })
  answer?: string;

  @ApiPropertyOptional({ type: StatementsDto })
  @IsOptional()
  @IsObject({ message: 'Must be an object.' })
  @ValidateNested()
  @Type(() => StatementsDto)
  statements?: StatementsDto;

  @OptionalText(200, 'Typed electronic signature: your full name.')
  signature?: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2.' })
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

export class WithdrawNoticeDto {
  @ApiPropertyOptional({ description: 'Must be true: withdrawing cannot be undone.' })
  @IsIn([true], { message: 'Confirm that you want to withdraw the notice.' })
  confirm: boolean;

  @OptionalText(2000, 'Why you withdraw the notice (optional).', { multiline: true })
  reason?: string;
}
