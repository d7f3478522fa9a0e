import { EntityManager, IsNull, Not } from 'typeorm';
import { Session } from './session.entity';

export class SessionRepository {
  constructor(private readonly manager: EntityManager) {}

  insert(values: Pick<Session, 'userId' | 'tokenHash' | 'lastSeenAt' | 'expiresAt' | 'ip' | 'userAgent'>): Promise<Session> {
    return this.manager.save(this.manager.create(Session, { ...values, revokedAt: null }));
  }

  // With the person's unread notifications, counted in the same statement (an index-only
  // count over idx_notifications_unread) for the header of every desk page.
  async findByTokenHashWithUser(tokenHash: Buffer): Promise<(Session & { unreadNotifications: number }) | null> {
    // One query: findOne with a relation sends two (its DISTINCT paging query first), on every
    // authenticated request. The hash is unique, so no LIMIT is needed.
    const { entities, raw } = await this.manager
      .createQueryBuilder(Session, 's')
      .innerJoinAndSelect('s.user', 'user')
      .addSelect('(SELECT count(*)::int FROM notifications n WHERE n.recipient_id = s.user_id AND n.read_at IS NULL)', 'unread_notifications')
      .where('s.token_hash = :tokenHash', { tokenHash })
      .getRawAndEntities<{ unread_notifications: number }>();
    return entities[0] ? Object.assign(entities[0], { unreadNotifications: raw[0].unread_notifications }) : null;
  }

  findById(id: string): Promise<Session | null> {
    return this.manager.findOneBy(Session, { id });
  }

  // Conditional, so that concurrent requests of one session write at most once a minute.
  async touch(id: string, now: Date): Promise<void> {
    await this.manager
      .createQueryBuilder()
      .update(Session)
      .set({ lastSeenAt: now })
      .where('id = :id AND last_seen_at < :before', { id, before: new Date(now.getTime() - 60_000) })
      .execute();
  }

  async revoke(id: string, now: Date): Promise<boolean> {
    const result = await this.manager.update(Session, { id, revokedAt: IsNull() }, { revokedAt: now });
    return (result.affected ?? 0) > 0;
  }

  async revokeAllForUser(userId: string, now: Date): Promise<number> {
    const result = await this.manager.update(Session, { userId, revokedAt: IsNull() }, { revokedAt: now });
    return result.affected ?? 0;
  }

  // Every session of the user but the one making the request (null: every one).
  async revokeOthersOfUser(userId: string, keepId: string | null, now: Date): Promise<number> {
    if (!keepId) return this.revokeAllForUser(userId, now);
    const result = await this.manager.update(Session, { userId, revokedAt: IsNull(), id: Not(keepId) }, { revokedAt: now });
    return result.affected ?? 0;
  }
}
