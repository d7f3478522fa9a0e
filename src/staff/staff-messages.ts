import type { Repositories } from '../database/database.service';
import type { MailerService, OutgoingMail } from '../messages/mailer.service';
import { WITHHELD_SET_PASSWORD_LINK } from '../messages/withheld-links';
import type { User } from './user.entity';

export { WITHHELD_SET_PASSWORD_LINK };

export interface StaffMail {
  kind: 'password_reset' | 'account_locked' | 'staff_notification';
  subject: string;
  body: string;
  // The body as recorded, where it must not keep a secret link, and that link (sealed in
  // the outbox row until it is sent).
  storedBody?: string;
  link?: string;
}

export function passwordResetMail(user: Pick<User, 'name'>, link: string, expiresAt: Date): StaffMail {
  const lines = (shown: string) =>
    [
      `Dear ${user.name},`,
      '',
      'An administrator of the takedown desk has reset your password. Choose a new one with this link:',
      shown,
      '',
      `The link works once, until ${utc(expiresAt)}. Until you use it your current password still works; if you did not expect this, tell an administrator.`,
    ].join('\n');
  return { kind: 'password_reset', subject: 'Set a new password for the takedown desk', body: lines(link), storedBody: lines(WITHHELD_SET_PASSWORD_LINK), link };
}

export function accountLockedMail(user: Pick<User, 'name'>, until: Date): StaffMail {
  return {
    kind: 'account_locked',
    subject: 'Sign-in to your takedown desk account is locked',
    body: [
      `Dear ${user.name},`,
      '',
      'There have been many failed attempts to sign in to your takedown desk account, so it is locked for everyone',
      `until ${utc(until)} — except for you: signing in from a network you have used before lifts the lock.`,
      '',
      'If these attempts were not yours, someone may be guessing your password: choose a stronger one on your account page after signing in, and tell an administrator.',
    ].join('\n'),
  };
}

// Records a message to a staff member in the caller's transaction, as the case workflow
// records its messages; the caller wakes the delivery (MessageDelivery.wake) once the
// transaction has committed (null: stored only). `about`: the case it concerns, if any.
export async function recordStaffMail(
  tx: Repositories,
  to: string,
  mail: StaffMail,
  mailer: MailerService,
  about?: { caseId: string; caseReference: string },
): Promise<OutgoingMail | null> {
  const sendable = mailer.enabled;
  const messageId = await tx.messages.insert({
    caseId: about?.caseId ?? null,
    kind: mail.kind,
    recipientRole: 'staff',
    toAddress: to,
    subject: mail.subject,
    body: mail.storedBody ?? mail.body,
    state: sendable ? 'queued' : 'stored',
    sealedLink: sendable && mail.link ? mailer.sealer.seal(mail.link) : null,
  });
  await tx.events.append({
    actor: { type: 'system', id: null },
    action: 'message.recorded',
    subject: { type: 'message', id: messageId },
    ...(about ? { caseId: about.caseId, caseReference: about.caseReference } : {}),
    data: { kind: mail.kind, recipientRole: 'staff' },
    visibility: 'internal',
  });
  return sendable ? { messageId } : null;
}

function utc(date: Date): string {
  return `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}
