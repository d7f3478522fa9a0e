import { grantToken } from './token-rules';

const now = new Date(Date.UTC(2026, 0, 5, 9));
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

describe('what a new API token may be', () => {
  it('lets a signed-in person make any token, without the right to make tokens unless asked', () => {
    expect(grantToken({ kind: 'session', canCreateTokens: false, expiresAt: null }, {}, now)).toEqual({ allowed: true, expiresAt: null, canCreateTokens: false });
    expect(grantToken({ kind: 'session', canCreateTokens: false, expiresAt: null }, { expiresInDays: 30, canCreateTokens: true }, now)).toEqual({
      allowed: true,
      expiresAt: days(30),
      canCreateTokens: true,
    });
  });

  it('refuses a token made without the right to make tokens', () => {
    expect(grantToken({ kind: 'token', canCreateTokens: false, expiresAt: null }, {}, now)).toEqual({ allowed: false });
    expect(grantToken({ kind: 'token', canCreateTokens: false, expiresAt: days(1) }, { expiresInDays: 1 }, now)).toEqual({ allowed: false });
  });

  it('never lets a child outlive its parent', () => {
    const parent = { kind: 'token' as const, canCreateTokens: true, expiresAt: days(1) };
    expect(grantToken(parent, {}, now)).toMatchObject({ allowed: true, expiresAt: days(1) });
    expect(grantToken(parent, { expiresInDays: 365 }, now)).toMatchObject({ expiresAt: days(1) });
    expect(grantToken({ ...parent, expiresAt: days(10) }, { expiresInDays: 2 }, now)).toMatchObject({ expiresAt: days(2) });
    expect(grantToken({ ...parent, expiresAt: null }, { expiresInDays: 2 }, now)).toMatchObject({ expiresAt: days(2) });
  });
});
