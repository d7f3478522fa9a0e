import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Pool } from 'pg';
import { DEMO_ARTICLES } from '../../src/articles/demo-articles';
import { NOTICE_TYPES } from '../../src/notices/completeness';
import { completeNotice, NOTICES_PATH, tokenFrom } from '../factories';
import { mapBounded } from '../support/bounded';
import {
  childPids,
  DESK_MAIN,
  DeskProcess,
  embeddedDeskPool,
  isAlive,
  killHard,
  makeDataDir,
  postmasterPid,
  requireBuiltDesk,
  sleep,
  spawnDesk,
  stopDesk,
  waitForHealth,
  waitUntil,
} from '../support/desk-process';
import { brokenFilings, filingsByReference } from '../support/filing-integrity';
import { freePort } from '../../src/database/embedded-database';

// Intake under load, then `kill -9` of the desk (and, in other rounds, of its embedded
// PostgreSQL) in the middle of it, then a restart: every notice that got a 201 is there
// with its items, events and receipt; nothing half-written is; a retry of a request that
// got no answer (same Idempotency-Key) files it once; and the event log verifies.

const CLI = path.join(path.dirname(DESK_MAIN), 'cli.js');
const ROUNDS: Array<'desk' | 'postgres'> = ['desk', 'postgres', 'desk', 'postgres', 'desk'];
const WORKERS = 12;
// Filings answered in a round before the kill, and the bound on any round's load.
const FILINGS_BEFORE_KILL = 40;
const LOAD_LIMIT_MS = 20_000;

interface Sent {
  key: string;
  body: Record<string, unknown>;
}

describe('crash durability (kill -9 mid-load)', () => {
  let dataDir: string;
  let port: number;
  let desk: DeskProcess | null = null;
  let pool: Pool | null = null;
  // Every 201: reference → what the desk said it stored.
  // (A replay after a crash confirms a filing too, but carries no tracking link.)
  const confirmed = new Map<string, { items: number; token: string | null; key: string }>();
  const counts = { crashesSurvived: 0, deskKills: 0, postgresKills: 0, filed: 0, unanswered: 0, retriedReplayed: 0, retriedFiled: 0, verified: 0, seals: 0 };

  beforeAll(async () => {
    requireBuiltDesk();
    dataDir = makeDataDir('desk-crash-');
    port = await freePort();
  });

  afterAll(async () => {
    console.log(
      `crash durability: ${counts.crashesSurvived} crashes survived (${counts.deskKills} kill -9 of the desk, ${counts.postgresKills} of its PostgreSQL); ` +
        `${counts.filed} filings confirmed with 201 and all found whole after restarts; ${counts.unanswered} filings left without an answer by a crash ` +
        `(in flight, or sent to the dead server), retried with their Idempotency-Key: ${counts.retriedReplayed} had been stored (200 replay), ${counts.retriedFiled} had not (201 now); ` +
        `event log verified ${counts.verified} times (${counts.seals} seals at the end)`,
    );
    await pool?.end();
    if (desk) await stopDesk(desk, 5_000);
    const orphan = dataDir ? postmasterPid(dataDir) : null;
    if (orphan) killHard(orphan);
    if (dataDir && !process.env.RELIABILITY_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  let clusterPort: number | null = null;
  const start = async (): Promise<DeskProcess> => {
    // The sealing job runs every second so that seals are cut between crashes too.
    const started = spawnDesk(port, { DESK_DATA_DIR: dataDir, SEAL_INTERVAL_SECONDS: '1' });
    await waitForHealth(started);
    // The embedded PostgreSQL keeps its port across crashes.
    const { port: now } = JSON.parse(fs.readFileSync(path.join(dataDir, 'cluster.json'), 'utf8'));
    expect(now).toBe(clusterPort ?? now);
    clusterPort = now;
    return started;
  };

  // A notice of some type naming 1 to 12 URLs (demo articles and unknown pages).
  const noticeFor = (n: number): Record<string, unknown> => {
    const urls = Array.from({ length: 1 + (n % 12) }, (_, i) =>
      i % 3 === 2 ? `https://freelanews.com/2099/01/01/unknown-${n}-${i}/` : DEMO_ARTICLES[(n + i) % DEMO_ARTICLES.length].url,
    );
    return { ...completeNotice(NOTICE_TYPES[n % NOTICE_TYPES.length]), items: urls.map((url) => ({ url })) };
  };

  // Files notices from WORKERS clients until `stop()` says so; returns the requests that
  // got no usable answer (cut off by the crash), to be retried.
  async function fileUntil(target: DeskProcess, stop: () => boolean): Promise<Sent[]> {
    const unanswered: Sent[] = [];
    const deadline = Date.now() + LOAD_LIMIT_MS;
    let n = confirmed.size * 7;
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (!stop() && Date.now() < deadline) {
          const sent = { key: `crash-${randomUUID()}`, body: noticeFor(n++) };
          try {
            const response = await fetch(`${target.baseUrl}${NOTICES_PATH}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'idempotency-key': sent.key },
              body: JSON.stringify(sent.body),
              signal: AbortSignal.timeout(10_000),
            });
            const text = await response.text();
            if (response.status === 201) {
              const answer = JSON.parse(text);
              confirmed.set(answer.reference, { items: answer.items.length, token: tokenFrom(answer.trackingUrl), key: sent.key });
              counts.filed += 1;
            } else if (response.status >= 500 && response.headers.get('content-type')?.startsWith('application/problem+json')) {
              // The database went away under the request: its outcome is unknown.
              unanswered.push(sent);
            } else {
              throw new RefusedFiling(`filing answered ${response.status} ${response.headers.get('content-type')}: ${text.slice(0, 300)}`);
            }
          } catch (error) {
            if (error instanceof RefusedFiling) throw error;
            unanswered.push(sent);
            await sleep(20); // the server is gone; do not spin
          }
        }
      }),
    );
    return unanswered;
  }

  // After a restart: everything confirmed is there and whole, cut-off requests are retried.
  async function checkRecovered(target: DeskProcess, unanswered: Sent[]): Promise<void> {
    await pool?.end();
    pool = embeddedDeskPool(dataDir);
    expect(await brokenFilings(pool)).toEqual([]);
    const stored = await filingsByReference(pool, [...confirmed.keys()]);
    const missing = [...confirmed.keys()].filter((reference) => !stored.has(reference));
    expect(missing).toEqual([]);
    for (const [reference, filed] of confirmed) expect({ reference, items: stored.get(reference)!.items }).toEqual({ reference, items: filed.items });

    // The tracking links of every confirmed filing work.
    const tracked = await mapBounded([...confirmed], 8, async ([reference, filed]) => {
      if (filed.token === null) return true;
      const response = await fetch(`${target.baseUrl}/api/v1/track/${filed.token}`);
      return response.status === 200 && (await response.json()).reference === reference;
    });
    expect(tracked.every(Boolean)).toBe(true);

    // A request the crash cut off is retried as a client would: filed once, whatever happened.
    const retried = await mapBounded(unanswered, 8, async (sent) => {
      const response = await fetch(`${target.baseUrl}${NOTICES_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': sent.key },
        body: JSON.stringify(sent.body),
      });
      const answer = await response.json();
      expect([200, 201]).toContain(response.status);
      if (response.status === 201) confirmed.set(answer.reference, { items: answer.items.length, token: tokenFrom(answer.trackingUrl), key: sent.key });
      else confirmed.set(answer.reference, { items: answer.items.length, token: null, key: sent.key });
      return { status: response.status, reference: answer.reference as string, key: sent.key };
    });
    counts.unanswered += unanswered.length;
    counts.retriedReplayed += retried.filter((r) => r.status === 200).length;
    counts.retriedFiled += retried.filter((r) => r.status === 201).length;
    // Each key names one case, and every case in the database is one the clients know of.
    const { rows } = await pool.query(`SELECT c.reference FROM cases c`);
    const known = new Set([...confirmed.keys(), ...retried.map((r) => r.reference)]);
    if (process.env.RELIABILITY_DEBUG)
      fs.writeFileSync(path.join(dataDir, `round-${Date.now()}.json`), JSON.stringify({ unanswered, retried, confirmed: [...confirmed] }, null, 1));
    expect(rows.map((row) => row.reference).filter((reference) => !known.has(reference))).toEqual([]);
    const { rows: keys } = await pool.query(`SELECT count(*)::int AS n, count(DISTINCT case_id)::int AS cases FROM submission_keys`);
    expect(keys[0].n).toBe(keys[0].cases);
    expect(await brokenFilings(pool)).toEqual([]);
  }

  // The operator's check (`npm run desk -- events:verify`), against the running desk's database.
  function verifyEventLog(): void {
    const run = spawnSync(process.execPath, [CLI, 'events:verify', '--json'], {
      env: { ...withoutDatabaseUrl(), DESK_DATA_DIR: dataDir, LOG_LEVEL: 'error' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (run.status !== 0) throw new Error(`events:verify exited ${run.status}:\n${run.stdout}\n${run.stderr}`);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(true);
    counts.verified += 1;
    counts.seals = report.seals;
  }

  it.each(ROUNDS.map((kind, round) => [round + 1, kind] as const))(
    'round %i: kill -9 of the %s mid-load, restart, nothing lost or half-written',
    async (_round, kind) => {
      // A round that failed may have left its desk running.
      if (desk) await stopDesk(desk, 5_000);
      const t0 = Date.now();
      const phase = (name: string) => process.env.RELIABILITY_DEBUG && console.log(`${kind} round: ${name} at ${Date.now() - t0} ms`);
      desk = await start();
      phase('started');
      const before = counts.filed;
      let killed = false;
      let killedAt = Infinity;
      // The load goes on for a moment after the kill: requests meet a dead server or database.
      const load = fileUntil(desk, () => killed && Date.now() > killedAt + 300);
      await waitUntil(() => counts.filed - before >= FILINGS_BEFORE_KILL, LOAD_LIMIT_MS, `${FILINGS_BEFORE_KILL} filings`);

      if (kind === 'desk') {
        killHard(desk.child.pid!);
        killedAt = Date.now();
        killed = true;
        await desk.exited;
        counts.deskKills += 1;
      } else {
        const postmaster = postmasterPid(dataDir)!;
        expect(postmaster).not.toBeNull();
        const backends = childPids(postmaster);
        killHard(postmaster);
        killedAt = Date.now();
        killed = true;
        counts.postgresKills += 1;
        // Its backends notice the postmaster is gone and exit on their own.
        await waitUntil(() => !isAlive(postmaster) && backends.every((pid) => !isAlive(pid)), 15_000, 'PostgreSQL backends to exit');
      }
      phase('killed');
      const unanswered = await load;
      phase('load stopped');

      if (kind === 'postgres') {
        // The desk is still up without its database: it says so, and stops cleanly when told.
        if (desk.child.exitCode !== null || desk.child.signalCode !== null) throw new Error(`the desk died with its database:\n${desk.output()}`);
        const health = await fetch(`${desk.baseUrl}/health`);
        expect(health.status).toBe(503);
        expect(await stopDesk(desk, 20_000)).toBe(0);
      }
      phase('stopped');
      desk = await start();
      phase('restarted');
      await checkRecovered(desk, unanswered);
      phase('checked');
      verifyEventLog();
      phase('verified');
      counts.crashesSurvived += 1;
      expect(await stopDesk(desk)).toBe(0);
      desk = null;
    },
    180_000,
  );
});

class RefusedFiling extends Error {}

function withoutDatabaseUrl(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _outer, ...env } = process.env;
  return env;
}
