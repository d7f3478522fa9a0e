import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/migrate';
import { EmbeddedDatabase, EmbeddedSetupError } from '../../src/database/embedded-database';
import { serverUrlFor } from './test-db';

// One PostgreSQL for the run: DATABASE_URL's server when set (CI's second pass), else a
// throw-away embedded cluster (fsync off: tests only). A template database is migrated
// once; every test file clones it.
export default async function globalSetup(): Promise<void> {
  let serverUrl: string;
  if (process.env.DATABASE_URL) {
    serverUrl = serverUrlFor(process.env.DATABASE_URL);
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-test-'));
    fs.chmodSync(dataDir, 0o755);
    const embedded = new EmbeddedDatabase({ dataDir, durable: false });
    try {
      await embedded.start();
    } catch (error) {
      embedded.removeFiles();
      if (!(error instanceof EmbeddedSetupError)) throw error;
      console.error(`\n${error.message}`);
      process.exit(1);
    }
    (globalThis as Record<string, unknown>).__deskEmbedded = embedded;
    serverUrl = embedded.url;
  }
  const runId = `${process.pid}x${Date.now()}`;
  const template = `desk_test_tpl_${runId}`;
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${template}`);
  await client.end();
  const templateUrl = new URL(serverUrl);
  templateUrl.pathname = `/${template}`;
  await runMigrations(templateUrl.toString());

  process.env.TEST_PG_SERVER_URL = serverUrl;
  process.env.TEST_PG_TEMPLATE = template;
  process.env.TEST_RUN_ID = runId;
  // The app under test must not see the outer DATABASE_URL: each file gets its own.
  delete process.env.DATABASE_URL;
}
