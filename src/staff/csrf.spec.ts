import { checkCsrfToken, checkLoginFormToken, csrfTokenFor, issueLoginFormToken, newLoginNonce } from './csrf';

const secret = Buffer.alloc(32, 7);
const otherSecret = Buffer.alloc(32, 8);
const sessionId = '3f6c1a52-8a0e-4f4e-9b7e-2b8f0f3d9c11';

describe('session CSRF token', () => {
  it('is stable for a session and differs between sessions', () => {
    expect(csrfTokenFor(secret, sessionId)).toBe(csrfTokenFor(secret, sessionId));
    expect(csrfTokenFor(secret, sessionId)).not.toBe(csrfTokenFor(secret, '00000000-0000-4000-8000-000000000000'));
    expect(csrfTokenFor(secret, sessionId)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('accepts the right token only', () => {
    const token = csrfTokenFor(secret, sessionId);
    expect(checkCsrfToken(secret, sessionId, token)).toBe(true);
    expect(checkCsrfToken(secret, '00000000-0000-4000-8000-000000000000', token)).toBe(false);
    expect(checkCsrfToken(otherSecret, sessionId, token)).toBe(false);
    expect(checkCsrfToken(secret, sessionId, token.slice(0, -1))).toBe(false);
    expect(checkCsrfToken(secret, sessionId, `${token}x`)).toBe(false);
    expect(checkCsrfToken(secret, sessionId, '')).toBe(false);
    expect(checkCsrfToken(secret, sessionId, undefined)).toBe(false);
    expect(checkCsrfToken(secret, sessionId, [token])).toBe(false);
  });
});

describe('sign-in form token', () => {
  const now = new Date('2026-01-05T09:00:00Z');

  it('is valid for its own browser nonce for two hours', () => {
    const nonce = newLoginNonce();
    const token = issueLoginFormToken(secret, nonce, now);
    expect(checkLoginFormToken(secret, nonce, token, now)).toBe(true);
    expect(checkLoginFormToken(secret, nonce, token, new Date(now.getTime() + 2 * 3_600_000))).toBe(true);
    expect(checkLoginFormToken(secret, nonce, token, new Date(now.getTime() + 2 * 3_600_000 + 1))).toBe(false);
  });

  it('refuses another browser nonce, no nonce, a forged date or signature', () => {
    const nonce = newLoginNonce();
    const token = issueLoginFormToken(secret, nonce, now);
    expect(checkLoginFormToken(secret, newLoginNonce(), token, now)).toBe(false);
    expect(checkLoginFormToken(secret, undefined, token, now)).toBe(false);
    const [, signature] = token.split('.');
    expect(checkLoginFormToken(secret, nonce, `${(now.getTime() + 1).toString(36)}.${signature}`, now)).toBe(false);
    expect(checkLoginFormToken(otherSecret, nonce, token, now)).toBe(false);
    expect(checkLoginFormToken(secret, nonce, 'nonsense', now)).toBe(false);
  });
});
