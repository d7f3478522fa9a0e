import { randomBytes } from 'node:crypto';
import { checkFormToken, FORM_TOKEN_TTL_MS, issueFormToken } from './form-token';

describe('form tokens', () => {
  const secret = randomBytes(32);
  const issuedAt = new Date('2026-03-02T10:00:00Z');

  it('accepts a token it issued and gives back its nonce and date', () => {
    const token = issueFormToken(secret, issuedAt, 'n'.repeat(22));
    expect(checkFormToken(secret, token, new Date(issuedAt.getTime() + 60_000))).toEqual({ valid: true, nonce: 'n'.repeat(22), issuedAt });
  });

  it('gives every page a different nonce', () => {
    const first = checkFormToken(secret, issueFormToken(secret, issuedAt), issuedAt);
    const second = checkFormToken(secret, issueFormToken(secret, issuedAt), issuedAt);
    expect(first.valid && second.valid && first.nonce !== second.nonce).toBe(true);
  });

  it('refuses a token whose nonce, date or signature was changed', () => {
    const token = issueFormToken(secret, issuedAt);
    const [issued, nonce, signature] = token.split('.');
    const otherNonce = nonce.replace(/^./, nonce[0] === 'A' ? 'B' : 'A');
    const later = (parseInt(issued, 36) + 3_600_000).toString(36);
    const otherSignature = signature.replace(/.$/, signature.endsWith('A') ? 'B' : 'A');
    for (const tampered of [`${issued}.${otherNonce}.${signature}`, `${later}.${nonce}.${signature}`, `${issued}.${nonce}.${otherSignature}`]) {
      expect(checkFormToken(secret, tampered, issuedAt)).toEqual({ valid: false, reason: 'invalid' });
    }
  });

  it('refuses a token signed with another secret, or not shaped like one', () => {
    expect(checkFormToken(randomBytes(32), issueFormToken(secret, issuedAt), issuedAt)).toEqual({ valid: false, reason: 'invalid' });
    for (const junk of ['abc', 'x.y.z', `${'a'.repeat(13)}.${'b'.repeat(22)}.${'c'.repeat(43)}`, '<script>']) {
      expect(checkFormToken(secret, junk, issuedAt)).toEqual({ valid: false, reason: 'invalid' });
    }
    expect(checkFormToken(secret, undefined, issuedAt)).toEqual({ valid: false, reason: 'missing' });
    expect(checkFormToken(secret, '', issuedAt)).toEqual({ valid: false, reason: 'missing' });
  });

  it('expires after 24 hours', () => {
    const token = issueFormToken(secret, issuedAt);
    expect(checkFormToken(secret, token, new Date(issuedAt.getTime() + FORM_TOKEN_TTL_MS)).valid).toBe(true);
    expect(checkFormToken(secret, token, new Date(issuedAt.getTime() + FORM_TOKEN_TTL_MS + 1))).toEqual({ valid: false, reason: 'expired' });
  });

  it('refuses a token dated well in the future, but tolerates small clock differences', () => {
    const token = issueFormToken(secret, issuedAt);
    expect(checkFormToken(secret, token, new Date(issuedAt.getTime() - 60_000)).valid).toBe(true);
    expect(checkFormToken(secret, token, new Date(issuedAt.getTime() - 3_600_000))).toEqual({ valid: false, reason: 'invalid' });
  });
});
