import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Client, Pool } from 'pg';
import { DEMO_ARTICLES } from '../../src/articles/demo-articles';
import { LOGIN_BACKOFF } from '../../src/staff/login-backoff';
import { noticeToFormValues } from '../../src/notices/notice-form';
import { bearer, completeNotice, NOTICES_PATH, postJson, tokenFrom, without } from '../factories';
import { mapBounded } from '../support/bounded';
import { DESK_MAIN, DeskProcess, requireBuiltDesk, sleep, spawnDesk, stopDesk, waitForHealth } from '../support/desk-process';
import { brokenFilings } from '../support/filing-integrity';
import { freePort } from '../../src/database/embedded-database';
import type { SealRunOutput } from '../../src/events/event-seal.job';

// Two desk processes on one PostgreSQL (DATABASE_URL), as behind a load balancer, with
// requests alternating between them: they start together on an empty database, a
// session made on one works on the other, rate limits and sign-in throttles count across
// both, a conflicting transition has one winner, the sealing job runs once at a time, and
// a clock that fell due while both were down acts once when they come back together.

const CLI = path.join(path.dirname(DESK_MAIN), 'cli.js');
const RATE_LIMIT = 30;
const SEAL_QUEUE = 'events-seal';

describe('two desk instances on one database', () => {
  let databaseName: string;
  let databaseUrl: string;
  let pool: Pool;
  let desks: DeskProcess[] = [];
  let admin: { email: string; password: string };
  const counts = { requests: 0, alternated: 0, seals: 0, sealRuns: 0, lapses: 0 };
  let lapsing: string;

  // Round robin: the i-th request goes to desks[i % 2].
  let turn = 0;
  const next = () => desks[turn++ % desks.length];

  beforeAll(async () => {
    requireBuiltDesk();
    // An empty database, not the migrated template: both instances migrate and seed it.
    const serverUrl = process.env.TEST_PG_SERVER_URL!;
    databaseName = `desk_test_two_${process.env.TEST_RUN_ID}`;
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    await client.query(`CREATE DATABASE ${databaseName}`);
    await client.end();
    const url = new URL(serverUrl);
    url.pathname = `/${databaseName}`;
    databaseUrl = url.toString();
    pool = new Pool({ connectionString: databaseUrl, max: 3 });

    const ports = [await freePort(), await freePort()];
    desks = ports.map((port) => spawnDesk(port, { DATABASE_URL: databaseUrl, RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), SEAL_INTERVAL_SECONDS: '1', LOG_LEVEL: 'warn' }));
    await Promise.all(desks.map((desk) => waitForHealth(desk)));
  }, 120_000);

  afterAll(async () => {
    console.log(
      `two instances: ${counts.requests} requests alternating between 2 desks on one database; ` +
        `sealing job: ${counts.sealRuns} runs, never two at once, ${counts.seals} seals in one unbroken chain; ` +
        `after both restarted, a clock due while they were down acted on ${counts.lapses} time(s)`,
    );
    await Promise.all(desks.map((desk) => stopDesk(desk)));
    await pool?.end();
    if (databaseName) {
      const client = new Client({ connectionString: process.env.TEST_PG_SERVER_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await client.end();
    }
  });

  const call = async (path: string, init: RequestInit = {}, desk = next()): Promise<Response> => {
    counts.requests += 1;
    return fetch(`${desk.baseUrl}${path}`, { redirect: 'manual', ...init });
  };

  it('start together on an empty database: migrated, seeded and given a first admin once', async () => {
    const { rows } = await pool.query(`
      SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM articles) AS articles,
             (SELECT count(*)::int FROM events WHERE action = 'article.created') AS "articleEvents"`);
    expect(rows[0]).toMatchObject({ users: 1, articles: DEMO_ARTICLES.length, articleEvents: DEMO_ARTICLES.length });
    // Exactly one of them printed the first admin's password.
    const printed = desks.map((desk) => /password: (\S+)/.exec(desk.output())?.[1]).filter(Boolean);
    expect(printed).toHaveLength(1);
    admin = { email: 'admin@freelanews.com', password: printed[0]! };
    // The printed password must be changed before anything else: on the other instance.
    const first = await postJson(desks[0].baseUrl, '/api/v1/auth/login', admin);
    counts.requests += 1;
    expect(first.status).toBe(200);
    const firstToken = (await first.json()).token;
    expect((await call('/api/v1/cases', { headers: bearer(firstToken) }, desks[1])).status).toBe(403);
    const newPassword = 'two desks share one strong passphrase';
    const changed = await call(
      '/api/v1/auth/password',
      { method: 'POST', headers: { ...bearer(firstToken), 'content-type': 'application/json' }, body: JSON.stringify({ currentPassword: admin.password, newPassword }) },
      desks[1],
    );
    expect(changed.status).toBe(204);
    admin = { ...admin, password: newPassword };
  });

  it('honour a session made on the other instance (token, cookie and its CSRF token), and its end', async () => {
    const signedIn = await postJson(desks[0].baseUrl, '/api/v1/auth/login', admin);
    counts.requests += 1;
    expect(signedIn.status).toBe(200);
    const { token } = await signedIn.json();
    const cookie = signedIn.headers
      .getSetCookie()
      .find((line) => line.startsWith('desk_session='))!
      .split(';')[0];

    const me = await call('/api/v1/auth/me', { headers: bearer(token) }, desks[1]);
    expect(me.status).toBe(200);
    // A page rendered on one instance carries a CSRF token the other accepts.
    const page = await call('/desk', { headers: { cookie, accept: 'text/html' } }, desks[1]);
    expect(page.status).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
    const created = await call(
      '/api/v1/tokens',
      { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'made across instances' }) },
      desks[0],
    );
    expect(created.status).toBe(201);

    // Signing out on one ends the session on both.
    const out = await call('/api/v1/auth/logout', { method: 'POST', headers: bearer(token) }, desks[1]);
    expect(out.status).toBe(204);
    expect((await call('/api/v1/auth/me', { headers: bearer(token) }, desks[0])).status).toBe(401);
    expect((await call('/api/v1/auth/me', { headers: { cookie } }, desks[1])).status).toBe(401);
  });

  it('accept a filing form issued by the other instance', async () => {
    const form = await call('/notices/new?type=copyright', {}, desks[0]);
    const formToken = /name="formToken" value="([^"]+)"/.exec(await form.text())![1];
    const values = { ...noticeToFormValues(completeNotice('copyright') as never), formToken };
    const filed = await call(
      '/notices',
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(values).toString() },
      desks[1],
    );
    expect(filed.status).toBe(201);
    // Sent again to the first instance: the same page files once.
    const again = await call(
      '/notices',
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(values).toString() },
      desks[0],
    );
    expect(again.status).toBe(200);
  });

  it('file an incomplete notice on one and ask for what is missing on the other', async () => {
    // Unsigned, so curable (awaiting_info): its 14-day lapse clock is made to fall due while both are down (the last test).
    const filed = await call(
      NOTICES_PATH,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(without(completeNotice('copyright'), 'signature')) },
      desks[0],
    );
    expect(filed.status).toBe(201);
    const { reference, trackingUrl } = await filed.json();
    expect(reference).toEqual(expect.any(String));
    lapsing = reference;
    const tracked = await call(`/api/v1/track/${tokenFrom(trackingUrl)}`, {}, desks[1]);
    expect(tracked.status).toBe(200);
    expect(await tracked.json()).toMatchObject({ reference, status: 'awaiting_info' });
  });

  it('let one of two conflicting transitions win when they reach different instances', async () => {
    const { rows } = await pool.query(`SELECT id FROM users WHERE role = 'admin'`);
    expect(rows).toHaveLength(1);
    // An editor on each instance (created by the CLI, as an operator would).
    const editors = await Promise.all(
      ['one', 'two'].map(async (name, i) => {
        const email = `editor.${name}@freelanews.com`;
        const password = `editor password ${name} 123`;
        const created = spawnSync(process.execPath, [CLI, 'users:create', '--email', email, '--name', `Editor ${name}`, '--role', 'editor'], {
          input: `${password}\n`,
          env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' },
          encoding: 'utf8',
        });
        expect(created.status).toBe(0);
        const signedIn = await postJson(desks[i].baseUrl, '/api/v1/auth/login', { email, password });
        expect(signedIn.status).toBe(200);
        return (await signedIn.json()).token as string;
      }),
    );
    for (let round = 0; round < 6; round++) {
      const filed = await (await call(NOTICES_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(completeNotice('copyright')) })).json();
      expect(filed.reference).toEqual(expect.any(String));
      const answers = await Promise.all(
        desks.map((desk, i) => postJson(desk.baseUrl, `/api/v1/cases/${filed.reference}/transitions`, { action: 'start_review', version: 1 }, bearer(editors[i]))),
      );
      counts.requests += 2;
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    }
  });

  it('count the filing rate limit across both instances', async () => {
    await waitForFreshMinute(pool);
    // Whatever this minute already counted (the form test above), then alternate.
    const { rows } = await pool.query(
      `SELECT coalesce(sum(hits), 0)::int AS hits FROM rate_limit_windows WHERE bucket LIKE 'filing:%' AND window_start = date_trunc('minute', now())`,
    );
    const statuses: number[] = [];
    for (let i = rows[0].hits; i < RATE_LIMIT + 4; i++) {
      const response = await call(NOTICES_PATH, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(completeNotice('trademark')) });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    const allowed = RATE_LIMIT - rows[0].hits;
    expect(statuses).toEqual([...Array(allowed).fill(201), 429, 429, 429, 429]);
    counts.alternated += statuses.length;
    // Tracking is limited apart: still open.
    expect((await call('/api/v1/notice-types')).status).toBe(200);
  });

  it('count failed sign-ins on one account from one address across both instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_BACKOFF.accountAtAddress.limit + 2; i++) {
      const response = await postJson(next().baseUrl, '/api/v1/auth/login', { email: admin.email, password: `wrong password ${i}` });
      counts.requests += 1;
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array(LOGIN_BACKOFF.accountAtAddress.limit).fill(401), 429, 429]);
  });

  it('run the sealing job once at a time, in one chain, under load on both', async () => {
    // Load on both instances for a few seconds, while each asks for a sealing run every second.
    const until = Date.now() + 6_000;
    await mapBounded(Array.from({ length: 8 }), 8, async () => {
      while (Date.now() < until) {
        const response = await call('/api/v1/notice-types');
        expect(response.status).toBe(200);
        await postJson(next().baseUrl, '/api/v1/auth/login', { email: `nobody.${Date.now()}@example.org`, password: 'wrong password!' });
        counts.requests += 1;
        await sleep(20);
      }
    });
    await sleep(2_500); // the last requested run
    const { rows: runs } = await pool.query<{ state: string; singleton_on: Date | null; output: SealRunOutput | null }>(
      `SELECT state, singleton_on, started_on, output FROM pgboss.job WHERE name = $1 AND started_on IS NOT NULL
       UNION ALL SELECT state, singleton_on, started_on, output FROM pgboss.archive WHERE name = $1 AND started_on IS NOT NULL
       ORDER BY started_on`,
      [SEAL_QUEUE],
    );
    expect(runs.length).toBeGreaterThan(2);
    // Both instances ask every second; one job per slot is made, whoever asked first. (A
    // start's request has no slot: it is not throttled.)
    const slots = runs.filter((run) => run.singleton_on).map((run) => run.singleton_on!.getTime());
    expect(new Set(slots).size).toBe(slots.length);
    // Every run but perhaps the last completed; the last may still be running.
    expect(runs.slice(0, -1).map((run) => run.state)).toEqual(runs.slice(0, -1).map(() => 'completed'));
    expect(['completed', 'active']).toContain(runs.at(-1)!.state);
    // Never two at once: each run's work began after the one before it had ended. (The
    // times are the runs' own, from their output: pg-boss's started_on is the start of the
    // claiming transaction, which may wait on the completing one; see SealRunOutput.)
    const worked = runs.filter((run) => run.state === 'completed').map((run) => run.output!);
    worked.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    for (let i = 1; i < worked.length; i++) {
      expect(Date.parse(worked[i].startedAt)).toBeGreaterThanOrEqual(Date.parse(worked[i - 1].finishedAt));
    }
    // One chain: seals numbered 1..n, each covering the transactions from where the last
    // ended (so no event is in two), and together every event of those transactions.
    const { rows: seals } = await pool.query(`SELECT id::int, from_tx, to_tx, event_count, previous_hash, seal_hash FROM event_seals ORDER BY id`);
    expect(seals.length).toBeGreaterThan(0);
    seals.forEach((seal, i) => {
      expect(seal.id).toBe(i + 1);
      if (i > 0) {
        expect(seal.from_tx).toBe(seals[i - 1].to_tx);
        expect(seal.previous_hash.equals(seals[i - 1].seal_hash)).toBe(true);
      }
    });
    const { rows: covered } = await pool.query(`SELECT count(*)::int AS n FROM events WHERE tx_id < $1`, [seals.at(-1).to_tx]);
    expect(seals.reduce((sum, seal) => sum + seal.event_count, 0)).toBe(covered[0].n);
    counts.sealRuns = runs.length;
    counts.seals = seals.length;

    const verified = spawnSync(process.execPath, [CLI, 'events:verify', '--json'], { env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error' }, encoding: 'utf8' });
    expect({ status: verified.status, stderr: verified.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    expect(JSON.parse(verified.stdout).ok).toBe(true);
    expect(await brokenFilings(pool)).toEqual([]);
  }, 60_000);

  it('both stop cleanly', async () => {
    expect(await Promise.all(desks.map((desk) => stopDesk(desk)))).toEqual([0, 0]);
  });

  it('come back together and act once on a clock that fell due while both were down', async () => {
    await pool.query(`UPDATE cases SET lapse_due_at = now() - interval '1 minute' WHERE reference = $1`, [lapsing]);
    // Each start asks for a due-clock sweep at once; the queue lets one run, and the sweep
    // claims each due case with SKIP LOCKED.
    desks = [await freePort(), await freePort()].map((port) => spawnDesk(port, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }));
    await Promise.all(desks.map((desk) => waitForHealth(desk)));
    const status = async () => (await pool.query(`SELECT status FROM cases WHERE reference = $1`, [lapsing])).rows[0].status;
    for (let waited = 0; waited < 30_000 && (await status()) !== 'lapsed'; waited += 100) await sleep(100);
    expect(await status()).toBe('lapsed');
    await sleep(1_000); // room for a second, wrong, lapse
    const { rows } = await pool.query(
      `SELECT (SELECT count(*)::int FROM events e WHERE e.case_id = c.id AND e.action = 'case.lapse') AS events,
              (SELECT count(*)::int FROM messages m WHERE m.case_id = c.id AND m.kind = 'lapse') AS messages
       FROM cases c WHERE c.reference = $1`,
      [lapsing],
    );
    expect(rows[0]).toEqual({ events: 1, messages: 1 });
    counts.lapses = rows[0].events;
    expect(await Promise.all(desks.map((desk) => stopDesk(desk)))).toEqual([0, 0]);
  }, 90_000);
});

// Rate-limit windows are calendar minutes: start a count with most of one ahead.
async function waitForFreshMinute(pool: Pool): Promise<void> {
  const { rows } = await pool.query(`SELECT extract(second FROM now())::float AS second`);
  if (rows[0].second > 40) await sleep((60.5 - rows[0].second) * 1000);
}
