import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';

export function serverUrlFor(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

export interface TestDatabase {
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

// A fresh database cloned from the migrated template: each test file starts empty.
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_PG_SERVER_URL;
  const template = process.env.TEST_PG_TEMPLATE;
  if (!serverUrl || !template) throw new Error('test database not prepared: run through jest (global setup)');
  const name = `desk_test_${randomBytes(4).toString('hex')}_${process.env.TEST_RUN_ID}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: 4 });
  return {
    url: url.toString(),
    pool,
    drop: async () => {
      await pool.end();
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      // pool.end() resolves before its connections have closed: terminating them now (FORCE)
      // would reach a client that no longer listens for errors. Let them go first.
      for (let waited = 0; waited < 5_000; waited += 50) {
        const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
