import { Injectable } from '@nestjs/common';
import { DeskConfig } from '../config/desk-config';
import { Database, Repositories } from '../database/database.service';
import type { NewEvent } from '../events/event.repository';
import { MailerService } from '../messages/mailer.service';
import { recordStaffMail } from '../staff/staff-messages';
import type { NewNotification, NotifiedStaff } from './notification.repository';
import { actingStaffId, APPROVER_ROLES, NotificationRule, recipientsOf, ruleFor } from './notification-rules';

// Applies the rule table (notification-rules.ts) to every batch of events appended, in the
// transaction that appends them: the notifications and their e-mail copies commit with the
// change that caused them, or not at all. Events no rule names return before any query.
@Injectable()
export class StaffNotifier {
  constructor(
    db: Database,
    private readonly config: DeskConfig,
    private readonly mailer: MailerService,
  ) {
    db.onEventsAppended((tx, events) => this.notify(tx, events));
  }

  async notify(tx: Repositories, events: readonly NewEvent[]): Promise<void> {
    // One batch may hold several events of one kind on one case (files uploaded together): one notification.
    let seen: Set<string> | null = null;
    for (const event of events) {
      const rule = ruleFor(event);
      if (!rule) continue;
      const key = `${event.action} ${event.caseId}`;
      if (seen?.has(key)) continue;
      (seen ??= new Set()).add(key);
      await this.notifyOne(tx, event, rule);
    }
  }

  // One query for the people (the approvers, or the active one of those the event names,
  // and the actor's name), after the case holder's where the audience is the holder.
  private async notifyOne(tx: Repositories, event: NewEvent, rule: NotificationRule): Promise<void> {
    const caseId = event.caseId!;
    const holderId = rule.audience === 'case_holder' ? await tx.notifications.findCaseHolder(caseId) : null;
    const approvers = rule.audience === 'approvers';
    const named = approvers ? [] : recipientsOf(rule.audience, event, { holderId, approverIds: [] });
    if (!approvers && !named.length) return;
    const actorId = actingStaffId(event);
    const people = await tx.users.findNotified(named, approvers ? APPROVER_ROLES : [], actorId);
    const approverIds = approvers ? people.filter((person) => person.recipient).map((person) => person.id) : [];
    const ids = new Set(approvers ? recipientsOf(rule.audience, event, { holderId, approverIds }) : named);
    const recipients = people.filter((person) => person.recipient && ids.has(person.id));
    if (!recipients.length) return;
    const who = actorId ? (people.find((person) => person.id === actorId)?.name ?? null) : null;
    const reference = event.caseReference ?? '';
    const text = rule.text(reference, who);
    await tx.notifications.insert(recipients.map((staff) => ({ recipientId: staff.id, kind: rule.kind, caseId, caseReference: reference, text })));
    for (const staff of recipients) await this.mail(tx, staff, { caseId, caseReference: reference, text });
  }

  // The e-mail copy, through the outbox (MessageDelivery sends it at its next look), unless
  // the person turned e-mail copies off on the notifications page.
  async mail(tx: Repositories, staff: NotifiedStaff, note: Pick<NewNotification, 'caseId' | 'caseReference' | 'text'>): Promise<void> {
    if (!staff.notifyByEmail) return;
    const link = `${this.config.publicBaseUrl}/desk/cases/${encodeURIComponent(note.caseReference)}`;
    const body = [
      `Dear ${staff.name},`,
      '',
      note.text,
      '',
      `Open the case: ${link}`,
      '',
      `You can turn these e-mails off on your notifications page: ${this.config.publicBaseUrl}/desk/notifications`,
    ].join('\n');
    const mail = { kind: 'staff_notification' as const, subject: `[${note.caseReference}] ${note.text}`.slice(0, 200), body };
    await recordStaffMail(tx, staff.email, mail, this.mailer, { caseId: note.caseId, caseReference: note.caseReference });
  }
}
