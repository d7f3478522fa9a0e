import { Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import type { StaffActor } from '../staff/staff-actor';
import { CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import type { SealingResult } from '../events/event-seal.service';
import type { VerificationReport } from '../events/event-verifier';
import { AuditService, EventPage } from './audit.service';
import { EventExportQueryDto, EventQueryDto } from './dto/event-query.dto';

@ApiTags('events')
@StaffOnly('events.read')
@Controller('api/v1/events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'The event log, newest first: filters and cursor pagination (admin)' })
  @ApiResponse({ status: 422, type: ProblemDto, description: 'A filter or the cursor is not valid.' })
  list(@CurrentStaff() actor: StaffActor, @Query() query: EventQueryDto): Promise<EventPage> {
    return this.audit.listEvents(actor, query);
  }

  @Get('export')
  @ApiOperation({
    summary: 'Export the filtered log as CSV or NDJSON, streamed (admin)',
    description: 'Same filters as the list; every matching event up to the newest at the start. The export is itself logged (`events.exported`).',
  })
  @ApiProduces('text/csv', 'application/x-ndjson')
  @ApiResponse({ status: 200, description: 'An attachment; `x-event-count` gives the number of events.' })
  async export(@CurrentStaff() actor: StaffActor, @Query() query: EventExportQueryDto, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const result = await this.audit.exportEvents(actor, query, meta);
    await reply
      .status(200)
      .header('content-type', result.contentType)
      .header('content-disposition', `attachment; filename="${result.fileName}"`)
      .header('cache-control', 'no-store')
      .header('x-event-count', String(result.rowCount))
      .send(result.stream);
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify every event and seal since the first (admin); the run is logged' })
  @ApiResponse({ status: 200, description: '`ok`, counts, and the first altered event or seal when not ok.' })
  verify(@CurrentStaff() actor: StaffActor, @Meta() meta: RequestMeta): Promise<VerificationReport> {
    return this.audit.verify(actor, meta);
  }

  @Post('seal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Seal the pending events now, without waiting for the job (admin)' })
  seal(@CurrentStaff() actor: StaffActor, @Meta() meta: RequestMeta): Promise<SealingResult> {
    return this.audit.sealNow(actor, meta);
  }
}
