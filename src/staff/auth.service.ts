import { Injectable, OnModuleInit } from '@nestjs/common';
import { RequestMeta } from '../common/request-meta';
import { newSecretToken, sha256 } from '../common/crypto';
import { DeskConfig } from '../config/desk-config';
import { Database } from '../database/database.service';
import { afterFailure, LOGIN_BACKOFF, retryAfterSeconds } from './login-backoff';
import { prepareDummyHash, verifyPassword } from './passwords';
import { Session } from './session.entity';
import { apiTokenState, sessionExpiresAt, sessionState, touchDue } from './session-rules';
import type { StaffActor } from './staff-actor';
import { StaffErrors } from './staff-errors';
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
  ) {}

  async onModuleInit(): Promise<void> {
    await prepareDummyHash();
  }

  // One transaction: the throttle check, the password check and its consequences (counters,
  // session, event). Unknown address, wrong password and deactivated account get the same
  // answer after the same work (an argon2 verification each).
  async signIn(credentials: { email: string; password: string }, channel: 'form' | 'api', meta: RequestMeta): Promise<SignedIn> {
    const email = normalizeEmail(credentials.email);
    const accountKey = `account:${sha256(email).toString('hex')}`;
    const ipKey = `ip:${meta.ip ?? 'unknown'}`;
    const outcome = await this.db.transaction(async (tx) => {
      await tx.loginThrottles.lockKeys([accountKey, ipKey]);
      const throttles = await tx.loginThrottles.findByKeys([accountKey, ipKey]);
      const now = new Date();
      const wait = Math.max(retryAfterSeconds(throttles.get(accountKey), now), retryAfterSeconds(throttles.get(ipKey), now));
      if (wait > 0) return { kind: 'throttled' as const, wait };

      const user = await tx.users.findByEmail(email);
      const passwordOk = await verifyPassword(user?.passwordHash ?? null, credentials.password);
      if (user && user.active && passwordOk) {
        await tx.loginThrottles.delete(accountKey);
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
        return { kind: 'ok' as const, signedIn: { token, session, user } };
      }

      await tx.loginThrottles.save(accountKey, afterFailure(throttles.get(accountKey), LOGIN_BACKOFF.accountLimit, now));
      await tx.loginThrottles.save(ipKey, afterFailure(throttles.get(ipKey), LOGIN_BACKOFF.ipLimit, now));
      await tx.events.append({
        actor: { type: 'system', id: null },
        action: 'auth.login_failed',
        subject: user ? { type: 'user', id: user.id } : { type: 'login', id: emailFingerprint(email) },
        data: { emailFingerprint: emailFingerprint(email), reason: !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'deactivated', channel },
        visibility: 'internal',
        requestId: meta.requestId,
        clientNetwork: meta.network,
      });
      if (Math.random() < 0.02) await tx.loginThrottles.deleteStale(now);
      return { kind: 'failed' as const };
    });
    if (outcome.kind === 'throttled') throw StaffErrors.loginThrottled(outcome.wait);
    if (outcome.kind === 'failed') throw StaffErrors.invalidCredentials();
    return outcome.signedIn;
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
    return actorOf(session.user, 'session', session.id);
  }
}

function actorOf(user: User, auth: StaffActor['auth'], credentialId: string): StaffActor {
  return { id: user.id, email: user.email, name: user.name, role: user.role, auth, credentialId };
}
