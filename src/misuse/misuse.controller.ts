import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import type { StaffActor } from '../staff/staff-actor';
import { CurrentStaff, RequirePermission, StaffOnly } from '../staff/staff.decorators';
import { SuspensionAppealDecisionDto, SuspensionDecisionDto } from './dto/suspension-decision.dto';
import { AppealDto } from '../aftercare/dto/appeal.dto';
import { MisuseService } from './misuse.service';

@ApiTags('misuse')
@StaffOnly('cases.read')
@Controller('api/v1/misuse/suspensions')
export class MisuseController {
  constructor(private readonly misuse: MisuseService) {}

  @Get()
  @ApiOperation({ summary: 'Suspensions for misuse (DSA Art. 23): proposed by the desk, confirmed or declined by legal, appeals' })
  list(@CurrentStaff() actor: StaffActor) {
    return this.misuse.list(actor);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @RequirePermission('misuse.decide')
  @ApiOperation({ summary: 'Legal confirms (with reasons, for a set number of days) or declines a proposed suspension; the notifier is told' })
  @ApiResponse({ status: 409, type: ProblemDto, description: '`not_proposed`: already decided.' })
  decide(@CurrentStaff() actor: StaffActor, @Param('id') id: string, @Body() dto: SuspensionDecisionDto, @Meta() meta: RequestMeta) {
    return this.misuse.decide(actor, id, dto, meta);
  }

  @Post(':id/appeal-decision')
  @HttpCode(200)
  @RequirePermission('misuse.decide')
  @ApiOperation({ summary: 'Answer a suspended notifier’s appeal: the suspension is upheld or lifted (not by the person who confirmed it)' })
  @ApiResponse({ status: 409, type: ProblemDto, description: '`no_open_appeal`.' })
  decideAppeal(@CurrentStaff() actor: StaffActor, @Param('id') id: string, @Body() dto: SuspensionAppealDecisionDto, @Meta() meta: RequestMeta) {
    return this.misuse.decideAppeal(actor, id, dto, meta);
  }
}

// The suspended notifier's appeal, through the tracking link of any of their notices.
@ApiTags('tracking')
@Controller('api/v1/track/:token/suspension-appeal')
export class SuspensionAppealController {
  constructor(private readonly misuse: MisuseService) {}

  @Post()
  @HttpCode(200)
  @RateLimited('tracking')
  @ApiOperation({ summary: 'Appeal a suspension for misuse (DSA Art. 20 and 23)' })
  @ApiResponse({ status: 409, type: ProblemDto, description: '`not_suspended` or `already_appealed`.' })
  appeal(@Param('token') token: string, @Body() dto: AppealDto, @Meta() meta: RequestMeta) {
    return this.misuse.appeal(token, dto.grounds, meta);
  }
}
