import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { DeskConfig } from '../config/desk-config';
import { DeskError } from '../common/desk-error';
import { Database } from '../database/database.service';
import { isSenderKeyRequest } from '../senders/sender-key-guard';

const BUCKET = 'desk:rate-limit-bucket';

// Per client address, per minute, counted in PostgreSQL (shared by every instance).
// RATE_LIMIT_PER_MINUTE=0 turns it off.
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: DeskConfig,
    private readonly db: Database,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const limit = this.config.rateLimitPerMinute;
    if (limit === 0) return true;
    const bucket = this.reflector.get<string>(BUCKET, context.getHandler()) ?? 'default';
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // A sender organisation's key has its own limit (SenderKeyGuard).
    if (isSenderKeyRequest(request)) return true;
    const { hits, secondsLeft } = await this.db.repos.rateLimits.hit(`${bucket}:${request.ip}`, limit);
    // Old windows are swept now and then by whoever passes by; no scheduler needed.
    if (hits === 1 && Math.random() < 0.05) void this.db.repos.rateLimits.deleteExpired().catch(() => undefined);
    if (hits > limit) throw DeskError.tooManyRequests(secondsLeft);
    return true;
  }
}

export function RateLimited(bucket: 'filing' | 'tracking') {
  return applyDecorators(SetMetadata(BUCKET, bucket), UseGuards(RateLimitGuard));
}
