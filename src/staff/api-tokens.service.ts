import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { newSecretToken, sha256 } from '../common/crypto';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { Database } from '../database/database.service';
import { ApiToken } from './api-token.entity';
import { API_TOKEN_PREFIX } from './auth.service';
import { ApiTokenDto, CreateApiTokenDto } from './dto/api-token.dto';
import { requireAccess } from './policy';
import type { StaffActor } from './staff-actor';

// `tdk_` and 8 characters of the secret: enough to tell tokens apart, far too little to guess the rest.
const SHOWN_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 8;

export function toApiTokenDto(token: ApiToken): ApiTokenDto {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
    expiresAt: token.expiresAt,
    revokedAt: token.revokedAt,
  };
}

@Injectable()
export class ApiTokensService {
  constructor(private readonly db: Database) {}

  async listMine(actor: StaffActor): Promise<ApiToken[]> {
    requireAccess(actor, 'tokens.own');
    return this.db.repos.apiTokens.findAllOfUser(actor.id);
  }

  // The token itself is returned once, here; only its hash is stored.
  async create(actor: StaffActor, dto: CreateApiTokenDto, meta: RequestMeta): Promise<{ token: string; record: ApiToken }> {
    requireAccess(actor, 'tokens.own');
    const token = `${API_TOKEN_PREFIX}${newSecretToken()}`;
    const expiresAt = dto.expiresInDays ? new Date(Date.now() + dto.expiresInDays * 86_400_000) : null;
    const record = await this.db.transaction(async (tx) => {
      const created = await tx.apiTokens.insert({ userId: actor.id, name: dto.name, tokenHash: sha256(token), prefix: token.slice(0, SHOWN_PREFIX_LENGTH), expiresAt });
      await tx.events.append({
        actor: { type: 'staff', id: actor.id, role: actor.role },
        action: 'token.created',
        subject: { type: 'api_token', id: created.id },
        data: { name: created.name, prefix: created.prefix, expiresAt: created.expiresAt?.toISOString() ?? null },
        visibility: 'internal',
        requestId: meta.requestId,
        clientNetwork: meta.network,
      });
      return created;
    });
    return { token, record };
  }

  // Only one's own tokens; someone else's is "not found", not "forbidden".
  async revoke(actor: StaffActor, id: string, meta: RequestMeta): Promise<ApiToken> {
    requireAccess(actor, 'tokens.own');
    return this.db.transaction(async (tx) => {
      const token = isUUID(id) ? await tx.apiTokens.lockOfUser(id, actor.id) : null;
      if (!token) throw DeskError.notFound('You have no such API token.');
      if (token.revokedAt) return token;
      const now = new Date();
      await tx.apiTokens.revoke(token.id, now);
      await tx.events.append({
        actor: { type: 'staff', id: actor.id, role: actor.role },
        action: 'token.revoked',
        subject: { type: 'api_token', id: token.id },
        changes: { revokedAt: { before: null, after: now.toISOString() } },
        data: { name: token.name, prefix: token.prefix },
        visibility: 'internal',
        requestId: meta.requestId,
        clientNetwork: meta.network,
      });
      return { ...token, revokedAt: now };
    });
  }
}
