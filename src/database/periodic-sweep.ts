import { Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicJob, startPeriodicJob } from './job-queue';

export interface SweepSchedule {
  // The pg-boss queue.
  name: string;
  everySeconds: number;
  // Names the run in the warning when a request cannot be queued ("a sealing run").
  what: string;
  pollingIntervalSeconds?: number;
  // A run left active by an instance that crashed holds the queue's one active place
  // (stately) until it expires; upkeep fails it within expireInSeconds + maintenance
  // (default 2 + ½ minutes: with 15 minutes, sealing once stopped that long after a crash
  // in mid-run). A run that really takes longer is failed too but goes on; the next run
  // finds the work's own lock taken, or SKIP LOCKED rows, and does nothing twice.
  expireInSeconds?: number;
  maintenanceIntervalSeconds?: number;
}

// A sweep that runs about every `everySeconds` across all instances, through the process's
// shared pg-boss (startPeriodicJob): every instance asks for a run each interval, throttled
// to one across them on a 'stately' queue, and a start asks at once, so work that fell due
// while the desk was down runs when it is back. Subclasses say when (schedule(), null when
// a setting turns the sweep off) and what (run()); runs must be safe to overlap.
export abstract class PeriodicSweep implements OnModuleInit, OnModuleDestroy {
  private job: PeriodicJob | null = null;

  protected constructor(
    private readonly sweepDataSource: DataSource,
    protected readonly logger: Logger,
  ) {}

  protected abstract schedule(): SweepSchedule | null;

  protected abstract run(): Promise<unknown>;

  async onModuleInit(): Promise<void> {
    const schedule = this.schedule();
    if (!schedule) return;
    const { expireInSeconds = 120, maintenanceIntervalSeconds = 30, pollingIntervalSeconds = 2, ...rest } = schedule;
    const queue = { policy: 'stately', retryLimit: 0, expireInSeconds, maintenanceIntervalSeconds, pollingIntervalSeconds, ...rest } as const;
    this.job = await startPeriodicJob(this.sweepDataSource, queue, () => this.run(), this.logger);
  }

  async onModuleDestroy(): Promise<void> {
    const job = this.job;
    this.job = null;
    await job?.stop();
  }

  // A run now, outside the interval's throttle (operators, tests).
  async requestNow(): Promise<void> {
    await this.job?.requestNow();
  }
}
