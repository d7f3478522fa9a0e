import PgBoss from 'pg-boss';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { openJobQueue } from '../src/database/job-queue';
import { createTestDatabase, TestDatabase } from './support/test-db';

// Several instances starting together on one database: each opens the job queue. pg-boss's
// own create_queue deadlocks when two run at once (seen in CI: a desk failed to start).
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
      dataSources.map((dataSource) => openJobQueue(dataSource, { name: 'test-queue', policy: 'stately', retryLimit: 0, expireInSeconds: 60 }, (error) => errors.push(error))),
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
});
