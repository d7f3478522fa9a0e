import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeskConfig } from '../config/desk-config';
import { PeriodicSweep, SweepSchedule } from '../database/periodic-sweep';
import { DsaSubmissionService } from './dsa-submission.service';

const QUEUE = 'dsa-submissions';

// The periodic submission run through pg-boss (like the due-clock sweep): one run at a time
// across instances, every DSA_TDB_INTERVAL_SECONDS. Off when DSA_TDB_URL is unset.
@Injectable()
export class DsaSubmissionJob extends PeriodicSweep {
  constructor(
    dataSource: DataSource,
    private readonly config: DeskConfig,
    private readonly submissions: DsaSubmissionService,
  ) {
    super(dataSource, new Logger('dsa-submissions'));
  }

  protected schedule(): SweepSchedule | null {
    if (!this.submissions.enabled) return null;
    return { name: QUEUE, everySeconds: this.config.dsaTdb.intervalSeconds, what: 'a DSA statement submission run', expireInSeconds: 900, maintenanceIntervalSeconds: 60 };
  }

  protected run(): Promise<unknown> {
    return this.submissions.run();
  }
}
