import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import type { StaffActor } from '../staff/staff-actor';
import { CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import { CaseWorkflowService } from './case-workflow.service';
import { CasesService } from './cases.service';
import { AddNoteDto } from './dto/note.dto';
import { QueueQueryDto } from './dto/queue-query.dto';
import { ExtendGdprDeadlineDto, RecordAuthorAnswerDto, RecordAuthorContactDto } from './dto/clock-actions.dto';
import { ApproveDto, AssignDto, DecideAppealDto, DecideDto, MessageDto, ReasonDto, TransitionDto } from './dto/transition.dto';

const TRANSITION_BODIES = [
  TransitionDto,
  AssignDto,
  MessageDto,
  ReasonDto,
  DecideDto,
  ApproveDto,
  DecideAppealDto,
  ExtendGdprDeadlineDto,
  RecordAuthorContactDto,
  RecordAuthorAnswerDto,
];

@ApiTags('cases')
@StaffOnly('cases.read')
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly workflow: CaseWorkflowService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The queue: filters, sort (nearest running clock by default) and cursor pagination, with counts per status',
    description: 'Each item names its nearest running clock (`nextDue`: instant, clock name, overdue); `due=overdue|24h|7d` filters by it.',
  })
  queue(@CurrentStaff() actor: StaffActor, @Query() query: QueueQueryDto) {
    return this.cases.queue(actor, query);
  }

  @Get(':reference')
  @ApiOperation({
    summary: 'A case: notice, items and articles, completeness, timeline, notes, decisions, running clocks and its version',
    description: '`clocks`: every running clock (what it waits for, due in the desk zone and UTC, what happens then, overdue); `nextDue`: the nearest.',
  })
  @ApiResponse({ status: 404, type: ProblemDto })
  detail(@CurrentStaff() actor: StaffActor, @Param('reference') reference: string) {
    return this.cases.detail(actor, reference);
  }

  @Post(':reference/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the case through the workflow (one transaction)', description: 'See the transition table in src/cases/case-workflow.ts.' })
  @ApiExtraModels(...TRANSITION_BODIES)
  @ApiBody({ schema: { oneOf: TRANSITION_BODIES.map((dto) => ({ $ref: getSchemaPath(dto) })) } })
  @ApiResponse({ status: 200, description: 'The updated case.' })
  @ApiResponse({
    status: 403,
    type: ProblemDto,
    description:
      'The role may not (`forbidden_role`), the case is assigned to someone else (`not_assignee`; legal and admin may), or the approver made the decision (`four_eyes`).',
  })
  @ApiResponse({
    status: 409,
    type: ProblemDto,
    description:
      '`stale_version`: the case changed; the problem carries the current `case`. `gdpr_not_extendable` (no GDPR clock, already extended or ended), `no_author_contact_due`, `no_author_answer_due`.',
  })
  @ApiResponse({ status: 422, type: ProblemDto, description: 'Not allowed from the current status (`invalid_transition`) or invalid payload.' })
  transition(@CurrentStaff() actor: StaffActor, @Param('reference') reference: string, @Body() body: Record<string, unknown>, @Meta() meta: RequestMeta) {
    return this.workflow.transition(actor, reference, body, meta);
  }

  @Post(':reference/notes')
  @ApiOperation({ summary: 'Add an internal note (staff only)' })
  addNote(@CurrentStaff() actor: StaffActor, @Param('reference') reference: string, @Body() dto: AddNoteDto, @Meta() meta: RequestMeta) {
    return this.workflow.addNote(actor, reference, dto.body, meta);
  }
}
