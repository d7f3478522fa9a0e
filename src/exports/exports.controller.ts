import { applyDecorators, Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { DeskError } from '../common/desk-error';
import { ProblemDto } from '../common/problem.dto';
import { Meta, RequestMeta } from '../common/request-meta';
import { parsePeriod } from '../reports/report-period';
import type { StaffActor } from '../staff/staff-actor';
import { CurrentStaff, StaffOnly } from '../staff/staff.decorators';
import { CaseStatement, ExportsService } from './exports.service';

type PeriodQuery = { from?: unknown; to?: unknown };

function periodOf(query: PeriodQuery) {
  const { period, errors } = parsePeriod({ from: query.from, to: query.to });
  if (!period) throw DeskError.validation(errors, 'The period is not valid.');
  return period;
}

async function sendNdjson(reply: FastifyReply, fileName: string, stream: Readable): Promise<void> {
  await reply
    .status(200)
    .header('content-type', 'application/x-ndjson; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(stream);
}

const PeriodQueries = () =>
  applyDecorators(
    ApiQuery({ name: 'from', required: false, description: 'First day (YYYY-MM-DD); default 12 months ago.', example: '2026-01-01' }),
    ApiQuery({ name: 'to', required: false, description: 'Last day, included (YYYY-MM-DD); default today.', example: '2026-12-31' }),
  );

// Exports for outside bodies (legal and admin): DSA statements of reasons and Lumen notices.
@ApiTags('exports')
@StaffOnly('exports.read')
@Controller('api/v1/exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('dsa-sor')
  @ApiOperation({
    summary: 'DSA statements of reasons of the decisions made in a period, as NDJSON, streamed (legal, admin)',
    description:
      'The export is logged (`export.dsa_statements`: who, the period, how many statements). One statement a line, in the EU DSA Transparency Database schema (API v1), for every item a decision acted on (removed, redacted, restricted in the EEA, or a newsroom remedy: image removed, correction, reply, name replaced, noindex); `puid` is the case reference and the item.',
  })
  @PeriodQueries()
  @ApiProduces('application/x-ndjson')
  @ApiResponse({ status: 200, description: 'An attachment, one JSON statement a line.' })
  @ApiResponse({ status: 422, type: ProblemDto, description: 'A date is not valid.' })
  async dsaStatements(@CurrentStaff() actor: StaffActor, @Query() query: PeriodQuery, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const period = periodOf(query);
    await sendNdjson(reply, `dsa-statements-${period.from}-${period.to}.ndjson`, this.exports.dsaStatements(actor, period, meta));
  }

  @Get('lumen')
  @ApiOperation({
    summary: 'Closed notices of a period as Lumen database notices, NDJSON, streamed (legal, admin)',
    description:
      'The export is logged (`export.lumen`: who, the period, how many notices). One `{ "notice": { … } }` a line (the Lumen submission format), notices received in the period whose case is closed; the notifier’s contact details are redacted.',
  })
  @PeriodQueries()
  @ApiProduces('application/x-ndjson')
  @ApiResponse({ status: 200, description: 'An attachment, one Lumen notice a line.' })
  @ApiResponse({ status: 422, type: ProblemDto, description: 'A date is not valid.' })
  async lumen(@CurrentStaff() actor: StaffActor, @Query() query: PeriodQuery, @Meta() meta: RequestMeta, @Res() reply: FastifyReply): Promise<void> {
    const period = periodOf(query);
    await sendNdjson(reply, `lumen-notices-${period.from}-${period.to}.ndjson`, this.exports.lumenNotices(actor, period, meta));
  }
}

// A case's statements of reasons with their submission state (staff).
@ApiTags('cases')
@StaffOnly('cases.read')
@Controller('api/v1/cases')
export class CaseStatementsController {
  constructor(private readonly exports: ExportsService) {}

  @Get(':reference/dsa-statements')
  @ApiOperation({ summary: 'The DSA statements of reasons of a case, each with its schema check and submission state' })
  @ApiResponse({ status: 404, type: ProblemDto, description: 'No such case.' })
  statements(@CurrentStaff() actor: StaffActor, @Param('reference') reference: string): Promise<{ reference: string; statements: CaseStatement[] }> {
    return this.exports.statementsOfCase(actor, reference);
  }
}
