import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeskConfig } from '../config/desk-config';
import { PeriodicJob, startPeriodicJob } from '../database/job-queue';
import { EventSealService } from './event-seal.service';

const QUEUE = 'events-seal';

export interface SealRunOutput {
  seals: number;
  events: number;
  startedAt: string;
  finishedAt: string;
}

// A run left active by an instance that crashed would hold the queue's one active place
// (stately) until it expires: with 15 minutes, as before, sealing stopped that long after a
// crash in mid-run (seen in the crash tests). Now it is failed within 2½ minutes. A run
// that really takes longer (a backlog of tens of millions of events) is failed too, but it
// goes on sealing, and the run that follows finds the sealing lock taken and stops at once.
const RUN_EXPIRY = { retryLimit: 0, expireInSeconds: 120, maintenanceIntervalSeconds: 30 } as const;

// Background sealing through pg-boss, safe with any number of instances: every instance
// asks for a run each SEAL_INTERVAL_SECONDS, throttled to one job per interval across all
// of them (singleton slot) on a 'stately' queue (at most one queued and one running); the
// run itself also holds the sealing advisory lock. pg-boss keeps its tables in the
// `pgboss` schema, outside TypeORM's migrations, and upgrades them itself.
@Injectable()
export class EventSealJob implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('event-seal');
  private job: PeriodicJob | null = null;

  constructor(
    private readonly config: DeskConfig,
    private readonly dataSource: DataSource,
    private readonly sealer: EventSealService,
  ) {}

  async onModuleInit(): Promise<void> {
    const seconds = this.config.eventLog.sealIntervalSeconds;
    if (seconds <= 0) return;
    const polling = Math.max(0.5, Math.min(2, seconds));
    const queue = { name: QUEUE, policy: 'stately', ...RUN_EXPIRY, everySeconds: seconds, pollingIntervalSeconds: polling, what: 'a sealing run' } as const;
    this.job = await startPeriodicJob(this.dataSource, queue, () => this.run(), this.logger);
  }

  async onModuleDestroy(): Promise<void> {
    const job = this.job;
    this.job = null;
    await job?.stop();
  }

  // What a run returns is kept as the job's output (pgboss.job / archive): what it sealed,
  // and when the work itself began and ended. pg-boss's own started_on and completed_on are
  // the start times of the transactions that claimed and completed the job, so a run
  // claimed while the one before it was completing shows a started_on a few milliseconds
  // before that one's completed_on, though it could not start until the other was done.
  private async run(): Promise<SealRunOutput> {
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
