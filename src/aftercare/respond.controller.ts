import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import { AppealDto } from './dto/appeal.dto';
import { CounterNoticeDto } from './dto/counter-notice.dto';
import { RespondService, RespondView } from './respond.service';

@ApiTags('respond')
@Controller('api/v1/respond/:token')
export class RespondController {
  constructor(private readonly respond: RespondService) {}

  @Get()
  @RateLimited('tracking')
  @ApiOperation({ summary: "The author's view of a decision on their article (through the private response link)" })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'Unknown or malformed link (all alike).' })
  view(@Param('token') token: string): Promise<RespondView> {
    return this.respond.view(token);
  }

  @Post('counter-notice')
  @HttpCode(200)
  @RateLimited('tracking')
  @ApiOperation({ summary: 'File a DMCA §512(g)(3) counter-notice; `complete` and `missing` say what it lacks' })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'No counter-notice possible now (not a removed contributed article).' })
  counterNotice(@Param('token') token: string, @Body() dto: CounterNoticeDto, @Meta() meta: RequestMeta) {
    return this.respond.counterNotice(token, dto, meta);
  }

  @Post('appeal')
  @HttpCode(200)
  @RateLimited('tracking')
  @ApiOperation({ summary: 'Appeal the decision (DSA Art. 20), within six months of being told' })
  @ApiResponse({ status: 409, type: ProblemDto, description: '`cannot_appeal`: nothing to appeal now, or the six months have passed.' })
  appeal(@Param('token') token: string, @Body() dto: AppealDto, @Meta() meta: RequestMeta): Promise<RespondView> {
    return this.respond.appeal(token, dto, meta);
  }
}
