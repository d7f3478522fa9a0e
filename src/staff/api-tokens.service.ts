import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { newSecretToken, sha256 } from '../common/crypto';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { Database, Repositories } from '../database/database.service';
import { ApiToken } from './api-token.entity';
import { API_TOKEN_PREFIX } from './auth.service';
import { ApiTokenDto, CreateApiTokenDto } from './dto/api-token.dto';
import { can, requireAccess } from './policy';
import type { StaffActor } from './staff-actor';
import { StaffErrors } from './staff-errors';
import { grantToken, TokenMaker } from './token-rules';

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
    canCreateTokens: token.canCreateTokens,
    parentTokenId: token.parentTokenId,
  };
}

@Injectable()
export class ApiTokensService {
  constructor(private readonly db: Database) {}

  async listMine(actor: StaffActor): Promise<ApiToken[]> {
    requireAccess(actor, 'tokens.own');
    return this.db.repos.apiTokens.findAllOfUser(actor.id);
  }

  // An admin looks at anyone's tokens (to revoke a leaked one).
  async listOfUser(actor: StaffActor, userId: string): Promise<ApiToken[]> {
    requireAccess(actor, 'users.manage');
    if (!isUUID(userId) || !(await this.db.repos.users.findById(userId))) throw DeskError.notFound('There is no such user.');
    return this.db.repos.apiTokens.findAllOfUser(userId);
  }

  // The token itself is returned once, here; only its hash is stored.
  async create(actor: StaffActor, dto: CreateApiTokenDto, meta: RequestMeta): Promise<{ token: string; record: ApiToken }> {
    requireAccess(actor, 'tokens.own');
    const token = `${API_TOKEN_PREFIX}${newSecretToken()}`;
    const record = await this.db.transaction(async (tx) => {
      // The parent is locked: it cannot be revoked half-way through making a child.
      const parent = actor.auth === 'token' ? await tx.apiTokens.lockById(actor.credentialId) : null;
      const maker: TokenMaker = parent
        ? { kind: 'token', canCreateTokens: parent.canCreateTokens, expiresAt: parent.expiresAt }
        : { kind: 'session', canCreateTokens: true, expiresAt: null };
      const grant = grantToken(maker, dto, new Date());
      if (!grant.allowed) throw StaffErrors.tokenCannotCreateTokens();
      const created = await tx.apiTokens.insert({
        userId: actor.id,
        name: dto.name,
        tokenHash: sha256(token),
        prefix: token.slice(0, SHOWN_PREFIX_LENGTH),
        expiresAt: grant.expiresAt,
        canCreateTokens: grant.canCreateTokens,
        createdBySessionId: parent ? null : actor.credentialId,
        parentTokenId: parent?.id ?? null,
      });
      await tx.events.append({
        actor: { type: 'staff', id: actor.id, role: actor.role },
        action: 'token.created',
        subject: { type: 'api_token', id: created.id },
        data: {
          name: created.name,
          prefix: created.prefix,
          expiresAt: created.expiresAt?.toISOString() ?? null,
          canCreateTokens: created.canCreateTokens,
          createdBy: parent ? { type: 'api_token', id: parent.id } : { type: 'session', id: actor.credentialId },
        },
        visibility: 'internal',
        requestId: meta.requestId,
        clientNetwork: meta.network,
      });
      return created;
    });
    return { token, record };
  }

  // One's own tokens; an admin also anyone's. Someone else's is "not found" to others, not
  // "forbidden". The tokens made from it (at any depth) are revoked with it.
  async revoke(actor: StaffActor, id: string, meta: RequestMeta): Promise<ApiToken> {
    requireAccess(actor, 'tokens.own');
    return this.db.transaction(async (tx) => {
      const token = !isUUID(id) ? null : can(actor, 'users.manage') ? await tx.apiTokens.lockById(id) : await tx.apiTokens.lockOfUser(id, actor.id);
      if (!token) throw DeskError.notFound('You have no such API token.');
      if (token.revokedAt) return token;
      const now = new Date();
      await this.revokeTree(tx, actor, token, now, meta);
      return { ...token, revokedAt: now };
    });
  }

  private async revokeTree(tx: Repositories, actor: StaffActor, token: ApiToken, now: Date, meta: RequestMeta): Promise<void> {
    const revoked = await tx.apiTokens.revokeWithDescendants(token.id, now);
    await tx.events.append(
      ...revoked.map((row) => ({
        actor: { type: 'staff' as const, id: actor.id, role: actor.role },
        action: 'token.revoked' as const,
        subject: { type: 'api_token', id: row.id },
        changes: { revokedAt: { before: null, after: now.toISOString() } },
        data: { name: row.name, prefix: row.prefix, ownerId: token.userId, ...(row.id === token.id ? {} : { reason: 'parent_revoked', revokedWith: token.id }) },
        visibility: 'internal' as const,
        requestId: meta.requestId,
        clientNetwork: meta.network,
      })),
    );
  }
}
