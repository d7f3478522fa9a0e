import type { BenchContext } from './lib/context';
import { queryOnce } from './lib/databases';
import { round } from './lib/desk-process';
import { autocannon } from './lib/load';
import { fmt } from './lib/report';

const LIMIT = 60;
const FLOOD_CONNECTIONS = 50;
const OTHER_CONNECTIONS = 5;
const FLOODER = '203.0.113.9';
const OTHER = '198.51.100.7';

// One sender far past its filing limit (POST /api/v1/notices at 50 connections from one
// address, RATE_LIMIT_PER_MINUTE=60: all but the first answers are 429) and, beside it,
// another client's requests that read the database (GET /health at 5 connections, from
// another address), against the same client alone. Addresses come from X-Forwarded-For
// (TRUST_PROXY=true), as behind the load balancer. No target: it shows what one flooding
// sender costs everyone else, and how many writes the flood made (the window's count).
export async function benchFlood(ctx: BenchContext, restart: (env: Record<string, string>) => Promise<void>): Promise<void> {
  const { report, settings } = ctx;
  await restart({ RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'true' });
  // After the intake parts autovacuum had not analysed the tables they filled (events: never,
  // after 222,000 inserts), most likely because they restart the desk, and with it the
  // embedded PostgreSQL, every ~15 s. A database in service has statistics; this one gets
  // them here, or the planner's guesses, not the desk, would be measured.
  await queryOnce(ctx.databaseUrl, 'ANALYZE');
  try {
    const health = `${ctx.desk.baseUrl}/health`;
    const other = { url: health, connections: OTHER_CONNECTIONS, seconds: settings.intakeSeconds, headers: { 'x-forwarded-for': OTHER } };
    ctx.progress(`flood: GET /health alone, ${settings.intakeSeconds} s at ${OTHER_CONNECTIONS} connections`);
    await autocannon({ ...other, seconds: settings.warmupSeconds });
    const alone = await autocannon(other);
    ctx.progress(`flood: the same beside one sender filing at ${FLOOD_CONNECTIONS} connections past its limit of ${LIMIT}/minute`);
    const [flood, beside] = await Promise.all([
      autocannon({
        url: `${ctx.desk.baseUrl}/api/v1/notices`,
        method: 'POST',
        body: { type: 'copyright' },
        connections: FLOOD_CONNECTIONS,
        seconds: settings.intakeSeconds,
        headers: { 'x-forwarded-for': FLOODER },
      }),
      autocannon(other),
    ]);
    const counted = await windowHits(ctx.databaseUrl, `filing:${FLOODER}`);
    report.set('flood.refusedPerSec', round(flood.rps));
    report.set('flood.p99Ms', flood.p99Ms);
    report.set('flood.otherAloneP99Ms', alone.p99Ms);
    report.set('flood.otherBesideP99Ms', beside.p99Ms);
    report.set('flood.otherBesideRps', round(beside.rps));
    report.set('flood.countedHits', counted);
    report.row({
      part: 'flood',
      measure: `another client's p99 beside a flooding sender`,
      value: `${fmt(beside.p99Ms)} ms (${fmt(beside.rps)} requests/s)`,
      baseline: `${fmt(alone.p99Ms)} ms alone (${fmt(alone.rps)}/s)`,
      target: '',
      pass: null,
    });
    report.row({
      part: 'flood',
      measure: 'the flooding sender answered',
      value: `${fmt(flood.rps)}/s, p99 ${fmt(flood.p99Ms)} ms`,
      baseline: `${fmt(counted)} hits written for ${fmt(flood.total)} requests`,
      target: '',
      pass: null,
    });
    report.detail(
      [
        '## One sender flooding past its limit',
        '',
        `${FLOOD_CONNECTIONS} connections of POST /api/v1/notices from ${FLOODER} for ${settings.intakeSeconds} s, limit ${LIMIT}/minute: ${fmt(flood.total)} answers`,
        `(${fmt(flood.ok2xx)} 2xx, ${fmt(flood.non2xx)} others, ${flood.errors} errors), ${fmt(flood.rps)}/s, p50 ${fmt(flood.p50Ms)} ms, p99 ${fmt(flood.p99Ms)} ms;`,
        `the window's count afterwards: ${fmt(counted)}. Beside it, GET /health from ${OTHER} at ${OTHER_CONNECTIONS} connections: ${fmt(beside.rps)}/s,`,
        `p50 ${fmt(beside.p50Ms)} ms, p99 ${fmt(beside.p99Ms)} ms (alone just before: ${fmt(alone.rps)}/s, p50 ${fmt(alone.p50Ms)} ms, p99 ${fmt(alone.p99Ms)} ms).`,
      ].join('\n'),
    );
  } finally {
    await restart({});
  }
}

async function windowHits(databaseUrl: string, bucket: string): Promise<number> {
  const [row] = await queryOnce<{ hits: number }>(databaseUrl, 'SELECT coalesce(sum(hits), 0)::int AS hits FROM rate_limit_windows WHERE bucket = $1', [bucket]);
  return row.hits;
}
