import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CLOCK_TITLES } from '../cases/clock-panel';
import { Database } from '../database/database.service';
import { PeriodicSweep, SweepSchedule } from '../database/periodic-sweep';
import { REMIND_WITHIN_HOURS, STAFF_CLOCKS, UNASSIGNED_CLOCK_ROLES } from './notification-rules';
import { StaffNotifier } from './staff-notifier';

const QUEUE = 'clock-reminders';
// A day's notice needs no precision to the second: a sweep every five minutes.
export const CLOCK_REMINDER_SECONDS = 300;

// Reminds staff of the clocks falling due within a day (notification-rules.ts says who),
// through pg-boss like the due-clock sweep: every instance asks for a run each interval,
// throttled to one across them. Two runs at once are still safe: each reminder has a
// unique key (recipient, case, clock, due time) and is inserted ON CONFLICT DO NOTHING, so
// only the run that wrote a reminder gets it back to e-mail, in the same transaction.
@Injectable()
export class ClockReminderJob extends PeriodicSweep {
  constructor(
    dataSource: DataSource,
    private readonly db: Database,
    private readonly notifier: StaffNotifier,
  ) {
    super(dataSource, new Logger('clock-reminders'));
  }

  protected schedule(): SweepSchedule {
    return { name: QUEUE, everySeconds: CLOCK_REMINDER_SECONDS, what: 'a clock-reminder sweep' };
  }

  // One sweep: the new reminders and their e-mails in one transaction. Returns how many.
  async run(): Promise<number> {
    const reminded = await this.db.transaction(async (tx) => {
      const written = await tx.notifications.insertClockReminders({
        hours: REMIND_WITHIN_HOURS,
        staffClocks: STAFF_CLOCKS,
        rolesByStatus: UNASSIGNED_CLOCK_ROLES as Record<string, readonly string[]>,
        titles: CLOCK_TITLES,
      });
      if (!written.length) return 0;
      const staff = new Map((await tx.notifications.findActiveStaff([...new Set(written.map((note) => note.recipientId))])).map((person) => [person.id, person]));
      for (const note of written) {
        const person = staff.get(note.recipientId);
        if (person) await this.notifier.mail(tx, person, note);
      }
      return written.length;
    });
    if (reminded) this.logger.log({ msg: 'clock reminders written', reminded });
    return reminded;
  }
}
