// Event log benchmark (`npm run bench:events`): sealing and verification throughput on
// 1,000,000 generated events, then what background sealing costs the write path at its
// hardest: transactions that do nothing but insert events, as fast as 16 connections go.
// (What sealing costs notice intake itself is measured by `npm run bench`: its intake part
// runs the desk with the sealing job on and off in turns, bench/sealing-cost.bench.ts.)
//
// Targets (issue): verification >= 200,000 events/s; sealing keeps up with >= 5,000
// events/s of inserts; sealing costs intake <= 10 % throughput.
//
// Settings (environment): BENCH_EVENTS (1000000), BENCH_INTAKE_SLOTS (10) of
// BENCH_INTAKE_SLOT_SECONDS (4), BENCH_PACED_SECONDS (20), BENCH_INTAKE_CONNECTIONS (16),
// BENCH_SEAL_INTERVAL_SECONDS (1: five times the desk's default, to be on the hard side),
// BENCH_DURABLE (1: fsync on, as the running desk; 0 for a CPU-bound run), DATABASE_URL
// (use that server instead of a throw-away embedded one), BENCH_DATABASE_URL (use that very
// database, as `npm run bench` does: its unsealed events count towards BENCH_EVENTS and
// are sealed and verified with the rest), BENCH_QUICK=1 (100,000 events, short phases),
// BENCH_SCALE (multiplies the default event count).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/desk-config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { Database } from '../src/database/database.service';
import { EmbeddedDatabase } from '../src/database/embedded-database';
import { runMigrations } from '../src/database/migrate';
import { EventSealService } from '../src/events/event-seal.service';
import { EventVerifier } from '../src/events/event-verifier';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const RESULTS_FILE = path.join(ROOT, '.bench', 'results.json');
const QUICK = process.env.BENCH_QUICK === '1';
const SCALE = Number(process.env.BENCH_SCALE || 1);
const EVENTS = Number(process.env.BENCH_EVENTS ?? (QUICK ? 100_000 : 1_000_000 * SCALE));
const INTAKE_SLOTS = Number(process.env.BENCH_INTAKE_SLOTS ?? (QUICK ? 4 : 10));
const INTAKE_SLOT_SECONDS = Number(process.env.BENCH_INTAKE_SLOT_SECONDS ?? (QUICK ? 2 : 4));
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? (QUICK ? 5 : 20));
const BUCKET_MS = 100;
const WARMUP_SECONDS = 3;
const INTAKE_CONNECTIONS = Number(process.env.BENCH_INTAKE_CONNECTIONS ?? 16);
const SEAL_INTERVAL_MS = Number(process.env.BENCH_SEAL_INTERVAL_SECONDS ?? 1) * 1000;
const DURABLE = process.env.BENCH_DURABLE !== '0';
const PACED_EVENTS_PER_SECOND = 5_000;
// Like a case transition: the case event and one more, in one transaction.
const EVENTS_PER_TRANSACTION = 2;
const GENERATE_CHUNK = 10_000;

interface IntakeJob {
  url: string;
  seconds: number;
  connections: number;
  eventsPerSecond: number | null; // null: as fast as it goes
  warmupSeconds: number;
}

interface IntakeResult {
  transactions: number;
  events: number;
  seconds: number;
  // Transactions committed in each BUCKET_MS since the start.
  buckets: number[];
}

const progress = (line: string) => process.stdout.write(`${line}\n`);
const rate = (count: number, ms: number) => Math.round((count / ms) * 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (value: number) => value.toLocaleString('en-GB');

async function main(): Promise<void> {
  const database = await openBenchDatabase();
  const dataSource = await new DataSource(dataSourceOptions(database.url, { poolSize: 4 })).initialize();
  try {
    const db = new Database(dataSource);
    const sealer = new EventSealService(db, loadConfig({ DATABASE_URL: database.url }));
    const verifier = new EventVerifier(db);
    const pool = new Pool({ connectionString: database.url, max: 2 });

    // Whatever is already waiting to be sealed counts (npm run bench leaves a backlog).
    const { count: waiting } = await sealer.unsealedOlderThan(0);
    if (waiting) progress(`${fmt(waiting)} events already waiting to be sealed`);
    await generate(pool, Math.max(0, EVENTS - waiting));
    await pool.query('VACUUM (ANALYZE) events');

    progress(`sealing ${fmt(Math.max(EVENTS, waiting))} events (seals of up to ${fmt(50_000)})...`);
    const sealStarted = Date.now();
    const sealed = await sealer.sealPending();
    const sealMs = Date.now() - sealStarted;
    const sealPerSec = rate(sealed.events, sealMs);
    progress(`  sealed ${fmt(sealed.events)} events in ${sealed.seals} seals: ${(sealMs / 1000).toFixed(1)} s, ${fmt(sealPerSec)} events/s`);
    await pool.query('ANALYZE seal_entries, event_seals');

    progress('verifying the whole log...');
    const rss = sampleRss();
    const verifyStarted = Date.now();
    const report = await verifier.verify({ type: 'system', id: 'bench', role: 'operator' });
    const verifyMs = Date.now() - verifyStarted;
    const verifyPeakRssMb = rss.stop();
    if (!report.ok) throw new Error(`verification failed: ${JSON.stringify(report.firstProblem)}`);
    const verifyPerSec = rate(report.events, verifyMs);
    progress(`  verified ${fmt(report.events)} events and ${report.seals} seals: ${(verifyMs / 1000).toFixed(1)} s, ${fmt(verifyPerSec)} events/s, peak RSS ${verifyPeakRssMb} MB`);

    // What sealing costs the write path: one long intake run cut into slots, with sealing
    // on in every other slot, so that drift (table growth, autovacuum, other load on the
    // machine) falls on both sides. Each "on" slot starts with the previous slot's backlog:
    // harder than steady sealing.
    progress(
      `raw event inserts at ${INTAKE_CONNECTIONS} connections for ${INTAKE_SLOTS} slots of ${INTAKE_SLOT_SECONDS} s, sealing every ${SEAL_INTERVAL_MS / 1000} s in every other slot...`,
    );
    await sealer.sealPending();
    const cost = await intakeWithAlternateSealing(database.url, sealer);
    progress(`  inserts alone ${fmt(cost.alone)} events/s, with sealing ${fmt(cost.withSealing)} events/s: ${cost.costPct} % (slots: ${cost.slots.map(fmt).join(', ')})`);

    progress(`paced event inserts at ${fmt(PACED_EVENTS_PER_SECOND)} events/s for ${PACED_SECONDS} s with background sealing...`);
    await sealer.sealPending();
    const paced = await pacedIntake(database.url, sealer);
    progress(
      `  ${fmt(paced.rate)} events/s written; sealer busy ${paced.busyPct} % of the time (capacity beside the intake: ${fmt(paced.capacity)} events/s); ` +
        `oldest unsealed event at most ${paced.maxLagSeconds.toFixed(1)} s old; ${fmt(paced.unsealedAtEnd)} unsealed when intake stopped`,
    );

    const results = {
      generated: Math.max(0, EVENTS - waiting),
      durable: DURABLE,
      sealPerSec,
      seals: sealed.seals,
      verifyPerSec,
      verifyPeakRssMb,
      rawInsertsAlonePerSec: cost.alone,
      rawInsertsWithSealingPerSec: cost.withSealing,
      sealingRawInsertCostPct: cost.costPct,
      pacedIntakePerSec: paced.rate,
      sealCapacityBesideIntakePerSec: paced.capacity,
      pacedMaxUnsealedLagSeconds: Math.round(paced.maxLagSeconds * 10) / 10,
      sealIntervalSeconds: SEAL_INTERVAL_MS / 1000,
    };
    saveResults(results);

    const verdict = (pass: boolean) => (pass ? 'ok' : 'MISSED');
    progress('');
    progress(`| measure | value | target | |`);
    progress(`|---|---|---|---|`);
    progress(`| verification | ${fmt(verifyPerSec)} events/s | >= 200,000 | ${verdict(verifyPerSec >= 200_000)} |`);
    progress(`| sealing (1M backlog) | ${fmt(sealPerSec)} events/s | >= 5,000 | ${verdict(sealPerSec >= 5_000)} |`);
    progress(
      `| sealing beside the intake | capacity ${fmt(paced.capacity)} events/s (intake ran at ${fmt(paced.rate)}/s; oldest unsealed <= ${paced.maxLagSeconds.toFixed(1)} s) | keeps up with >= 5,000/s | ${verdict(paced.capacity >= PACED_EVENTS_PER_SECOND && paced.maxLagSeconds < 10)} |`,
    );
    progress(
      `| cost of sealing to raw event inserts (stress; the intake figure is npm run bench's) | ${cost.costPct} % (${fmt(cost.alone)} -> ${fmt(cost.withSealing)} events/s) | <= 10 % | ${verdict(cost.costPct <= 10)} |`,
    );
    progress(`\nwritten to ${path.relative(process.cwd(), RESULTS_FILE)} (key "events")`);
    await pool.end();
  } finally {
    await dataSource.destroy();
    await database.close();
  }
}

// INSERT ... SELECT generate_series, in transactions of GENERATE_CHUNK events.
async function generate(pool: Pool, count: number): Promise<void> {
  const started = Date.now();
  for (let done = 0; done < count; done += GENERATE_CHUNK) {
    await pool.query(
      `INSERT INTO events (occurred_at, actor_type, actor_id, actor_role, action, subject_type, subject_id, case_id, case_reference, changes, data, visibility, request_id, client_network)
       SELECT now() - make_interval(secs => ($2 - n) * 0.01), 'staff', md5((n % 40)::text)::uuid::text, 'editor',
              (ARRAY['case.filed', 'case.assign', 'case.decide', 'message.queued', 'case.note_added'])[1 + n % 5],
              'case', md5((n / 3)::text)::uuid::text, md5((n / 3)::text)::uuid, 'TD-2026-' || lpad((n / 3)::text, 6, '0'),
              jsonb_build_object('status', jsonb_build_object('before', 'in_review', 'after', 'actioned'), 'version', jsonb_build_object('before', n % 9, 'after', n % 9 + 1)),
              jsonb_build_object('outcome', 'remove', 'items', jsonb_build_array(jsonb_build_object('url', 'https://freelanews.com/2025/06/02/story-' || n, 'action', 'remove')), 'reasons', repeat('x', 40 + n % 60)),
              (ARRAY['internal', 'notifier', 'public'])[1 + n % 3], md5(n::text)::uuid::text, '203.0.113.0/24'
       FROM generate_series($1::int, $2::int) AS n`,
      [done + 1, Math.min(count, done + GENERATE_CHUNK)],
    );
    const written = Math.min(count, done + GENERATE_CHUNK);
    if (written % 50_000 === 0 || written === count) {
      process.stdout.write(`\rgenerating events: ${fmt(written)} / ${fmt(count)} (${fmt(rate(written, Date.now() - started))}/s)   `);
    }
  }
  process.stdout.write('\n');
}

// A sealer running every SEAL_INTERVAL_MS while `on()` says so, as the background job
// would; it keeps count of the events it sealed and of the time it spent at it.
function backgroundSealer(sealer: EventSealService, on: () => boolean) {
  let running = true;
  const stats = { events: 0, busyMs: 0 };
  const loop = (async () => {
    while (running) {
      if (on()) {
        const started = Date.now();
        stats.events += (await sealer.sealPending({ wait: false })).events;
        stats.busyMs += Date.now() - started;
      }
      await sleep(on() ? SEAL_INTERVAL_MS : 50);
    }
  })();
  return {
    stats,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

async function intakeWithAlternateSealing(url: string, sealer: EventSealService) {
  const slotMs = INTAKE_SLOT_SECONDS * 1000;
  let startedAt = 0;
  const sealingOn = () => startedAt > 0 && Math.floor((Date.now() - startedAt) / slotMs) % 2 === 1;
  const background = backgroundSealer(sealer, sealingOn);
  const result = await intake(
    { url, seconds: INTAKE_SLOTS * INTAKE_SLOT_SECONDS, connections: INTAKE_CONNECTIONS, eventsPerSecond: null, warmupSeconds: WARMUP_SECONDS },
    (at) => (startedAt = at),
  );
  await background.stop();
  // Events per second in each slot, leaving out its first half second (the switch).
  const bucketsPerSlot = slotMs / BUCKET_MS;
  const skip = 500 / BUCKET_MS;
  const slots = Array.from({ length: INTAKE_SLOTS }, (_, slot) => {
    const buckets = result.buckets.slice(slot * bucketsPerSlot + skip, (slot + 1) * bucketsPerSlot);
    return Math.round((buckets.reduce((sum, n) => sum + n, 0) * EVENTS_PER_TRANSACTION * 1000) / (buckets.length * BUCKET_MS));
  });
  const alone = Math.round(mean(slots.filter((_, i) => i % 2 === 0)));
  const withSealing = Math.round(mean(slots.filter((_, i) => i % 2 === 1)));
  return { slots, alone, withSealing, costPct: Math.round(((alone - withSealing) / alone) * 1000) / 10 };
}

async function pacedIntake(url: string, sealer: EventSealService) {
  const background = backgroundSealer(sealer, () => true);
  let maxLagSeconds = 0;
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const { oldest } = await sealer.unsealedOlderThan(0);
      if (oldest) maxLagSeconds = Math.max(maxLagSeconds, (Date.now() - oldest.getTime()) / 1000);
      await sleep(250);
    }
  })();
  const result = await intake({ url, seconds: PACED_SECONDS, connections: INTAKE_CONNECTIONS, eventsPerSecond: PACED_EVENTS_PER_SECOND, warmupSeconds: 0 });
  const { count: unsealedAtEnd } = await sealer.unsealedOlderThan(0);
  watching = false;
  await Promise.all([watcher, background.stop()]);
  const { events, busyMs } = background.stats;
  // What the sealer could take at most, on this machine, while the intake ran beside it.
  const capacity = busyMs ? Math.round((events / busyMs) * 1000) : 0;
  return { rate: Math.round(result.events / result.seconds), maxLagSeconds, unsealedAtEnd, capacity, busyPct: Math.round((busyMs / (result.seconds * 1000)) * 100) };
}

// The write load runs in a worker thread with its own pool, so that the sealer (in this
// thread) competes with it for CPU and database as it would in production, not for one
// event loop.
function intake(job: IntakeJob, onStart: (startedAt: number) => void = () => undefined): Promise<IntakeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: job });
    worker.on('message', (message: { startedAt: number } | IntakeResult) => ('startedAt' in message ? onStart(message.startedAt) : resolve(message)));
    worker.once('error', reject);
  });
}

async function intakeWorker(job: IntakeJob): Promise<IntakeResult> {
  const pool = new Pool({ connectionString: job.url, max: job.connections });
  await Promise.all(Array.from({ length: job.connections }, () => pool.query('SELECT 1')));
  if (job.warmupSeconds) await intakeLoad(pool, { ...job, seconds: job.warmupSeconds, eventsPerSecond: null }, null);
  const started = Date.now();
  parentPort!.postMessage({ startedAt: started });
  const result = await intakeLoad(pool, job, started);
  await pool.end();
  return result;
}

async function intakeLoad(pool: Pool, job: IntakeJob, startedAt: number | null): Promise<IntakeResult> {
  const started = startedAt ?? Date.now();
  const stopAt = started + job.seconds * 1000;
  const buckets = new Array<number>(Math.ceil((job.seconds * 1000) / BUCKET_MS)).fill(0);
  let transactions = 0;
  let issued = 0;
  const rows = Array.from({ length: EVENTS_PER_TRANSACTION }, (_, i) => {
    const p = i * 5;
    return `('staff', $${p + 1}, 'editor', $${p + 2}, 'case', $${p + 3}, $${p + 4}::uuid, 'TD-2026-000042', '{"status": {"after": "actioned", "before": "in_review"}}', $${p + 5}::jsonb, 'internal', '203.0.113.0/24')`;
  }).join(', ');
  const sql = `INSERT INTO events (actor_type, actor_id, actor_role, action, subject_type, subject_id, case_id, case_reference, changes, data, visibility, client_network) VALUES ${rows}`;
  const loop = async (lane: number) => {
    const caseId = `00000000-0000-4000-8000-${String(lane).padStart(12, '0')}`;
    for (;;) {
      if (job.eventsPerSecond) {
        const due = started + (issued / (job.eventsPerSecond / EVENTS_PER_TRANSACTION)) * 1000;
        issued += 1;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      if (Date.now() >= stopAt) return;
      const params: unknown[] = [];
      for (let i = 0; i < EVENTS_PER_TRANSACTION; i += 1) {
        params.push('6f1c3a52-1f0e-4d3b-9a59-2b1f0c7d9e11', i ? 'message.queued' : 'case.decide', caseId, caseId, JSON.stringify({ outcome: 'remove', lane, n: transactions }));
      }
      await pool.query(sql, params);
      const bucket = Math.floor((Date.now() - started) / BUCKET_MS);
      if (bucket < buckets.length) buckets[bucket] += 1;
      transactions += 1;
    }
  };
  await Promise.all(Array.from({ length: job.connections }, (_, lane) => loop(lane)));
  const seconds = (Date.now() - started) / 1000;
  return { transactions, events: transactions * EVENTS_PER_TRANSACTION, seconds, buckets };
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
    },
  };
}

// BENCH_DATABASE_URL as it is; else DATABASE_URL's server (a database of our own, dropped
// afterwards); else a throw-away embedded cluster.
async function openBenchDatabase(): Promise<{ url: string; close(): Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) {
    await runMigrations(process.env.BENCH_DATABASE_URL);
    return { url: process.env.BENCH_DATABASE_URL, close: async () => undefined };
  }
  const name = `desk_bench_events_${process.pid}`;
  if (process.env.DATABASE_URL) {
    const server = new URL(process.env.DATABASE_URL);
    server.pathname = '/postgres';
    await adminQuery(server.toString(), `CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    await runMigrations(url.toString());
    return { url: url.toString(), close: () => adminQuery(server.toString(), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-events-'));
  fs.chmodSync(dataDir, 0o755);
  const embedded = new EmbeddedDatabase({ dataDir, durable: DURABLE });
  progress(`embedded PostgreSQL in ${dataDir} (${DURABLE ? 'durable: fsync on' : 'fsync off'})`);
  await embedded.start();
  await adminQuery(embedded.url, `CREATE DATABASE ${name}`);
  const url = new URL(embedded.url);
  url.pathname = `/${name}`;
  await runMigrations(url.toString());
  return {
    url: url.toString(),
    close: async () => {
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// Merged into .bench/results.json under "events", next to what the other benches wrote.
function saveResults(results: Record<string, number | boolean>): void {
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    // first write
  }
  for (const key of Object.keys(existing)) if (key.startsWith('events.')) delete existing[key];
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify({ ...existing, events: results }, null, 2)}\n`);
}

if (isMainThread) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  void intakeWorker(workerData as IntakeJob).then((result) => parentPort!.postMessage(result));
}
