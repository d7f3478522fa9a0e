import type { BenchContext } from './lib/context';
import { queryOnce } from './lib/databases';
import { round } from './lib/desk-process';
import { autocannon } from './lib/load';
import { completeCopyrightNotice } from './lib/notices';
import { fmt, median } from './lib/report';

const CONNECTIONS = 50;
// Sealing every second while it is on: five times the production default (5 s), so that
// every measured window holds several sealing runs.
const SEAL_EVERY_SECONDS = '1';

// What background sealing costs intake (the event-log issue: ≤ 10 %): the intake load of
// benchIntake on the desk with the sealing job on and off, in turns ordered on, off, off,
// on, on, off, so that drift (the tables growing, other load on the machine) falls on both
// sides alike; each side's figure is its median turn (one noisy turn moves a mean of two by
// as much as the target). The desk is restarted for each turn; `restart` leaves ctx.desk
// pointing at the new one.
export async function benchSealingCost(ctx: BenchContext, restart: (env: Record<string, string>) => Promise<void>): Promise<void> {
  const { report, settings } = ctx;
  const rounds = settings.quick ? 1 : 3;
  const body = completeCopyrightNotice();
  const on: number[] = [];
  const off: number[] = [];
  let sealsWhileOn = 0;
  let eventsSealedWhileOn = 0;
  for (let round = 0; round < rounds; round++) {
    for (const sealing of round % 2 === 0 ? [true, false] : [false, true]) {
      ctx.progress(`sealing cost: intake with the sealing job ${sealing ? `on (every ${SEAL_EVERY_SECONDS} s)` : 'off'}, turn ${round + 1} of ${rounds}`);
      await restart({ SEAL_INTERVAL_SECONDS: sealing ? SEAL_EVERY_SECONDS : '0' });
      const url = `${ctx.desk.baseUrl}/api/v1/notices`;
      await autocannon({ url, method: 'POST', body, connections: CONNECTIONS, seconds: settings.warmupSeconds });
      const before = await sealCounts(ctx.databaseUrl);
      const result = await autocannon({ url, method: 'POST', body, connections: CONNECTIONS, seconds: settings.intakeSeconds });
      const after = await sealCounts(ctx.databaseUrl);
      (sealing ? on : off).push(result.rps);
      if (sealing) {
        sealsWhileOn += after.seals - before.seals;
        eventsSealedWhileOn += after.sealed - before.sealed;
      }
    }
  }
  const alone = median(off);
  const withSealing = median(on);
  const costPct = round(((alone - withSealing) / alone) * 100, 1);
  report.set('intake.sealingOffRps', round(alone));
  report.set('intake.sealingOnRps', round(withSealing));
  report.set('intake.sealingCostPct', costPct);
  report.set('intake.sealsDuringLoad', sealsWhileOn);
  report.row({
    part: 'events',
    measure: 'intake cost of background sealing',
    value: `${fmt(costPct, 1)} %`,
    baseline: `${fmt(alone)} notices/s off → ${fmt(withSealing)} on`,
    target: '≤ 10 %',
    pass: costPct <= 10,
  });
  report.detail(
    [
      '## Intake with and without background sealing',
      '',
      `The intake load (${CONNECTIONS} connections, ${settings.intakeSeconds} s after ${settings.warmupSeconds} s of warm-up) on a desk restarted for each turn,`,
      `the sealing job every ${SEAL_EVERY_SECONDS} s or off, in turns (medians compared): on ${on.map((rps) => fmt(rps)).join(', ')}; off ${off.map((rps) => fmt(rps)).join(', ')} notices/s.`,
      `While it was on, the job wrote ${sealsWhileOn} seals over ${fmt(eventsSealedWhileOn)} events inside the measured windows.`,
    ].join('\n'),
  );
}

async function sealCounts(databaseUrl: string): Promise<{ seals: number; sealed: number }> {
  const [row] = await queryOnce<{ seals: number; sealed: number }>(databaseUrl, 'SELECT count(*)::int AS seals, coalesce(sum(event_count), 0)::int AS sealed FROM event_seals');
  return row;
}
