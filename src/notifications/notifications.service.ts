import { Injectable } from '@nestjs/common';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { Database, Repositories } from '../database/database.service';
import type { EventName } from '../events/event-names';
import { requireAccess } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { MarkReadDto, MarkReadResultDto, NOTIFICATION_ID, NotificationPageDto, NotificationQueryDto, NOTIFICATIONS_PER_PAGE } from './dto/notification.dto';

// Each staff member's own notifications: the list, marking read, the e-mail preference.
// Every query is scoped to the signed-in person; nobody reads or marks anyone else's.
// Each change is logged with its event (the audit trail), in the same transaction.
@Injectable()
export class NotificationsService {
  constructor(private readonly db: Database) {}

  async list(actor: StaffActor, query: NotificationQueryDto): Promise<NotificationPageDto> {
    requireAccess(actor, 'notifications.own');
    const page = query.page ?? 1;
    const limit = query.limit ?? NOTIFICATIONS_PER_PAGE;
    const repo = this.db.repos.notifications;
    const { rows, more } = await repo.findPage(actor.id, { unreadOnly: query.unread === 'true', offset: (page - 1) * limit, limit });
    // A session's actor carries the count, read with the session; an API token's does not.
    return { notifications: rows, page, hasMore: more, unread: actor.unreadNotifications ?? (await repo.countUnread(actor.id)) };
  }

  async markRead(actor: StaffActor, dto: MarkReadDto, meta: RequestMeta): Promise<MarkReadResultDto> {
    requireAccess(actor, 'notifications.own');
    if (!dto.all && !dto.ids?.length) throw DeskError.validation([{ field: 'ids', message: 'Name the notifications to mark read, or send all: true.' }]);
    return this.db.transaction(async (tx) => {
      const marked = await tx.notifications.markRead(actor.id, dto.all ? null : dto.ids!);
      await log(tx, actor, meta, 'notification.read', { marked, all: !!dto.all });
      return { marked, unread: await tx.notifications.countUnread(actor.id) };
    });
  }

  // Following a notification: its case is where to go; it is marked read when `mark`.
  async follow(actor: StaffActor, id: string, meta: RequestMeta, mark: boolean): Promise<string> {
    requireAccess(actor, 'notifications.own');
    const reference = NOTIFICATION_ID.test(id) ? await this.db.repos.notifications.findOwnCaseReference(actor.id, id) : null;
    if (!reference) throw DeskError.notFound('You have no such notification.');
    if (mark) {
      await this.db.transaction(async (tx) => {
        const marked = await tx.notifications.markRead(actor.id, [id]);
        if (marked) await log(tx, actor, meta, 'notification.read', { marked, all: false });
      });
    }
    return reference;
  }

  async emailPreference(actor: StaffActor): Promise<boolean> {
    requireAccess(actor, 'notifications.own');
    return (await this.db.repos.users.findById(actor.id))?.notifyByEmail ?? true;
  }

  async setEmailPreference(actor: StaffActor, on: boolean, meta: RequestMeta): Promise<void> {
    requireAccess(actor, 'notifications.own');
    await this.db.transaction(async (tx) => {
      await tx.notifications.setEmailPreference(actor.id, on);
      await log(tx, actor, meta, 'notification.email_changed', { email: on });
    });
  }
}

function log(tx: Repositories, actor: StaffActor, meta: RequestMeta, action: EventName, data: Record<string, unknown>): Promise<void> {
  return tx.events.append({
    actor: { type: 'staff', id: actor.id, role: actor.role },
    action,
    subject: { type: 'user', id: actor.id },
    data,
    visibility: 'internal',
    requestId: meta.requestId,
    clientNetwork: meta.network,
  });
}
