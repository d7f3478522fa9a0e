import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

// Runs pending migrations once, even when several instances start together: they queue
// on a PostgreSQL advisory lock and the later ones find nothing left to do.
const MIGRATION_LOCK = 7_316_011;

export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(url, { poolSize: 1 }), logging: false });
  await dataSource.initialize();
  try {
    await dataSource.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await dataSource.destroy();
  }
}
