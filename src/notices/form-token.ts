import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';

// A one-time token on every filing form: signed by the desk (so it cannot be made up),
// dated (so an old page must be sent again) and carrying a random nonce that becomes the
// submission key, so that sending the same page twice files one notice.
export const FORM_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
// Instances' clocks may differ a little; a token "from the future" beyond this is refused.
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const SHAPE = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export type FormTokenCheck = { valid: true; nonce: string; issuedAt: Date } | { valid: false; reason: 'missing' | 'invalid' | 'expired' };

export function issueFormToken(secret: Buffer, now: Date = new Date(), nonce: string = randomBytes(16).toString('base64url')): string {
  const payload = `${now.getTime().toString(36)}.${nonce}`;
  return `${payload}.${sign(secret, payload)}`;
}

export function checkFormToken(secret: Buffer, token: string | undefined, now: Date = new Date()): FormTokenCheck {
  if (!token) return { valid: false, reason: 'missing' };
  const parts = SHAPE.exec(token);
  if (!parts) return { valid: false, reason: 'invalid' };
  const [, issued, nonce, signature] = parts;
  const expected = Buffer.from(sign(secret, `${issued}.${nonce}`));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return { valid: false, reason: 'invalid' };
  const issuedAt = new Date(parseInt(issued, 36));
  const age = now.getTime() - issuedAt.getTime();
  if (age < -CLOCK_SKEW_MS) return { valid: false, reason: 'invalid' };
  if (age > FORM_TOKEN_TTL_MS) return { valid: false, reason: 'expired' };
  return { valid: true, nonce, issuedAt };
}

function sign(secret: Buffer, payload: string): string {
  return createHmac('sha256', secret).update(`form-token:${payload}`).digest('base64url');
}

// The signing secret is shared by every instance through PostgreSQL; it never changes,
// so each instance reads it once.
@Injectable()
export class FormTokens {
  private secret: Promise<Buffer> | null = null;

  constructor(private readonly db: Database) {}

  async issue(): Promise<string> {
    return issueFormToken(await this.loadSecret());
  }

  async check(token: string | undefined): Promise<FormTokenCheck> {
    return checkFormToken(await this.loadSecret(), token);
  }

  private loadSecret(): Promise<Buffer> {
    this.secret ??= this.db.repos.secrets.getOrCreate('form-token').catch((error: unknown) => {
      this.secret = null;
      throw error;
    });
    return this.secret;
  }
}
