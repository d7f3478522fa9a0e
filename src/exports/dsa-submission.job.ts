import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeskConfig } from '../config/desk-config';
import { PeriodicJob, startPeriodicJob } from '../database/job-queue';
import { DsaSubmissionService } from './dsa-submission.service';

const QUEUE = 'dsa-submissions';
const RUN_EXPIRY = { retryLimit: 0, expireInSeconds: 900, maintenanceIntervalSeconds: 60 } as const;

// The periodic submission run through pg-boss (like the due-clock sweep): one run at a time
// across instances, every DSA_TDB_INTERVAL_SECONDS. Off when DSA_TDB_URL is unset.
@Injectable()
export class DsaSubmissionJob implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('dsa-submissions');
  private job: PeriodicJob | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: DeskConfig,
    private readonly submissions: DsaSubmissionService,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.submissions.enabled) return;
    const queue = {
      name: QUEUE,
      policy: 'stately',
      ...RUN_EXPIRY,
      everySeconds: this.config.dsaTdb.intervalSeconds,
      pollingIntervalSeconds: 2,
      what: 'a DSA statement submission run',
    } as const;
    this.job = await startPeriodicJob(this.dataSource, queue, () => this.submissions.run(), this.logger);
  }

  async onModuleDestroy(): Promise<void> {
    const job = this.job;
    this.job = null;
    await job?.stop();
  }
}
