import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'desk_session';
// Over https the session cookie carries the `__Host-` prefix: the browser keeps it only when
// it is Secure, for Path=/ and without a Domain, so no subdomain can set or shadow it.
export const HOST_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
// Set by the sign-in page: binds its form token to this browser (see csrf.ts).
export const LOGIN_COOKIE = 'desk_login';
export const LOGIN_FORM_TTL_MS = 2 * 3_600_000;

// HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site posts), Secure
// whenever the desk is served over https; it ends with the session's absolute expiry.
export function sessionCookieOptions(publicBaseUrl: string, expiresAt?: Date): CookieSerializeOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: publicBaseUrl.startsWith('https:'),
    ...(expiresAt ? { expires: expiresAt } : {}),
  };
}

export function sessionCookieName(publicBaseUrl: string): string {
  return publicBaseUrl.startsWith('https:') ? HOST_SESSION_COOKIE : SESSION_COOKIE;
}

export function readSessionCookie(request: FastifyRequest, publicBaseUrl: string): string | undefined {
  return request.cookies?.[sessionCookieName(publicBaseUrl)];
}

export function setSessionCookie(reply: FastifyReply, publicBaseUrl: string, token: string, expiresAt: Date): void {
  reply.setCookie(sessionCookieName(publicBaseUrl), token, sessionCookieOptions(publicBaseUrl, expiresAt));
}

// With the attributes it was set with: a browser drops a `__Host-` deletion that is not Secure.
export function clearSessionCookie(reply: FastifyReply, publicBaseUrl: string): void {
  reply.clearCookie(sessionCookieName(publicBaseUrl), sessionCookieOptions(publicBaseUrl));
}

export function loginCookieOptions(publicBaseUrl: string): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/login', secure: publicBaseUrl.startsWith('https:'), maxAge: LOGIN_FORM_TTL_MS / 1000 };
}

// Where to go after signing in: only a path on this site, never another origin
// (`//evil.example`, `/\evil.example`, `https://...`): no open redirect.
export function safeNextPath(next: unknown, fallback = '/desk'): string {
  if (typeof next !== 'string' || next.length > 2000) return fallback;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001F\u007F\\]/.test(next)) return fallback;
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/logout')) return fallback;
  return next;
}
