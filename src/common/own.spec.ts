import { own } from './own';

describe('own', () => {
  const record: Record<string, number> = { assign: 1, close: 2 };

  it('returns an own entry', () => {
    expect(own(record, 'assign')).toBe(1);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'missing'])('returns undefined for %s, which the record does not hold itself', (key) => {
    expect(own(record, key)).toBeUndefined();
  });
});
