import { Injectable, OnModuleInit } from '@nestjs/common';
import { RequestMeta } from '../common/request-meta';
import { newSecretToken, sha256 } from '../common/crypto';
import { DeskConfig } from '../config/desk-config';
import { Database, Repositories } from '../database/database.service';
import { MailerService, OutgoingMail } from '../messages/mailer.service';
import { MessageDelivery } from '../messages/message-delivery';
import { accountLockRule, afterFailure, blockBegan, LOGIN_BACKOFF, retryAfterSeconds, ThrottleState } from './login-backoff';
import { prepareDummyHash, verifyPassword } from './passwords';
import { Session } from './session.entity';
import { apiTokenState, sessionExpiresAt, sessionState, touchDue } from './session-rules';
import type { StaffActor } from './staff-actor';
import { StaffErrors } from './staff-errors';
import { accountLockedMail, recordStaffMail } from './staff-messages';
import { User } from './user.entity';

// Personal API tokens carry a prefix: the guard knows which table to look in, and secret
// scanners can recognise a leaked token.
export const API_TOKEN_PREFIX = 'tdk_';
const SESSION_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const API_TOKEN = /^tdk_[A-Za-z0-9_-]{43}$/;

export type CredentialSource = 'cookie' | 'bearer';

export interface SignedIn {
  token: string;
  session: Session;
  user: User;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// What the event log keeps of an address someone tried to sign in with: enough to group
// attempts on one address, not the address (it may be a mistyped password).
export function emailFingerprint(email: string): string {
  return sha256(normalizeEmail(email)).toString('hex').slice(0, 16);
}

@Injectable()
export class AuthService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly config: DeskConfig,
    private readonly mailer: MailerService,
    private readonly delivery: MessageDelivery,
  ) {}

  async onModuleInit(): Promise<void> {
    await prepareDummyHash();
  }

  // One transaction: the throttle checks, the password check and its consequences
  // (counters, session, event, a lock e-mail). Unknown address, wrong password and
  // deactivated account get the same answer after the same work (an argon2 verification).
  async signIn(credentials: { email: string; password: string }, channel: 'form' | 'api', meta: RequestMeta): Promise<SignedIn> {
    const email = normalizeEmail(credentials.email);
    const keys = throttleKeys(email, meta.ip);
    const outbox: OutgoingMail[] = [];
    const outcome = await this.db.transaction(async (tx) => {
      await tx.loginThrottles.lockKeys([keys.account, keys.accountAtAddress, keys.address]);
      const throttles = await tx.loginThrottles.findByKeys([keys.account, keys.accountAtAddress, keys.address]);
      const now = new Date();
      const wait = Math.max(retryAfterSeconds(throttles.get(keys.accountAtAddress), now), retryAfterSeconds(throttles.get(keys.address), now));
      if (wait > 0) return { kind: 'throttled' as const, wait };

      const user = await tx.users.findByEmail(email);
      // A locked account opens only to its owner's known networks: strangers are not even heard.
      const lockWait = retryAfterSeconds(throttles.get(keys.account), now);
      if (lockWait > 0 && !(user && meta.network && (await tx.loginNetworks.has(user.id, meta.network)))) return { kind: 'throttled' as const, wait: lockWait };

      const passwordOk = await verifyPassword(user?.passwordHash ?? null, credentials.password);
      if (user && user.active && passwordOk) return { kind: 'ok' as const, signedIn: await this.openSession(tx, user, keys, channel, meta, now) };

      await tx.loginThrottles.save(keys.accountAtAddress, afterFailure(throttles.get(keys.accountAtAddress), LOGIN_BACKOFF.accountAtAddress, now));
      await tx.loginThrottles.save(keys.address, afterFailure(throttles.get(keys.address), LOGIN_BACKOFF.address, now));
      const accountState = afterFailure(throttles.get(keys.account), this.lockRule, now);
      await tx.loginThrottles.save(keys.account, accountState);
      await tx.events.append({
        actor: { type: 'system', id: null },
        action: 'auth.login_failed',
        subject: user ? { type: 'user', id: user.id } : { type: 'login', id: emailFingerprint(email) },
        data: { emailFingerprint: emailFingerprint(email), reason: !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'deactivated', channel },
        visibility: 'internal',
        requestId: meta.requestId,
        clientNetwork: meta.network,
      });
      if (user?.active && blockBegan(accountState, this.lockRule)) outbox.push(...(await this.recordLock(tx, user, accountState, meta)));
      if (Math.random() < 0.02) await tx.loginThrottles.deleteStale(now);
      return { kind: 'failed' as const };
    });
    if (outbox.length) this.delivery.wake();
    if (outcome.kind === 'throttled') throw StaffErrors.loginThrottled(outcome.wait);
    if (outcome.kind === 'failed') throw StaffErrors.invalidCredentials();
    return outcome.signedIn;
  }

  private get lockRule() {
    return accountLockRule(this.config.loginLock.failures, this.config.loginLock.windowMinutes);
  }

  // A successful sign-in forgets the failures on the account (lifting a lock: only a known
  // network gets this far while it holds) and remembers the network.
  private async openSession(tx: Repositories, user: User, keys: ThrottleKeys, channel: 'form' | 'api', meta: RequestMeta, now: Date): Promise<SignedIn> {
    await tx.loginThrottles.delete(keys.accountAtAddress);
    await tx.loginThrottles.delete(keys.account);
    if (meta.network) await tx.loginNetworks.record(user.id, meta.network, now);
    const token = newSecretToken();
    const session = await tx.sessions.insert({
      userId: user.id,
      tokenHash: sha256(token),
      lastSeenAt: now,
      expiresAt: sessionExpiresAt(now, this.config.sessionMaxHours),
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    await tx.events.append({
      actor: { type: 'staff', id: user.id, role: user.role },
      action: 'auth.login_succeeded',
      subject: { type: 'user', id: user.id },
      data: { sessionId: session.id, channel },
      visibility: 'internal',
      requestId: meta.requestId,
      clientNetwork: meta.network,
    });
    return { token, session, user };
  }

  // Once per lock, not per failure: the owner learns of it by e-mail.
  private async recordLock(tx: Repositories, user: User, state: ThrottleState, meta: RequestMeta): Promise<OutgoingMail[]> {
    await tx.events.append({
      actor: { type: 'system', id: null },
      action: 'auth.account_locked',
      subject: { type: 'user', id: user.id },
      data: { failures: state.failures, lockedUntil: state.blockedUntil?.toISOString() ?? null },
      visibility: 'internal',
      requestId: meta.requestId,
      clientNetwork: meta.network,
    });
    const mail = await recordStaffMail(tx, user.email, accountLockedMail(user, state.blockedUntil!), this.mailer);
    return mail ? [mail] : [];
  }

  async signOut(actor: StaffActor, meta: RequestMeta): Promise<void> {
    if (actor.auth !== 'session') throw StaffErrors.notASession();
    await this.db.transaction(async (tx) => {
      const revoked = await tx.sessions.revoke(actor.credentialId, new Date());
      if (!revoked) return;
      await tx.events.append({
        actor: { type: 'staff', id: actor.id, role: actor.role },
        action: 'auth.logout',
        subject: { type: 'user', id: actor.id },
        data: { sessionId: actor.credentialId },
        visibility: 'internal',
        requestId: meta.requestId,
        clientNetwork: meta.network,
      });
    });
  }

  // Every request: the credential must be live and its user active right now, so that a
  // revocation, a deactivation or a role change takes effect on the next request.
  async authenticate(token: string, source: CredentialSource): Promise<StaffActor> {
    const now = new Date();
    if (API_TOKEN.test(token) && source === 'bearer') {
      const apiToken = await this.db.repos.apiTokens.findByTokenHashWithUser(sha256(token));
      if (!apiToken) throw StaffErrors.unauthenticated('This API token is not valid.');
      if (apiTokenState(apiToken, now) !== 'live') throw StaffErrors.unauthenticated('This API token has been revoked or has expired.');
      if (!apiToken.user.active) throw StaffErrors.unauthenticated('This account is deactivated.');
      if (touchDue(apiToken.lastUsedAt, now)) await this.db.repos.apiTokens.touch(apiToken.id, now);
      return actorOf(apiToken.user, 'token', apiToken.id);
    }
    if (!SESSION_TOKEN.test(token)) throw StaffErrors.unauthenticated();
    const session = await this.db.repos.sessions.findByTokenHashWithUser(sha256(token));
    if (!session) throw StaffErrors.unauthenticated();
    const state = sessionState(session, this.config.sessionIdleMinutes, now);
    if (state !== 'live') throw StaffErrors.unauthenticated(state === 'revoked' ? 'You have signed out. Sign in again.' : 'Your session has expired. Sign in again.');
    if (!session.user.active) throw StaffErrors.unauthenticated('This account is deactivated.');
    if (touchDue(session.lastSeenAt, now)) await this.db.repos.sessions.touch(session.id, now);
    return { ...actorOf(session.user, 'session', session.id), unreadNotifications: session.unreadNotifications };
  }
}

function actorOf(user: User, auth: StaffActor['auth'], credentialId: string): StaffActor {
  return { id: user.id, email: user.email, name: user.name, role: user.role, auth, credentialId, mustChangePassword: user.mustChangePassword };
}

interface ThrottleKeys {
  account: string;
  accountAtAddress: string;
  address: string;
}

// Locked in this order (account, account at address, address) by every sign-in: no deadlock.
function throttleKeys(email: string, ip: string | null): ThrottleKeys {
  const account = sha256(email).toString('hex');
  const address = ip ?? 'unknown';
  return { account: `account:${account}`, accountAtAddress: `account-ip:${account}:${address}`, address: `ip:${address}` };
}
