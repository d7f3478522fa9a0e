import * as path from 'node:path';
import type { BenchContext } from './lib/context';
import { freePort, ROOT, round, sampleRss, startProcess } from './lib/desk-process';
import { autocannon, LoadResult } from './lib/load';
import { bulkCopyrightNotice, completeCopyrightNotice } from './lib/notices';
import { fmt, median } from './lib/report';

const CONNECTIONS = 50;
// Statements the desk sent, one after the other, for one filing before it was written in two
// (FilingRepository); kept so that the diagnostic row compares with earlier results.
const DESK_ROUND_TRIPS = 10;

// 1. POST /api/v1/notices, a complete one-URL copyright notice, at 50 connections; then the
// same load on the baseline server (bench/baseline-server.ts) against the same database.
export async function benchIntake(ctx: BenchContext): Promise<void> {
  const { report, desk, settings } = ctx;
  const body = completeCopyrightNotice();
  const url = `${desk.baseUrl}/api/v1/notices`;

  ctx.progress(`intake: warm-up ${settings.warmupSeconds} s, then ${settings.intakeSeconds} s at ${CONNECTIONS} connections`);
  await autocannon({ url, method: 'POST', body, connections: CONNECTIONS, seconds: settings.warmupSeconds });
  const rss = sampleRss(desk.pid);
  const app = await autocannon({ url, method: 'POST', body, connections: CONNECTIONS, seconds: settings.intakeSeconds });
  const memory = rss.stop();

  ctx.progress('intake: baseline server (Fastify + pg, one INSERT, no validation)');
  const port = await freePort();
  const baselineUrl = `http://127.0.0.1:${port}`;
  const baselineServer = await startProcess(
    process.execPath,
    [path.join(ROOT, '.bench', 'build', 'bench', 'baseline-server.js')],
    { ...process.env, PORT: String(port), DATABASE_URL: ctx.databaseUrl },
    baselineUrl,
    '/health',
  );
  let baseline: LoadResult;
  let baselineRss: { peakMb: number; lastMb: number };
  try {
    await autocannon({ url: `${baselineUrl}/api/v1/notices`, method: 'POST', body, connections: CONNECTIONS, seconds: settings.warmupSeconds });
    const sampler = sampleRss(baselineServer.pid);
    baseline = await autocannon({ url: `${baselineUrl}/api/v1/notices`, method: 'POST', body, connections: CONNECTIONS, seconds: settings.intakeSeconds });
    baselineRss = sampler.stop();
  } finally {
    await baselineServer.stop();
  }

  // Diagnostic: the baseline again, but paying the database round trips the desk once paid per
  // filing (10: the article lookup, BEGIN, notifier, notice, items, sequence, case, receipt,
  // events, COMMIT; now 2). It shows what round trips alone cost on this machine.
  ctx.progress(`intake: baseline with ${DESK_ROUND_TRIPS} round trips per request (diagnostic)`);
  const tripsPort = await freePort();
  const tripsUrl = `http://127.0.0.1:${tripsPort}`;
  const tripsServer = await startProcess(
    process.execPath,
    [path.join(ROOT, '.bench', 'build', 'bench', 'baseline-server.js')],
    { ...process.env, PORT: String(tripsPort), DATABASE_URL: ctx.databaseUrl, ROUND_TRIPS: String(DESK_ROUND_TRIPS) },
    tripsUrl,
    '/health',
  );
  let trips: LoadResult;
  try {
    await autocannon({ url: `${tripsUrl}/api/v1/notices`, method: 'POST', body, connections: CONNECTIONS, seconds: settings.warmupSeconds });
    trips = await autocannon({ url: `${tripsUrl}/api/v1/notices`, method: 'POST', body, connections: CONNECTIONS, seconds: settings.intakeSeconds });
  } finally {
    await tripsServer.stop();
  }
  // Diagnostics: the same loads with a different sender for every notice (the case above is one
  // sender filing 50 notices at once). They once differed by the stored notifiers.notice_count,
  // which made one sender's filings commit one at a time (now derived: DeriveNotifierCount).
  ctx.progress('intake: desk and baseline with a different sender for every notice (diagnostic)');
  const manySenders = { ...body, notifier: { ...(body.notifier as Record<string, unknown>), email: 'sender-[<id>]@example.org' } };
  await autocannon({ url, method: 'POST', body: manySenders, uniqueIds: true, connections: CONNECTIONS, seconds: settings.warmupSeconds });
  const appMany = await autocannon({ url, method: 'POST', body: manySenders, uniqueIds: true, connections: CONNECTIONS, seconds: settings.intakeSeconds });
  const manyPort = await freePort();
  const manyUrl = `http://127.0.0.1:${manyPort}`;
  const manyServer = await startProcess(
    process.execPath,
    [path.join(ROOT, '.bench', 'build', 'bench', 'baseline-server.js')],
    { ...process.env, PORT: String(manyPort), DATABASE_URL: ctx.databaseUrl, NOTIFIERS: '1000' },
    manyUrl,
    '/health',
  );
  let baselineMany: LoadResult;
  try {
    await autocannon({ url: `${manyUrl}/api/v1/notices`, method: 'POST', body, connections: CONNECTIONS, seconds: settings.warmupSeconds });
    baselineMany = await autocannon({ url: `${manyUrl}/api/v1/notices`, method: 'POST', body, connections: CONNECTIONS, seconds: settings.intakeSeconds });
  } finally {
    await manyServer.stop();
  }
  report.set('intake.manySendersRps', round(appMany.rps));
  report.set('intake.manySendersP99Ms', appMany.p99Ms);
  report.set('intake.baselineManySendersRps', round(baselineMany.rps));
  report.set('intake.manySendersRatio', round(appMany.rps / baselineMany.rps, 2));
  report.set('intake.baselineRoundTripsRps', round(trips.rps));
  report.set('intake.baselineRoundTripsP99Ms', trips.p99Ms);

  const ratio = app.rps / baseline.rps;
  report.set('intake.rps', round(app.rps));
  report.set('intake.p50Ms', app.p50Ms);
  report.set('intake.p99Ms', app.p99Ms);
  report.set('intake.non2xx', app.non2xx + app.errors + app.timeouts);
  report.set('intake.rssMb', memory.peakMb);
  report.set('intake.rssAfterMb', memory.lastMb);
  report.set('intake.baselineRps', round(baseline.rps));
  report.set('intake.baselineP50Ms', baseline.p50Ms);
  report.set('intake.baselineP99Ms', baseline.p99Ms);
  report.set('intake.baselineRssMb', baselineRss.peakMb);
  report.set('intake.ratio', round(ratio, 2));

  const failures = app.non2xx + app.errors + app.timeouts;
  report.row({
    part: 'intake',
    measure: 'notices/s (201s)',
    value: fmt(app.rps),
    baseline: `${fmt(baseline.rps)} (baseline)`,
    target: '≥ 1,000',
    pass: app.rps >= 1000 && failures === 0,
  });
  report.row({
    part: 'intake',
    measure: 'p50 / p99 latency',
    value: `${app.p50Ms} / ${app.p99Ms} ms`,
    baseline: `${baseline.p50Ms} / ${baseline.p99Ms} ms`,
    target: 'p99 ≤ 50 ms',
    pass: app.p99Ms <= 50,
  });
  report.row({ part: 'intake', measure: 'share of baseline', value: `${fmt(ratio, 2)} ×`, baseline: '1 ×', target: '≥ 0.5 ×', pass: ratio >= 0.5 });
  report.row({
    part: 'intake',
    measure: `diagnostic: baseline with ${DESK_ROUND_TRIPS} round trips`,
    value: `${fmt(trips.rps)} req/s`,
    baseline: `p99 ${trips.p99Ms} ms`,
    target: '',
  });
  report.row({
    part: 'intake',
    measure: 'diagnostic: a different sender per notice',
    value: `${fmt(appMany.rps)} req/s, p99 ${appMany.p99Ms} ms`,
    baseline: `${fmt(baselineMany.rps)} (baseline, 1,000 senders)`,
    target: '',
  });
  report.row({
    part: 'intake',
    measure: 'server RSS (peak under load)',
    value: `${fmt(memory.peakMb)} MB`,
    baseline: `${fmt(baselineRss.peakMb)} MB`,
    target: '≤ 300 MB',
    pass: memory.peakMb <= 300,
  });
  report.detail(
    [
      '## Intake',
      '',
      `autocannon -c ${CONNECTIONS} -d ${settings.intakeSeconds} (after a ${settings.warmupSeconds} s warm-up), POST /api/v1/notices with a complete one-URL copyright notice.`,
      '',
      '| server | req/s | total | 2xx | non-2xx / errors / timeouts | p50 | p90 | p99 | max | RSS peak / after |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      `| desk | ${fmt(app.rps)} | ${app.total} | ${app.ok2xx} | ${app.non2xx} / ${app.errors} / ${app.timeouts} | ${app.p50Ms} | ${app.p90Ms} | ${app.p99Ms} | ${app.maxMs} | ${memory.peakMb} / ${memory.lastMb} MB |`,
      `| desk, a different sender per notice | ${fmt(appMany.rps)} | ${appMany.total} | ${appMany.ok2xx} | ${appMany.non2xx} / ${appMany.errors} / ${appMany.timeouts} | ${appMany.p50Ms} | ${appMany.p90Ms} | ${appMany.p99Ms} | ${appMany.maxMs} | — |`,
      `| baseline, 1,000 senders | ${fmt(baselineMany.rps)} | ${baselineMany.total} | ${baselineMany.ok2xx} | ${baselineMany.non2xx} / ${baselineMany.errors} / ${baselineMany.timeouts} | ${baselineMany.p50Ms} | ${baselineMany.p90Ms} | ${baselineMany.p99Ms} | ${baselineMany.maxMs} | — |`,
      `| baseline, ${DESK_ROUND_TRIPS} round trips | ${fmt(trips.rps)} | ${trips.total} | ${trips.ok2xx} | ${trips.non2xx} / ${trips.errors} / ${trips.timeouts} | ${trips.p50Ms} | ${trips.p90Ms} | ${trips.p99Ms} | ${trips.maxMs} | — |`,
      `| baseline | ${fmt(baseline.rps)} | ${baseline.total} | ${baseline.ok2xx} | ${baseline.non2xx} / ${baseline.errors} / ${baseline.timeouts} | ${baseline.p50Ms} | ${baseline.p90Ms} | ${baseline.p99Ms} | ${baseline.maxMs} | ${baselineRss.peakMb} / ${baselineRss.lastMb} MB |`,
    ].join('\n'),
  );
  if (failures) ctx.progress(`intake: ${failures} requests did not get a 2xx`);
}

// 2. One notice with 1,000 URLs: time to the 201, a few times (each a new notice).
export async function benchBulk(ctx: BenchContext): Promise<void> {
  const { report, desk, settings } = ctx;
  const timings: number[] = [];
  for (let run = 0; run < settings.bulkRuns; run++) {
    const body = JSON.stringify(bulkCopyrightNotice(1000, run));
    const started = performance.now();
    const response = await fetch(`${desk.baseUrl}/api/v1/notices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answer = (await response.json()) as { items?: unknown[] };
    const ms = performance.now() - started;
    if (response.status !== 201 || answer.items?.length !== 1000)
      throw new Error(`bulk notice: expected 201 with 1000 items, got ${response.status}: ${JSON.stringify(answer).slice(0, 500)}`);
    timings.push(ms);
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const medianMs = round(median(timings), 1);
  report.set('bulk.ms', medianMs);
  report.set('bulk.maxMs', round(sorted[sorted.length - 1], 1));
  report.set('bulk.firstMs', round(timings[0], 1));
  report.row({
    part: 'bulk',
    measure: `1,000-URL notice to 201 (median of ${timings.length})`,
    value: `${fmt(medianMs)} ms`,
    baseline: `max ${fmt(sorted[sorted.length - 1])} ms`,
    target: '≤ 500 ms',
    pass: sorted[sorted.length - 1] <= 500,
  });
  report.detail(['## Bulk', '', `One notice with 1,000 URLs, ${timings.length} runs (ms): ${timings.map((t) => fmt(t, 1)).join(', ')}`].join('\n'));
}
