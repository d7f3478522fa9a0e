import * as fs from 'node:fs';
import * as path from 'node:path';
import { OUT_DIR } from './report';
import { ROOT, runToEnd } from './desk-process';

const AUTOCANNON = path.join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');

export interface LoadResult {
  rps: number;
  total: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  seconds: number;
}

// autocannon's CLI in its own process (so the load generator's CPU is not the server's
// event loop), JSON on stdout.
// `uniqueIds`: autocannon replaces each [<id>] in the body with a new id per request.
export async function autocannon(options: {
  url: string;
  connections: number;
  seconds: number;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  uniqueIds?: boolean;
}): Promise<LoadResult> {
  const args = [AUTOCANNON, '-j', '-n', '-c', String(options.connections), '-d', String(options.seconds), '-m', options.method ?? 'GET'];
  if (options.uniqueIds) args.push('-I');
  if (options.body !== undefined) {
    const file = path.join(OUT_DIR, `body-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify(options.body));
    args.push('-i', file, '-H', 'content-type=application/json');
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}=${value}`);
  args.push(options.url);
  const { code, stdout, stderr } = await runToEnd(process.execPath, args);
  if (code !== 0) throw new Error(`autocannon failed (${code}): ${stderr.slice(-2000)}`);
  const raw = JSON.parse(stdout.slice(stdout.indexOf('{'))) as {
    requests: { average: number; total: number };
    latency: { p50: number; p90: number; p99: number; max: number };
    '2xx': number;
    non2xx: number;
    errors: number;
    timeouts: number;
    duration: number;
  };
  return {
    rps: raw.requests.average,
    total: raw.requests.total,
    ok2xx: raw['2xx'],
    non2xx: raw.non2xx,
    errors: raw.errors,
    timeouts: raw.timeouts,
    p50Ms: raw.latency.p50,
    p90Ms: raw.latency.p90,
    p99Ms: raw.latency.p99,
    maxMs: raw.latency.max,
    seconds: raw.duration,
  };
}
