import * as path from 'node:path';
import { Client } from 'pg';
import type { BenchContext } from './lib/context';
import { APP_DIST, round } from './lib/desk-process';
import { generateQueueData, planFor } from './lib/queue-data';
import { fmt, percentile } from './lib/report';

// The built app, as the desk under test runs it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dist = (module: string) => require(path.join(APP_DIST, 'src', module)) as Record<string, any>;

const RUNS = 50;
const TARGET_MS = 50;

interface Claim {
  kind: string;
  sql: string;
  params: unknown[];
}

// The due-clock sweep at scale: on the queue's cases (every waiting case with a lapse
// clock, none due), times the claim queries one sweep sends — restoration, lapse,
// restriction end — with nothing due and with 100 due of each lapse and restriction end,
// each run in its own transaction rolled back, and EXPLAINs them.
export async function benchDueClocks(ctx: BenchContext): Promise<void> {
  const { report, settings } = ctx;
  const client = new Client({ connectionString: ctx.databaseUrl, application_name: 'desk-bench' });
  await client.connect();
  try {
    const plan = planFor(settings.scale);
    const existing = (await client.query(`SELECT count(*)::int AS n FROM cases`)).rows[0].n as number;
    if (existing < plan.cases) await generateQueueData(client, plan, ctx.staff.id, ctx.progress);
    await client.query(`UPDATE cases SET lapse_due_at = now() + interval '7 days' WHERE status = 'awaiting_info' AND lapse_due_at IS NULL`);
    await client.query(`ANALYZE cases`);
    const cases = (await client.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'awaiting_info')::int AS waiting FROM cases`)).rows[0];
    const lapses = Math.min(100, cases.waiting);
    const claims = await captureClaims(new Date());
    const none = await timeSweep(client, claims, async () => undefined);
    const hundred = await timeSweep(client, claims, async () => {
      await client.query(`UPDATE cases SET lapse_due_at = now() - interval '1 minute' WHERE id IN (SELECT id FROM cases WHERE status = 'awaiting_info' ORDER BY id LIMIT 100)`);
      await client.query(
        `INSERT INTO restriction_ends (decision_item_id, case_id, article_id, due_at) SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), now() - interval '1 minute' FROM generate_series(1, 100)`,
      );
    });
    for (const [key, label, figures] of [
      ['none', 'nothing due', none],
      ['hundred', `${lapses} lapses and 100 restriction ends due`, hundred],
    ] as const) {
      report.set(`dueclocks.${key}.p50Ms`, figures.p50);
      report.set(`dueclocks.${key}.p95Ms`, figures.p95);
      report.row({
        part: 'due clocks',
        measure: `one sweep's claim queries, ${label} (${fmt(cases.n)} cases)`,
        value: `p50 ${fmt(figures.p50, 2)} ms, p95 ${fmt(figures.p95, 2)} ms`,
        baseline: `${fmt(cases.waiting)} waiting for information`,
        target: `≤ ${TARGET_MS} ms`,
        pass: figures.p95 <= TARGET_MS,
      });
    }
    report.detail(
      [
        '## Due-clock sweep at scale',
        '',
        `${fmt(cases.n)} cases, ${fmt(cases.waiting)} waiting for information (each with a lapse clock). One sweep claims with these queries (FOR UPDATE SKIP LOCKED, one row per transaction); ${RUNS} timed runs each.`,
        '',
        `| Scenario | p50 ms | p95 ms |`,
        `|---|---|---|`,
        `| nothing due | ${none.p50} | ${none.p95} |`,
        `| ${lapses} lapses and 100 restriction ends due | ${hundred.p50} | ${hundred.p95} |`,
        '',
        '### Query plans, with rows due (EXPLAIN (ANALYZE, BUFFERS))',
        '',
        hundred.plans,
      ].join('\n'),
    );
  } finally {
    await client.end();
  }
}

// The SQL the repositories send, caught with a stand-in manager.
async function captureClaims(now: Date): Promise<Claim[]> {
  const { CaseRepository } = dist('cases/case.repository.js');
  const { AftercareRepository } = dist('aftercare/aftercare.repository.js');
  const claims: Claim[] = [];
  let kind = '';
  const manager = {
    query: async (sql: string, params: unknown[] = []) => {
      claims.push({ kind, sql, params: [...params] });
      return [];
    },
  };
  for (const [name, call] of [
    ['restoration', () => new CaseRepository(manager).lockNextDueRestoration(now)],
    ['lapse', () => new CaseRepository(manager).lockNextDueLapse(now)],
    ['restriction end', () => new AftercareRepository(manager).lockNextDueRestrictionEnd(now)],
  ] as const) {
    kind = name;
    await call();
  }
  return claims;
}

// Each run: BEGIN, set up what is due, time the claims, ROLLBACK (nothing stays).
async function timeSweep(client: Client, claims: Claim[], setup: () => Promise<void>): Promise<{ p50: number; p95: number; plans: string }> {
  const times: number[] = [];
  let plans = '';
  for (let run = 0; run <= RUNS; run += 1) {
    await client.query('BEGIN');
    try {
      await setup();
      const started = process.hrtime.bigint();
      for (const claim of claims) await client.query(claim.sql, claim.params);
      if (run > 0) times.push(Number(process.hrtime.bigint() - started) / 1e6);
      if (run === RUNS) {
        const shown: string[] = [];
        for (const claim of claims) {
          const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${claim.sql}`, claim.params);
          shown.push(`${claim.kind}:\n\n\`\`\`\n${claim.sql}\n\n${rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n')}\n\`\`\``);
        }
        plans = shown.join('\n\n');
      }
    } finally {
      await client.query('ROLLBACK');
    }
  }
  times.sort((a, b) => a - b);
  return { p50: round(percentile(times, 50), 2), p95: round(percentile(times, 95), 2), plans };
}
