import { EntityManager, IsNull } from 'typeorm';
import { ApiToken } from './api-token.entity';

export class ApiTokenRepository {
  constructor(private readonly manager: EntityManager) {}

  insert(values: Pick<ApiToken, 'userId' | 'name' | 'tokenHash' | 'prefix' | 'expiresAt'>): Promise<ApiToken> {
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
    return this.manager.findOne(ApiToken, { where: { tokenHash }, relations: { user: true } });
  }

  lockOfUser(id: string, userId: string): Promise<ApiToken | null> {
    return this.manager.createQueryBuilder(ApiToken, 't').setLock('pessimistic_write').where('t.id = :id AND t.user_id = :userId', { id, userId }).getOne();
  }

  async revoke(id: string, now: Date): Promise<boolean> {
    const result = await this.manager.update(ApiToken, { id, revokedAt: IsNull() }, { revokedAt: now });
    return (result.affected ?? 0) > 0;
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
