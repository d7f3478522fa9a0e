import { Body, Controller, HttpCode, Param, Patch } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import { CorrectNoticeDto } from './dto/correct-notice.dto';
import { NoticeCorrectionService } from './notice-correction.service';
import type { TrackingView } from './tracking-view';

@ApiTags('tracking')
@Controller('api/v1/track/:token')
export class NoticeCorrectionController {
  constructor(private readonly corrections: NoticeCorrectionService) {}

  @Patch('notice')
  @HttpCode(200)
  @RateLimited('tracking')
  @ApiOperation({
    summary: 'Correct or add to the notice while the case is open',
    description:
      'Any field of the filing, with the filing’s rules; given fields replace what the notice says. `items` corrects URLs already in the notice ' +
      '(by `index`), `addItems` adds more. The notice as it stood is kept, and the change is logged (`notice.corrected`). ' +
      'A notice waiting for information that the correction completes returns to the queue.',
  })
  @ApiResponse({ status: 200, description: 'The case as the notifier now sees it.' })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'Unknown, revoked or malformed token (all alike).' })
  @ApiResponse({ status: 409, type: ProblemDto, description: 'The case is decided or closed: the notice can no longer be corrected.' })
  @ApiResponse({ status: 422, type: ProblemDto, description: 'Fields that break the rules, or nothing changed.' })
  correct(@Param('token') token: string, @Body() dto: CorrectNoticeDto, @Meta() meta: RequestMeta): Promise<TrackingView> {
    return this.corrections.correct(token, dto, meta);
  }
}
