import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { NoControlCharacters, ShortText, TrimToUndefined } from '../../common/validation';
import { NOTICE_TYPES, NoticeType } from '../../notices/completeness';
import { CASE_PRIORITIES, CASE_STATUSES, CasePriority, CaseStatus } from '../case.entity';
import { DUE_WINDOWS, type DueWindow, type QueueSort } from '../case-queue';

const toList = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean);

// Query of GET /api/v1/cases and of the queue page (the same names in the URL).
export class QueueQueryDto {
  @ApiPropertyOptional({ description: 'One or more statuses (repeat or comma-separate). Default: the open ones.', enum: CASE_STATUSES, isArray: true })
  @IsOptional()
  @Transform(toList)
  @IsIn(CASE_STATUSES, { each: true, message: `Each must be one of: ${CASE_STATUSES.join(', ')}.` })
  status?: CaseStatus[];

  @ApiPropertyOptional({ enum: NOTICE_TYPES })
  @TrimToUndefined()
  @IsOptional()
  @IsIn(NOTICE_TYPES, { message: `Must be one of: ${NOTICE_TYPES.join(', ')}.` })
  type?: NoticeType;

  @ApiPropertyOptional({ description: '`me`, `unassigned` or a user id.' })
  @TrimToUndefined()
  @IsOptional()
  @Matches(/^(me|unassigned|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'Must be me, unassigned or a user id.' })
  assignee?: string;

  @ApiPropertyOptional({ enum: CASE_PRIORITIES })
  @TrimToUndefined()
  @IsOptional()
  @IsIn(CASE_PRIORITIES, { message: `Must be one of: ${CASE_PRIORITIES.join(', ')}.` })
  priority?: CasePriority;

  @ApiPropertyOptional({ description: 'true: only cases whose nearest clock is overdue; false: none of them.' })
  @TrimToUndefined()
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'Must be true or false.' })
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: DUE_WINDOWS,
    description: 'By the nearest running clock (review, lapse, restoration, GDPR, defamation, restriction end): overdue; or due within 24h / 7d, overdue ones included.',
  })
  @TrimToUndefined()
  @IsOptional()
  @IsIn(DUE_WINDOWS, { message: `Must be one of: ${DUE_WINDOWS.join(', ')}.` })
  due?: DueWindow;

  @ApiPropertyOptional({ description: "The notifier's e-mail address or id." })
  @TrimToUndefined()
  @IsOptional()
  @IsString()
  @MaxLength(254)
  @ShortText()
  notifier?: string;

  @ApiPropertyOptional({ description: 'An article id.' })
  @TrimToUndefined()
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: 'Must be an article id.' })
  article?: string;

  @ApiPropertyOptional({ description: 'Text search over reference, notifier name and e-mail, URLs and article title.' })
  @TrimToUndefined()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @ShortText()
  q?: string;

  @ApiPropertyOptional({
    enum: ['due', 'received', '-received'],
    default: 'due',
    description: 'due: the nearest running clock first (cases without one last); received: oldest first; -received: newest first.',
  })
  @TrimToUndefined()
  @IsOptional()
  @IsIn(['due', 'received', '-received'], { message: 'Must be due, received or -received.' })
  sort?: QueueSort;

  @ApiPropertyOptional({ description: 'From `nextCursor` of the previous page.' })
  @TrimToUndefined()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @NoControlCharacters(false)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt({ message: 'Must be a whole number.' })
  @Min(1)
  @Max(200)
  limit?: number;
}
