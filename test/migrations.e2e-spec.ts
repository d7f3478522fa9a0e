import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { DeriveNotifierCount1764720000000 } from '../migrations/1764720000000-DeriveNotifierCount';
import { MIGRATIONS } from '../migrations/index';
import { createTestDatabase, TestDatabase } from './support/test-db';

// The entities and the migrations must describe the same schema: after running every
// migration, TypeORM must find nothing left to generate.
describe('migrations', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(db.url, { poolSize: 1 })).initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('leave no difference between entities and schema', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('have all been applied', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('make the event log append-only', async () => {
    await db.pool.query(`INSERT INTO events (actor_type, action, subject_type, subject_id, visibility) VALUES ('system', 'test.event', 'test', '1', 'internal')`);
    await expect(db.pool.query(`UPDATE events SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`DELETE FROM events`)).rejects.toThrow(/append-only/);
    await expect(db.pool.query(`TRUNCATE events`)).rejects.toThrow(/append-only/);
    const { rows } = await db.pool.query(`SELECT action FROM events`);
    expect(rows).toEqual([{ action: 'test.event' }]);
  });

  // A sender's notice count is derived from notices (DeriveNotifierCount): no stored
  // counter, no trigger taking the sender's row at every filing's commit.
  it('keep no stored notice count on notifiers', async () => {
    const columns = await db.pool.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'notifiers' AND column_name = 'notice_count'`);
    expect(columns.rows).toEqual([]);
    // (The only trigger on notices stamps the row's own incomplete_at_filing: migration Reports.)
    const triggers = await db.pool.query(`SELECT tgname FROM pg_trigger WHERE tgrelid = 'notices'::regclass AND NOT tgisinternal AND tgname <> 'notices_incomplete_at_filing'`);
    expect(triggers.rows).toEqual([]);
  });

  it('restore the stored count, right for the notices so far, when DeriveNotifierCount is undone', async () => {
    const senders = await db.pool.query(
      `INSERT INTO notifiers (email, name, kind) VALUES ('one@example.org', 'One', 'agent'), ('two@example.org', 'Two', 'agent') RETURNING id, email`,
    );
    const [one, two] = senders.rows as Array<{ id: string }>;
    for (const notifierId of [one.id, one.id, two.id]) {
      await db.pool.query(
        `INSERT INTO notices (type, channel, notifier_id, notifier, statements, attestations, completeness, tracking_token_hash)
         VALUES ('copyright', 'api', $1, '{}', '{}', '[]', '{}', gen_random_bytes(32))`,
        [notifierId],
      );
    }
    // Undo the migrations down to DeriveNotifierCount (the later ones first).
    const later = MIGRATIONS.slice(MIGRATIONS.indexOf(DeriveNotifierCount1764720000000));
    for (let undone = 0; undone < later.length; undone++) await dataSource.undoLastMigration();
    try {
      const counts = await db.pool.query(`SELECT email, notice_count FROM notifiers WHERE email IS NOT NULL ORDER BY email`);
      expect(counts.rows).toEqual([
        { email: 'one@example.org', notice_count: 2 },
        { email: 'two@example.org', notice_count: 1 },
      ]);
    } finally {
      await dataSource.runMigrations();
    }
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
