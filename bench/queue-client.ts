// The queue benchmark's client, in its own process: GETs each path in turn (warm-up
// first), `concurrency` requests in flight, and prints the latencies as JSON on stdout.
// Input: one JSON argument { baseUrl, token, paths, warmup, requests, concurrency }.
interface Job {
  baseUrl: string;
  token: string;
  paths: string[];
  warmup: number;
  requests: number;
  concurrency: number;
}

interface PathResult {
  path: string;
  latenciesMs: number[];
  failures: Array<{ status: number; body: string }>;
  rows: number | null;
}

async function measure(job: Job, path: string): Promise<PathResult> {
  const url = `${job.baseUrl}${path}`;
  const headers = { authorization: `Bearer ${job.token}`, accept: 'application/json' };
  const result: PathResult = { path, latenciesMs: [], failures: [], rows: null };
  const once = async (record: boolean) => {
    const started = performance.now();
    const response = await fetch(url, { headers });
    const text = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) {
      if (result.failures.length < 3) result.failures.push({ status: response.status, body: text.slice(0, 300) });
      return;
    }
    if (result.rows === null) result.rows = (JSON.parse(text) as { items: unknown[] }).items.length;
    if (record) result.latenciesMs.push(ms);
  };
  const run = async (count: number, record: boolean) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(job.concurrency, count) }, async () => {
        while (next < count) {
          next += 1;
          await once(record);
        }
      }),
    );
  };
  await run(job.warmup, false);
  await run(job.requests, true);
  return result;
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2]) as Job;
  const results: PathResult[] = [];
  for (const path of job.paths) results.push(await measure(job, path));
  process.stdout.write(JSON.stringify(results));
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
