import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsObject, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { ListOf, OptionalText } from '../../common/validation';
import { PRIVACY_REASONS } from '../completeness';
import { FileNoticeDto, MAX_ITEMS, NoticeItemDto, NotifierDto } from './file-notice.dto';

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

// The notifier's answer to a request for missing elements: any field of the notice, with
// the filing's own rules (all optional here); given fields replace what was filed, `items`
// are added to the notice's URLs.
export class SupplementNoticeDto extends PartialType(OmitType(FileNoticeDto, ['type', 'items', 'notifier'] as const)) {
  // The notifier's fields given here are merged into the filed ones: none is required.
  @ApiPropertyOptional({ type: NotifierDto })
  @IsOptional()
  @IsObject({ message: 'Must be an object.' })
  @ValidateNested()
  @Type(() => NotifierDto)
  notifier?: NotifierDto;

  @ApiPropertyOptional({ type: [NoticeItemDto], description: 'More URLs to add to the notice.' })
  @IsOptional()
  @ArrayMaxSize(MAX_ITEMS, { message: `At most ${MAX_ITEMS} URLs in one notice.` })
  @ListOf(() => NoticeItemDto)
  items?: NoticeItemDto[];

  @ApiPropertyOptional({ type: [ItemReasonDto], description: 'Privacy notices: the reason for items already filed.' })
  @IsOptional()
  @ArrayMaxSize(MAX_ITEMS)
  @ListOf(() => ItemReasonDto)
  itemReasons?: ItemReasonDto[];

  @OptionalText(20_000, 'Your answer to our question, when we asked one.', { multiline: true })
  answer?: string;
}

export class WithdrawNoticeDto {
  @ApiPropertyOptional({ description: 'Must be true: withdrawing cannot be undone.' })
  @IsIn([true], { message: 'Confirm that you want to withdraw the notice.' })
  confirm: boolean;

  @OptionalText(2000, 'Why you withdraw the notice (optional).', { multiline: true })
  reason?: string;
}
