import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';

const names = new Map<string, string>();

// A statement PostgreSQL parses and plans once per connection (a named prepared statement)
// instead of at every call: for the few large statements on hot paths (a filing). `text`
// must be one of a fixed set of texts, as its name is derived from it. Runs in the
// manager's transaction when it has one, else on a pooled connection; errors are
// QueryFailedErrors, as from manager.query.
export async function preparedQuery<T>(manager: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  let name = names.get(text);
  if (!name) {
    name = `desk_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  const runner = manager.queryRunner;
  const client = runner ? ((await runner.connect()) as PoolClient) : await (manager.connection.driver as unknown as { master: Pool }).master.connect();
  try {
    const result = await client.query({ name, text, values });
    return result.rows as T[];
  } catch (error) {
    throw new QueryFailedError(text, values, error as Error);
  } finally {
    if (!runner) client.release();
  }
}
