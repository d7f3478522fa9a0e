import { EntityManager, In } from 'typeorm';
import { THROTTLE_LOCK_CLASS } from '../database/advisory-locks';
import type { ThrottleState } from './login-backoff';
import { LoginThrottle } from './login-throttle.entity';

export class LoginThrottleRepository {
  constructor(private readonly manager: EntityManager) {}

  // Serialises sign-ins on the same account and address until the transaction ends, so
  // that a burst of parallel guesses is counted one by one and meets the block. Keys are
  // locked in the order given (always account, then address): no deadlock.
  async lockKeys(keys: string[]): Promise<void> {
    for (const key of keys) await this.manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [THROTTLE_LOCK_CLASS, key]);
  }

  async findByKeys(keys: string[]): Promise<Map<string, ThrottleState>> {
    const rows = await this.manager.findBy(LoginThrottle, { key: In(keys) });
    return new Map(rows.map((row) => [row.key, { failures: row.failures, windowStart: row.windowStart, blockedUntil: row.blockedUntil }]));
  }

  async save(key: string, state: ThrottleState): Promise<void> {
    await this.manager.upsert(LoginThrottle, { key, ...state }, ['key']);
  }

  async delete(key: string): Promise<void> {
    await this.manager.delete(LoginThrottle, { key });
  }

  // Streaks older than a day are long over.
  async deleteStale(now: Date): Promise<void> {
    const dayAgo = new Date(now.getTime() - 86_400_000);
    await this.manager
      .createQueryBuilder()
      .delete()
      .from(LoginThrottle)
      .where('window_start < :dayAgo AND (blocked_until IS NULL OR blocked_until < :dayAgo)', { dayAgo })
      .execute();
  }
}
