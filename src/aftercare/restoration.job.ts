import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PeriodicSweep, SweepSchedule } from '../database/periodic-sweep';
import { LapseService } from './lapse.service';
import { RestorationService } from './restoration.service';
import { RestrictionEndService } from './restriction-end.service';

const QUEUE = 'due-clocks';
// Restoration is due on a business day, not to the second: a sweep a minute is plenty.
export const RESTORE_SWEEP_SECONDS = 60;

// The periodic restoration sweep through pg-boss (like event-seal.job.ts): every instance
// asks for a run each minute, throttled to one across them, and a start-up asks at once,
// so restorations that fell due while the desk was down run when it is back. The sweep
// itself locks each due case with SKIP LOCKED: two overlapping runs restore each case once.
@Injectable()
export class RestorationJob extends PeriodicSweep {
  constructor(
    dataSource: DataSource,
    private readonly restoration: RestorationService,
    private readonly lapse: LapseService,
    private readonly restrictionEnds: RestrictionEndService,
  ) {
    super(dataSource, new Logger('restoration'));
  }

  protected schedule(): SweepSchedule {
    return { name: QUEUE, everySeconds: RESTORE_SWEEP_SECONDS, what: 'a due-clock sweep' };
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
