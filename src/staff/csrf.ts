import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';
import { LOGIN_FORM_TTL_MS } from './session-cookie';

// CSRF protection for cookie-authenticated requests: the token is an HMAC of the session id,
// so it needs no storage, is the same on every instance, and dies with its session. Forms
// send it as `_csrf`, scripts as the `x-csrf-token` header. Bearer requests need none: a
// browser never adds an Authorization header on its own.
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function csrfTokenFor(secret: Buffer, sessionId: string): string {
  return sign(secret, `session:${sessionId}`);
}

export function checkCsrfToken(secret: Buffer, sessionId: string, candidate: unknown): boolean {
  return typeof candidate === 'string' && safeEqual(csrfTokenFor(secret, sessionId), candidate);
}

// The sign-in form has no session yet. Its token is signed, dated (2 hours) and bound to a
// random nonce in a cookie that only this site can set: a page on another site can fetch
// a token of its own, but cannot make the victim's browser send the matching cookie, so
// it cannot sign the victim in to the attacker's account (login CSRF).
export function newLoginNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function issueLoginFormToken(secret: Buffer, nonce: string, now: Date = new Date()): string {
  const issued = now.getTime().toString(36);
  return `${issued}.${sign(secret, `login:${nonce}:${issued}`)}`;
}

export function checkLoginFormToken(secret: Buffer, nonce: string | undefined, token: unknown, now: Date = new Date()): boolean {
  if (!nonce || typeof token !== 'string') return false;
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const [, issued, signature] = match;
  if (!safeEqual(sign(secret, `login:${nonce}:${issued}`), signature)) return false;
  const age = now.getTime() - parseInt(issued, 36);
  return age >= -5 * 60_000 && age <= LOGIN_FORM_TTL_MS;
}

function sign(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

function safeEqual(expected: string, candidate: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(candidate);
  return a.length === b.length && timingSafeEqual(a, b);
}

// The key is shared by every instance through PostgreSQL and never changes: read once.
@Injectable()
export class CsrfTokens {
  private secret: Promise<Buffer> | null = null;

  constructor(private readonly db: Database) {}

  async forSession(sessionId: string): Promise<string> {
    return csrfTokenFor(await this.loadSecret(), sessionId);
  }

  async checkSession(sessionId: string, candidate: unknown): Promise<boolean> {
    return checkCsrfToken(await this.loadSecret(), sessionId, candidate);
  }

  async issueLoginForm(nonce: string): Promise<string> {
    return issueLoginFormToken(await this.loadSecret(), nonce);
  }

  async checkLoginForm(nonce: string | undefined, token: unknown): Promise<boolean> {
    return checkLoginFormToken(await this.loadSecret(), nonce, token);
  }

  private loadSecret(): Promise<Buffer> {
    this.secret ??= this.db.repos.secrets.getOrCreate('csrf').catch((error: unknown) => {
      this.secret = null;
      throw error;
    });
    return this.secret;
  }
}
