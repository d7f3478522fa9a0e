// `npm run bench`: builds, then runs every benchmark against a real desk (node
// dist/src/main.js on its own embedded PostgreSQL, or a fresh database on DATABASE_URL's
// server), with load from separate processes on loopback. Prints a table, writes
// .bench/results.json and .bench/details.md (query plans, raw figures).
//
//   npm run bench                       everything, full size (1,000,000 cases)
//   npm run bench -- --quick            short runs, 1 % of the data: a check that it all works
//   npm run bench -- --only=intake,bulk parts: startup, intake, bulk, bulk-assign, senders, flood, queue, events, dueclocks, transparency, upload
//   BENCH_SCALE=0.1 npm run bench       a tenth of the queue data
//   npm run bench -- --keep             keep the data folder (or database) for a look after
//   npm run bench -- --only=queue --reuse=/tmp/desk-bench-main-XXXX
//                                       measure again on a kept folder (no new data when it
//                                       already holds the cases asked for)
import * as fs from 'node:fs';
import * as os from 'node:os';
import { benchBulk, benchIntake } from './intake.bench';
import { benchBulkAssign } from './bulk-assign.bench';
import type { BenchContext, BenchSettings } from './lib/context';
import { createFreshDatabase, queryOnce } from './lib/databases';
import { DESK_CLI, databaseUrlOf, DeskTarget, deskEnv, ROOT, runToEnd, snapshotBuild, startDesk, tempDataDir } from './lib/desk-process';
import { DETAILS_FILE, Figure, fmt, Report, RESULTS_FILE } from './lib/report';
import { benchFlood } from './flood.bench';
import { benchQueue } from './queue.bench';
import { benchDueClocks } from './dueclocks.bench';
import { benchSealingCost } from './sealing-cost.bench';
import { benchStartup } from './startup.bench';
import { benchTransparency } from './transparency.bench';
import { benchSenders } from './senders.bench';
import { benchUpload } from './upload.bench';

// `bulk` is one 1,000-URL notice; `bulk-assign` the queue's bulk action (50 cases assigned at once).
const PARTS = ['startup', 'intake', 'bulk', 'bulk-assign', 'senders', 'flood', 'queue', 'events', 'dueclocks', 'transparency', 'upload'];

const startedAt = Date.now();

function progress(line: string): void {
  const elapsed = Math.round((Date.now() - startedAt) / 1000);
  process.stdout.write(`[${String(Math.floor(elapsed / 60)).padStart(2, '0')}:${String(elapsed % 60).padStart(2, '0')}] ${line}\n`);
}

function settingsFrom(argv: string[]): BenchSettings {
  const quick = argv.includes('--quick');
  const only = argv
    .find((arg) => arg.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const unknown = argv.filter((arg) => !['--quick', '--keep'].includes(arg) && !arg.startsWith('--only=') && !arg.startsWith('--reuse='));
  if (unknown.length || only?.some((part) => !PARTS.includes(part))) {
    throw new Error(`usage: npm run bench -- [--quick] [--keep] [--only=${PARTS.join(',')}] [--reuse=DATA_DIR] (got ${argv.join(' ')})`);
  }
  const scale = process.env.BENCH_SCALE ? Number(process.env.BENCH_SCALE) : quick ? 0.01 : 1;
  if (!(scale > 0 && scale <= 10)) throw new Error(`BENCH_SCALE must be a number above 0 (1 = 1,000,000 cases), got ${process.env.BENCH_SCALE}`);
  return {
    quick,
    scale,
    intakeSeconds: quick ? 3 : 10,
    warmupSeconds: quick ? 1 : 3,
    bulkRuns: quick ? 2 : 5,
    queueRequests: quick ? 30 : 200,
    queueWarmup: quick ? 5 : 20,
    startupRuns: quick ? { cold: 1, warm: 1 } : { cold: 2, warm: 3 },
    keep: argv.includes('--keep'),
    reuseDir: argv.find((arg) => arg.startsWith('--reuse='))?.slice('--reuse='.length) ?? null,
    parts: new Set(only ?? PARTS),
  };
}

async function main(): Promise<number> {
  const settings = settingsFrom(process.argv.slice(2));
  snapshotBuild();
  const report = new Report();
  let failed = false;
  const part = async (name: string, work: () => Promise<void>) => {
    if (!settings.parts.has(name)) return;
    const load = os.loadavg()[0];
    try {
      await work();
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      progress(`${name} FAILED: ${message}`);
      report.row({ part: name, measure: 'FAILED', value: message.split('\n')[0].slice(0, 120), baseline: '', target: '', pass: false });
      report.detail(`## ${name}: failed\n\n\`\`\`\n${message}\n\`\`\``);
    }
    report.set(`machine.loadBefore.${name}`, Math.round(load * 100) / 100);
    report.save();
  };

  report.set('machine.cores', os.cpus().length);
  report.set('machine.memoryGb', Math.round(os.totalmem() / 2 ** 30));
  report.set('machine.cpu', os.cpus()[0]?.model ?? 'unknown');
  report.set('machine.node', process.version);
  report.set('bench.quick', settings.quick);
  report.set('bench.scale', settings.scale);
  progress(
    `bench: ${[...settings.parts].join(', ')}${settings.quick ? ' (quick)' : ''}; ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30)} GB, load ${os.loadavg()[0].toFixed(2)}`,
  );

  await part('startup', () => benchStartup(report, settings, progress));

  if (PARTS.filter((p) => p !== 'startup').some((name) => settings.parts.has(name))) {
    const dataDir = settings.reuseDir ?? tempDataDir('main');
    const fresh = process.env.DATABASE_URL && !settings.reuseDir ? await createFreshDatabase(process.env.DATABASE_URL, 'main') : null;
    const target: DeskTarget = { dataDir, databaseUrl: fresh?.url ?? null };
    progress(`desk: starting on ${fresh ? `a fresh database beside DATABASE_URL` : `embedded PostgreSQL in ${dataDir}`}`);
    const intakeParts = settings.parts.has('intake') || settings.parts.has('bulk') || settings.parts.has('senders');
    // Sealing in the background as in production while intake runs (see below).
    const noSealing = { SEAL_INTERVAL_SECONDS: '0' };
    let desk = await startDesk(target, intakeParts ? {} : noSealing);
    try {
      const databaseUrl = databaseUrlOf(target);
      await describeDatabase(report, databaseUrl);
      const staff = await createEditor(target, desk.baseUrl);
      const ctx: BenchContext = { report, settings, target, desk, databaseUrl, staff, progress };
      // Another desk on the same data, with other settings; ctx.desk follows.
      const restart = async (env: Record<string, string>) => {
        await desk.stop();
        desk = await startDesk(target, env);
        ctx.desk = desk;
      };
      // Intake as configured for production: the background sealing job runs.
      await part('intake', () => benchIntake(ctx));
      await part('bulk', () => benchBulk(ctx));
      await part('bulk-assign', () => benchBulkAssign(ctx));
      await part('senders', () => benchSenders(ctx));
      if (settings.parts.has('intake')) await part('intake', () => benchSealingCost(ctx, restart));
      await part('flood', () => benchFlood(ctx, restart));
      if (settings.parts.has('queue') || settings.parts.has('events') || settings.parts.has('transparency')) {
        // The generated backlog of 10 M events is the event-log bench's to seal and time, not
        // the background job's (it would seal it during the queue measurements).
        if (intakeParts || settings.parts.has('flood')) await restart(noSealing);
        await part('queue', () => benchQueue(ctx));
        // On the queue's data (generated here when the queue part did not run).
        await part('transparency', () => benchTransparency(ctx));
        await part('events', () => benchEvents(ctx));
      }
      await part('dueclocks', () => benchDueClocks(ctx));
      await part('upload', () => benchUpload(ctx));
    } finally {
      await desk.stop();
      if (settings.reuseDir) {
        progress(`reused: ${dataDir}`);
      } else if (settings.keep) {
        progress(`kept: ${fresh ? fresh.url.replace(/:[^:@/]*@/, ':***@') : dataDir}`);
      } else {
        await fresh?.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }

  report.save();
  process.stdout.write(`\n${report.table()}\n\nResults: ${RESULTS_FILE}\nDetails (query plans): ${DETAILS_FILE}\n`);
  return failed ? 1 : 0;
}

async function describeDatabase(report: Report, databaseUrl: string): Promise<void> {
  const [server] = await queryOnce<{ version: string; shared_buffers: string; synchronous_commit: string; fsync: string }>(
    databaseUrl,
    `SELECT version() AS version, current_setting('shared_buffers') AS shared_buffers, current_setting('synchronous_commit') AS synchronous_commit, current_setting('fsync') AS fsync`,
  );
  report.set('machine.postgres', server.version);
  report.detail(
    [
      '## Machine',
      '',
      `- ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GB memory, Node ${process.version}`,
      `- ${server.version}`,
      `- shared_buffers ${server.shared_buffers}, synchronous_commit ${server.synchronous_commit}, fsync ${server.fsync} (the desk's durable defaults)`,
      `- load average at start: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} (other work on the machine shows here)`,
    ].join('\n'),
  );
}

// An editor created the way an operator would (`npm run desk -- users:create`, password on
// stdin), signed in through POST /api/v1/auth/login.
async function createEditor(target: DeskTarget, baseUrl: string): Promise<{ id: string; token: string }> {
  const email = `bench.editor.${Date.now().toString(36)}@freelanews.com`;
  const password = `bench password ${Math.random().toString(36).slice(2)}`;
  const created = await runToEnd(process.execPath, [DESK_CLI, 'users:create', '--email', email, '--name', 'Bench Editor', '--role', 'editor'], {
    env: deskEnv(target),
    input: `${password}\n`,
  });
  const id = /\(([0-9a-f-]{36})\)/.exec(created.stdout)?.[1];
  if (created.code !== 0 || !id) throw new Error(`users:create failed (${created.code}): ${created.stdout}${created.stderr}`);
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const body = (await response.json()) as { token?: string };
  if (response.status !== 200 || !body.token) throw new Error(`login failed with ${response.status}: ${JSON.stringify(body)}`);
  return { id, token: body.token };
}

// 4. The event log's own benchmark (bench/events.bench.ts, `npm run bench:events`, owned by
// the event-log work), run on the events generated above; it writes events.* itself.
async function benchEvents(ctx: BenchContext): Promise<void> {
  const scripts = (JSON.parse(fs.readFileSync(`${ROOT}/package.json`, 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (!scripts['bench:events'] || !fs.existsSync(`${ROOT}/bench/events.bench.ts`)) {
    ctx.report.set('events.sealPerSec', null);
    ctx.report.set('events.verifyPerSec', null);
    ctx.report.row({
      part: 'events',
      measure: 'sealing / verification',
      value: 'not run',
      baseline: 'bench/events.bench.ts or the bench:events script is missing',
      target: 'event-log issue',
    });
    return;
  }
  ctx.report.save();
  ctx.progress('events: npm run bench:events (on the generated events)');
  const run = await runToEnd('npm', ['run', '--silent', 'bench:events'], {
    env: {
      ...process.env,
      DATABASE_URL: ctx.databaseUrl,
      BENCH_DATABASE_URL: ctx.databaseUrl,
      BENCH_QUICK: ctx.settings.quick ? '1' : '',
      BENCH_SCALE: String(ctx.settings.scale),
    },
    inherit: true,
  });
  if (run.code !== 0) throw new Error(`npm run bench:events exited with ${run.code}`);
  const found = ctx.report.absorb('events.');
  const seal = found['events.sealPerSec'];
  const verify = found['events.verifyPerSec'];
  const capacity = found['events.sealCapacityBesideIntakePerSec'];
  const figure = (value: Figure | undefined) => (typeof value === 'number' ? fmt(value) : String(value ?? '—'));
  ctx.report.row({
    part: 'events',
    measure: 'sealing a backlog (events/s)',
    value: figure(seal),
    baseline: `${figure(found['events.seals'])} seals`,
    target: '≥ 5,000',
    pass: typeof seal === 'number' && seal >= 5_000,
  });
  ctx.report.row({
    part: 'events',
    measure: 'sealing beside 5,000 inserts/s (capacity)',
    value: figure(capacity),
    baseline: `oldest unsealed ≤ ${figure(found['events.pacedMaxUnsealedLagSeconds'])} s`,
    target: '≥ 5,000',
    pass: typeof capacity === 'number' && capacity >= 5_000,
  });
  ctx.report.row({
    part: 'events',
    measure: 'verification (events/s)',
    value: figure(verify),
    baseline: `peak RSS ${figure(found['events.verifyPeakRssMb'])} MB`,
    target: '≥ 200,000',
    pass: typeof verify === 'number' && verify >= 200_000,
  });
  ctx.report.detail(`## Event log\n\n\`npm run bench:events\` on the generated events:\n\n\`\`\`\n${run.stdout.slice(-3000)}\n\`\`\``);
}

void main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
