import { createHash } from 'node:crypto';
import { canonicalJson, eventHash, eventText, GENESIS_HASH, HASHED_EVENT_COLUMNS, SealFields, sealHash, SealRoot, sealRoot, sha256 } from './event-hash';

// An event row as PostgreSQL prints it: every value as text, jsonb in its normalised form.
const row = (overrides: Partial<Record<(typeof HASHED_EVENT_COLUMNS)[number], string | null>> = {}): Array<string | null> => {
  const values: Record<(typeof HASHED_EVENT_COLUMNS)[number], string | null> = {
    id: '42',
    occurred_at: '2026-03-01T09:15:30.123456Z',
    actor_type: 'staff',
    actor_id: '6f1c3a52-1f0e-4d3b-9a59-2b1f0c7d9e11',
    actor_role: 'editor',
    action: 'case.decide',
    subject_type: 'case',
    subject_id: '0b3f9b1e-57a4-4d7c-8a55-5d8b8e1d2c3f',
    case_id: '0b3f9b1e-57a4-4d7c-8a55-5d8b8e1d2c3f',
    case_reference: 'TD-2026-000042',
    changes: '{"status": {"after": "actioned", "before": "in_review"}}',
    data: '{"items": [{"id": 1, "territories": ["GB", "FR"]}], "outcome": "remove"}',
    visibility: 'internal',
    request_id: null,
    client_network: '203.0.113.0/24',
    tx_id: '7781',
    ...overrides,
  };
  return HASHED_EVENT_COLUMNS.map((column) => values[column]);
};

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys at every depth and leaves no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text whatever order the keys were written in', () => {
    expect(canonicalJson({ x: 1, y: { q: 2, p: 3 } })).toBe(canonicalJson({ y: { p: 3, q: 2 }, x: 1 }));
  });

  it('sorts by UTF-16 code units and escapes like JSON.stringify', () => {
    expect(canonicalJson({ é: 1, z: 2, A: 3, '\u20ac': 4, '😀': 5 })).toBe('{"A":3,"z":2,"é":1,"€":4,"😀":5}');
    expect(canonicalJson('line\nbreak "quoted" \u0001')).toBe('"line\\nbreak \\"quoted\\" \\u0001"');
  });

  it('prints numbers the ECMAScript way (RFC 8785 §3.2.2.3)', () => {
    expect(canonicalJson([1.0, -0, 1e21, 0.000001, 1e-7, 333333333.3333333])).toBe('[1,0,1e+21,0.000001,1e-7,333333333.3333333]');
  });

  it('drops undefined members like JSON does, and refuses what JSON cannot say', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ t: new Date() })).toThrow(TypeError);
    expect(() => canonicalJson({ b: Buffer.from('x') })).toThrow(TypeError);
  });
});

describe('eventText and eventHash', () => {
  it('is the JSON array of every column as PostgreSQL printed it, in hashing order', () => {
    expect(eventText(row())).toBe(
      '["42","2026-03-01T09:15:30.123456Z","staff","6f1c3a52-1f0e-4d3b-9a59-2b1f0c7d9e11","editor","case.decide","case",' +
        '"0b3f9b1e-57a4-4d7c-8a55-5d8b8e1d2c3f","0b3f9b1e-57a4-4d7c-8a55-5d8b8e1d2c3f","TD-2026-000042",' +
        '"{\\"status\\": {\\"after\\": \\"actioned\\", \\"before\\": \\"in_review\\"}}",' +
        '"{\\"items\\": [{\\"id\\": 1, \\"territories\\": [\\"GB\\", \\"FR\\"]}], \\"outcome\\": \\"remove\\"}",' +
        '"internal",null,"203.0.113.0/24","7781"]',
    );
  });

  it('keeps every character of a value: it reads back as the same strings', () => {
    const awkward = 'a "quoted"\\ line\n\u0001 é 😀 \u2028';
    expect(JSON.parse(eventText(row({ subject_id: awkward })))[7]).toBe(awkward);
  });

  it('refuses a row with a column too many or too few', () => {
    expect(() => eventText(row().slice(1))).toThrow(/16 columns to hash, not 15/);
    expect(() => eventText([...row(), 'extra'])).toThrow(/not 17/);
  });

  it('hashes the event text with SHA-256', () => {
    expect(eventHash(row()).toString('hex')).toBe(createHash('sha256').update(eventText(row()), 'utf8').digest('hex'));
  });

  it.each<[string, Partial<Record<(typeof HASHED_EVENT_COLUMNS)[number], string | null>>]>([
    ['the id', { id: '43' }],
    ['a microsecond of occurred_at', { occurred_at: '2026-03-01T09:15:30.123457Z' }],
    ['a null that becomes an empty string', { request_id: '' }],
    ['a nested JSON value', { data: '{"items": [{"id": 1, "territories": ["GB"]}], "outcome": "remove"}' }],
    ['the digits of a JSON number (nothing is rounded through a double)', { data: '{"items": [{"id": 1.0, "territories": ["GB", "FR"]}], "outcome": "remove"}' }],
    ['the writing transaction', { tx_id: '7782' }],
  ])('changes when %s changes', (_name, change) => {
    expect(eventHash(row(change))).not.toEqual(eventHash(row()));
  });

  it('changes when two values trade columns', () => {
    expect(eventHash(row({ subject_id: 'a', case_reference: 'b' }))).not.toEqual(eventHash(row({ subject_id: 'b', case_reference: 'a' })));
  });
});

describe('sealRoot', () => {
  const hashes = Array.from({ length: 7 }, (_, i) => sha256(`event ${i}`));

  it('is the SHA-256 of the event hashes, concatenated in seal order', () => {
    expect(sealRoot(hashes).toString('hex')).toBe(createHash('sha256').update(Buffer.concat(hashes)).digest('hex'));
  });

  it('gives the same root whether the hashes arrive in one page or many', () => {
    const root = new SealRoot();
    root.add(hashes.slice(0, 1));
    root.add([]);
    root.add(hashes.slice(1, 5));
    root.add(hashes.slice(5));
    expect(root.bytes).toBe(7 * 32);
    expect(root.digest()).toEqual(sealRoot(hashes));
  });

  it('changes when a hash changes, goes missing, or two trade places', () => {
    const base = sealRoot(hashes);
    expect(sealRoot([...hashes.slice(0, 6), sha256('forged')])).not.toEqual(base);
    expect(sealRoot(hashes.slice(0, 6))).not.toEqual(base);
    expect(sealRoot([hashes[0], hashes[2], hashes[1], ...hashes.slice(3)])).not.toEqual(base);
  });
});

describe('sealHash chain', () => {
  const first: SealFields = {
    id: '1',
    createdAt: '2026-03-01T09:16:00.000001Z',
    fromTx: '0',
    toTx: '7790',
    firstEventId: '1',
    lastEventId: '42',
    eventCount: 42,
    rootHash: sha256('root 1'),
    previousHash: GENESIS_HASH,
  };

  it('covers every field of the seal', () => {
    const base = sealHash(first);
    const changes: Partial<SealFields>[] = [
      { id: '2' },
      { createdAt: '2026-03-01T09:16:00.000002Z' },
      { fromTx: '1' },
      { toTx: '7791' },
      { firstEventId: '2' },
      { lastEventId: '41' },
      { eventCount: 41 },
      { rootHash: sha256('root 2') },
      { previousHash: sha256('another chain') },
    ];
    for (const change of changes) expect(sealHash({ ...first, ...change })).not.toEqual(base);
  });

  it('chains: a change to an earlier seal changes every later hash', () => {
    const chain = (start: SealFields) => {
      const one = sealHash(start);
      const two = sealHash({ ...start, id: '2', fromTx: start.toTx, toTx: '7800', previousHash: one });
      return sealHash({ ...start, id: '3', fromTx: '7800', toTx: '7900', previousHash: two });
    };
    expect(chain({ ...first, eventCount: 43 })).not.toEqual(chain(first));
  });
});
