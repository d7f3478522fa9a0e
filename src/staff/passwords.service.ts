import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { newSecretToken, sha256 } from '../common/crypto';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { DeskConfig } from '../config/desk-config';
import { Database } from '../database/database.service';
import { MailerService, OutgoingMail } from '../messages/mailer.service';
import { MessageDelivery } from '../messages/message-delivery';
import { requireStrongPassword } from './password-strength';
import { hashPassword, verifyPassword } from './passwords';
import { requireAccess } from './policy';
import type { StaffActor } from './staff-actor';
import { StaffErrors } from './staff-errors';
import { passwordResetMail, recordStaffMail } from './staff-messages';
import { User } from './user.entity';

export const SET_PASSWORD_LINK_HOURS = 24;
const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedReset {
  url: string;
  expiresAt: Date;
  user: User;
}

// Changing one's own password, and the admin's reset: a one-time set-password link (only
// its hash kept) instead of a password anybody sees.
@Injectable()
export class PasswordsService {
  constructor(
    private readonly db: Database,
    private readonly config: DeskConfig,
    private readonly mailer: MailerService,
    private readonly delivery: MessageDelivery,
  ) {}

  // The current password is asked for again; the person's other sessions end (their API
  // tokens stay: revoke those on their own page).
  async changeOwn(actor: StaffActor, input: { currentPassword: string; newPassword: string }, meta: RequestMeta): Promise<void> {
    const user = await this.db.repos.users.findById(actor.id);
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) throw StaffErrors.wrongCurrentPassword();
    if (input.newPassword === input.currentPassword) throw DeskError.validation([{ field: 'newPassword', message: 'Must differ from your current password.' }]);
    requireStrongPassword(input.newPassword, user, 'newPassword');
    const passwordHash = await hashPassword(input.newPassword);
    await this.db.transaction(async (tx) => {
      const now = new Date();
      await tx.users.update(user.id, { passwordHash, mustChangePassword: false });
      const sessionsRevoked = await tx.sessions.revokeOthersOfUser(user.id, actor.auth === 'session' ? actor.credentialId : null, now);
      await tx.events.append({
        actor: { type: 'staff', id: actor.id, role: actor.role },
        action: 'user.password_changed',
        subject: { type: 'user', id: user.id },
        data: { sessionsRevoked, wasRequired: user.mustChangePassword },
        visibility: 'internal',
        requestId: meta.requestId,
        clientNetwork: meta.network,
      });
    });
  }

  // Shown to the admin once and e-mailed to the person; a newer link replaces older ones.
  async issueReset(actor: StaffActor, userId: string, meta: RequestMeta): Promise<IssuedReset> {
    requireAccess(actor, 'users.manage');
    const token = newSecretToken();
    const url = `${this.config.publicBaseUrl}/set-password/${token}`;
    const outbox: OutgoingMail[] = [];
    const issued = await this.db.transaction(async (tx) => {
      const user = isUUID(userId) ? await tx.users.lockById(userId) : null;
      if (!user) throw DeskError.notFound('There is no such user.');
      if (!user.active) throw StaffErrors.userInactive();
      const now = new Date();
      const expiresAt = new Date(now.getTime() + SET_PASSWORD_LINK_HOURS * 3_600_000);
      const replaced = await tx.passwordResets.expireUnusedOfUser(user.id, now);
      const reset = await tx.passwordResets.insert({ userId: user.id, tokenHash: sha256(token), issuedBy: actor.id, expiresAt });
      await tx.events.append({
        actor: { type: 'staff', id: actor.id, role: actor.role },
        action: 'user.password_reset_issued',
        subject: { type: 'user', id: user.id },
        data: { resetId: reset.id, expiresAt: expiresAt.toISOString(), linksReplaced: replaced },
        visibility: 'internal',
        requestId: meta.requestId,
        clientNetwork: meta.network,
      });
      const mail = await recordStaffMail(tx, user.email, passwordResetMail(user, url, expiresAt), this.mailer);
      if (mail) outbox.push(mail);
      return { url, expiresAt, user };
    });
    if (outbox.length) this.delivery.wake();
    return issued;
  }

  // Whom a link is for, while it works (for the page's greeting); null when it does not.
  async findResetUser(token: string): Promise<User | null> {
    if (!LINK_TOKEN.test(token)) return null;
    const reset = await this.db.repos.passwordResets.findByTokenHash(sha256(token));
    if (!reset || reset.usedAt || reset.expiresAt.getTime() <= Date.now()) return null;
    const user = await this.db.repos.users.findById(reset.userId);
    return user?.active ? user : null;
  }

  // Once: the link is spent, and every session of the person ends.
  async useReset(token: string, newPassword: string, meta: RequestMeta): Promise<User> {
    const user = await this.findResetUser(token);
    if (!user) throw StaffErrors.setPasswordLinkInvalid();
    requireStrongPassword(newPassword, user, 'newPassword');
    const passwordHash = await hashPassword(newPassword);
    return this.db.transaction(async (tx) => {
      const now = new Date();
      // Locked and checked again: two uses of one link at once, only one wins.
      const reset = await tx.passwordResets.lockByTokenHash(sha256(token));
      if (!reset || reset.usedAt || reset.expiresAt.getTime() <= now.getTime() || reset.userId !== user.id) throw StaffErrors.setPasswordLinkInvalid();
      await tx.passwordResets.markUsed(reset.id, now);
      const updated = await tx.users.update(user.id, { passwordHash, mustChangePassword: false });
      const sessionsRevoked = await tx.sessions.revokeAllForUser(user.id, now);
      await tx.events.append({
        actor: { type: 'staff', id: user.id, role: user.role },
        action: 'user.password_reset_used',
        subject: { type: 'user', id: user.id },
        data: { resetId: reset.id, sessionsRevoked },
        visibility: 'internal',
        requestId: meta.requestId,
        clientNetwork: meta.network,
      });
      return updated;
    });
  }
}
