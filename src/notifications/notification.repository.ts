import { EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';
import type { NotificationKind } from './notification.entity';

export interface NewNotification {
  recipientId: string;
  kind: NotificationKind;
  caseId: string;
  caseReference: string;
  text: string;
}

// Who a notification goes to, with what the e-mail copy needs.
export interface NotifiedStaff {
  id: string;
  name: string;
  email: string;
  notifyByEmail: boolean;
}

// A clock reminder just written (the sweep e-mails these, and only these).
export interface ClockReminder {
  id: string;
  recipientId: string;
  caseId: string;
  caseReference: string;
  text: string;
}

export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  caseReference: string | null;
  text: string;
  createdAt: Date;
  readAt: Date | null;
}

const ROW = `n.id::text AS id, n.kind, n.case_reference AS "caseReference", n.text, n.created_at AS "createdAt", n.read_at AS "readAt"`;

export class NotificationRepository {
  constructor(private readonly manager: EntityManager) {}

  async insert(rows: NewNotification[]): Promise<void> {
    if (!rows.length) return;
    await this.manager.query(
      `INSERT INTO notifications (recipient_id, kind, case_id, case_reference, text)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[])`,
      [rows.map((r) => r.recipientId), rows.map((r) => r.kind), rows.map((r) => r.caseId), rows.map((r) => r.caseReference), rows.map((r) => r.text)],
    );
  }

  async findCaseHolder(caseId: string): Promise<string | null> {
    const rows: Array<{ assigneeId: string | null }> = await this.manager.query(`SELECT assignee_id AS "assigneeId" FROM cases WHERE id = $1`, [caseId]);
    return rows[0]?.assigneeId ?? null;
  }

  // The active staff among `ids` (a deactivated person is told nothing).
  findActiveStaff(ids: string[]): Promise<NotifiedStaff[]> {
    return this.manager.query(`SELECT id, name, email, notify_by_email AS "notifyByEmail" FROM users WHERE active AND id = ANY($1::uuid[]) ORDER BY id`, [ids]);
  }

  // Reminders for every running nearest clock (cases.next_due_at, idx_cases_next_due) that
  // falls due within `hours`, or fell due within the last `hours` unreminded (a clock set or
  // moved closer than one sweep to its due time, or backfilled late), worded "was due": to the assignee, or on an unassigned case (staff clocks only)
  // to the active staff whose role can act in its status. Once per recipient, case, clock
  // and due time (uq_notifications_clock): a second sweep, here or on another instance,
  // inserts nothing and so returns nothing to e-mail. The text names the clock by its title (`titles`).
  insertClockReminders(input: {
    hours: number;
    staffClocks: readonly string[];
    rolesByStatus: Record<string, readonly string[]>;
    titles: Record<string, string>;
  }): Promise<ClockReminder[]> {
    const pairs = Object.entries(input.rolesByStatus).flatMap(([status, roles]) => roles.map((role) => [status, role]));
    return preparedQuery<ClockReminder>(
      this.manager,
      `WITH due AS (
         SELECT c.id, c.reference, c.status, c.assignee_id, c.next_due_at, c.next_due_kind FROM cases c
         WHERE c.next_due_at > now() - make_interval(hours => $1) AND c.next_due_at <= now() + make_interval(hours => $1)
       ), acting_roles AS (
         SELECT * FROM unnest($3::text[], $4::text[]) AS r(status, role)
       ), recipients AS (
         SELECT d.*, a.id AS recipient_id FROM due d JOIN users a ON a.id = d.assignee_id AND a.active
         UNION ALL
         SELECT d.*, u.id FROM due d
           JOIN acting_roles r ON r.status = d.status
           JOIN users u ON u.active AND u.role = r.role
         WHERE d.assignee_id IS NULL AND d.next_due_kind = ANY($2::text[])
       )
       INSERT INTO notifications (recipient_id, kind, case_id, case_reference, text, clock_kind, due_at)
       SELECT rc.recipient_id, 'clock_due', rc.id, rc.reference,
              coalesce(($5::jsonb)->>rc.next_due_kind, rc.next_due_kind) || ' on case ' || rc.reference
                || CASE WHEN rc.next_due_at > now() THEN ' falls due at ' ELSE ' was due at ' END
                || to_char(rc.next_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' UTC.',
              rc.next_due_kind, rc.next_due_at
       FROM recipients rc
       ON CONFLICT (recipient_id, case_id, clock_kind, due_at) WHERE kind = 'clock_due' DO NOTHING
       RETURNING id::text AS id, recipient_id AS "recipientId", case_id AS "caseId", case_reference AS "caseReference", text`,
      [input.hours, input.staffClocks, pairs.map(([status]) => status), pairs.map(([, role]) => role), JSON.stringify(input.titles)],
    );
  }

  // The header count: an index-only count over idx_notifications_unread.
  async countUnread(recipientId: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.manager.query(`SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND read_at IS NULL`, [recipientId]);
    return rows[0].n;
  }

  // One page, newest first, and whether another follows (one row more than asked).
  async findPage(recipientId: string, options: { unreadOnly: boolean; offset: number; limit: number }): Promise<{ rows: NotificationRow[]; more: boolean }> {
    const rows: NotificationRow[] = await this.manager.query(
      `SELECT ${ROW} FROM notifications n
       WHERE n.recipient_id = $1 ${options.unreadOnly ? 'AND n.read_at IS NULL' : ''}
       ORDER BY n.id DESC OFFSET $2 LIMIT $3`,
      [recipientId, options.offset, options.limit + 1],
    );
    return { rows: rows.slice(0, options.limit), more: rows.length > options.limit };
  }

  // Marks the recipient's own notifications read (ids of anyone else's are ignored); `null`: all.
  async markRead(recipientId: string, ids: string[] | null): Promise<number> {
    const rows = await preparedQuery(
      this.manager,
      `UPDATE notifications SET read_at = now()
       WHERE recipient_id = $1 AND read_at IS NULL ${ids ? 'AND id = ANY($2::bigint[])' : ''}
       RETURNING id`,
      ids ? [recipientId, ids] : [recipientId],
    );
    return rows.length;
  }

  // The case a notification points to, when it is the recipient's own.
  async findOwnCaseReference(recipientId: string, id: string): Promise<string | null> {
    const rows: Array<{ reference: string | null }> = await this.manager.query(`SELECT case_reference AS reference FROM notifications WHERE id = $1 AND recipient_id = $2`, [
      id,
      recipientId,
    ]);
    return rows[0]?.reference ?? null;
  }

  async setEmailPreference(userId: string, notifyByEmail: boolean): Promise<void> {
    await this.manager.query(`UPDATE users SET notify_by_email = $2 WHERE id = $1`, [userId, notifyByEmail]);
  }
}
