import { Injectable } from '@nestjs/common';
import { DeskError } from '../common/desk-error';
import { Database } from '../database/database.service';
import { parsePeriod, ReportPeriod } from './report-period';
import { buildTransparencyReport, TransparencyReport } from './transparency-report';
import { TransparencyRepository } from './transparency.repository';

// Five reads, each on its own connection, all on one snapshot: the figures agree with
// each other, and the period's scans run side by side.
const CONNECTIONS = 5;

@Injectable()
export class TransparencyService {
  constructor(private readonly db: Database) {}

  // The period from a query string, or a 422 naming the bad dates.
  period(input: { from?: unknown; to?: unknown }): ReportPeriod {
    const { period, errors } = parsePeriod(input);
    if (!period) throw DeskError.validation(errors, 'The period is not valid.');
    return period;
  }

  async report(period: ReportPeriod): Promise<TransparencyReport> {
    const { start, end } = period;
    const rows = await this.db.readSnapshot(CONNECTIONS, async (txs) => {
      const [a, b, c, d, e] = txs.map((tx) => new TransparencyRepository(tx.manager));
      const [notices, decisions, actions, aftercare, appeals, suspensions] = await Promise.all([
        a.countNotices(start, end),
        b.summariseDecisions(start, end),
        c.countActions(start, end),
        d.countAftercare(start, end),
        e.summariseAppeals(start, end),
        e.countMisuseSuspensions(start, end),
      ]);
      return { notices, decisions, actions, aftercare, appeals, suspensions };
    });
    return buildTransparencyReport(period, rows);
  }
}
