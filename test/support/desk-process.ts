import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';

// The built desk (`npm start`'s dist/src/main.js) as a child process, for tests that kill
// it, kill its PostgreSQL, or run several instances: what an operator would run.
// DESK_MAIN may name another build (one that a concurrent `nest build` cannot delete).
export const DESK_MAIN = process.env.DESK_MAIN ?? path.join(__dirname, '..', '..', 'dist', 'src', 'main.js');

export interface DeskProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  // The last lines the desk wrote (its log and stderr: start-up errors, the first admin's password).
  output(): string;
  exited: Promise<number | null>;
}

export function requireBuiltDesk(): void {
  if (!fs.existsSync(DESK_MAIN)) throw new Error(`${DESK_MAIN} is missing: build first (\`npm run test:reliability\` does)`);
}

// A data folder the embedded PostgreSQL's `postgres` user can reach (not under /root).
export function makeDataDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

export function spawnDesk(port: number, env: Record<string, string>): DeskProcess {
  const { DATABASE_URL: _outer, ...inherited } = process.env;
  const child = spawn(process.execPath, [DESK_MAIN], {
    env: { ...inherited, LOG_LEVEL: 'error', RATE_LIMIT_PER_MINUTE: '0', HOST: '127.0.0.1', PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-50_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, output: () => output, exited };
}

export async function waitForHealth(desk: DeskProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (desk.child.exitCode !== null || desk.child.signalCode !== null) {
      throw new Error(`desk exited (${desk.child.exitCode ?? desk.child.signalCode}) before it was ready:\n${desk.output()}`);
    }
    try {
      const response = await fetch(`${desk.baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`desk did not become ready in ${timeoutMs} ms:\n${desk.output()}`);
}

export function killHard(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

// Stops a desk: SIGTERM, then SIGKILL if it has not exited in time. Returns the exit code
// (-1 when it had to be killed) so that a test can insist on a clean stop.
export async function stopDesk(desk: DeskProcess, graceMs = 20_000): Promise<number | null> {
  if (desk.child.exitCode !== null || desk.child.signalCode !== null) return desk.exited;
  desk.child.kill('SIGTERM');
  const timer = setTimeout(() => killHard(desk.child.pid!), graceMs);
  try {
    return await desk.exited;
  } finally {
    clearTimeout(timer);
  }
}

// The live postmaster of an embedded cluster (from postmaster.pid), or null.
export function postmasterPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// The processes whose parent is `pid` (the backends of a postmaster), from /proc.
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

// A pool on the embedded cluster's `desk` database, from the data folder's cluster.json.
export function embeddedDeskPool(dataDir: string): Pool {
  const { port, password } = JSON.parse(fs.readFileSync(path.join(dataDir, 'cluster.json'), 'utf8')) as { port: number; password: string };
  const pool = new Pool({ host: '127.0.0.1', port, user: 'postgres', password, database: 'desk', max: 4 });
  // The cluster is stopped and killed under it on purpose: idle clients just go away.
  pool.on('error', () => undefined);
  return pool;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
