import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';

const names = new Map<string, string>();

// A statement PostgreSQL parses and plans once per connection (a named prepared statement)
// instead of at every call: for the few large statements on hot paths (a filing). `text`
// must be one of a fixed set of texts, as its name is derived from it. Runs in the
// manager's transaction when it has one, else on a connection of its own taken through a
// TypeORM query runner (as manager.query does: its error listener, its release), and
// fails with a QueryFailedError as manager.query does.
export async function preparedQuery<T>(manager: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  let name = names.get(text);
  if (!name) {
    name = `desk_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    const result = await client.query({ name, text, values });
    return result.rows as T[];
  } catch (error) {
    throw error instanceof QueryFailedError ? error : new QueryFailedError(text, values, error as Error);
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}
