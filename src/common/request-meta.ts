import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { clientNetwork } from './client-network';

// What the desk records about the request behind a change: the request id (to find the
// log lines), the client address (kept on a notice as evidence, §512(f)) and its network
// (kept on events), and the user agent.
export interface RequestMeta {
  requestId: string;
  ip: string | null;
  network: string | null;
  userAgent: string | null;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  const ip = request.ip ?? null;
  const userAgent = request.headers['user-agent'];
  return { requestId: String(request.id), ip, network: clientNetwork(ip), userAgent: userAgent ? userAgent.slice(0, 500) : null };
}

export const Meta = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestMeta => requestMeta(ctx.switchToHttp().getRequest()));
