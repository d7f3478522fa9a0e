import { EntityManager } from 'typeorm';
import { ApiToken } from './api-token.entity';

export type NewApiToken = Pick<ApiToken, 'userId' | 'name' | 'tokenHash' | 'prefix' | 'expiresAt' | 'createdBySessionId' | 'parentTokenId' | 'canCreateTokens'>;

export class ApiTokenRepository {
  constructor(private readonly manager: EntityManager) {}

  insert(values: NewApiToken): Promise<ApiToken> {
    return this.manager.save(this.manager.create(ApiToken, { ...values, lastUsedAt: null, revokedAt: null }));
  }

  // Live tokens first, newest first.
  findAllOfUser(userId: string): Promise<ApiToken[]> {
    return this.manager
      .createQueryBuilder(ApiToken, 't')
      .where('t.user_id = :userId', { userId })
      .orderBy('t.revoked_at IS NULL', 'DESC')
      .addOrderBy('t.created_at', 'DESC')
      .getMany();
  }

  findByTokenHashWithUser(tokenHash: Buffer): Promise<ApiToken | null> {
    // One query: findOne with a relation sends two (its DISTINCT paging query first), on every
    // authenticated request. The hash is unique, so no LIMIT is needed.
    return this.manager.createQueryBuilder(ApiToken, 't').innerJoinAndSelect('t.user', 'user').where('t.token_hash = :tokenHash', { tokenHash }).getOne();
  }

  lockById(id: string): Promise<ApiToken | null> {
    return this.manager.createQueryBuilder(ApiToken, 't').setLock('pessimistic_write').where('t.id = :id', { id }).getOne();
  }

  lockOfUser(id: string, userId: string): Promise<ApiToken | null> {
    return this.manager.createQueryBuilder(ApiToken, 't').setLock('pessimistic_write').where('t.id = :id AND t.user_id = :userId', { id, userId }).getOne();
  }

  // The token and every live token made from it, at any depth: the ids revoked now.
  async revokeWithDescendants(id: string, now: Date): Promise<Array<{ id: string; name: string; prefix: string; parentTokenId: string | null }>> {
    const [rows] = (await this.manager.query(
      `WITH RECURSIVE tree AS (
         SELECT id FROM api_tokens WHERE id = $1
         UNION
         SELECT child.id FROM api_tokens child JOIN tree ON child.parent_token_id = tree.id
       )
       UPDATE api_tokens t SET revoked_at = $2
       FROM tree WHERE t.id = tree.id AND t.revoked_at IS NULL
       RETURNING t.id, t.name, t.prefix, t.parent_token_id AS "parentTokenId"`,
      [id, now],
    )) as [Array<{ id: string; name: string; prefix: string; parentTokenId: string | null }>, number];
    return rows;
  }

  // Deactivation ends every token for good: reactivating the account does not revive them.
  async revokeAllOfUser(userId: string, now: Date): Promise<number> {
    const result = await this.manager.createQueryBuilder().update(ApiToken).set({ revokedAt: now }).where('user_id = :userId AND revoked_at IS NULL', { userId }).execute();
    return result.affected ?? 0;
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.manager
      .createQueryBuilder()
      .update(ApiToken)
      .set({ lastUsedAt: now })
      .where('id = :id AND (last_used_at IS NULL OR last_used_at < :before)', { id, before: new Date(now.getTime() - 60_000) })
      .execute();
  }
}
