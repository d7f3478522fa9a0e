import { decodeCursor, encodeCursor, likePattern } from './case-queue';

describe('queue cursors', () => {
  it('round-trips', () => {
    const cursor = { key: '2026-11-28T10:00:00.000Z', id: '6f1c2a9e-2b1d-4b8e-9a55-0d7c1e6f0b11' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(encodeCursor({ key: null, id: cursor.id }))).toEqual({ key: null, id: cursor.id });
    expect(decodeCursor(encodeCursor({ ...cursor, normalLane: false }))).toEqual({ ...cursor, normalLane: false });
  });

  it.each([
    '',
    'not-base64!',
    Buffer.from('{}').toString('base64url'),
    Buffer.from('["x","y"]').toString('base64url'),
    Buffer.from('["2026-01-01", "1; DROP TABLE cases"]').toString('base64url'),
    Buffer.from('[null, "6f1c2a9e-2b1d-4b8e-9a55-0d7c1e6f0b11", "high"]').toString('base64url'),
  ])('refuses %p', (raw) => {
    expect(decodeCursor(raw)).toBeNull();
  });
});

describe('likePattern', () => {
  it('escapes wildcards', () => {
    expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
