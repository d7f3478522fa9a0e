import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeskConfig } from '../config/desk-config';
import { PeriodicSweep, SweepSchedule } from '../database/periodic-sweep';
import { EventSealService } from './event-seal.service';

const QUEUE = 'events-seal';

export interface SealRunOutput {
  seals: number;
  events: number;
  startedAt: string;
  finishedAt: string;
}

// Background sealing through pg-boss, safe with any number of instances: every instance
// asks for a run each SEAL_INTERVAL_SECONDS, throttled to one job per interval across all
// of them (singleton slot) on a 'stately' queue (at most one queued and one running); the
// run itself also holds the sealing advisory lock. pg-boss keeps its tables in the
// `pgboss` schema, outside TypeORM's migrations, and upgrades them itself.
@Injectable()
export class EventSealJob extends PeriodicSweep {
  constructor(
    private readonly config: DeskConfig,
    dataSource: DataSource,
    private readonly sealer: EventSealService,
  ) {
    super(dataSource, new Logger('event-seal'));
  }

  protected schedule(): SweepSchedule | null {
    const seconds = this.config.eventLog.sealIntervalSeconds;
    if (seconds <= 0) return null;
    return { name: QUEUE, everySeconds: seconds, pollingIntervalSeconds: Math.max(0.5, Math.min(2, seconds)), what: 'a sealing run' };
  }

  // What a run returns is kept as the job's output (pgboss.job / archive): what it sealed,
  // and when the work itself began and ended. pg-boss's own started_on and completed_on are
  // the start times of the transactions that claimed and completed the job, so a run
  // claimed while the one before it was completing shows a started_on a few milliseconds
  // before that one's completed_on, though it could not start until the other was done.
  protected async run(): Promise<SealRunOutput> {
    const startedAt = new Date().toISOString();
    try {
      const result = await this.sealer.sealPending({ wait: false });
      if (result.seals) this.logger.debug({ msg: 'events sealed', ...result });
      return { ...result, startedAt, finishedAt: new Date().toISOString() };
    } catch (error) {
      // The next run starts from the last seal that committed; /health warns if this lasts.
      this.logger.error({ msg: 'sealing failed', error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }
}
