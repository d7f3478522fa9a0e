import { Client } from 'pg';
import type { EmbeddedDatabase } from '../../src/database/embedded-database';

export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as Record<string, unknown>).__deskEmbedded as EmbeddedDatabase | undefined;
  if (embedded) {
    await embedded.stop();
    embedded.removeFiles();
    return;
  }
  // On an external server, leave nothing behind.
  const client = new Client({ connectionString: process.env.TEST_PG_SERVER_URL });
  await client.connect();
  // Test databases first, the template they were cloned from last.
  const { rows } = await client.query(`SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname LIKE 'desk_test_tpl_%'`, [`desk_test_%${process.env.TEST_RUN_ID}%`]);
  for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  await client.end();
}
