import { loginCookieOptions, safeNextPath, sessionCookieName, sessionCookieOptions } from './session-cookie';

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, for the whole site, not Secure over plain http', () => {
    expect(sessionCookieOptions('http://localhost:3000')).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: false });
  });

  it('is Secure when the desk is served over https, and ends with the session', () => {
    const expiresAt = new Date('2026-01-05T21:00:00Z');
    expect(sessionCookieOptions('https://desk.example.org', expiresAt)).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true, expires: expiresAt });
  });

  it('is named with the __Host- prefix over https only', () => {
    expect(sessionCookieName('https://desk.example.org')).toBe('__Host-desk_session');
    expect(sessionCookieName('http://localhost:3000')).toBe('desk_session');
  });

  it('keeps the sign-in form cookie to /login, for two hours', () => {
    expect(loginCookieOptions('https://desk.example.org')).toEqual({ httpOnly: true, sameSite: 'lax', path: '/login', secure: true, maxAge: 7200 });
  });
});

describe('safeNextPath', () => {
  it.each([
    ['/desk', '/desk'],
    ['/admin/users?done=created', '/admin/users?done=created'],
    ['/cases/TD-2026-000001', '/cases/TD-2026-000001'],
    ['//evil.example/x', '/desk'],
    ['/\\evil.example', '/desk'],
    ['https://evil.example', '/desk'],
    ['javascript:alert(1)', '/desk'],
    ['desk', '/desk'],
    ['/a\r\nSet-Cookie: x', '/desk'],
    ['/login?next=/login', '/desk'],
    ['/logout', '/desk'],
    ['', '/desk'],
    [undefined, '/desk'],
    [['/a'], '/desk'],
  ])('%j → %s', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
