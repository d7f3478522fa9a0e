import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import type { TrackingView } from '../notices/tracking-view';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import { AppealDto } from './dto/appeal.dto';
import { CourtActionDto } from './dto/court-action.dto';
import { NotifierActionsService } from './notifier-actions.service';

@ApiTags('tracking')
@Controller('api/v1/track/:token')
export class TrackActionsController {
  constructor(private readonly actions: NotifierActionsService) {}

  @Post('court-action')
  @HttpCode(200)
  @RateLimited('tracking')
  @ApiOperation({ summary: 'Report a court action against the author after a counter-notice: restoration stops (litigation hold)' })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'No counter-notice is waiting.' })
  courtAction(@Param('token') token: string, @Body() dto: CourtActionDto, @Meta() meta: RequestMeta): Promise<TrackingView> {
    return this.actions.courtAction(token, dto, meta);
  }

  @Post('appeal')
  @HttpCode(200)
  @RateLimited('tracking')
  @ApiOperation({ summary: 'Appeal the decision (DSA Art. 20), within six months of being told' })
  @ApiResponse({ status: 409, type: ProblemDto, description: '`cannot_appeal`: nothing to appeal now, or the six months have passed.' })
  appeal(@Param('token') token: string, @Body() dto: AppealDto, @Meta() meta: RequestMeta): Promise<TrackingView> {
    return this.actions.appeal(token, dto, meta);
  }
}
