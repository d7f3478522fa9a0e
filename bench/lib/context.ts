import type { DeskTarget, RunningProcess } from './desk-process';
import type { Report } from './report';

export interface BenchSettings {
  quick: boolean;
  // 1 = 1,000,000 cases; BENCH_SCALE=0.1 for a tenth.
  scale: number;
  intakeSeconds: number;
  warmupSeconds: number;
  bulkRuns: number;
  queueRequests: number;
  queueWarmup: number;
  startupRuns: { cold: number; warm: number };
  keep: boolean;
  // A data folder kept by an earlier --keep run, measured again.
  reuseDir: string | null;
  parts: Set<string>;
}

export interface BenchContext {
  report: Report;
  settings: BenchSettings;
  target: DeskTarget;
  desk: RunningProcess;
  databaseUrl: string;
  staff: { id: string; token: string };
  progress(line: string): void;
}
