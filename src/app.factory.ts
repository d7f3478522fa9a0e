import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import { ConsoleLogger, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module';
import { checkBodyShape } from './common/body-shape';
import { DeskError } from './common/desk-error';
import { redactUrl } from './common/log-redaction';
import { ProblemFilter, sendClientError, sendProblem } from './common/problem.filter';
import { securityHeadersFor } from './common/security-headers';
import { hasControlCharacters, validationPipe } from './common/validation';
import { DeskConfig } from './config/desk-config';
import { sessionCookieName } from './staff/session-cookie';
import { redirectToPasswordChange } from './staff/password-change-redirect';

export const BODY_LIMIT_BYTES = 1_048_576;

const FORWARDED_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

// A proxy's X-Request-ID when the desk trusts its proxy and the id is plain; otherwise one
// of the desk's own (a client could send 15,000 characters, markup or another request's id).
export function requestIdFor(header: string | string[] | undefined, trustProxy: boolean): string {
  return trustProxy && typeof header === 'string' && FORWARDED_REQUEST_ID.test(header) ? header : randomUUID();
}

const NEST_LOG_LEVELS: Record<DeskConfig['logLevel'], LogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
  silent: [],
};

export function deskLogger(config: Pick<DeskConfig, 'logLevel'>): ConsoleLogger {
  return new ConsoleLogger({ json: true, logLevels: NEST_LOG_LEVELS[config.logLevel] });
}

// src/web/public, whether running from src (tests) or from dist/src (npm start).
function assetsDir(): string {
  const candidates = [path.join(__dirname, 'web', 'public'), path.join(__dirname, '..', '..', 'src', 'web', 'public')];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'desk.css'))) ?? candidates[0];
}

// Builds the whole HTTP application (not yet listening): used by main.ts and by tests.
export async function createApp(config: DeskConfig, databaseUrl: string): Promise<NestFastifyApplication> {
  const headersFor = securityHeadersFor(config.publicBaseUrl);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    // The request id goes into the permanent event log: a client's own is taken only from a
    // trusted proxy, and only in a plain shape (see requestIdFor).
    requestIdHeader: false,
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => requestIdFor(request.headers['x-request-id'], config.trustProxy),
    // A tracking token of any length must reach its route and get the same 404 as any
    // other bad token (the router's default limit of 100 answered with a bare 414).
    // Node refuses request lines over 16 KB before the router sees them.
    routerOptions: { maxParamLength: 16_384 },
    // The router's own errors (an undecodable URL) bypass the filters: same problem document.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) => {
      reply.headers(headersFor(request.url));
      sendProblem(error, request, reply, new Logger('http'));
    },
    clientErrorHandler: sendClientError,
    logger: {
      level: config.logLevel,
      serializers: {
        req: (request: FastifyRequest) => ({ method: request.method, url: redactUrl(request.url), remoteAddress: request.ip }),
      },
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl), adapter, {
    logger: deskLogger(config),
  });

  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.headers(headersFor(request.url));
    reply.header('x-request-id', request.id);
  });
  fastify.addHook('onSend', redirectToPasswordChange);
  // JSON (API, and Lumen's JSON) and url-encoded forms only: anything else is 415, not a string body.
  fastify.removeContentTypeParser('text/plain');
  // Lumen notices (src/senders/lumen-in.ts) are JSON under their own media type.
  fastify.addContentTypeParser('application/vnd.lumen+json', { parseAs: 'string' }, fastify.getDefaultJsonParser('error', 'error'));
  // A JSON body that is not an object (an array, a string, null) is malformed for us.
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    const body = request.body as unknown;
    if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
      throw Object.assign(new Error('The body must be a JSON object.'), { statusCode: 400, code: 'DESK_BODY_NOT_OBJECT' });
    }
    const shapeError = body === undefined ? null : checkBodyShape(body);
    if (shapeError) throw shapeError;
    // Path parameters (a case reference, a slug, an id) reach the database as they are; one
    // with a control character names nothing (PostgreSQL text cannot even hold a NUL).
    const params = request.params as Record<string, unknown> | undefined;
    if (params && Object.values(params).some((value) => typeof value === 'string' && hasControlCharacters(value))) throw DeskError.notFound();
  });
  // Errors raised before a route runs (body parsing, content type, size) reach the same
  // ProblemFilter: Nest installs Fastify's error handler and routes it through the filters.

  // Staff sessions (desk_session, __Host-desk_session over https) and the sign-in form's nonce.
  await app.register(fastifyCookie);
  app.useStaticAssets({ root: assetsDir(), prefix: '/assets/', maxAge: '1h', decorateReply: false });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ProblemFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Takedown Desk API')
      .setDescription(
        "File legal notices against the publisher's articles and follow them. Errors are RFC 9457 problem documents " +
          '(`application/problem+json`) with `status`, `title`, `detail`, `code` and an `errors` list of `{ field, message }`: ' +
          '400 malformed body, 413 body over 1 MB, 415 unsupported content type, 422 rule violations, 429 rate limit.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'A login token (POST /api/v1/auth/login) or a personal API token (tdk_...).' })
      .addCookieAuth(sessionCookieName(config.publicBaseUrl))
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
  return app;
}
