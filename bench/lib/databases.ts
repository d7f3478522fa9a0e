import { Client } from 'pg';

// With DATABASE_URL the bench never touches the named database: it creates its own beside
// it (same server) and drops it at the end.
export async function createFreshDatabase(databaseUrl: string, label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const server = new URL(databaseUrl);
  server.pathname = '/postgres';
  const name = `desk_bench_${label}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: server.toString() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

// One statement on a connection of its own, closed afterwards: for the bench's few reads
// and chores beside the desk (counts, ANALYZE, the server's settings).
export async function queryOnce<T extends Record<string, unknown>>(databaseUrl: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
