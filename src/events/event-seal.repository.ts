import { EntityManager } from 'typeorm';
import { ADVISORY_LOCK } from '../database/advisory-locks';
import type { SealFields } from './event-hash';
import { EventSeal } from './event-seal.entity';
import { eventHashSql, utcText } from './event.repository';

export interface SealHead {
  id: string;
  toTx: string;
  sealHash: Buffer;
}

// A seal as written: its fields and the hash over them (event-hash.ts).
export type NewSeal = SealFields & { sealHash: Buffer };

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

// A seal's entries as verification reads them, summed up by the database: how many events
// they record, the smallest and largest id, where the first gap in their positions is (if
// any), how many bytes of hashes they hold, and the root over those hashes in order (the
// seal root's definition, event-hash.ts).
export interface StoredEntries {
  sealId: string;
  events: number;
  firstEventId: string;
  lastEventId: string;
  firstGap: number | null;
  hashBytes: number;
  root: Buffer;
}

// An entry whose event is gone or no longer hashes to what its seal recorded.
export interface BrokenEntry {
  sealId: string;
  position: number; // the event's position in its seal
  eventId: string;
  missing: boolean;
  sealedHash: Buffer;
  actualHash: Buffer | null;
}

// Events per seal_entries row.
export const RUN_LENGTH = 1_000;

// Each recorded event (one row per id of every run) with its sealed hash, and the event as
// it is now, if any. A run's hashes are stored out of line uncompressed, where a slice per
// event (substring) would be a TOAST lookup per event: they are read once per run and cut
// into 64 hex digits each, beside the ids (ROWS FROM zips the two lists).
const RECORDED_EVENTS_FROM = `FROM seal_entries r
  CROSS JOIN LATERAL ROWS FROM (unnest(r.event_ids), regexp_matches(encode(r.event_hashes, 'hex'), '.{64}', 'g')) WITH ORDINALITY AS u(event_id, sealed_hex, ord)
  LEFT JOIN events e ON e.id = u.event_id
  WHERE u.event_id IS NOT NULL`;
const SEALED_HASH = `decode(u.sealed_hex[1], 'hex')`;

export class EventSealRepository {
  constructor(private readonly manager: EntityManager) {}

  // Inside a transaction: true once this transaction may seal. One sealer at a time across
  // every instance: a transaction-scoped advisory lock, so a crashed sealer can never leave
  // it held. `wait: false` gives up at once when another sealer is at work.
  async beginSealing(wait: boolean): Promise<boolean> {
    if (wait) {
      await this.manager.query(`SET LOCAL lock_timeout = '60s'; SELECT pg_advisory_xact_lock(${ADVISORY_LOCK.sealing})`);
    } else {
      const [{ locked }]: Array<{ locked: boolean }> = await this.manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [ADVISORY_LOCK.sealing]);
      if (!locked) return false;
    }
    // A seal is derived data: if a crash loses the last one before its WAL reaches disk,
    // the next run seals the same events again. So its commit need not wait for the flush
    // (business commits share that flush). And page after page of small ordered index
    // scans gains nothing from parallel workers but their start-up.
    await this.manager.query('SET LOCAL synchronous_commit = off; SET LOCAL max_parallel_workers_per_gather = 0');
    return true;
  }

  async findHead(): Promise<SealHead | null> {
    const rows: Array<{ id: string; to_tx: string; seal_hash: Buffer }> = await this.manager.query('SELECT id, to_tx, seal_hash FROM event_seals ORDER BY id DESC LIMIT 1');
    return rows.length ? { id: rows[0].id, toTx: rows[0].to_tx, sealHash: rows[0].seal_hash } : null;
  }

  // The oldest transaction still running anywhere: every transaction below it has
  // committed or rolled back, so no event with a lower tx_id can appear any more.
  async readHorizon(): Promise<{ horizon: string; now: string }> {
    const [row]: Array<{ horizon: string; now: string }> = await this.manager.query(
      `SELECT ((SELECT tx_base FROM event_clock) + pg_snapshot_xmin(pg_current_snapshot())::text::bigint)::text AS horizon, ${utcText('now()')} AS now`,
    );
    return row;
  }

  // The event hashes from `firstPosition` on, in runs of RUN_LENGTH.
  async insertEntries(sealId: string, firstPosition: number, eventIds: string[], eventHashes: Buffer[]): Promise<void> {
    for (let start = 0; start < eventIds.length; start += RUN_LENGTH) {
      await this.manager.query('INSERT INTO seal_entries (seal_id, position, event_ids, event_hashes) VALUES ($1, $2, $3::bigint[], $4)', [
        sealId,
        firstPosition + start,
        eventIds.slice(start, start + RUN_LENGTH),
        Buffer.concat(eventHashes.slice(start, start + RUN_LENGTH)),
      ]);
    }
  }

  async insertSeal(seal: NewSeal): Promise<void> {
    await this.manager.query(
      `INSERT INTO event_seals (id, created_at, from_tx, to_tx, first_event_id, last_event_id, event_count, root_hash, previous_hash, seal_hash)
       VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [seal.id, seal.createdAt, seal.fromTx, seal.toTx, seal.firstEventId, seal.lastEventId, seal.eventCount, seal.rootHash, seal.previousHash, seal.sealHash],
    );
  }

  // Unsealed events are those of transactions at or above the last seal's to_tx. Two
  // statements, so that the second is planned knowing where the last seal ended: with the
  // seal read in a subquery the planner guessed a third of the log and scanned all of it
  // (35 ms at 222,000 events, on every /health call), instead of reading the unsealed tail
  // from idx_events_tx.
  async countUnsealedOlderThan(seconds: number): Promise<{ count: number; oldest: Date | null }> {
    const head = await this.findHead();
    const [row]: Array<{ count: number; oldest: Date | null }> = await this.manager.query(
      `SELECT count(*)::int AS count, min(occurred_at) AS oldest FROM events
       WHERE tx_id >= $1 AND occurred_at < now() - make_interval(secs => $2)`,
      [head?.toTx ?? '0', seconds],
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

  // The entries of the next `limit` seals after `afterSealId` that have any, one row per
  // seal in seal order (an ordered read of the primary key, stopped at the limit).
  async findEntriesPage(afterSealId: string, limit: number): Promise<StoredEntries[]> {
    const rows: Array<{ seal_id: string; events: number; first_event_id: string; last_event_id: string; first_gap: number | null; hash_bytes: number; root: Buffer }> =
      await this.manager.query(
        `SELECT seal_id::text, sum(events)::int AS events, min(first_id)::text AS first_event_id, max(last_id)::text AS last_event_id,
                min(position) FILTER (WHERE position <> expected) AS first_gap, sum(octet_length(event_hashes))::int AS hash_bytes,
                sha256(string_agg(event_hashes, ''::bytea ORDER BY position)) AS root
         FROM (SELECT seal_id, position, event_hashes, cardinality(event_ids) AS events,
                      (SELECT min(id) FROM unnest(event_ids) AS id) AS first_id, (SELECT max(id) FROM unnest(event_ids) AS id) AS last_id,
                      coalesce(lag(position + cardinality(event_ids)) OVER (PARTITION BY seal_id ORDER BY position), 0) AS expected
               FROM seal_entries WHERE seal_id > $1 ORDER BY seal_id, position) runs
         GROUP BY runs.seal_id ORDER BY runs.seal_id LIMIT $2`,
        [afterSealId, limit],
      );
    return rows.map((row) => ({
      sealId: row.seal_id,
      events: row.events,
      firstEventId: row.first_event_id,
      lastEventId: row.last_event_id,
      firstGap: row.first_gap,
      hashBytes: row.hash_bytes,
      root: row.root,
    }));
  }

  // Every recorded event against the event as it is now, hashed by the database
  // (eventHashSql) on all the cores it may use: one parallel pass over the entries, each
  // event found by its key. Only the counts come back.
  async checkRecordedEvents(): Promise<{ recorded: number; missing: number; altered: number }> {
    await this.allowParallelScan();
    const [row]: Array<{ recorded: number; missing: number; altered: number }> = await this.manager.query(
      `SELECT count(*)::int AS recorded,
              count(*) FILTER (WHERE e.id IS NULL)::int AS missing,
              count(*) FILTER (WHERE e.id IS NOT NULL AND ${eventHashSql('e')} <> ${SEALED_HASH})::int AS altered
       ${RECORDED_EVENTS_FROM}`,
    );
    return row;
  }

  // The first `limit` entries, in seal and position order, whose event is gone or altered
  // (run only when checkRecordedEvents found some).
  async findBrokenEntries(limit: number): Promise<BrokenEntry[]> {
    await this.allowParallelScan();
    const rows: Array<{ seal_id: string; position: number; event_id: string; missing: boolean; sealed: Buffer; actual: Buffer | null }> = await this.manager.query(
      `SELECT seal_id, position, event_id, missing, sealed, actual FROM (
         SELECT r.seal_id, r.position + u.ord::int - 1 AS position, u.event_id::text AS event_id, e.id IS NULL AS missing,
                ${SEALED_HASH} AS sealed, CASE WHEN e.id IS NOT NULL THEN ${eventHashSql('e')} END AS actual
         ${RECORDED_EVENTS_FROM}) entry
       WHERE missing OR actual <> sealed
       ORDER BY seal_id, position LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({ sealId: row.seal_id, position: row.position, eventId: row.event_id, missing: row.missing, sealedHash: row.sealed, actualHash: row.actual }));
  }

  // Parallel workers for the passes over every entry. seal_entries keeps its arrays out of
  // line, so its own pages are few: without the size floor it would be read by one process.
  // Memoize caches nothing when every event is looked up once.
  private async allowParallelScan(): Promise<void> {
    await this.manager.query(
      'SET LOCAL max_parallel_workers_per_gather = 2; SET LOCAL min_parallel_table_scan_size = 0; SET LOCAL parallel_setup_cost = 100; SET LOCAL enable_memoize = off',
    );
  }

  // Events below and above the sealed horizon: with the events the seals recorded, enough
  // to tell whether anything was slipped in without reading the log again.
  async countEventsAround(sealedBelowTx: string): Promise<{ below: number; above: number }> {
    const [row]: Array<{ below: number; above: number }> = await this.manager.query(
      'SELECT count(*) FILTER (WHERE tx_id < $1)::int AS below, count(*) FILTER (WHERE tx_id >= $1)::int AS above FROM events',
      [sealedBelowTx],
    );
    return row;
  }

  // Events below the horizon that no seal records (slipped in), the first `limit` by id.
  findUnrecordedBelow(sealedBelowTx: string, limit: number): Promise<Array<{ id: string; tx_id: string }>> {
    return this.manager.query(
      `SELECT e.id, e.tx_id FROM events e
       WHERE e.tx_id < $1 AND NOT EXISTS (SELECT 1 FROM seal_entries r, unnest(r.event_ids) AS recorded(id) WHERE recorded.id = e.id)
       ORDER BY e.id LIMIT $2`,
      [sealedBelowTx, limit],
    );
  }

  // Events that more than one entry records, with the seals that do.
  findRecordedTwice(limit: number): Promise<Array<{ event_id: string; seal_ids: string[] }>> {
    return this.manager.query(
      `SELECT recorded.id AS event_id, array_agg(r.seal_id ORDER BY r.seal_id)::text[] AS seal_ids
       FROM seal_entries r, unnest(r.event_ids) AS recorded(id)
       GROUP BY recorded.id HAVING count(*) > 1 ORDER BY recorded.id LIMIT $1`,
      [limit],
    );
  }
}
