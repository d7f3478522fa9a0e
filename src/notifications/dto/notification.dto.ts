import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { NOTIFICATION_KINDS, NotificationKind } from '../notification.entity';

export const NOTIFICATIONS_PER_PAGE = 25;
export const MAX_NOTIFICATIONS_PAGE = 100;
const whole = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

// GET /api/v1/notifications and the page: newest first, `page` from 1.
export class NotificationQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications.', enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'Must be true or false.' })
  unread?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Transform(whole)
  @IsInt({ message: 'Must be a whole number.' })
  @Min(1, { message: 'Must be at least 1.' })
  @Max(100_000, { message: 'Must be at most 100000.' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_NOTIFICATIONS_PAGE, default: NOTIFICATIONS_PER_PAGE })
  @IsOptional()
  @Transform(whole)
  @IsInt({ message: 'Must be a whole number.' })
  @Min(1, { message: 'Must be at least 1.' })
  @Max(MAX_NOTIFICATIONS_PAGE, { message: `Must be at most ${MAX_NOTIFICATIONS_PAGE}.` })
  limit?: number;
}

// A notification's id: its bigint key, as digits.
export const NOTIFICATION_ID = /^[1-9][0-9]{0,17}$/;

// POST /api/v1/notifications/read: these ids, or every unread one (`all: true`).
export class MarkReadDto {
  @ApiPropertyOptional({ type: [String], description: 'Ids of your own notifications (others are ignored).', maxItems: 500 })
  @IsOptional()
  @IsArray({ message: 'Must be a list of ids.' })
  @ArrayMinSize(1, { message: 'Name at least one id, or send all: true.' })
  @ArrayMaxSize(500, { message: 'At most 500 ids at once.' })
  @Matches(NOTIFICATION_ID, { each: true, message: 'Each id must be a notification id (digits).' })
  ids?: string[];

  @ApiPropertyOptional({ description: 'Mark every unread notification read.' })
  @IsOptional()
  @IsBoolean({ message: 'Must be true or false.' })
  all?: boolean;
}

export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty({ nullable: true, type: String }) caseReference: string | null;
  @ApiProperty({ description: 'What happened, in words.' }) text: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ nullable: true, type: Date }) readAt: Date | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) notifications: NotificationDto[];
  @ApiProperty() page: number;
  @ApiProperty({ description: 'Whether a later page exists.' }) hasMore: boolean;
  @ApiProperty({ description: 'Unread notifications in all.' }) unread: number;
}

export class MarkReadResultDto {
  @ApiProperty({ description: 'How many notifications were marked read.' }) marked: number;
  @ApiProperty({ description: 'Unread notifications left.' }) unread: number;
}
