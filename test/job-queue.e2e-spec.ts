import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { openJobQueue } from '../src/database/job-queue';
import { createTestDatabase, TestDatabase } from './support/test-db';

// Several instances starting together on one database: each opens the job queue. pg-boss's
// own create_queue deadlocks when two run at once (seen in CI: a desk failed to start).
const QUEUE = { name: 'test-queue', policy: 'stately', retryLimit: 0 } as const;

describe('job queue set-up with several instances at once', () => {
  let db: TestDatabase;
  let dataSources: DataSource[];

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSources = await Promise.all(Array.from({ length: 4 }, () => new DataSource(dataSourceOptions(db.url, { poolSize: 2 })).initialize()));
  });

  afterAll(async () => {
    await Promise.all(dataSources.map((dataSource) => dataSource.destroy()));
    await db.drop();
  });

  it.each([
    ['without pg-boss schema', false],
    ['with pg-boss schema but no queue', true],
    ['with pg-boss schema but no queue, again', true],
  ])('%s: four instances open the same queue at once; all start, one queue exists', async (_label, installed) => {
    await db.pool.query('DROP SCHEMA IF EXISTS pgboss CASCADE');
    if (installed) {
      // pg-boss's schema already installed by an earlier start: the instances go straight to
      // creating the queue, where two at once deadlocked.
      const first = new PgBoss({ connectionString: db.url, max: 1, schedule: false, supervise: false });
      await first.start();
      await first.stop({ graceful: false, wait: true });
    }
    const errors: Error[] = [];
    const opened = await Promise.allSettled(
      dataSources.map((dataSource) => openJobQueue(dataSource, { ...QUEUE, expireInSeconds: 60, maintenanceIntervalSeconds: 120 }, (error) => errors.push(error))),
    );
    const bosses = opened.filter((result): result is PromiseFulfilledResult<PgBoss> => result.status === 'fulfilled').map((result) => result.value);
    try {
      expect(opened.filter((result) => result.status === 'rejected')).toEqual([]);
      expect(errors).toEqual([]);
      const { rows } = await db.pool.query(`SELECT name, policy FROM pgboss.queue`);
      expect(rows).toEqual([{ name: 'test-queue', policy: 'stately' }]);
      // The queue works from every instance: a job sent by one is there for the others.
      await bosses[0].send('test-queue', { round: 1 });
      expect(await bosses[3].getQueueSize('test-queue')).toBe(1);
    } finally {
      await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true })));
    }
  });

  // An instance that crashes in mid-run leaves its job active, and a stately queue runs one
  // job at a time: the run must expire, or the queue stops for good (seen: sealing stopped
  // after a crash). Here with an expiry of 1 s and upkeep every second.
  it('a run left active by a crashed instance expires, and the queue runs again', async () => {
    await db.pool.query('DROP SCHEMA IF EXISTS pgboss CASCADE');
    const options = { ...QUEUE, expireInSeconds: 1, maintenanceIntervalSeconds: 1 };
    const errors: Error[] = [];
    const crashed = await openJobQueue(dataSources[0], options, (error) => errors.push(error));
    const sent = await crashed.send(QUEUE.name, {});
    const [taken] = await crashed.fetch(QUEUE.name);
    expect(taken.id).toBe(sent);
    await crashed.stop({ graceful: false, wait: true });

    const survivor = await openJobQueue(dataSources[1], options, (error) => errors.push(error));
    try {
      const next = await survivor.send(QUEUE.name, {});
      expect(next).toEqual(expect.any(String));
      // While the dead run is active, the next one waits; once it has expired, it runs.
      let fetched: Array<{ id: string }> = [];
      for (const deadline = Date.now() + 20_000; !fetched.length && Date.now() < deadline;) {
        fetched = (await survivor.fetch(QUEUE.name)) ?? [];
        if (!fetched.length) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(fetched.map((job) => job.id)).toEqual([next]);
      const { rows } = await db.pool.query(`SELECT state FROM pgboss.job WHERE id = $1 UNION ALL SELECT state FROM pgboss.archive WHERE id = $1`, [sent]);
      expect(rows.map((row) => row.state)).toEqual(['failed']);
      expect(errors).toEqual([]);
    } finally {
      await survivor.stop({ graceful: false, wait: true });
    }
  });
});
