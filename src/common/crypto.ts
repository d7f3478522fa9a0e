import { createHash, randomBytes } from 'node:crypto';

// 256 random bits, base64url: the shape of every bearer secret the desk hands out.
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function looksLikeSecretToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
