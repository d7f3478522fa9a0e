import { DataSource } from 'typeorm';
import { ADVISORY_LOCK, withSessionLock } from './advisory-locks';
import { dataSourceOptions } from './data-source-options';

// Runs pending migrations once, even when several instances start together: they queue
// on a PostgreSQL advisory lock and the later ones find nothing left to do. Two connections:
// one holds the lock, the other migrates.

export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource({ ...dataSourceOptions(url, { poolSize: 2 }), logging: false });
  await dataSource.initialize();
  try {
    return await withSessionLock(dataSource, ADVISORY_LOCK.migrations, async () => {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      const clock = await ensureEventClockAhead(dataSource);
      if (clock)
        console.warn(`event log: this database's transaction counter is behind its log (restored from a dump?); event transaction ids now continue from ${clock.continuesFrom}`);
      return applied.map((migration) => migration.name);
    });
  } finally {
    await dataSource.destroy();
  }
}

// Event transaction ids must keep growing (migration EventClock): when the cluster's
// counter is behind the newest id in the log or its seals, the base moves so that the
// next transaction continues above them. Returns null when nothing had to move.
export async function ensureEventClockAhead(dataSource: DataSource): Promise<{ continuesFrom: string } | null> {
  const rows: Array<{ continues_from: string }> = await dataSource.query(
    `WITH moved AS (
       UPDATE event_clock SET tx_base = s.top + 1 - s.xid
       FROM (SELECT greatest((SELECT max(tx_id) FROM events), (SELECT max(to_tx) FROM event_seals), 0) AS top, pg_current_xact_id()::text::bigint AS xid) s
       WHERE event_clock.tx_base + s.xid <= s.top
       RETURNING (s.top + 1)::text AS continues_from)
     SELECT continues_from FROM moved`,
  );
  return rows.length ? { continuesFrom: rows[0].continues_from } : null;
}
