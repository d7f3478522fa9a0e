import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { NoControlCharacters, ShortText, TrimToUndefined } from '../../common/validation';
import { CASE_REFERENCE_INPUT, CASE_REFERENCE_INPUT_MESSAGE } from '../../cases/case-reference';
import { ACTOR_TYPES } from '../../events/event.entity';
import { EXPORT_FORMATS, ExportFormat } from '../audit-export';
import { ISO_DATE } from '../audit-query';

export const MAX_EVENT_PAGE = 500;
const ISO_MESSAGE = 'Must be a date (2025-06-30) or a date and time (2025-06-30T14:00Z).';

// The filters of GET /api/v1/events, of its export and of the /admin/audit page.
export class EventFilterDto {
  @ApiPropertyOptional({ description: `A staff user id, or an actor type: ${ACTOR_TYPES.join(', ')}.` })
  @TrimToUndefined()
  @IsOptional()
  @Matches(new RegExp(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|${ACTOR_TYPES.join('|')})$`, 'i'), {
    message: `Must be a staff user id or one of: ${ACTOR_TYPES.join(', ')}.`,
  })
  actor?: string;

  @ApiPropertyOptional({ description: 'An action (`case.decide`), or a prefix ending in a dot or `*` (`case.`, `user.*`).', example: 'case.' })
  @TrimToUndefined()
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]+\*?$/, { message: 'Must be an action like case.decide, or a prefix like case.' })
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ description: 'A subject type (`case`), or type and id (`user:<id>`).', example: 'decision' })
  @TrimToUndefined()
  @IsOptional()
  @Matches(/^[A-Za-z0-9_]+(:.+)?$/, { message: 'Must be a subject type like case, or type:id.' })
  @MaxLength(200)
  @ShortText()
  subject?: string;

  @ApiPropertyOptional({
    description: 'A case reference, with or without its prefix (`TD-2025-000123`, `2025-000123`), or its number alone (`123`: that number in any year).',
    example: 'TD-2025-000123',
  })
  @TrimToUndefined()
  @IsOptional()
  @Matches(CASE_REFERENCE_INPUT, { message: CASE_REFERENCE_INPUT_MESSAGE })
  case?: string;

  @ApiPropertyOptional({ description: 'From this time (ISO 8601; a date means its start, UTC).', example: '2025-06-01' })
  @TrimToUndefined()
  @IsOptional()
  @Matches(ISO_DATE, { message: ISO_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ description: 'Up to this time (ISO 8601; a date means its whole day, UTC).', example: '2025-06-30' })
  @TrimToUndefined()
  @IsOptional()
  @Matches(ISO_DATE, { message: ISO_MESSAGE })
  to?: string;

  @ApiPropertyOptional({ description: 'Text in the action, subject id, case reference, changes or data.' })
  @TrimToUndefined()
  @IsOptional()
  @IsString({ message: 'Must be text.' })
  @MaxLength(200)
  @ShortText()
  q?: string;
}

export class EventQueryDto extends EventFilterDto {
  @ApiPropertyOptional({ description: 'From `nextCursor` of the previous page.' })
  @TrimToUndefined()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoControlCharacters(false)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: MAX_EVENT_PAGE })
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'Must be a whole number.' })
  @Min(1, { message: 'Must be at least 1.' })
  @Max(MAX_EVENT_PAGE, { message: `Must be at most ${MAX_EVENT_PAGE}.` })
  limit?: number;
}

export class EventExportQueryDto extends EventFilterDto {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, default: 'csv' })
  @TrimToUndefined()
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `Must be one of: ${EXPORT_FORMATS.join(', ')}.` })
  format?: ExportFormat;
}
