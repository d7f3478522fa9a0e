import * as fs from 'node:fs';
import * as fc from 'fast-check';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/desk-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { Database } from '../src/database/database.service';
import { ensureEventClockAhead } from '../src/database/migrate';
import { eventHash, HASHED_EVENT_COLUMNS, sealHash, sealRoot } from '../src/events/event-hash';
import { ADVISORY_LOCK } from '../src/database/advisory-locks';
import { eventHashSql, utcText } from '../src/events/event.repository';
import { EventSealService } from '../src/events/event-seal.service';
import { EventVerifier, VerificationReport } from '../src/events/event-verifier';
import { completeNotice, fileAccepted, getJson } from './factories';
import { CLI, runCli } from './support/cli';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

const OPERATOR = { type: 'system', id: 'test', role: 'operator' } as const;

// `count` events written by `transactions` separate transactions, with varied content.
async function insertEvents(pool: Pool, count: number, transactions = 1): Promise<void> {
  const perTransaction = Math.ceil(count / transactions);
  for (let done = 0; done < count; done += perTransaction) {
    await pool.query(
      `INSERT INTO events (actor_type, actor_id, action, subject_type, subject_id, case_reference, changes, data, visibility)
       SELECT 'system', 'test', 'test.generated', 'test', n::text, 'TD-2026-' || lpad(n::text, 6, '0'),
              jsonb_build_object('status', jsonb_build_object('before', 'new', 'after', 'in_review')),
              jsonb_build_object('n', n, 'label', 'événement ' || n, 'tags', jsonb_build_array('a', n % 7)), 'internal'
       FROM generate_series($1::int, $2::int) AS n`,
      [done + 1, Math.min(count, done + perTransaction)],
    );
  }
}

// Every (seal, event) pair the seals record.
const RECORDED = `(SELECT r.seal_id, u.event_id FROM seal_entries r, unnest(r.event_ids) AS u(event_id)) recorded`;

async function countOf(pool: Pool, table: string): Promise<number> {
  const { rows } = await pool.query(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

// Changes the log the way someone with the database owner's rights could: triggers off,
// the change, triggers back on, all in one transaction.
async function tamper(pool: Pool, ...statements: string[]): Promise<void> {
  const client = await pool.connect();
  const tables = ['events', 'event_seals', 'seal_entries'];
  try {
    await client.query('BEGIN');
    for (const table of tables) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`);
    for (const statement of statements) await client.query(statement);
    for (const table of tables) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER USER`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

// A database of its own with 200 events in 10 transactions, sealed 3 transactions per seal
// (seals of 60, 60, 60 and 20 events): what each tampering case starts from.
interface SealedLog {
  db: TestDatabase;
  dataSource: DataSource;
  database: Database;
  sealer: EventSealService;
  verifier: EventVerifier;
  close(): Promise<void>;
}

async function openLog(): Promise<SealedLog> {
  const db = await createTestDatabase();
  const dataSource = await new DataSource(dataSourceOptions(db.url, { poolSize: 4 })).initialize();
  const database = new Database(dataSource);
  const config = loadConfig({ DATABASE_URL: db.url, SEAL_BATCH_SIZE: '50' });
  return {
    db,
    dataSource,
    database,
    sealer: new EventSealService(database, config),
    verifier: new EventVerifier(database),
    close: async () => {
      await dataSource.destroy();
      await db.drop();
    },
  };
}

async function sealedLog(): Promise<SealedLog> {
  const log = await openLog();
  await insertEvents(log.db.pool, 200, 10);
  expect(await log.sealer.sealPending()).toEqual({ seals: 4, events: 200 });
  return log;
}

function expectClean(report: VerificationReport, events: number, seals: number): void {
  expect(report).toMatchObject({ ok: true, events, seals, sealedEvents: events, unsealed: 0, problemCount: 0, problems: [] });
  expect(report.firstProblem).toBeUndefined();
  expect(report.lastSealHash).toMatch(/^[0-9a-f]{64}$/);
}

// Every event sealed and intact (counted before the verification adds its own event).
async function expectCleanLog(pool: Pool, verifier: EventVerifier): Promise<void> {
  const events = await countOf(pool, 'events');
  const seals = await countOf(pool, 'event_seals');
  expectClean(await verifier.verify(OPERATOR), events, seals);
}

describe('the sealed event log', () => {
  let t: TestApp;
  let sealer: EventSealService;
  let verifier: EventVerifier;

  beforeAll(async () => {
    // No background job here: the tests seal when they choose to.
    t = await startTestApp({ SEAL_INTERVAL_SECONDS: '0' });
    sealer = t.app.get(EventSealService);
    verifier = t.app.get(EventVerifier);
  });
  afterAll(() => t.close());

  it('hashes every column of events', async () => {
    const { rows } = await t.db.pool.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'events' ORDER BY column_name`);
    expect(rows.map((row) => row.column_name)).toEqual([...HASHED_EVENT_COLUMNS].sort());
  });

  it('hashes each column as PostgreSQL prints it: jsonb numbers as stored, text untouched', async () => {
    const awkward = ['quote " backslash \\ slash /', 'controls \u0001\b\f\n\r\t\u001f\u007f', 'unicode é € 😀 \u2028\u2029 \ufeff'];
    const { rows } = await t.db.pool.query(
      `INSERT INTO events (actor_type, actor_id, action, subject_type, subject_id, case_id, changes, data, visibility, request_id, client_network)
       VALUES ('system', $1, 'test.awkward', 'test', $2, gen_random_uuid(), $3::jsonb, $4::jsonb, 'internal', $5, NULL)
       RETURNING id`,
      [awkward[0], awkward[1], '{"z": 1, "a": [1.5, 1e21, 12345678901234567890, -0, "x\\u0007"], "é": {"b": null, "a": true}}', '{"n": 1.50}', awkward[2]],
    );
    const [read] = await t.app.get(Database).transaction((tx) => tx.events.findToHashPage(String(BigInt(rows[0].id) - 1n), 1));
    const { rows: raw } = await t.db.pool.query(
      `SELECT id::text, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at, actor_type, actor_id, actor_role, action,
              subject_type, subject_id, case_id::text, case_reference, changes::text, data::text, visibility, request_id, client_network, tx_id::text
       FROM events WHERE id = $1`,
      [rows[0].id],
    );
    expect(read.columns).toEqual(HASHED_EVENT_COLUMNS.map((column) => raw[0][column]));
    expect(read.columns[HASHED_EVENT_COLUMNS.indexOf('data')]).toBe('{"n": 1.50}');
    expect(read.columns[HASHED_EVENT_COLUMNS.indexOf('changes')]).toContain('12345678901234567890');
    expect(read.columns[HASHED_EVENT_COLUMNS.indexOf('occurred_at')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(read.columns.slice(3, 8)).toEqual([awkward[0], null, 'test.awkward', 'test', awkward[1]]);
  });

  it('computes in PostgreSQL (eventHashSql) exactly the hash Node computes (eventHash), on hostile text', async () => {
    // Any UTF-16 text PostgreSQL can hold (no NUL, no lone surrogate), weighted towards what
    // JSON escapes: quotes, backslashes, every control character, separators, wide characters.
    const awkwardChar = fc.oneof(
      fc.constantFrom('"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\u007f', '\u2028', '\u2029', '\ufeff', '\u200b', '\u202e', 'é', '€', '😀', ',', '[', ']', 'null'),
      fc.integer({ min: 1, max: 0x1f }).map((code) => String.fromCharCode(code)),
      fc.string({ unit: 'grapheme', maxLength: 3 }),
    );
    const text = fc.array(awkwardChar, { maxLength: 12 }).map((parts) => parts.join(''));
    const row = fc.record({
      actorId: fc.option(text, { nil: null }),
      subjectId: text,
      requestId: fc.option(text, { nil: null }),
      network: fc.option(text, { nil: null }),
      data: fc.dictionary(text, fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null)), { maxKeys: 4 }),
    });
    const rows = fc.sample(row, { numRuns: 300, seed: 4242 });
    const { rows: inserted } = await t.db.pool.query(
      `INSERT INTO events (actor_type, actor_id, action, subject_type, subject_id, changes, data, visibility, request_id, client_network)
       SELECT 'system', r.actor_id, 'test.hostile', 'test', r.subject_id, '{}', r.data, 'internal', r.request_id, r.network
       FROM jsonb_to_recordset($1::jsonb) AS r(actor_id text, subject_id text, data jsonb, request_id text, network text)
       RETURNING id`,
      [JSON.stringify(rows.map((r) => ({ actor_id: r.actorId, subject_id: r.subjectId, data: r.data, request_id: r.requestId, network: r.network })))],
    );
    const first = String(BigInt(inserted[0].id) - 1n);
    const fromNode = await t.app.get(Database).transaction((tx) => tx.events.findToHashPage(first, rows.length));
    const { rows: fromSql } = await t.db.pool.query(`SELECT e.id::text, ${eventHashSql('e')} AS hash FROM events e WHERE e.id > $1 ORDER BY e.id LIMIT $2`, [first, rows.length]);
    expect(fromNode).toHaveLength(rows.length);
    const differing = fromNode.filter((event, i) => !eventHash(event.columns).equals(fromSql[i].hash)).map((event) => event.columns);
    expect(differing).toEqual([]);
  });

  it('seals the events of filings, then verifies them clean and records the verification', async () => {
    for (const type of ['copyright', 'trademark', 'privacy'] as const) await fileAccepted(t.baseUrl, completeNotice(type));
    const total = await countOf(t.db.pool, 'events');
    expect(total).toBeGreaterThanOrEqual(3);

    const result = await sealer.sealPending();
    expect(result).toEqual({ seals: 1, events: total });
    expect(await countOf(t.db.pool, RECORDED)).toBe(total);
    expect(await sealer.sealPending()).toEqual({ seals: 0, events: 0 });

    // What the database recorded is what the reference implementation (eventHash, sealRoot,
    // sealHash) makes of the same rows.
    const events = await t.app.get(Database).transaction((tx) => tx.events.findToHashPage('0', total));
    const { rows: entries } = await t.db.pool.query(`SELECT u.id::text AS id, substring(r.event_hashes FROM (u.ord::int - 1) * 32 + 1 FOR 32) AS hash
       FROM seal_entries r, unnest(r.event_ids) WITH ORDINALITY AS u(id, ord) ORDER BY r.seal_id, r.position, u.ord`);
    const byId = new Map(events.map((event) => [event.id, eventHash(event.columns)]));
    expect(entries.map((entry) => [entry.id, entry.hash.toString('hex')])).toEqual(entries.map((entry) => [entry.id, byId.get(entry.id)?.toString('hex')]));
    const [stored] = (
      await t.db.pool.query(
        `SELECT id::text, ${utcText('created_at')} AS created_at, from_tx::text, to_tx::text, first_event_id::text, last_event_id::text, event_count, root_hash, previous_hash, seal_hash FROM event_seals`,
      )
    ).rows;
    expect(stored.root_hash).toEqual(sealRoot(entries.map((entry) => byId.get(entry.id)!)));
    expect(
      sealHash({
        id: stored.id,
        createdAt: stored.created_at,
        fromTx: stored.from_tx,
        toTx: stored.to_tx,
        firstEventId: stored.first_event_id,
        lastEventId: stored.last_event_id,
        eventCount: stored.event_count,
        rootHash: stored.root_hash,
        previousHash: stored.previous_hash,
      }),
    ).toEqual(stored.seal_hash);

    const report = await verifier.verify(OPERATOR);
    expectClean(report, total, 1);
    const { rows } = await t.db.pool.query(`SELECT actor_type, actor_id, data FROM events WHERE action = 'events.verified'`);
    expect(rows).toEqual([{ actor_type: 'system', actor_id: 'test', data: expect.objectContaining({ ok: true, events: total, seals: 1, problemCount: 0 }) }]);

    // The verification is itself an event, sealed like any other.
    expect(await sealer.sealPending()).toEqual({ seals: 1, events: 1 });
    const { rows: seals } = await t.db.pool.query(`SELECT id, previous_hash, seal_hash FROM event_seals ORDER BY id`);
    expect(seals.map((seal) => seal.id)).toEqual(['1', '2']);
    expect(seals[1].previous_hash).toEqual(seals[0].seal_hash);
  });

  it('closes a seal at a transaction boundary once it holds the batch size', async () => {
    await sealer.sealPending();
    const before = await countOf(t.db.pool, 'event_seals');
    await insertEvents(t.db.pool, 1_000, 10);
    expect(await sealer.sealPending({ batchSize: 250 })).toEqual({ seals: 4, events: 1_000 });
    const { rows } = await t.db.pool.query(`SELECT event_count FROM event_seals WHERE id > $1 ORDER BY id`, [before]);
    expect(rows.map((row) => row.event_count)).toEqual([300, 300, 300, 100]);
    const { rows: split } = await t.db.pool.query(
      `SELECT e.tx_id FROM events e JOIN ${RECORDED} ON recorded.event_id = e.id GROUP BY e.tx_id HAVING count(DISTINCT recorded.seal_id) > 1`,
    );
    expect(split).toEqual([]);
    await expectCleanLog(t.db.pool, verifier);
  });

  it('never loses an event whose transaction commits after later ones: it goes in a later seal', async () => {
    await sealer.sealPending();
    const sealsBefore = await countOf(t.db.pool, 'event_seals');
    // A slow transaction writes an event (a low id) and stays open...
    const slow = await t.db.pool.connect();
    let slowEvent: { id: string; tx_id: string };
    try {
      await slow.query('BEGIN');
      const { rows } = await slow.query(
        `INSERT INTO events (actor_type, action, subject_type, subject_id, visibility) VALUES ('system', 'test.slow', 'test', 'slow', 'internal') RETURNING id, tx_id`,
      );
      slowEvent = rows[0];
      // ...while a filing (higher ids, a later transaction) commits and the sealer runs.
      await fileAccepted(t.baseUrl, completeNotice('copyright'));
      const { rows: later } = await t.db.pool.query(`SELECT min(id) AS id, min(tx_id) AS tx_id FROM events WHERE id > $1`, [slowEvent.id]);
      expect(BigInt(later[0].id)).toBeGreaterThan(BigInt(slowEvent.id));
      expect(BigInt(later[0].tx_id)).toBeGreaterThan(BigInt(slowEvent.tx_id));

      expect(await sealer.sealPending()).toEqual({ seals: 0, events: 0 });
      expect((await verifier.verify(OPERATOR)).unsealed).toBeGreaterThan(0);
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }

    const after = await sealer.sealPending();
    expect(after.seals).toBe(1);
    const { rows } = await t.db.pool.query(`SELECT seal_id FROM seal_entries WHERE $1 = ANY(event_ids)`, [slowEvent.id]);
    expect(rows).toEqual([{ seal_id: String(sealsBefore + 1) }]);
    await expectCleanLog(t.db.pool, verifier);
  });

  it('lets two sealers run at once without sealing anything twice', async () => {
    await sealer.sealPending();
    await insertEvents(t.db.pool, 3_000, 30);
    // A second instance: its own pool, its own service.
    const other = await new DataSource(dataSourceOptions(t.db.url, { poolSize: 4 })).initialize();
    try {
      const otherSealer = new EventSealService(new Database(other), loadConfig({}));
      const results = await Promise.all([
        sealer.sealPending({ batchSize: 200 }),
        otherSealer.sealPending({ batchSize: 200 }),
        otherSealer.sealPending({ batchSize: 200, wait: false }),
        sealer.sealPending({ batchSize: 200 }),
      ]);
      expect(results.reduce((sum, result) => sum + result.events, 0)).toBe(3_000);
    } finally {
      await other.destroy();
    }
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS seals, max(id)::int AS last FROM event_seals`);
    expect(rows[0].seals).toBe(rows[0].last);
    const { rows: twice } = await t.db.pool.query(`SELECT event_id FROM ${RECORDED} GROUP BY event_id HAVING count(*) > 1`);
    expect(twice).toEqual([]);
    expect(await countOf(t.db.pool, RECORDED)).toBe(await countOf(t.db.pool, 'events'));
    await expectCleanLog(t.db.pool, verifier);
  });

  it('gives up at once in the background when another sealer holds the lock', async () => {
    await sealer.sealPending();
    await insertEvents(t.db.pool, 10);
    const holder = await t.db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCK.sealing]);
      expect(await sealer.sealPending({ wait: false })).toEqual({ seals: 0, events: 0 });
    } finally {
      await holder.query('ROLLBACK');
      holder.release();
    }
    expect((await sealer.sealPending({ wait: false })).events).toBe(10);
  });

  it.each(['events', 'event_seals', 'seal_entries'])('refuses UPDATE, DELETE and TRUNCATE on %s', async (table) => {
    await insertEvents(t.db.pool, 1);
    await sealer.sealPending();
    const column = { events: 'action', event_seals: 'event_count', seal_entries: 'position' }[table];
    await expect(t.db.pool.query(`UPDATE ${table} SET ${column} = ${column}`)).rejects.toThrow(/append-only: UPDATE on/);
    await expect(t.db.pool.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only: DELETE on/);
    await expect(t.db.pool.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only: TRUNCATE on/);
    expect(await countOf(t.db.pool, table)).toBeGreaterThan(0);
  });

  it('stamps the writing transaction itself, whatever the insert says', async () => {
    const client: PoolClient = await t.db.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(
        `INSERT INTO events (actor_type, action, subject_type, subject_id, visibility, tx_id) VALUES ('system', 'test.forged_tx', 'test', '1', 'internal', 1) RETURNING tx_id, pg_current_xact_id()::text AS current`,
      );
      expect(rows[0].tx_id).toBe(rows[0].current);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  });

  it('warns on /health when an event has waited longer than UNSEALED_WARNING_SECONDS', async () => {
    await sealer.sealPending();
    let health = await (await getJson(t.baseUrl, '/health')).json();
    expect(health).toMatchObject({ status: 'ok', database: { status: 'up' } });
    expect(health.warnings).toBeUndefined();

    // Written two minutes ago (its transaction started then) and not sealed since.
    await t.db.pool.query(
      `INSERT INTO events (occurred_at, actor_type, action, subject_type, subject_id, visibility) VALUES (now() - interval '2 minutes', 'system', 'test.old', 'test', 'old', 'internal')`,
    );
    expect(await sealer.unsealedOlderThan(60)).toEqual({ count: 1, oldest: expect.any(Date) });
    const response = await getJson(t.baseUrl, '/health');
    expect(response.status).toBe(200);
    health = await response.json();
    expect(health).toMatchObject({ status: 'warning', eventLog: { unsealedOlderThanSeconds: 60, count: 1 } });
    expect(health.warnings).toEqual([expect.stringMatching(/^1 event is older than 60 s and not yet sealed/)]);

    await sealer.sealPending();
    health = await (await getJson(t.baseUrl, '/health')).json();
    expect(health.status).toBe('ok');
  });
});

describe('a database whose transaction counter is behind its log (restored from a dump into another cluster)', () => {
  it('continues event transaction ids above the log at start-up, so sealing and verification go on', async () => {
    const log = await sealedLog();
    try {
      // A fresh cluster counts transactions from a few hundred: make this one look so.
      const { rows: before } = await log.db.pool.query(`SELECT max(tx_id)::text AS top, pg_current_xact_id()::text AS xid FROM events`);
      await log.db.pool.query(`UPDATE event_clock SET tx_base = 500 - $1::bigint`, [before[0].xid]);
      await insertEvents(log.db.pool, 1);
      const { rows: low } = await log.db.pool.query(`SELECT tx_id::text FROM events ORDER BY id DESC LIMIT 1`);
      expect(BigInt(low[0].tx_id)).toBeLessThan(BigInt(before[0].top));
      // Without the start-up step the new event reads as slipped into a sealed range, and the
      // sealer's horizon is below where the seals ended: nothing more would ever be sealed.
      expect((await log.verifier.verify(OPERATOR)).firstProblem).toMatchObject({ kind: 'event_inserted' });
      expect(await log.sealer.sealPending()).toEqual({ seals: 0, events: 0 });

      // What start-up does (runMigrations, then ensureEventClockAhead), on a copy of the same
      // state minus the event written too early.
      await tamper(log.db.pool, `DELETE FROM events WHERE id > (SELECT max(last_event_id) FROM event_seals)`);
      const moved = await ensureEventClockAhead(log.dataSource);
      expect(BigInt(moved!.continuesFrom)).toBeGreaterThan(BigInt(before[0].top));
      expect(await ensureEventClockAhead(log.dataSource)).toBeNull();
      await insertEvents(log.db.pool, 5);
      expect(await log.sealer.sealPending()).toEqual({ seals: 1, events: 5 });
      expect(await log.verifier.verify(OPERATOR)).toMatchObject({ ok: true, problemCount: 0, events: 205, seals: 5, unsealed: 0 });
    } finally {
      await log.close();
    }
  });
});

describe('verification after tampering', () => {
  let log: SealedLog;
  beforeEach(async () => {
    log = await sealedLog();
  });
  afterEach(() => log.close());

  const verify = () => log.verifier.verify(OPERATOR);

  it('starts from a clean log', async () => {
    expectClean(await verify(), 200, 4);
  });

  it('names an event whose field was changed', async () => {
    await tamper(log.db.pool, `UPDATE events SET data = jsonb_set(data, '{n}', '7000') WHERE id = 77`);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, problemCount: 1, firstProblem: { kind: 'event_altered', eventId: '77', sealId: '2' } });
    expect(report.firstProblem!.detail).toMatch(/^event 77 was changed after seal 2 recorded it: sealed hash [0-9a-f]{16}…, its content now hashes to [0-9a-f]{16}…$/);
  });

  it('names an event whose time was moved by a microsecond', async () => {
    await tamper(log.db.pool, `UPDATE events SET occurred_at = occurred_at + interval '1 microsecond' WHERE id = 150`);
    expect((await verify()).firstProblem).toMatchObject({ kind: 'event_altered', eventId: '150' });
  });

  it('names a deleted event', async () => {
    await tamper(log.db.pool, `DELETE FROM events WHERE id = 101`);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, events: 199, problemCount: 1, firstProblem: { kind: 'event_missing', eventId: '101', sealId: '2' } });
  });

  it('names two events that traded places', async () => {
    await tamper(log.db.pool, `UPDATE events SET id = -id WHERE id IN (120, 121)`, `UPDATE events SET id = 121 WHERE id = -120`, `UPDATE events SET id = 120 WHERE id = -121`);
    const report = await verify();
    expect(report.firstProblem).toMatchObject({ kind: 'event_altered', eventId: '120' });
    expect(report.problems.map((problem) => [problem.kind, problem.eventId])).toEqual([
      ['event_altered', '120'],
      ['event_altered', '121'],
    ]);
  });

  it('names a forged event slipped into a sealed range', async () => {
    const { rows } = await log.db.pool.query(`SELECT tx_id FROM events WHERE id = 50`);
    await tamper(
      log.db.pool,
      `INSERT INTO events (id, actor_type, action, subject_type, subject_id, visibility, tx_id)
       VALUES (5000, 'staff', 'case.decide', 'case', 'forged', 'internal', ${rows[0].tx_id})`,
    );
    const report = await verify();
    expect(report).toMatchObject({ ok: false, events: 201, unsealed: 0, firstProblem: { kind: 'event_inserted', eventId: '5000' } });
    expect(report.firstProblem!.detail).toContain('no seal records it');
  });

  it('names a seal whose fields were changed', async () => {
    await tamper(log.db.pool, `UPDATE event_seals SET event_count = event_count - 1 WHERE id = 2`);
    const report = await verify();
    expect(report.firstProblem).toMatchObject({ kind: 'seal_altered', sealId: '2' });
    expect(report.firstProblem!.detail).toMatch(/^seal 2 no longer matches its hash/);
    expect(report.problems.every((problem) => problem.sealId === '2')).toBe(true);
  });

  it('names a seal whose root was replaced and rehashed, and the broken link after it', async () => {
    const { rows } = await log.db.pool.query(
      `SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at, from_tx, to_tx, first_event_id, last_event_id, event_count, previous_hash
       FROM event_seals WHERE id = 2`,
    );
    const seal = rows[0];
    const forgedRoot = Buffer.alloc(32, 7);
    const forgedHash = sealHash({
      id: seal.id,
      createdAt: seal.created_at,
      fromTx: seal.from_tx,
      toTx: seal.to_tx,
      firstEventId: seal.first_event_id,
      lastEventId: seal.last_event_id,
      eventCount: seal.event_count,
      rootHash: forgedRoot,
      previousHash: seal.previous_hash,
    });
    await tamper(log.db.pool, `UPDATE event_seals SET root_hash = '\\x${forgedRoot.toString('hex')}', seal_hash = '\\x${forgedHash.toString('hex')}' WHERE id = 2`);
    const report = await verify();
    expect(report.problems.map((problem) => [problem.kind, problem.sealId])).toEqual([
      ['seal_altered', '2'],
      ['chain_broken', '3'],
    ]);
    expect(report.firstProblem!.detail).toMatch(/^seal 2: root_hash is 0707070707070707…, its entries give [0-9a-f]{16}…$/);
  });

  it('names a deleted seal', async () => {
    await tamper(log.db.pool, `DELETE FROM event_seals WHERE id = 3`);
    const report = await verify();
    expect(report.firstProblem).toMatchObject({ kind: 'chain_broken', sealId: '3' });
    expect(report.firstProblem!.detail).toBe('seal 3 is missing: seal 4 follows seal 2');
  });

  it('names the seal whose entries were deleted, and the events they recorded', async () => {
    await tamper(log.db.pool, `DELETE FROM seal_entries WHERE seal_id = 2`);
    const report = await verify();
    expect(report.firstProblem).toMatchObject({ kind: 'seal_altered', sealId: '2' });
    expect(report.firstProblem!.detail).toContain('it records 60 events but has 0 entries');
    expect(report.problems.filter((problem) => problem.kind === 'event_inserted').map((problem) => problem.eventId)).toEqual(Array.from({ length: 60 }, (_, i) => String(61 + i)));
  });

  it('names the seal when an event and its recorded hash were both rewritten', async () => {
    await tamper(log.db.pool, `UPDATE events SET action = 'case.forged' WHERE id = 30`);
    const [event] = await log.database.transaction((tx) => tx.events.findToHashPage('29', 1));
    await tamper(
      log.db.pool,
      `UPDATE seal_entries SET event_hashes = overlay(event_hashes PLACING '\\x${eventHash(event.columns).toString('hex')}'::bytea FROM (array_position(event_ids, 30) - 1) * 32 + 1 FOR 32)
       WHERE 30 = ANY(event_ids)`,
    );
    const report = await verify();
    expect(report.problems).toEqual([{ kind: 'seal_altered', sealId: '1', detail: expect.stringMatching(/^seal 1: root_hash is/) }]);
  });

  const cli = fs.existsSync(CLI) ? it : it.skip;
  cli(
    'exits non-zero from `events:verify` on a tampered log, zero on a clean one (dist build)',
    async () => {
      const clean = await runCli(['events:verify'], log.db.url);
      expect({ code: clean.code, stderr: clean.stderr }).toEqual({ code: 0, stderr: '' });
      expect(clean.stdout).toMatch(/^OK: 200 events \(200 sealed, 0 not yet\), 4 seals/);

      await tamper(log.db.pool, `UPDATE events SET subject_id = 'changed' WHERE id = 12`);
      const broken = await runCli(['events:verify'], log.db.url);
      expect(broken.code).toBe(2);
      expect(broken.stdout).toMatch(/^BROKEN: /);
      expect(broken.stdout).toContain('event_altered: event 12 was changed after seal 1 recorded it');

      const json = await runCli(['events:verify', '--json'], log.db.url);
      expect(json.code).toBe(2);
      expect(JSON.parse(json.stdout).firstProblem).toMatchObject({ kind: 'event_altered', eventId: '12' });

      // The two verifications above are events now; `events:seal` seals them.
      const sealed = await runCli(['events:seal'], log.db.url);
      expect(sealed).toMatchObject({ code: 0, stdout: 'Sealed 3 events in 1 seal.\n' });
    },
    60_000,
  );
});

describe('background sealing (pg-boss)', () => {
  it('seals new events on its own and stops with the app', async () => {
    const app = await startTestApp({ SEAL_INTERVAL_SECONDS: '1' });
    try {
      await fileAccepted(app.baseUrl, completeNotice('copyright'));
      const deadline = Date.now() + 20_000;
      let unsealed = -1;
      while (Date.now() < deadline) {
        const { rows } = await app.db.pool.query(`SELECT count(*)::int AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM ${RECORDED} WHERE recorded.event_id = e.id)`);
        unsealed = rows[0].n;
        if (unsealed === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(unsealed).toBe(0);
      const { rows } = await app.db.pool.query(`SELECT name, policy FROM pgboss.queue WHERE name = 'events-seal'`);
      expect(rows).toEqual([{ name: 'events-seal', policy: 'stately' }]);
    } finally {
      await app.close();
    }
  }, 40_000);
});
