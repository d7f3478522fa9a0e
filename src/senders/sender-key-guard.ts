import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { sha256 } from '../common/crypto';
import { DeskError } from '../common/desk-error';
import { Database } from '../database/database.service';
import type { SenderKey } from './sender-key.entity';
import { isSuspendedAt, SenderOrganisation } from './sender-organisation.entity';
import { SenderErrors } from './sender-errors';

export const SENDER_KEY_PREFIX = 'tds_';
const SENDER_KEY = /^tds_[A-Za-z0-9_-]{43}$/;
const SENDER_BEARER = /^Bearer +tds_/i;

// The organisation and key a request files for (set by SenderKeyGuard).
export interface SenderCaller {
  key: SenderKey;
  organisation: SenderOrganisation;
}

declare module 'fastify' {
  interface FastifyRequest {
    sender?: SenderCaller;
  }
}

// A request that names a sender key: its own rate limit applies, not the per-address one.
export function isSenderKeyRequest(request: FastifyRequest): boolean {
  const authorization = request.headers.authorization;
  return typeof authorization === 'string' && SENDER_BEARER.test(authorization);
}

// The notices a request files, for the rate limit: a batch counts each of its notices.
function filingsIn(request: FastifyRequest): number {
  const notices = (request.body as { notices?: unknown } | undefined)?.notices;
  return Array.isArray(notices) ? Math.min(100, Math.max(1, notices.length)) : 1;
}

// A suspended organisation files again once its suspension's end has passed; a closed one never.
function refusalOf(organisation: SenderOrganisation, now: Date): DeskError | null {
  if (organisation.status === 'closed') return SenderErrors.organisationClosed();
  return isSuspendedAt(organisation, now) ? SenderErrors.organisationSuspended(organisation.suspendedUntil) : null;
}

// On the filing routes: `Authorization: Bearer tds_…` files as that key's organisation, at
// that organisation's own rate (rate_limit_windows, bucket `sender:<id>`). Any other
// request passes unchanged (the per-address limit and staff tokens apply as before).
@Injectable()
export class SenderKeyGuard implements CanActivate {
  constructor(private readonly db: Database) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!isSenderKeyRequest(request)) return true;
    const token = /^Bearer +(\S+) *$/i.exec(request.headers.authorization!)?.[1] ?? '';
    const found = SENDER_KEY.test(token) ? await this.db.repos.senders.findKeyByHash(sha256(token)) : null;
    const now = new Date();
    if (!found || found.key.revokedAt || (found.key.expiresAt && found.key.expiresAt <= now)) throw SenderErrors.keyInvalid();
    const refusal = refusalOf(found.organisation, now);
    if (refusal) throw refusal;
    const limit = found.organisation.rateLimitPerMinute;
    const { hits, secondsLeft } = await this.db.repos.rateLimits.hit(`sender:${found.organisation.id}`, limit, filingsIn(request));
    if (hits > limit) throw DeskError.tooManyRequests(secondsLeft);
    if (!found.key.lastUsedAt || now.getTime() - found.key.lastUsedAt.getTime() > 60_000) await this.db.repos.senders.touchKey(found.key.id, now);
    request.sender = found;
    return true;
  }
}
