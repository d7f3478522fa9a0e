import { EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';

// One statement (prepared: it runs before every rate-limited request) that counts a hit in
// the current one-minute window and returns the window's total, unless the window is already
// over the limit: then it only reads, so that a sender flooding past its limit costs a read
// per request, not a write that queues behind the same row's lock with every other request
// of that sender, holding a pool connection each. The count commits without waiting for its
// WAL flush (synchronous_commit off for this statement's transaction alone): a crash may
// forget the last fraction of a second of hits, and the row lock is held for the statement,
// not for a disk flush.
const HIT = `
  WITH seen AS (
    SELECT hits FROM rate_limit_windows WHERE bucket = $1 AND window_start = date_trunc('minute', now())
  ), counted AS (
    INSERT INTO rate_limit_windows (bucket, window_start, hits)
    SELECT $1, date_trunc('minute', now()), $3::int
    FROM (SELECT set_config('synchronous_commit', 'off', true)) AS quick_commit
    WHERE NOT EXISTS (SELECT FROM seen WHERE hits > $2)
    ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + $3::int
    RETURNING hits
  )
  SELECT coalesce((SELECT hits FROM counted), (SELECT hits FROM seen)) AS hits,
         ceil(extract(epoch FROM date_trunc('minute', now()) + interval '1 minute' - now()))::int AS seconds_left`;

export class RateLimitRepository {
  constructor(private readonly manager: EntityManager) {}

  // Counts this hit (`weight` of them: a sender's batch counts each notice) in the current
  // one-minute window, or not once the window holds more than `limit`, and returns the
  // window's total (above `limit`: refuse).
  async hit(bucket: string, limit: number, weight = 1): Promise<{ hits: number; secondsLeft: number }> {
    const rows = await preparedQuery<{ hits: number; seconds_left: number }>(this.manager, HIT, [bucket, limit, weight]);
    return { hits: rows[0].hits, secondsLeft: Math.max(1, rows[0].seconds_left) };
  }

  async deleteExpired(): Promise<void> {
    await this.manager.query(`DELETE FROM rate_limit_windows WHERE window_start < now() - interval '5 minutes'`);
  }
}
