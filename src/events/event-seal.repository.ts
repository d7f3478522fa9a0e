import { EntityManager } from 'typeorm';
import { EventSeal } from './event-seal.entity';
import { EventColumns, HASHED_EVENT_COLUMNS } from './event-hash';
import { eventColumnsSql, queryAsText, utcText } from './event.repository';

// One sealer at a time across every instance: a transaction-scoped advisory lock, so a
// crashed sealer can never leave it held.
export const SEALING_LOCK = 7_316_031;

export interface SealHead {
  id: string;
  toTx: string;
  sealHash: Buffer;
}

export interface NewSeal {
  id: string;
  createdAt: string;
  fromTx: string;
  toTx: string;
  firstEventId: string;
  lastEventId: string;
  eventCount: number;
  rootHash: Buffer;
  previousHash: Buffer;
  sealHash: Buffer;
}

// A seal as read back for verification: created_at formatted exactly as it was hashed.
export interface StoredSeal {
  id: string;
  created_at: string;
  from_tx: string;
  to_tx: string;
  first_event_id: string;
  last_event_id: string;
  event_count: number;
  root_hash: Buffer;
  previous_hash: Buffer;
  seal_hash: Buffer;
}

// An entry and the columns of the event it recorded (null when the event is gone).
export interface EntryWithEvent {
  sealId: string;
  position: number;
  eventId: string;
  eventHash: Buffer;
  event: EventColumns | null;
}

const EVENT_COLUMN_COUNT = HASHED_EVENT_COLUMNS.length;

export class EventSealRepository {
  constructor(private readonly manager: EntityManager) {}

  // Inside a transaction: true once this transaction may seal. `wait: false` gives up at
  // once when another sealer is at work.
  async lockForSealing(wait: boolean): Promise<boolean> {
    if (!wait) {
      const [{ locked }]: Array<{ locked: boolean }> = await this.manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [SEALING_LOCK]);
      return locked;
    }
    await this.manager.query(`SET LOCAL lock_timeout = '60s'`);
    await this.manager.query('SELECT pg_advisory_xact_lock($1)', [SEALING_LOCK]);
    return true;
  }

  async findHead(): Promise<SealHead | null> {
    const rows: Array<{ id: string; to_tx: string; seal_hash: Buffer }> = await this.manager.query(
      'SELECT id, to_tx, seal_hash FROM event_seals ORDER BY id DESC LIMIT 1',
    );
    return rows.length ? { id: rows[0].id, toTx: rows[0].to_tx, sealHash: rows[0].seal_hash } : null;
  }

  // The oldest transaction still running anywhere: every transaction below it has
  // committed or rolled back, so no event with a lower tx_id can appear any more.
  async readHorizon(): Promise<{ horizon: string; now: string }> {
    const [row]: Array<{ horizon: string; now: string }> = await this.manager.query(
      `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon, ${utcText('now()')} AS now`,
    );
    return row;
  }

  async insertEntries(sealId: string, firstPosition: number, eventIds: string[], eventHashes: Buffer[]): Promise<void> {
    if (!eventIds.length) return;
    await this.manager.query(
      `INSERT INTO seal_entries (seal_id, position, event_id, event_hash)
       SELECT $1, $2 + u.ord - 1, u.event_id, decode(u.event_hash, 'hex')
       FROM unnest($3::bigint[], $4::text[]) WITH ORDINALITY AS u(event_id, event_hash, ord)`,
      [sealId, firstPosition, eventIds, eventHashes.map((hash) => hash.toString('hex'))],
    );
  }

  async insertSeal(seal: NewSeal): Promise<void> {
    await this.manager.query(
      `INSERT INTO event_seals (id, created_at, from_tx, to_tx, first_event_id, last_event_id, event_count, root_hash, previous_hash, seal_hash)
       VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [seal.id, seal.createdAt, seal.fromTx, seal.toTx, seal.firstEventId, seal.lastEventId, seal.eventCount, seal.rootHash, seal.previousHash, seal.sealHash],
    );
  }

  // Unsealed events are those of transactions at or above the last seal's to_tx.
  async countUnsealedOlderThan(seconds: number): Promise<{ count: number; oldest: Date | null }> {
    const [row]: Array<{ count: number; oldest: Date | null }> = await this.manager.query(
      `SELECT count(*)::int AS count, min(occurred_at) AS oldest FROM events
       WHERE tx_id >= coalesce((SELECT to_tx FROM event_seals ORDER BY id DESC LIMIT 1), 0)
         AND occurred_at < now() - make_interval(secs => $1)`,
      [seconds],
    );
    return row;
  }

  findLatest(limit: number): Promise<EventSeal[]> {
    return this.manager.find(EventSeal, { order: { id: 'DESC' }, take: limit });
  }

  // --- verification: keyset pages in a stable order ---

  findStoredPage(afterId: string, limit: number): Promise<StoredSeal[]> {
    return this.manager.query(
      `SELECT id, ${utcText('created_at')} AS created_at, from_tx, to_tx, first_event_id, last_event_id, event_count, root_hash, previous_hash, seal_hash
       FROM event_seals WHERE id > $1 ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }

  // Each entry with the event it recorded, in seal and position order: one index lookup
  // per entry, and no second pass over the entries.
  async findEntriesWithEventsPage(after: { sealId: string; position: number }, limit: number): Promise<EntryWithEvent[]> {
    const rows = await queryAsText(
      this.manager,
      `SELECT ${eventColumnsSql('e')}, s.seal_id, s.position, s.event_id, s.event_hash
       FROM seal_entries s LEFT JOIN events e ON e.id = s.event_id
       WHERE (s.seal_id, s.position) > ($1::bigint, $2::int)
       ORDER BY s.seal_id, s.position LIMIT $3`,
      [after.sealId, after.position, limit],
    );
    return rows.map((row) => ({
      sealId: row[EVENT_COLUMN_COUNT] as string,
      position: Number(row[EVENT_COLUMN_COUNT + 1]),
      eventId: row[EVENT_COLUMN_COUNT + 2] as string,
      eventHash: row[EVENT_COLUMN_COUNT + 3] as Buffer,
      // The event's id is never null, so a null one means no event joined.
      event: row[0] === null ? null : (row.slice(0, EVENT_COLUMN_COUNT) as Array<string | null>),
    }));
  }

  // Events no seal records: below the last seal's horizon they were slipped in (the first
  // `limit` ids are returned), at or above it they are simply not sealed yet.
  async findEventsWithoutEntry(sealedBelowTx: string, limit: number): Promise<{ unsealed: number; inserted: number; insertedIds: Array<{ id: string; tx_id: string }> }> {
    const [counts]: Array<{ unsealed: number; inserted: number }> = await this.manager.query(
      `SELECT count(*) FILTER (WHERE e.tx_id >= $1)::int AS unsealed, count(*) FILTER (WHERE e.tx_id < $1)::int AS inserted
       FROM events e WHERE NOT EXISTS (SELECT 1 FROM seal_entries s WHERE s.event_id = e.id)`,
      [sealedBelowTx],
    );
    const insertedIds: Array<{ id: string; tx_id: string }> = counts.inserted
      ? await this.manager.query(
          `SELECT e.id, e.tx_id FROM events e
           WHERE e.tx_id < $1 AND NOT EXISTS (SELECT 1 FROM seal_entries s WHERE s.event_id = e.id)
           ORDER BY e.id LIMIT $2`,
          [sealedBelowTx, limit],
        )
      : [];
    return { ...counts, insertedIds };
  }
}
