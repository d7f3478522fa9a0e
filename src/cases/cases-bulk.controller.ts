import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import type { StaffActor } from '../staff/staff-actor';
import { CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import { BulkActionsService } from './bulk-actions.service';
import { BulkActionDto, BulkResponseDto } from './dto/bulk.dto';

@ApiTags('cases')
@StaffOnly('cases.read')
@Controller('api/v1')
export class CasesBulkController {
  constructor(private readonly bulk: BulkActionsService) {}

  // `cases:bulk` (a custom method, as `notices:batch`): the router's escaped colon.
  @Post('cases::bulk')
  @HttpCode(207)
  @ApiOperation({
    summary: 'Apply one action to up to 100 cases: assign, escalate, close as duplicate, add a note',
    description:
      'Each case is acted on as its single route would (POST /api/v1/cases/{reference}/transitions, or /notes for `note`): its own transaction, version check and event, ' +
      'one after the other, answered in `results` in request order with a sentence each. One refused case (wrong status, stale version, assigned to someone else) stops ' +
      'nothing and rolls nothing back. What the role may not do at all is refused for the whole request (403) before any case is touched: assigning someone else needs ' +
      'legal or admin. A note does not change the case, so its version is not checked.',
  })
  @ApiBody({ type: BulkActionDto })
  @ApiResponse({ status: 207, type: BulkResponseDto })
  @ApiResponse({ status: 403, type: ProblemDto, description: 'The role may not take this action at all (`forbidden`; `assigneeId` named when it may assign only itself).' })
  @ApiResponse({ status: 422, type: ProblemDto, description: 'Invalid body: each bad field is named (`cases[2].version`, `reason`, `duplicateOf`, `note`).' })
  apply(@CurrentStaff() actor: StaffActor, @Body() dto: BulkActionDto, @Meta() meta: RequestMeta): Promise<BulkResponseDto> {
    return this.bulk.apply(actor, dto, meta);
  }
}
