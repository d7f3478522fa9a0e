import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsDefined, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { HttpUrl, ListOf, OptionalText, TrimToUndefined } from '../../common/validation';
import { PRIVACY_REASONS } from '../completeness';
import { FileNoticeDto, MAX_ITEMS, NoticeItemDto, NotifierDto } from './file-notice.dto';

// A change to a URL already in the notice, named by its position (0-based, as in `items[1]`).
export class ItemCorrectionDto {
  @ApiProperty({ description: 'Position of the item in the notice (0-based).', example: 0 })
  @IsDefined({ message: 'Say which web address you correct.' })
  @IsInt({ message: 'Must be a whole number.' })
  @Min(0, { message: 'Must be 0 or more.' })
  @Max(MAX_ITEMS - 1, { message: `Must be less than ${MAX_ITEMS}.` })
  index: number;

  @ApiPropertyOptional({ maxLength: 2048, description: 'The corrected web address.' })
  @IsOptional()
  @HttpUrl()
  url?: string;

  @OptionalText(5000, 'The corrected passage.', { multiline: true })
  passage?: string;

  @ApiPropertyOptional({ enum: PRIVACY_REASONS, description: 'Privacy notices: why this URL should be removed.' })
  @TrimToUndefined()
  @IsOptional()
  @IsIn(PRIVACY_REASONS, { message: `Must be one of: ${PRIVACY_REASONS.join(', ')}.` })
  reason?: string;
}

// The notifier's correction of their notice while the case is open: any field of the filing
// (with the filing's rules, all optional); given fields replace what the notice says now.
// `items` corrects URLs already in the notice, `addItems` adds more. The notice as it stood
// before is kept (notice_revisions) and the changes are logged (notice.corrected).
export class CorrectNoticeDto extends PartialType(OmitType(FileNoticeDto, ['type', 'items', 'notifier'] as const)) {
  @ApiPropertyOptional({ type: NotifierDto })
  @IsOptional()
  @IsObject({ message: 'Must be an object.' })
  @ValidateNested()
  @Type(() => NotifierDto)
  notifier?: NotifierDto;

  @ApiPropertyOptional({ type: [ItemCorrectionDto], description: 'Corrections to URLs already in the notice.' })
  @IsOptional()
  @ArrayMaxSize(MAX_ITEMS, { message: `At most ${MAX_ITEMS} corrections.` })
  @ListOf(() => ItemCorrectionDto)
  items?: ItemCorrectionDto[];

  @ApiPropertyOptional({ type: [NoticeItemDto], description: 'More URLs to add to the notice.' })
  @IsOptional()
  @ArrayMaxSize(MAX_ITEMS, { message: `At most ${MAX_ITEMS} URLs in one notice.` })
  @ListOf(() => NoticeItemDto)
  addItems?: NoticeItemDto[];
}
