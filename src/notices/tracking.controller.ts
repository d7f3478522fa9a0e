import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import { SupplementNoticeDto, WithdrawNoticeDto } from './dto/supplement-notice.dto';
import { TrackingService } from './tracking.service';
import type { TrackingView } from './tracking-view';

@ApiTags('tracking')
@Controller('api/v1/track/:token')
export class TrackingController {
  constructor(private readonly tracking: TrackingService) {}

  @Get()
  @RateLimited('tracking')
  @ApiOperation({ summary: "The notifier's view of their case" })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'Unknown, revoked or malformed token (all alike).' })
  view(@Param('token') token: string): Promise<TrackingView> {
    return this.tracking.view(token);
  }

  @Post('supplement')
  @HttpCode(200)
  @RateLimited('tracking')
  @ApiOperation({ summary: 'Supply missing elements; a now-complete case moves to `new`' })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'The case is not waiting for information.' })
  @ApiResponse({ status: 422, type: ProblemDto, description: 'Fields that break the rules.' })
  supplement(@Param('token') token: string, @Body() dto: SupplementNoticeDto, @Meta() meta: RequestMeta): Promise<TrackingView> {
    return this.tracking.supplement(token, dto, meta);
  }

  @Post('withdraw')
  @HttpCode(200)
  @RateLimited('tracking')
  @ApiOperation({ summary: 'Withdraw the notice (needs `confirm: true`)' })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'The case can no longer be withdrawn.' })
  withdraw(@Param('token') token: string, @Body() dto: WithdrawNoticeDto, @Meta() meta: RequestMeta): Promise<TrackingView> {
    return this.tracking.withdraw(token, dto, meta);
  }
}
