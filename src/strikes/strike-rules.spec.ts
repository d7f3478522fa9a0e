import { isStrike, needsReview, strikeExpiry } from './strike-rules';

const removal = { noticeType: 'copyright', action: 'remove', articleId: 'a1', articleOrigin: 'contributor', authorEmail: 'ada@example.org' };

describe('repeat-infringer rules (DMCA §512(i))', () => {
  it('counts only copyright removals of contributed articles with an author', () => {
    expect(isStrike(removal)).toBe(true);
    expect(isStrike({ ...removal, noticeType: 'defamation' })).toBe(false);
    expect(isStrike({ ...removal, action: 'restrict' })).toBe(false);
    expect(isStrike({ ...removal, articleOrigin: 'staff' })).toBe(false);
    expect(isStrike({ ...removal, authorEmail: null })).toBe(false);
    expect(isStrike({ ...removal, articleId: null })).toBe(false);
  });

  it('expires strikes after the configured months', () => {
    expect(strikeExpiry(new Date('2026-12-04T10:00:00Z'), 12).toISOString()).toBe('2027-12-04T10:00:00.000Z');
    expect(strikeExpiry(new Date('2026-01-31T00:00:00Z'), 1).toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });

  it('asks legal at the threshold, once', () => {
    expect(needsReview(2, 3, false)).toBe(false);
    expect(needsReview(3, 3, false)).toBe(true);
    expect(needsReview(4, 3, true)).toBe(false);
  });
});
