import { DataSource } from 'typeorm';

// Every PostgreSQL advisory lock the desk takes, in one place so that no two uses share a
// key by accident. Single 64-bit keys and (class, key) pairs are separate spaces in
// PostgreSQL, so the sign-in throttle's class may equal a single key.
export const ADVISORY_LOCK = {
  migrations: 7_316_011,
  demoArticles: 7_316_012,
  firstAdmin: 7_316_013,
  sealing: 7_316_031,
  jobQueueSetup: 7_316_032,
} as const;

// Class of the per-key sign-in throttle locks: pg_advisory_xact_lock(class, hashtext(key)).
export const THROTTLE_LOCK_CLASS = 7_316_012;

// Runs `work` while this session holds `key`, on a connection of its own, so that other
// instances doing the same wait their turn. For set-up outside a transaction (migrations,
// job queues); inside a transaction, take pg_advisory_xact_lock instead.
export async function withSessionLock<T>(dataSource: DataSource, key: number, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [key]);
    }
  } finally {
    await runner.release();
  }
}
