import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DeskError } from '../common/desk-error';
import { ProblemDto } from '../common/problem.dto';
import { sendPage } from '../web/page-parts';
import { parsePeriod } from './report-period';
import { transparencyPage } from './transparency-page';
import { TransparencyReport, transparencyCsv } from './transparency-report';
import { TransparencyService } from './transparency.service';

type PeriodQuery = { from?: unknown; to?: unknown; format?: unknown };
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

// The public transparency report: the page for people, the API for everyone else.
@ApiTags('public')
@Controller()
export class TransparencyController {
  constructor(private readonly transparency: TransparencyService) {}

  @Get('api/v1/reports/transparency')
  @ApiOperation({
    summary: 'Transparency report for a period (JSON, or CSV with Accept: text/csv or format=csv)',
    description:
      'Notices by type and by kind of sender, the share incomplete when filed, decisions by ground and action, median and 90th-percentile time to a first decision, counter-notices and restorations, appeals and suspensions for misuse. Whole UTC days; without dates, the last 12 months.',
  })
  @ApiQuery({ name: 'from', required: false, description: 'First day (YYYY-MM-DD).', example: '2026-01-01' })
  @ApiQuery({ name: 'to', required: false, description: 'Last day, included (YYYY-MM-DD).', example: '2026-12-31' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiProduces('application/json', 'text/csv')
  @ApiResponse({ status: 200, description: 'The report.' })
  @ApiResponse({ status: 422, type: ProblemDto, description: 'A date is not valid, or the period ends before it starts.' })
  async report(@Query() query: PeriodQuery, @Headers('accept') accept: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const format = text(query.format);
    if (format !== undefined && format !== 'json' && format !== 'csv') throw DeskError.validation([{ field: 'format', message: 'Must be json or csv.' }]);
    const report = await this.transparency.report(this.transparency.period({ from: query.from, to: query.to }));
    const csv = format === 'csv' || (format === undefined && /\btext\/csv\b/.test(accept ?? '') && !/application\/json/.test(accept ?? ''));
    reply.header('vary', 'Accept').header('cache-control', 'no-cache');
    if (!csv) return void reply.status(200).send(report satisfies TransparencyReport);
    await reply
      .status(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="transparency-${report.period.from}-${report.period.to}.csv"`)
      .send(transparencyCsv(report));
  }

  @Get('transparency')
  @ApiExcludeEndpoint()
  async page(@Query() query: PeriodQuery, @Res() reply: FastifyReply): Promise<void> {
    const values = { from: text(query.from)?.trim(), to: text(query.to)?.trim() };
    const { period, errors } = parsePeriod(values);
    if (!period) return sendPage(reply, 422, transparencyPage({ values, errors, report: null }));
    const report = await this.transparency.report(period);
    sendPage(reply, 200, transparencyPage({ values: { from: period.from, to: period.to }, errors: [], report }));
  }
}
