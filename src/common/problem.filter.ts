import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorPage } from '../web/layout';
import { DeskError, FieldError } from './desk-error';

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors: FieldError[];
  requestId: string;
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Malformed request',
  401: 'Sign-in required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported content type',
  422: 'Your request has invalid fields',
  429: 'Too many requests',
  431: 'Request headers too large',
  500: 'Something went wrong on our side',
  503: 'Service unavailable',
};

// Fastify's own errors (body parsing, content type, size) carry a status and a code.
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
  validation?: unknown;
}

// Every error leaves the desk through here: a problem document for API clients and
// an HTML page for people, never a stack trace (a 500 shows only the request id).
export function toProblem(error: unknown, requestId: string): ProblemDocument {
  if (error instanceof DeskError) {
    return {
      type: `about:blank#${error.code}`,
      title: error.title,
      status: error.status,
      detail: error.detail,
      code: error.code,
      errors: error.errors,
      requestId,
      ...error.extra,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? error.message);
    return plain(status, FIXED_DETAILS[status] ?? (Array.isArray(message) ? message.join('; ') : String(message)), codeFor(status), requestId);
  }
  const fastifyError = error as FastifyLikeError;
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return plain(fastifyError.statusCode, describeFastifyError(fastifyError), codeFor(fastifyError.statusCode), requestId);
  }
  return plain(500, `The error was logged. Quote request id ${requestId} when you contact us.`, 'internal_error', requestId);
}

function plain(status: number, detail: string, code: string, requestId: string): ProblemDocument {
  return { type: `about:blank#${code}`, title: TITLES[status] ?? 'Error', status, detail, code, errors: [], requestId };
}

function codeFor(status: number): string {
  return (TITLES[status] ?? 'error').toLowerCase().replace(/[^a-z]+/g, '_');
}

// Said the same way whichever layer (Fastify or Nest) raised them.
const FIXED_DETAILS: Record<number, string> = {
  413: 'The body is larger than the limit of 1 MB (1,048,576 bytes).',
  415: 'Send the body as application/json (API) or application/x-www-form-urlencoded (form).',
};

function describeFastifyError(error: FastifyLikeError): string {
  if (error.statusCode && FIXED_DETAILS[error.statusCode]) return FIXED_DETAILS[error.statusCode];
  switch (error.code) {
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The body is empty; send a JSON object.';
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'The Content-Length header does not match the body.';
    case 'DESK_BODY_NOT_OBJECT':
      return 'The body must be a JSON object.';
    case 'FST_ERR_BAD_URL':
      return 'The address is not a valid URL: check its percent-encoding.';
    default:
      return error.statusCode === 400 ? `The body could not be read: ${error.message ?? 'malformed request'}.` : (error.message ?? 'Bad request');
  }
}

export function wantsHtml(request: FastifyRequest): boolean {
  const url = request.url ?? '';
  if (url.startsWith('/api/') || url === '/health') return false;
  return (request.headers.accept ?? '').includes('text/html');
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  // `alwaysHtml` for controllers that serve only pages to people (a tracking link opened
  // by any client gets the same HTML 404).
  constructor(private readonly options: { alwaysHtml?: boolean } = {}) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendProblem(error, request, reply, this.logger, this.options.alwaysHtml);
  }
}

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, logger: Pick<Logger, 'error'>, alwaysHtml = false): void {
  const problem = toProblem(error, String(request.id));
  if (problem.status >= 500) {
    logger.error({ msg: 'unhandled error', requestId: request.id, err: error instanceof Error ? error.stack : String(error) });
  }
  if (typeof problem.retryAfter === 'number') reply.header('retry-after', String(problem.retryAfter));
  if (alwaysHtml || wantsHtml(request)) {
    // A person who is not (or no longer) signed in goes to the sign-in page, and back after.
    if (problem.status === 401) {
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.url)}` : '';
      reply.status(303).header('location', `/login${next}`).send();
      return;
    }
    reply
      .status(problem.status)
      .type('text/html; charset=utf-8')
      .send(errorPage(problem.status, problem.title, problem.detail, problem.status >= 500 ? problem.requestId : undefined));
    return;
  }
  reply.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

// Requests Node's HTTP parser refuses before Fastify sees them (a malformed request line or
// header, headers over 16 KB, a body cut short by the client) get a problem document too,
// not Fastify's default `{"error":"Bad Request"}`.
export function sendClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const detail = status === 431 ? 'The request headers are larger than 16 KB.' : status === 408 ? 'The request took too long to arrive.' : 'The request could not be read as HTTP.';
  const body = JSON.stringify(plain(status, detail, codeFor(status), randomUUID()));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
