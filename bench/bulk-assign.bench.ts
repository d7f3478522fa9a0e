import type { BenchContext } from './lib/context';
import { round } from './lib/desk-process';
import { completeCopyrightNotice } from './lib/notices';
import { fmt, percentile } from './lib/report';

const CASES_PER_REQUEST = 50;

// Bulk actions on the queue (POST /api/v1/cases:bulk): an editor assigns 50 fresh cases to
// themself in one request; each case is its own transition, transaction and event. A few
// rounds, each on 50 cases filed just before (not timed).
export async function benchBulkAssign(ctx: BenchContext): Promise<void> {
  const { report, desk, settings, staff, progress } = ctx;
  const rounds = settings.quick ? 3 : 10;
  const timings: number[] = [];
  for (let run = 0; run < rounds; run++) {
    const cases = [];
    for (let i = 0; i < CASES_PER_REQUEST; i++) {
      const filed = await fetch(`${desk.baseUrl}/api/v1/notices`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(completeCopyrightNotice()),
      });
      const body = (await filed.json()) as { reference?: string };
      if (filed.status !== 201 || !body.reference) throw new Error(`filing: expected 201, got ${filed.status}: ${JSON.stringify(body).slice(0, 300)}`);
      cases.push({ reference: body.reference, version: 1 });
    }
    const started = performance.now();
    const response = await fetch(`${desk.baseUrl}/api/v1/cases:bulk`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staff.token}` },
      body: JSON.stringify({ action: 'assign', cases }),
    });
    const answer = (await response.json()) as { done?: number };
    const ms = performance.now() - started;
    if (response.status !== 207 || answer.done !== CASES_PER_REQUEST) {
      throw new Error(`bulk assign: expected 207 with ${CASES_PER_REQUEST} done, got ${response.status}: ${JSON.stringify(answer).slice(0, 500)}`);
    }
    timings.push(ms);
    progress(`bulk-assign: round ${run + 1}/${rounds}: ${fmt(ms)} ms`);
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const p50 = round(percentile(sorted, 50), 1);
  const p95 = round(percentile(sorted, 95), 1);
  report.set('bulkAssign.p50Ms', p50);
  report.set('bulkAssign.p95Ms', p95);
  report.set('bulkAssign.perCaseMs', round(p50 / CASES_PER_REQUEST, 2));
  report.row({
    part: 'bulk-assign',
    measure: `POST /api/v1/cases:bulk, assign ${CASES_PER_REQUEST} cases, to 207 (p50 of ${timings.length})`,
    value: `${fmt(p50)} ms`,
    baseline: `p95 ${fmt(p95)} ms`,
    target: '—',
    pass: true,
  });
  report.detail([`## Bulk assign`, '', `${CASES_PER_REQUEST} cases per request, ${timings.length} rounds (ms): ${timings.map((t) => fmt(t, 1)).join(', ')}`].join('\n'));
}
