import { createHash, hash } from 'node:crypto';

// The hashing rules of the sealed event log, kept free of I/O so that they can be read,
// tested and re-implemented by an outside auditor:
//
// - event text  = the JSON array (as JSON.stringify writes it) of every column of the row,
//   in EVENT_COLUMNS order, each as PostgreSQL prints it as text, null as null. So jsonb
//   comes in PostgreSQL's normalised form with numbers exactly as stored (never rounded
//   through a double), bigints as decimal strings, and `occurred_at` as
//   to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'): UTC with
//   microseconds, whatever the session's TimeZone or DateStyle;
// - event hash  = SHA-256 of the event text (UTF-8). The desk has the database compute it
//   (eventHashSql in event.repository.ts: array_to_json writes this very text) when it
//   seals and when it verifies, so that only hashes cross the wire and verification runs on
//   parallel workers; eventHash() below is the reference, and a property test holds the two
//   equal on hostile text;
// - seal root   = SHA-256 over the seal's event hashes (32 bytes each) in seal order;
// - seal hash   = SHA-256 of the seal's canonical JSON (RFC 8785: keys sorted, no
//   whitespace), which includes the previous seal's hash (32 zero bytes before the first
//   seal): a chain.

export const HASH_BYTES = 32;
export const GENESIS_HASH = Buffer.alloc(HASH_BYTES);

// Every column of `events`, in hashing order. A test compares it with the table, so a
// migration that adds a column cannot leave it unprotected by accident.
export const HASHED_EVENT_COLUMNS = [
  'id',
  'occurred_at',
  'actor_type',
  'actor_id',
  'actor_role',
  'action',
  'subject_type',
  'subject_id',
  'case_id',
  'case_reference',
  'changes',
  'data',
  'visibility',
  'request_id',
  'client_network',
  'tx_id',
] as const;

// The row's column values as text, in HASHED_EVENT_COLUMNS order.
export type EventColumns = ReadonlyArray<string | null>;

export function eventText(columns: EventColumns): string {
  if (columns.length !== HASHED_EVENT_COLUMNS.length) {
    throw new TypeError(`an event has ${HASHED_EVENT_COLUMNS.length} columns to hash, not ${columns.length}`);
  }
  return JSON.stringify(columns);
}

export function sha256(data: string | Buffer): Buffer {
  return hash('sha256', data, 'buffer');
}

export function eventHash(columns: EventColumns): Buffer {
  return sha256(eventText(columns));
}

export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no form for ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
      if (Buffer.isBuffer(value) || value instanceof Date) {
        throw new TypeError('canonical JSON takes strings for bytes and timestamps: format them first');
      }
      const record = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const key of Object.keys(record).sort()) {
        if (record[key] !== undefined) parts.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON has no form for a ${typeof value}`);
  }
}

// The seal's root: SHA-256 over its event hashes, 32 bytes each, in seal order. Built as
// the hashes stream in (one hash update per page, not per event), so memory stays flat.
export class SealRoot {
  private readonly hasher = createHash('sha256');
  private length = 0;

  // Bytes taken in so far: 32 per event hash.
  get bytes(): number {
    return this.length;
  }

  add(eventHashes: Buffer[]): void {
    for (const hashes of eventHashes) {
      this.hasher.update(hashes);
      this.length += hashes.length;
    }
  }

  digest(): Buffer {
    return this.hasher.digest();
  }
}

export function sealRoot(eventHashes: Buffer[]): Buffer {
  const root = new SealRoot();
  root.add(eventHashes);
  return root.digest();
}

export interface SealFields {
  id: string;
  createdAt: string; // UTC with microseconds, as formatted by the repository
  fromTx: string;
  toTx: string;
  firstEventId: string;
  lastEventId: string;
  eventCount: number;
  rootHash: Buffer;
  previousHash: Buffer;
}

export function sealHash(seal: SealFields): Buffer {
  return sha256(
    canonicalJson({
      created_at: seal.createdAt,
      event_count: seal.eventCount,
      first_event_id: seal.firstEventId,
      from_tx: seal.fromTx,
      id: seal.id,
      last_event_id: seal.lastEventId,
      previous_hash: seal.previousHash.toString('hex'),
      root_hash: seal.rootHash.toString('hex'),
      to_tx: seal.toTx,
    }),
  );
}
