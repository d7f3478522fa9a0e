import { EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';

export class RateLimitRepository {
  constructor(private readonly manager: EntityManager) {}

  // Counts this hit in the current one-minute window and returns the window's total.
  async hit(bucket: string): Promise<{ hits: number; secondsLeft: number }> {
    // Prepared: it runs before every rate-limited request.
    const rows = await preparedQuery<{ hits: number; seconds_left: number }>(
      this.manager,
      `INSERT INTO rate_limit_windows (bucket, window_start, hits)
       VALUES ($1, date_trunc('minute', now()), 1)
       ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
       RETURNING hits, ceil(extract(epoch FROM window_start + interval '1 minute' - now()))::int AS seconds_left`,
      [bucket],
    );
    return { hits: rows[0].hits, secondsLeft: Math.max(1, rows[0].seconds_left) };
  }

  async deleteExpired(): Promise<void> {
    await this.manager.query(`DELETE FROM rate_limit_windows WHERE window_start < now() - interval '5 minutes'`);
  }
}
