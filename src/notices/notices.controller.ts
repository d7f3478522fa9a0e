import { Body, Controller, Get, Headers, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DeskError } from '../common/desk-error';
import { Meta, RequestMeta } from '../common/request-meta';
import { DeskConfig } from '../config/desk-config';
import { RateLimited } from '../rate-limit/rate-limit.guard';
import { AuthService } from '../staff/auth.service';
import { credentialOf } from '../staff/staff-auth.guard';
import { StaffErrors } from '../staff/staff-errors';
import { NOTICE_TYPES } from './completeness';
import { FileNoticeDto } from './dto/file-notice.dto';
import { FilingResponseDto } from './dto/filing-response.dto';
import { ProblemDto } from '../common/problem.dto';
import { FilingResult, NoticesService } from './notices.service';
import { NOTICE_TYPE_INFO, statementsFor } from './notice-types';
import { filingFromBody, filingSenderOf } from '../senders/sender-filing';
import { SenderKeyGuard } from '../senders/sender-key-guard';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/;

@ApiTags('notices')
@Controller('api/v1')
export class NoticesController {
  constructor(
    private readonly notices: NoticesService,
    private readonly auth: AuthService,
    private readonly config: DeskConfig,
  ) {}

  @Post('notices')
  @RateLimited('filing')
  @UseGuards(SenderKeyGuard)
  @ApiOperation({
    summary: 'File a notice',
    description:
      'Files a notice and opens its case. An incomplete notice is stored too: its case waits for the missing elements, listed in `missing`. ' +
      'The JSON body is limited to 1 MB (1,048,576 bytes). Send an `Idempotency-Key` header to make retries safe. ' +
      'A sender organisation files with `Authorization: Bearer tds_…`: the `notifier` block may then be left out (the organisation files), ' +
      'its own rate limit applies, and the key files only its allowed types (403 `notice_type_not_allowed`). ' +
      'A Lumen notice is accepted too: `Content-Type: application/vnd.lumen+json`, or `{ "notice": { … } }` with a sender key (see the README for the mapping; what cannot be mapped is a 422 naming the Lumen field).',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      '8–200 printable characters; a retry with the same key and body returns the first answer (200, without the tracking link). ' +
      'Keys are your own: with `Authorization: Bearer` they belong to that staff account or sender organisation, without it to the body and e-mail sent with them.',
  })
  @ApiBody({ type: FileNoticeDto })
  @ApiResponse({ status: 201, type: FilingResponseDto, description: 'Filed. `Location` is the private tracking resource.' })
  @ApiResponse({ status: 200, type: FilingResponseDto, description: 'A replay of an earlier request with the same Idempotency-Key.' })
  @ApiResponse({ status: 400, type: ProblemDto, description: 'Malformed JSON, or a body that is not an object.' })
  @ApiResponse({ status: 401, type: ProblemDto, description: 'An `Authorization` header with a token or sender key that is not valid.' })
  @ApiResponse({
    status: 403,
    type: ProblemDto,
    description:
      'A sender key filing a type it may not file (`notice_type_not_allowed`), or of a suspended (`sender_suspended`, with `suspendedUntil`) or closed (`sender_closed`) organisation.',
  })
  @ApiResponse({ status: 413, type: ProblemDto, description: 'Body over 1 MB.' })
  @ApiResponse({ status: 415, type: ProblemDto, description: 'Not application/json (or application/vnd.lumen+json).' })
  @ApiResponse({ status: 422, type: ProblemDto, description: 'Fields that break the rules, each named in `errors`.' })
  @ApiResponse({ status: 429, type: ProblemDto, description: 'Too many filings from this address; see Retry-After.' })
  async file(
    // Validated by filingFromBody: a desk notice or a Lumen notice, for the caller.
    @Body() body: Record<string, unknown>,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Meta() meta: RequestMeta,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReturnType<typeof filingResponse>> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw DeskError.validation([{ field: 'Idempotency-Key', message: 'Must be 8 to 200 printable ASCII characters.' }]);
    }
    const sender = request.sender;
    // Validated first: a bad body gets the same 422 whoever sends it.
    const dto = await filingFromBody(body, request.headers['content-type'], sender);
    const owner = sender ? `sender:${sender.organisation.id}` : await this.keyOwner(request);
    const submission = idempotencyKey ? { key: idempotencyKey, strict: true, owner } : undefined;
    const result = await this.notices.file(dto, 'api', meta, submission, sender ? filingSenderOf(sender) : undefined);
    if (result.replayed) {
      reply.status(200).header('idempotent-replayed', 'true');
    } else {
      reply.status(201).header('location', `/api/v1/track/${result.trackingToken}`);
    }
    return filingResponse(result);
  }

  // A staff member's script filing with a token owns its keys; anyone else files anonymously.
  private async keyOwner(request: FastifyRequest): Promise<string | null> {
    if (request.headers.authorization === undefined) return null;
    const { token } = credentialOf(request, this.config.publicBaseUrl);
    if (!token) throw StaffErrors.unauthenticated();
    return `staff:${(await this.auth.authenticate(token, 'bearer')).id}`;
  }

  @Get('notice-types')
  @HttpCode(200)
  @ApiOperation({ summary: 'The notice types, their legal basis and the exact sworn-statement texts' })
  types() {
    return NOTICE_TYPES.map((type) => ({ ...NOTICE_TYPE_INFO[type], statements: statementsFor(type) }));
  }
}

export function filingResponse(result: FilingResult) {
  return {
    reference: result.reference,
    status: result.status,
    trackingUrl: result.trackingUrl,
    missing: result.missing,
    dmcaState: result.dmcaState,
    replayed: result.replayed,
    ...(result.heldUntil ? { heldUntil: result.heldUntil } : {}),
    items: result.items.map((item) => ({
      url: item.url,
      normalizedUrl: item.normalizedUrl,
      articleId: item.articleId,
      match: item.match,
      state: item.state,
    })),
  };
}
