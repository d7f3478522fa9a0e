import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicJob, startPeriodicJob } from '../database/job-queue';
import { LapseService } from './lapse.service';
import { RestorationService } from './restoration.service';
import { RestrictionEndService } from './restriction-end.service';

const QUEUE = 'due-clocks';
// Restoration is due on a business day, not to the second: a sweep a minute is plenty.
export const RESTORE_SWEEP_SECONDS = 60;
const RUN_EXPIRY = { retryLimit: 0, expireInSeconds: 120, maintenanceIntervalSeconds: 30 } as const;

// The periodic restoration sweep through pg-boss (like event-seal.job.ts): every instance
// asks for a run each minute, throttled to one across them, and a start-up asks at once,
// so restorations that fell due while the desk was down run when it is back. The sweep
// itself locks each due case with SKIP LOCKED: two overlapping runs restore each case once.
@Injectable()
export class RestorationJob implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('restoration');
  private job: PeriodicJob | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly restoration: RestorationService,
    private readonly lapse: LapseService,
    private readonly restrictionEnds: RestrictionEndService,
  ) {}

  async onModuleInit(): Promise<void> {
    const queue = { name: QUEUE, policy: 'stately', ...RUN_EXPIRY, everySeconds: RESTORE_SWEEP_SECONDS, pollingIntervalSeconds: 2, what: 'a due-clock sweep' } as const;
    this.job = await startPeriodicJob(this.dataSource, queue, () => this.run(), this.logger);
  }

  async onModuleDestroy(): Promise<void> {
    const job = this.job;
    this.job = null;
    await job?.stop();
  }

  // A sweep now, outside the minute's throttle (operators, tests).
  async requestNow(): Promise<void> {
    await this.job?.requestNow();
  }

  // One due-clock sweep: each kind claims its own due rows (SKIP LOCKED, one per transaction).
  async run(now: Date = new Date()): Promise<{ restored: number; lapsed: number; restrictionsEnded: number }> {
    const restored = await this.restoration.sweep(now);
    const lapsed = await this.lapse.sweep(now);
    const restrictionsEnded = await this.restrictionEnds.sweep(now);
    if (restored || lapsed || restrictionsEnded) this.logger.log({ msg: 'due clocks acted', restored, lapsed, restrictionsEnded });
    return { restored, lapsed, restrictionsEnded };
  }
}
