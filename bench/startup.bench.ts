import * as fs from 'node:fs';
import type { BenchSettings } from './lib/context';
import { createFreshDatabase } from './lib/databases';
import { DeskTarget, round, startDesk, tempDataDir } from './lib/desk-process';
import { fmt, median, Report } from './lib/report';

// 5. `node dist/src/main.js` (what `npm start` runs once built) to the first 200 on
// /health: cold (a new data folder: initdb, migrations, demo articles, first admin) and
// warm (the same folder again).
export async function benchStartup(report: Report, settings: BenchSettings, progress: (line: string) => void): Promise<void> {
  const cold: number[] = [];
  const warm: number[] = [];
  const selfReported: number[] = [];
  for (let run = 0; run < settings.startupRuns.cold; run++) {
    const dataDir = tempDataDir('startup');
    const fresh = process.env.DATABASE_URL ? await createFreshDatabase(process.env.DATABASE_URL, 'startup') : null;
    const target: DeskTarget = { dataDir, databaseUrl: fresh?.url ?? null };
    try {
      progress(`start-up: cold run ${run + 1} (new ${fresh ? 'database' : 'data folder'})`);
      cold.push(await timeStart(target, selfReported));
      if (run === 0) {
        for (let w = 0; w < settings.startupRuns.warm; w++) {
          progress(`start-up: warm run ${w + 1}`);
          warm.push(await timeStart(target, []));
        }
      }
    } finally {
      await fresh?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const coldMs = round(median(cold));
  const warmMs = round(median(warm));
  report.set('startup.coldMs', coldMs);
  report.set('startup.warmMs', warmMs);
  report.set('startup.coldReadyMsLogged', round(median(selfReported)));
  report.row({
    part: 'start-up',
    measure: `cold: new ${process.env.DATABASE_URL ? 'database' : 'data folder'} to ready (median of ${cold.length})`,
    value: `${fmt(coldMs)} ms`,
    baseline: `desk's own readyMs ${fmt(median(selfReported))}`,
    target: '',
  });
  report.row({ part: 'start-up', measure: `warm: same data to ready (median of ${warm.length})`, value: `${fmt(warmMs)} ms`, baseline: '', target: '' });
  report.detail(
    [
      '## Start-up',
      '',
      'From spawning `node dist/src/main.js` to the first 200 on `GET /health` (the build that `npm start` runs first is not counted).',
      '',
      `- cold (ms): ${cold.map((ms) => fmt(ms)).join(', ')}; the desk's own \`readyMs\` log: ${selfReported.map((ms) => fmt(ms)).join(', ')}`,
      `- warm (ms): ${warm.map((ms) => fmt(ms)).join(', ')}`,
    ].join('\n'),
  );
}

async function timeStart(target: DeskTarget, selfReported: number[]): Promise<number> {
  const desk = await startDesk(target, { LOG_LEVEL: 'info' });
  const readyMs = desk.readyMs;
  // Give the ready log line a moment to arrive, then stop cleanly (the desk stops PostgreSQL).
  await new Promise((resolve) => setTimeout(resolve, 100));
  const logged = /"readyMs":(\d+)/.exec(desk.output());
  if (logged) selfReported.push(Number(logged[1]));
  await desk.stop();
  return readyMs;
}
