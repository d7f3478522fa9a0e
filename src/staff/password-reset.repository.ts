import { EntityManager, IsNull } from 'typeorm';
import { PasswordReset } from './password-reset.entity';

export class PasswordResetRepository {
  constructor(private readonly manager: EntityManager) {}

  insert(values: Pick<PasswordReset, 'userId' | 'tokenHash' | 'issuedBy' | 'expiresAt'>): Promise<PasswordReset> {
    return this.manager.save(this.manager.create(PasswordReset, { ...values, usedAt: null }));
  }

  findByTokenHash(tokenHash: Buffer): Promise<PasswordReset | null> {
    return this.manager.findOneBy(PasswordReset, { tokenHash });
  }

  lockByTokenHash(tokenHash: Buffer): Promise<PasswordReset | null> {
    return this.manager.createQueryBuilder(PasswordReset, 'r').setLock('pessimistic_write').where('r.token_hash = :tokenHash', { tokenHash }).getOne();
  }

  async markUsed(id: string, now: Date): Promise<void> {
    await this.manager.update(PasswordReset, { id }, { usedAt: now });
  }

  // A new link replaces the user's earlier ones: they stop working now.
  async expireUnusedOfUser(userId: string, now: Date): Promise<number> {
    const result = await this.manager
      .createQueryBuilder()
      .update(PasswordReset)
      .set({ expiresAt: now })
      .where({ userId, usedAt: IsNull() })
      .andWhere('expires_at > :now', { now })
      .execute();
    return result.affected ?? 0;
  }
}
