import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
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
});
