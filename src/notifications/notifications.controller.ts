import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import type { StaffActor } from '../staff/staff-actor';
import { CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import { MarkReadDto, MarkReadResultDto, NotificationPageDto, NotificationQueryDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@StaffOnly('notifications.own')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'Your notifications, newest first, a page at a time (`unread=true`: only unread ones)' })
  @ApiResponse({ status: 200, type: NotificationPageDto })
  @ApiResponse({ status: 422, type: ProblemDto, description: 'A query parameter is not valid.' })
  list(@CurrentStaff() actor: StaffActor, @Query() query: NotificationQueryDto): Promise<NotificationPageDto> {
    return this.notifications.list(actor, query);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark your notifications read: the ids given, or all of them (`all: true`)' })
  @ApiResponse({ status: 200, type: MarkReadResultDto })
  @ApiResponse({ status: 422, type: ProblemDto, description: 'Neither ids nor `all`, or an id that is not one.' })
  markRead(@CurrentStaff() actor: StaffActor, @Body() body: MarkReadDto, @Meta() meta: RequestMeta): Promise<MarkReadResultDto> {
    return this.notifications.markRead(actor, body, meta);
  }
}
