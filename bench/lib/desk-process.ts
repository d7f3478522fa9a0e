import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../../src/database/embedded-database';

export { freePort };

// Compiled to .bench/build/bench/lib/: the project is four folders up.
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
// The bench runs its own copy of the build: others' `nest build` (npm test) empties dist/
// while they rebuild, which must not pull the desk from under a 20-minute run.
export const APP_DIR = path.join(ROOT, '.bench', 'app');
export const APP_DIST = path.join(APP_DIR, 'dist');
export const DESK_MAIN = path.join(APP_DIST, 'src', 'main.js');
export const DESK_CLI = path.join(APP_DIST, 'src', 'cli.js');

// dist/ as just built, copied to .bench/app/dist; .bench/app/src points at src/ (the desk
// serves its assets from src/web/public) and node_modules resolve from the project.
export function snapshotBuild(): void {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'src', 'main.js'))) throw new Error('dist/src/main.js is missing: run `nest build` first (npm run bench does)');
  fs.rmSync(APP_DIR, { recursive: true, force: true });
  fs.mkdirSync(APP_DIR, { recursive: true });
  fs.cpSync(path.join(ROOT, 'dist'), APP_DIST, { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'src'), path.join(APP_DIR, 'src'));
}

export interface DeskTarget {
  // Embedded PostgreSQL in this folder, or an external database (DATABASE_URL).
  dataDir: string;
  databaseUrl: string | null;
}

export interface RunningProcess {
  pid: number;
  baseUrl: string;
  // From spawn to the first 200 on GET /health.
  readyMs: number;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

// A folder the embedded PostgreSQL's `postgres` OS user can reach (not under /root).
export function tempDataDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `desk-bench-${label}-`));
  fs.chmodSync(dir, 0o755);
  return dir;
}

export function deskEnv(target: DeskTarget, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    DESK_DATA_DIR: target.dataDir,
    RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'warn',
    ...extra,
  };
  if (target.databaseUrl) env.DATABASE_URL = target.databaseUrl;
  else delete env.DATABASE_URL;
  return env;
}

// `node dist/src/main.js` (what `npm start` runs after building), ready when /health answers.
// BENCH_DESK_NODE_ARGS="--cpu-prof --cpu-prof-dir=.bench/profiles" profiles the desk.
export async function startDesk(target: DeskTarget, extra: Record<string, string> = {}): Promise<RunningProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const nodeArgs = (process.env.BENCH_DESK_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return startProcess(process.execPath, [...nodeArgs, DESK_MAIN], deskEnv(target, { PORT: String(port), PUBLIC_BASE_URL: baseUrl, ...extra }), baseUrl, '/health');
}

export async function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv, baseUrl: string, readyPath: string, timeoutMs = 180_000): Promise<RunningProcess> {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log += chunk.toString('utf8');
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = code ?? (signal ? 128 : 0);
      resolve();
    }),
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== null) throw new Error(`${path.basename(args.at(-1) ?? command)} exited with ${exited} before it was ready:\n${log.slice(-4000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`${path.basename(args.at(-1) ?? command)} not ready after ${timeoutMs} ms:\n${log.slice(-4000)}`);
    }
    try {
      // /health also looks at the event log's sealing backlog, slow on a large unsealed log.
      const response = await fetch(`${baseUrl}${readyPath}`, { signal: AbortSignal.timeout(60_000) });
      await response.arrayBuffer();
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  const readyMs = Number(process.hrtime.bigint() - started) / 1e6;
  return {
    pid: child.pid!,
    baseUrl,
    readyMs,
    child,
    output: () => log,
    stop: async () => {
      if (exited !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

// Resident memory of one process (kB), from /proc/<pid>/status.
export function rssKb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

// Samples a process's RSS until stopped; returns the peak and the last value (MB).
export function sampleRss(pid: number, everyMs = 200): { stop(): { peakMb: number; lastMb: number } } {
  let peak = 0;
  let last = 0;
  const take = () => {
    const kb = rssKb(pid);
    if (kb !== null) {
      last = kb;
      peak = Math.max(peak, kb);
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      take();
      return { peakMb: round(peak / 1024, 1), lastMb: round(last / 1024, 1) };
    },
  };
}

// The URL of the desk's database: the embedded cluster remembers its port and password.
export function databaseUrlOf(target: DeskTarget): string {
  if (target.databaseUrl) return target.databaseUrl;
  const state = JSON.parse(fs.readFileSync(path.join(target.dataDir, 'cluster.json'), 'utf8')) as { port: number; password: string };
  return `postgres://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/desk`;
}

// Runs a command to its end; resolves with its exit code and output.
export function runToEnd(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string; inherit?: boolean } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (options.inherit) process.stdout.write(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (options.inherit) process.stderr.write(chunk);
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 0), stdout, stderr }));
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
