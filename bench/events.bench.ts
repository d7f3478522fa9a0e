// Event log benchmark (`npm run bench:events`): sealing and verification throughput on
// 1,000,000 generated events, then what background sealing costs the write path.
//
// Targets (issue): verification >= 200,000 events/s; sealing keeps up with >= 5,000
// events/s of inserts; sealing costs intake <= 10 % throughput.
//
// Settings (environment): BENCH_EVENTS (1000000), BENCH_INTAKE_SECONDS (10 per phase),
// BENCH_INTAKE_CONNECTIONS (16), BENCH_SEAL_INTERVAL_SECONDS (1: five times the desk's
// default, to be on the hard side), BENCH_DURABLE (1: fsync on, as the running desk; 0 for
// a CPU-bound run), DATABASE_URL (use that server instead of a throw-away embedded one).
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
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const INTAKE_SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 10);
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
}

interface IntakeResult {
  transactions: number;
  events: number;
  seconds: number;
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

    await generate(pool, EVENTS);
    await pool.query('VACUUM (ANALYZE) events');

    progress(`sealing ${fmt(EVENTS)} events (seals of up to ${fmt(50_000)})...`);
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

    // Intake alone and with sealing, alternated twice so drift (table growth, autovacuum)
    // falls on both sides; the backlog of an unsealed phase is sealed before the next.
    const alone: number[] = [];
    const withSealing: number[] = [];
    let worstLagSeconds = 0;
    for (let round = 1; round <= 2; round += 1) {
      const a = await intake(database.url, null);
      alone.push(a.events / a.seconds);
      progress(`  round ${round}: intake alone        ${fmt(Math.round(a.events / a.seconds))} events/s`);
      await sealer.sealPending();
      const b = await withBackgroundSealing(sealer, () => intake(database.url, null));
      withSealing.push(b.result.events / b.result.seconds);
      worstLagSeconds = Math.max(worstLagSeconds, b.maxLagSeconds);
      progress(`  round ${round}: intake with sealing ${fmt(Math.round(b.result.events / b.result.seconds))} events/s (oldest unsealed event at most ${b.maxLagSeconds.toFixed(1)} s old)`);
    }
    const intakeAlone = Math.round(mean(alone));
    const intakeWithSealing = Math.round(mean(withSealing));
    const sealingCostPct = Math.round(((intakeAlone - intakeWithSealing) / intakeAlone) * 1000) / 10;

    progress(`paced intake at ${fmt(PACED_EVENTS_PER_SECOND)} events/s with background sealing...`);
    await sealer.sealPending();
    const paced = await withBackgroundSealing(sealer, () => intake(database.url, PACED_EVENTS_PER_SECOND));
    const pacedRate = Math.round(paced.result.events / paced.result.seconds);
    progress(`  ${fmt(pacedRate)} events/s written; oldest unsealed event at most ${paced.maxLagSeconds.toFixed(1)} s old; ${fmt(paced.unsealedAtEnd)} unsealed when intake stopped`);

    const results = {
      generated: EVENTS,
      durable: DURABLE,
      sealPerSec,
      seals: sealed.seals,
      verifyPerSec,
      verifyPeakRssMb,
      intakeAlonePerSec: intakeAlone,
      intakeWithSealingPerSec: intakeWithSealing,
      sealingIntakeCostPct: sealingCostPct,
      pacedIntakePerSec: pacedRate,
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
    progress(`| sealing keeps up with ${fmt(PACED_EVENTS_PER_SECOND)}/s intake | oldest unsealed <= ${paced.maxLagSeconds.toFixed(1)} s | stays bounded | ${verdict(pacedRate >= PACED_EVENTS_PER_SECOND * 0.95 && paced.maxLagSeconds < 10)} |`);
    progress(`| intake cost of sealing | ${sealingCostPct} % (${fmt(intakeAlone)} -> ${fmt(intakeWithSealing)} events/s) | <= 10 % | ${verdict(sealingCostPct <= 10)} |`);
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

// Runs `work` while a sealer runs every SEAL_INTERVAL_MS, as the background job would, and
// watches the age of the oldest unsealed event.
async function withBackgroundSealing(sealer: EventSealService, work: () => Promise<IntakeResult>) {
  let running = true;
  let maxLagSeconds = 0;
  const sealing = (async () => {
    while (running) {
      await sealer.sealPending({ wait: false });
      await sleep(SEAL_INTERVAL_MS);
    }
  })();
  const watching = (async () => {
    while (running) {
      const { oldest } = await sealer.unsealedOlderThan(0);
      if (oldest) maxLagSeconds = Math.max(maxLagSeconds, (Date.now() - oldest.getTime()) / 1000);
      await sleep(250);
    }
  })();
  const result = await work();
  const { count: unsealedAtEnd } = await sealer.unsealedOlderThan(0);
  running = false;
  await Promise.all([sealing, watching]);
  return { result, maxLagSeconds, unsealedAtEnd };
}

// The write load runs in a worker thread with its own pool, so that the sealer (in this
// thread) competes with it for CPU and database the way it would in production, not for
// one event loop.
function intake(url: string, eventsPerSecond: number | null, seconds = eventsPerSecond ? 2 * INTAKE_SECONDS : INTAKE_SECONDS): Promise<IntakeResult> {
  const job: IntakeJob = { url, seconds, connections: INTAKE_CONNECTIONS, eventsPerSecond };
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function intakeWorker(job: IntakeJob): Promise<IntakeResult> {
  const pool = new Pool({ connectionString: job.url, max: job.connections });
  const started = Date.now();
  const stopAt = started + job.seconds * 1000;
  let transactions = 0;
  let issued = 0;
  const rows = Array.from({ length: EVENTS_PER_TRANSACTION }, (_, i) => {
    const p = i * 5;
    return `('staff', $${p + 1}, 'editor', $${p + 2}, 'case', $${p + 3}, $${p + 4}::uuid, 'TD-2026-000042', '{"status":{"before":"in_review","after":"actioned"}}', $${p + 5}::jsonb, 'internal', '203.0.113.0/24')`;
  }).join(', ');
  const sql = `INSERT INTO events (actor_type, actor_id, actor_role, action, subject_type, subject_id, case_id, case_reference, changes, data, visibility, client_network) VALUES ${rows}`;
  const loop = async (lane: number) => {
    for (;;) {
      if (job.eventsPerSecond) {
        const due = started + (issued / (job.eventsPerSecond / EVENTS_PER_TRANSACTION)) * 1000;
        issued += 1;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      if (Date.now() >= stopAt) return;
      const caseId = `00000000-0000-4000-8000-${String(lane).padStart(12, '0')}`;
      const params: unknown[] = [];
      for (let i = 0; i < EVENTS_PER_TRANSACTION; i += 1) {
        params.push('6f1c3a52-1f0e-4d3b-9a59-2b1f0c7d9e11', i ? 'message.queued' : 'case.decide', caseId, caseId, JSON.stringify({ outcome: 'remove', lane, n: transactions }));
      }
      await pool.query(sql, params);
      transactions += 1;
    }
  };
  await Promise.all(Array.from({ length: job.connections }, (_, lane) => loop(lane)));
  const seconds = (Date.now() - started) / 1000;
  await pool.end();
  return { transactions, events: transactions * EVENTS_PER_TRANSACTION, seconds };
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

// DATABASE_URL's server (a database of our own, dropped afterwards), else a throw-away
// embedded cluster.
async function openBenchDatabase(): Promise<{ url: string; close(): Promise<void> }> {
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
