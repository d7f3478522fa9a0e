import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CASE_REFERENCE_INPUT, CASE_REFERENCE_INPUT_MESSAGE } from '../../cases/case-reference';
import { NoControlCharacters, ShortText, TrimToUndefined } from '../../common/validation';
import { MESSAGE_STATES, MessageState } from '../../messages/message.entity';

export const RECIPIENT_ROLES = ['notifier', 'author', 'staff'] as const;
export const MAX_OUTBOX_PAGE = 200;

// The filters of the /admin/outbox page.
export class OutboxQueryDto {
  @TrimToUndefined()
  @IsOptional()
  @Matches(/^[a-z0-9_]{1,60}$/, { message: 'Must be a kind of message, like receipt.' })
  kind?: string;

  @TrimToUndefined()
  @IsOptional()
  @IsIn(RECIPIENT_ROLES, { message: `Must be one of: ${RECIPIENT_ROLES.join(', ')}.` })
  recipient?: (typeof RECIPIENT_ROLES)[number];

  @TrimToUndefined()
  @IsOptional()
  @IsIn(MESSAGE_STATES, { message: `Must be one of: ${MESSAGE_STATES.join(', ')}.` })
  state?: MessageState;

  @TrimToUndefined()
  @IsOptional()
  @Matches(CASE_REFERENCE_INPUT, { message: CASE_REFERENCE_INPUT_MESSAGE })
  case?: string;

  @TrimToUndefined()
  @IsOptional()
  @IsString({ message: 'Must be text.' })
  @MaxLength(254)
  @ShortText()
  to?: string;

  @TrimToUndefined()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoControlCharacters(false)
  cursor?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'Must be a whole number.' })
  @Min(1, { message: 'Must be at least 1.' })
  @Max(MAX_OUTBOX_PAGE, { message: `Must be at most ${MAX_OUTBOX_PAGE}.` })
  limit?: number;
}
