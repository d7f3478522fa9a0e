import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { completeNotice, postJson, tokenFrom } from './factories';
import { freePort } from '../src/database/embedded-database';

// The README's start command on a machine with no database: the built desk starts its own
// PostgreSQL, keeps data across restarts, shuts down cleanly on SIGTERM, recovers from a
// `kill -9` that orphaned its PostgreSQL, and refuses a bad setting by name.
const MAIN = path.join(__dirname, '..', 'dist', 'src', 'main.js');

describe('npm start with the embedded PostgreSQL', () => {
  let dataDir: string;
  let port: number;

  beforeAll(async () => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run through \`npm test\` (it builds first)`);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-start-'));
    fs.chmodSync(dataDir, 0o755);
    port = await freePort();
  });

  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps a filed notice across a clean restart and a kill -9', async () => {
    let desk = startDesk({ DESK_DATA_DIR: dataDir, PORT: String(port) });
    await waitForHealth(port, desk);
    const filed = await postJson(`http://127.0.0.1:${port}`, '/api/v1/notices', completeNotice('copyright'));
    expect(filed.status).toBe(201);
    const { reference, trackingUrl } = await filed.json();

    // SIGTERM: the app closes, then PostgreSQL stops; nothing is left running.
    desk.kill('SIGTERM');
    expect(await exitCode(desk)).toBe(0);
    expect(postmasterPid(dataDir)).toBeNull();

    desk = startDesk({ DESK_DATA_DIR: dataDir, PORT: String(port) });
    await waitForHealth(port, desk);
    expect(await trackedReference(port, tokenFrom(trackingUrl))).toBe(reference);

    // kill -9 orphans the postgres child with the folder locked; the next start recovers.
    desk.kill('SIGKILL');
    await exitCode(desk);
    const orphan = postmasterPid(dataDir);
    expect(orphan).not.toBeNull();
    desk = startDesk({ DESK_DATA_DIR: dataDir, PORT: String(port) });
    await waitForHealth(port, desk);
    expect(await trackedReference(port, tokenFrom(trackingUrl))).toBe(reference);
    expect(postmasterPid(dataDir)).not.toBe(orphan);

    desk.kill('SIGINT');
    expect(await exitCode(desk)).toBe(0);
    expect(postmasterPid(dataDir)).toBeNull();
  }, 120_000);

  it('stops at start-up on a bad setting, naming it', async () => {
    const desk = startDesk({ DESK_DATA_DIR: dataDir, PORT: 'eighty', RATE_LIMIT_PER_MINUTE: '-5' });
    let stderr = '';
    desk.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitCode(desk)).toBe(78);
    expect(stderr).toContain('PORT: must be a whole number');
    expect(stderr).toContain('RATE_LIMIT_PER_MINUTE');
  });
});

function startDesk(env: Record<string, string>): ChildProcess {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return spawn(process.execPath, [MAIN], {
    env: { ...inherited, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

async function waitForHealth(port: number, desk: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (desk.exitCode !== null) throw new Error(`desk exited with ${desk.exitCode} before it was ready`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('desk did not become ready in 60 s');
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function trackedReference(port: number, token: string): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/track/${token}`);
  expect(response.status).toBe(200);
  return (await response.json()).reference;
}

function postmasterPid(dataDir: string): number | null {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}
