import { EntityManager } from 'typeorm';
import { ADVISORY_LOCK } from '../database/advisory-locks';
import type { Role } from './staff-actor';
import { User } from './user.entity';

export class UserRepository {
  constructor(private readonly manager: EntityManager) {}

  findById(id: string): Promise<User | null> {
    return this.manager.findOneBy(User, { id });
  }

  // One staff notification's people in one query (src/notifications/staff-notifier.ts): the
  // active staff among `ids` or with one of `roles` (`recipient`), and the acting staff
  // member, active or not, whose name the text gives. By id.
  findNotified(
    ids: readonly string[],
    roles: readonly Role[],
    actorId: string | null,
  ): Promise<Array<{ id: string; name: string; email: string; notifyByEmail: boolean; recipient: boolean }>> {
    const recipient = `active AND (id = ANY($1::uuid[]) OR role = ANY($2::text[]))`;
    return this.manager.query(
      `SELECT id, name, email, notify_by_email AS "notifyByEmail", (${recipient}) AS recipient FROM users WHERE (${recipient}) OR id = $3::uuid ORDER BY id`,
      [ids, roles, actorId],
    );
  }

  // `email` is already lower-cased (the column holds lower case only).
  findByEmail(email: string): Promise<User | null> {
    return this.manager.findOneBy(User, { email });
  }

  // Active people first, then by name.
  findAllForAdmin(): Promise<User[]> {
    return this.manager.createQueryBuilder(User, 'u').orderBy('u.active', 'DESC').addOrderBy('lower(u.name)', 'ASC').addOrderBy('u.email', 'ASC').getMany();
  }

  countAll(): Promise<number> {
    return this.manager.count(User);
  }

  async insert(values: { email: string; name: string; role: Role; passwordHash: string; mustChangePassword?: boolean }): Promise<User> {
    const user = this.manager.create(User, { mustChangePassword: false, ...values, active: true, deactivatedAt: null });
    return this.manager.save(user);
  }

  lockById(id: string): Promise<User | null> {
    return this.manager.createQueryBuilder(User, 'u').setLock('pessimistic_write').where('u.id = :id', { id }).getOne();
  }

  // Locks every active admin: two admins demoting each other at once queue here, and the
  // second then counts what the first left behind.
  async lockActiveAdminIds(): Promise<string[]> {
    const rows = await this.manager
      .createQueryBuilder(User, 'u')
      .select('u.id', 'id')
      .setLock('pessimistic_write')
      .where("u.role = 'admin' AND u.active")
      .orderBy('u.id')
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  async update(id: string, changes: Partial<Pick<User, 'role' | 'active' | 'deactivatedAt' | 'passwordHash' | 'mustChangePassword'>>): Promise<User> {
    await this.manager.update(User, { id }, changes);
    return this.manager.findOneByOrFail(User, { id });
  }

  // Two first starts at once (several instances) must not both create an admin.
  async lockForBootstrap(): Promise<void> {
    await this.manager.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCK.firstAdmin]);
  }
}
