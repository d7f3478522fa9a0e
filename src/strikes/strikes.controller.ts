import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import type { StaffActor } from '../staff/staff-actor';
import { CurrentStaff, RequirePermission, StaffOnly } from '../staff/staff.decorators';
import { AccountDecisionDto } from './dto/account-decision.dto';
import { StrikesService } from './strikes.service';

export function pageNumber(raw: unknown): number {
  const page = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return page >= 1 ? page : 1;
}

@ApiTags('contributors')
@StaffOnly('cases.read')
@Controller('api/v1/contributors')
export class StrikesController {
  constructor(private readonly strikes: StrikesService) {}

  @Get()
  @ApiOperation({
    summary:
      'Contributors with strikes (DMCA §512(i)): active, expired and withdrawn strikes (withdrawn: when and why), account reviews for legal with how many of their strikes were withdrawn since',
  })
  @ApiQuery({ name: 'page', required: false, type: Number })
  list(@CurrentStaff() actor: StaffActor, @Query('page') page: unknown) {
    return this.strikes.contributors(actor, pageNumber(page));
  }

  @Post('reviews/:id/decision')
  @HttpCode(200)
  @RequirePermission('strikes.decide')
  @ApiOperation({ summary: 'Legal records the decision on a repeat infringer’s account (terminate or keep, with reasons)' })
  @ApiResponse({ status: 404, type: ProblemDto })
  @ApiResponse({ status: 409, type: ProblemDto, description: '`already_decided`.' })
  decide(@CurrentStaff() actor: StaffActor, @Param('id') id: string, @Body() dto: AccountDecisionDto, @Meta() meta: RequestMeta) {
    return this.strikes.decide(actor, id, dto, meta);
  }
}
