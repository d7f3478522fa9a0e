import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { DeriveNotifierCount1764720000000 } from '../migrations/1764720000000-DeriveNotifierCount';
import { CaseClocks1765700000000 } from '../migrations/1765700000000-CaseClocks';
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

  // CaseClocks backfills cases.next_due_at for the cases filed before it, then keeps it.
  it('backfill the nearest clock of the cases that existed before CaseClocks', async () => {
    const later = MIGRATIONS.slice(MIGRATIONS.indexOf(CaseClocks1765700000000));
    for (let undone = 0; undone < later.length; undone++) await dataSource.undoLastMigration();
    const at = (iso: string) => new Date(iso);
    try {
      const [sender] = (await db.pool.query(`INSERT INTO notifiers (email, name, kind) VALUES ('clocks@example.org', 'Clocks', 'agent') RETURNING id`)).rows;
      const notice = async () =>
        (
          await db.pool.query(
            `INSERT INTO notices (type, channel, notifier_id, notifier, statements, attestations, completeness, tracking_token_hash)
             VALUES ('copyright', 'api', $1, '{}', '{}', '[]', '{}', gen_random_bytes(32)) RETURNING id`,
            [sender.id],
          )
        ).rows[0].id;
      const insert = `INSERT INTO cases (reference, notice_id, status, received_at, due_at, lapse_due_at) VALUES ($1, $2, $3, now(), $4, $5) RETURNING id`;
      await db.pool.query(insert, ['TD-2026-900001', await notice(), 'in_review', at('2026-12-10T10:00:00Z'), null]);
      await db.pool.query(insert, ['TD-2026-900002', await notice(), 'awaiting_info', null, at('2026-12-08T23:59:59.999Z')]);
      const [actioned] = (await db.pool.query(insert, ['TD-2026-900003', await notice(), 'actioned', null, null])).rows;
      await db.pool.query(`INSERT INTO restriction_ends (decision_item_id, case_id, article_id, due_at) VALUES (gen_random_uuid(), $1, gen_random_uuid(), $2)`, [
        actioned.id,
        at('2027-01-31T23:59:59.999Z'),
      ]);
      await db.pool.query(insert, ['TD-2026-900004', await notice(), 'closed', null, null]);
    } finally {
      await dataSource.runMigrations();
    }
    const { rows } = await db.pool.query(`SELECT reference, next_due_at, next_due_kind FROM cases WHERE reference LIKE 'TD-2026-9%' ORDER BY reference`);
    expect(rows).toEqual([
      { reference: 'TD-2026-900001', next_due_at: at('2026-12-10T10:00:00Z'), next_due_kind: 'review_sla' },
      { reference: 'TD-2026-900002', next_due_at: at('2026-12-08T23:59:59.999Z'), next_due_kind: 'curable_lapse' },
      { reference: 'TD-2026-900003', next_due_at: at('2027-01-31T23:59:59.999Z'), next_due_kind: 'restriction_end' },
      { reference: 'TD-2026-900004', next_due_at: null, next_due_kind: null },
    ]);
    // From now on the trigger keeps it: a new review deadline, then a lifted restriction.
    await db.pool.query(`UPDATE cases SET due_at = '2026-12-09T09:00:00Z' WHERE reference = 'TD-2026-900001'`);
    await db.pool.query(`UPDATE restriction_ends SET lifted_at = now()`);
    const kept = await db.pool.query(`SELECT reference, next_due_at, next_due_kind FROM cases WHERE reference IN ('TD-2026-900001', 'TD-2026-900003') ORDER BY reference`);
    expect(kept.rows).toEqual([
      { reference: 'TD-2026-900001', next_due_at: at('2026-12-09T09:00:00Z'), next_due_kind: 'review_sla' },
      { reference: 'TD-2026-900003', next_due_at: null, next_due_kind: null },
    ]);
  });
});
