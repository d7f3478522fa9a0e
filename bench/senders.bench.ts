import type { BenchContext } from './lib/context';
import { DESK_CLI, deskEnv, round, runToEnd } from './lib/desk-process';
import { autocannon } from './lib/load';
import { bulkCopyrightNotice, completeCopyrightNotice } from './lib/notices';
import { fmt, median } from './lib/report';

const BATCH_SIZE = 100;
const BATCH_CONNECTIONS = 8;
const SINGLE_CONNECTIONS = 50;

// A sender organisation's notice: no notifier block (the organisation files), its principal named.
function senderNotice(): Record<string, unknown> {
  const { notifier: _notifier, ...notice } = completeCopyrightNotice();
  return { ...notice, principal: { name: 'Doe Photography Ltd' } };
}

// 5. Filing through a sender key (src/senders): POST /api/v1/notices:batch with 100 notices a
// request, notices/s beside the same notice filed one by one with the key (and the anonymous
// single-notice figure of the intake part, when it ran); then a 1,000-URL notice with the key
// beside the anonymous one (the bulk part).
export async function benchSenders(ctx: BenchContext): Promise<void> {
  const { report, desk, settings } = ctx;
  const key = await senderKey(ctx);
  const headers = { authorization: `Bearer ${key}` };

  ctx.progress(`senders: single notices with a key, ${settings.intakeSeconds} s at ${SINGLE_CONNECTIONS} connections`);
  const single = { url: `${desk.baseUrl}/api/v1/notices`, method: 'POST', body: senderNotice(), headers, connections: SINGLE_CONNECTIONS };
  await autocannon({ ...single, seconds: settings.warmupSeconds });
  const one = await autocannon({ ...single, seconds: settings.intakeSeconds });

  ctx.progress(`senders: batches of ${BATCH_SIZE}, ${settings.intakeSeconds} s at ${BATCH_CONNECTIONS} connections`);
  const batchBody = { notices: Array.from({ length: BATCH_SIZE }, senderNotice) };
  const batch = { url: `${desk.baseUrl}/api/v1/notices:batch`, method: 'POST', body: batchBody, headers, connections: BATCH_CONNECTIONS };
  await autocannon({ ...batch, seconds: settings.warmupSeconds });
  const batches = await autocannon({ ...batch, seconds: settings.intakeSeconds });
  // Every entry of a sample batch must have been filed (207 with 100 × 201).
  const sample = await fetch(batch.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(batchBody) });
  const sampleBody = (await sample.json()) as { accepted?: number };
  if (sample.status !== 207 || sampleBody.accepted !== BATCH_SIZE)
    throw new Error(`batch: expected 207 with ${BATCH_SIZE} filed, got ${sample.status}: ${JSON.stringify(sampleBody).slice(0, 300)}`);

  ctx.progress(`senders: a 1,000-URL notice with a key, ${settings.bulkRuns} runs`);
  const bulkTimings: number[] = [];
  for (let run = 0; run < settings.bulkRuns; run++) {
    const { notifier: _notifier, ...body } = bulkCopyrightNotice(1000, 1000 + run);
    const started = performance.now();
    const response = await fetch(single.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const answer = (await response.json()) as { items?: unknown[] };
    if (response.status !== 201 || answer.items?.length !== 1000) throw new Error(`bulk with a key: got ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
    bulkTimings.push(performance.now() - started);
  }

  const batchNoticesPerSec = batches.rps * BATCH_SIZE;
  const bulkMs = round(median(bulkTimings), 1);
  const anonymousRps = report.results['intake.rps'] as number | undefined;
  const anonymousBulkMs = report.results['bulk.ms'] as number | undefined;
  report.set('senders.batchNoticesPerSec', round(batchNoticesPerSec));
  report.set('senders.batchRequestsPerSec', round(batches.rps, 1));
  report.set('senders.batchP50Ms', batches.p50Ms);
  report.set('senders.batchP99Ms', batches.p99Ms);
  report.set('senders.singleNoticesPerSec', round(one.rps));
  report.set('senders.singleP99Ms', one.p99Ms);
  report.set('senders.bulkMs', bulkMs);
  const failures = batches.non2xx + batches.errors + batches.timeouts + one.non2xx + one.errors + one.timeouts;
  report.row({
    part: 'senders',
    measure: `batch filing with a key (${BATCH_SIZE} a request, ${BATCH_CONNECTIONS} connections)`,
    value: `${fmt(batchNoticesPerSec)} notices/s`,
    baseline: `${fmt(one.rps)} notices/s one by one with the key${anonymousRps ? `, ${fmt(anonymousRps)} anonymous` : ''}`,
    target: '≥ single',
    pass: batchNoticesPerSec >= one.rps && failures === 0,
  });
  report.row({
    part: 'senders',
    measure: 'batch request latency p50 / p99',
    value: `${batches.p50Ms} / ${batches.p99Ms} ms`,
    baseline: `single with key p99 ${one.p99Ms} ms`,
    target: '',
  });
  report.row({
    part: 'senders',
    measure: `1,000-URL notice with a key (median of ${bulkTimings.length})`,
    value: `${fmt(bulkMs)} ms`,
    baseline: anonymousBulkMs ? `${fmt(anonymousBulkMs)} ms without a key` : 'run with --only=bulk,senders to compare',
    target: '≤ 500 ms',
    pass: Math.max(...bulkTimings) <= 500,
  });
  report.detail(
    [
      '## Senders (filing through a key)',
      '',
      `Single: autocannon -c ${SINGLE_CONNECTIONS} -d ${settings.intakeSeconds}, POST /api/v1/notices with \`Authorization: Bearer tds_…\`, a one-URL copyright notice without a notifier block.`,
      `Batch: autocannon -c ${BATCH_CONNECTIONS} -d ${settings.intakeSeconds}, POST /api/v1/notices:batch with ${BATCH_SIZE} such notices.`,
      '',
      '| load | req/s | notices/s | total | non-2xx / errors / timeouts | p50 | p90 | p99 | max |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      `| single, key | ${fmt(one.rps)} | ${fmt(one.rps)} | ${one.total} | ${one.non2xx} / ${one.errors} / ${one.timeouts} | ${one.p50Ms} | ${one.p90Ms} | ${one.p99Ms} | ${one.maxMs} |`,
      `| batch of ${BATCH_SIZE}, key | ${fmt(batches.rps, 1)} | ${fmt(batchNoticesPerSec)} | ${batches.total} | ${batches.non2xx} / ${batches.errors} / ${batches.timeouts} | ${batches.p50Ms} | ${batches.p90Ms} | ${batches.p99Ms} | ${batches.maxMs} |`,
      '',
      `1,000-URL notice with a key (ms): ${bulkTimings.map((t) => fmt(t, 1)).join(', ')}`,
    ].join('\n'),
  );
}

// An admin made with the CLI registers an agency with the highest rate limit and issues it a key.
async function senderKey(ctx: BenchContext): Promise<string> {
  const email = `bench.admin.${Date.now().toString(36)}@freelanews.com`;
  const password = `bench password ${Math.random().toString(36).slice(2)}`;
  const created = await runToEnd(process.execPath, [DESK_CLI, 'users:create', '--email', email, '--name', 'Bench Admin', '--role', 'admin'], {
    env: deskEnv(ctx.target),
    input: `${password}\n`,
  });
  if (created.code !== 0) throw new Error(`users:create failed (${created.code}): ${created.stdout}${created.stderr}`);
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${ctx.desk.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as Record<string, string>;
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(answer).slice(0, 300)}`);
    return answer;
  };
  const { token } = await post('/api/v1/auth/login', { email, password });
  const organisation = await post(
    '/api/v1/senders',
    {
      name: `Bench Agency ${Date.now().toString(36)}`,
      kind: 'agency',
      contactName: 'Rights Desk',
      contactEmail: 'takedowns@rights-desk.example',
      contactAddress: '1 High Street, London',
      contactPhone: '+44 20 7946 0000',
      rateLimitPerMinute: 100_000,
    },
    token,
  );
  return (await post(`/api/v1/senders/${organisation.id}/keys`, { name: 'Bench pipeline' }, token)).key;
}
