import { duplicateKey, workWords } from './duplicate-key';

const base = {
  email: 'jane.doe@example.org',
  normalizedUrls: ['https://freelanews.com/a', 'https://freelanews.com/b'],
  work: { description: 'My photograph "Istanbul talks".', originalUrls: ['https://doe.example.org/istanbul'] },
};

describe('the probable-duplicate key', () => {
  it('is the same for the same sender, URLs in any order or repeated, and the same work in other spacing or case', () => {
    const again = duplicateKey({
      email: 'Jane.Doe@Example.org ',
      normalizedUrls: ['https://freelanews.com/b', 'https://freelanews.com/a', 'https://freelanews.com/b'],
      work: { description: 'my photograph  “Istanbul talks”', originalUrls: ['https://www.doe.example.org/istanbul?utm_source=x'] },
    });
    expect(again).toEqual(duplicateKey(base));
  });

  it('differs for another sender, another URL set or another work', () => {
    const key = duplicateKey(base)!;
    expect(duplicateKey({ ...base, email: 'other@example.org' })).not.toEqual(key);
    expect(duplicateKey({ ...base, normalizedUrls: ['https://freelanews.com/a'] })).not.toEqual(key);
    expect(duplicateKey({ ...base, work: { ...base.work, description: 'Another photograph' } })).not.toEqual(key);
    expect(duplicateKey({ ...base, work: { ...base.work, originalUrls: [] } })).not.toEqual(key);
  });

  it('is absent without an e-mail or without URLs', () => {
    expect(duplicateKey({ ...base, email: null })).toBeNull();
    expect(duplicateKey({ ...base, email: '  ' })).toBeNull();
    expect(duplicateKey({ ...base, normalizedUrls: [] })).toBeNull();
  });

  it('compares words, not punctuation', () => {
    expect(workWords('  Hello,   WORLD! ')).toBe('hello world');
    expect(workWords(null)).toBe('');
  });
});
