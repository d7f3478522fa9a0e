import { Body, Controller, Headers, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { DeskError } from '../common/desk-error';
import { ProblemDto } from '../common/problem.dto';
import { toProblem } from '../common/problem.filter';
import { Meta, RequestMeta } from '../common/request-meta';
import { filingResponse } from '../notices/notices.controller';
import { NoticesService } from '../notices/notices.service';
import { BatchEntryDto, BatchResponseDto, FileBatchDto, MAX_BATCH_NOTICES } from './dto/batch.dto';
import { SenderErrors } from './sender-errors';
import { filingFromBody, filingSenderOf } from './sender-filing';
import { SenderCaller, SenderKeyGuard } from './sender-key-guard';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,190}$/;
// Filings of one batch in flight at once: each is two statements on its own connection.
const CONCURRENCY = 4;

@ApiTags('notices')
@Controller('api/v1')
export class NoticesBatchController {
  constructor(private readonly notices: NoticesService) {}

  // `notices:batch` (a custom method, in Google's API style): the router's escaped colon.
  @Post('notices::batch')
  @HttpCode(207)
  @UseGuards(SenderKeyGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'File up to 100 notices at once (sender keys)',
    description:
      'For sender organisations (`Authorization: Bearer tds_…`). Each notice is filed on its own, as POST /api/v1/notices would file it, and answered in `results` ' +
      'in request order: one bad notice does not stop the others. With an `Idempotency-Key`, notice i uses the key `<key>:<i>`, so a retried batch replays what was filed. ' +
      'Each notice counts against the organisation’s rate limit.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–190 printable characters; notice i of the batch is filed with `<key>:<i>`.' })
  @ApiBody({ type: FileBatchDto })
  @ApiResponse({ status: 207, type: BatchResponseDto })
  @ApiResponse({ status: 401, type: ProblemDto, description: 'No sender key (`sender_key_required`), or one that is not valid.' })
  @ApiResponse({ status: 403, type: ProblemDto, description: 'The key’s organisation is suspended (`sender_suspended`, with `suspendedUntil`) or closed (`sender_closed`).' })
  @ApiResponse({ status: 422, type: ProblemDto, description: '`notices` missing, empty or longer than 100.' })
  @ApiResponse({ status: 429, type: ProblemDto, description: 'Over the organisation’s rate limit; see Retry-After.' })
  async fileBatch(
    @Body() body: Record<string, unknown>,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Meta() meta: RequestMeta,
    @Req() request: FastifyRequest,
  ): Promise<BatchResponseDto> {
    const sender = request.sender;
    if (!sender) throw SenderErrors.senderKeyRequired();
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw DeskError.validation([{ field: 'Idempotency-Key', message: 'Must be 8 to 190 printable ASCII characters.' }]);
    }
    const notices = batchOf(body);
    const results: BatchEntryDto[] = new Array(notices.length);
    let next = 0;
    const worker = async () => {
      while (next < notices.length) {
        const index = next++;
        results[index] = await this.fileOne(notices[index], index, sender, request, meta, idempotencyKey);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, notices.length) }, worker));
    const accepted = results.filter((entry) => entry.status < 300).length;
    return { results, accepted, refused: results.length - accepted };
  }

  private async fileOne(
    notice: unknown,
    index: number,
    sender: SenderCaller,
    request: FastifyRequest,
    meta: RequestMeta,
    idempotencyKey: string | undefined,
  ): Promise<BatchEntryDto> {
    try {
      if (notice === null || typeof notice !== 'object' || Array.isArray(notice)) {
        throw DeskError.validation([{ field: '', message: 'Each notice must be an object.' }]);
      }
      const dto = await filingFromBody(notice, request.headers['content-type'], sender);
      const submission = idempotencyKey ? { key: `${idempotencyKey}:${index}`, strict: true, owner: `sender:${sender.organisation.id}` } : undefined;
      const result = await this.notices.file(dto, 'api', meta, submission, filingSenderOf(sender));
      return result.replayed
        ? { index, status: 200, filing: filingResponse(result) }
        : { index, status: 201, location: `/api/v1/track/${result.trackingToken}`, filing: filingResponse(result) };
    } catch (error) {
      if (!(error instanceof DeskError)) throw error;
      const problem = toProblem(error, String(request.id));
      // Fields are named within the batch: notices[3].items[0].url.
      problem.errors = problem.errors.map((fieldError) => ({ ...fieldError, field: fieldError.field ? `notices[${index}].${fieldError.field}` : `notices[${index}]` }));
      return { index, status: error.status, problem };
    }
  }
}

function batchOf(body: Record<string, unknown>): unknown[] {
  const notices = body?.notices;
  const unknown = Object.keys(body ?? {}).filter((key) => key !== 'notices');
  const errors = unknown.map((field) => ({ field, message: 'This field is not part of the request.' }));
  if (!Array.isArray(notices)) errors.push({ field: 'notices', message: `Give a list of 1 to ${MAX_BATCH_NOTICES} notices.` });
  else if (notices.length === 0 || notices.length > MAX_BATCH_NOTICES) errors.push({ field: 'notices', message: `Give 1 to ${MAX_BATCH_NOTICES} notices in one batch.` });
  if (errors.length) throw DeskError.validation(errors);
  return notices as unknown[];
}
