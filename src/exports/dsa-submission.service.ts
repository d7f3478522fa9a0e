import { Injectable, Logger } from '@nestjs/common';
import { DeskConfig } from '../config/desk-config';
import { Database, Repositories } from '../database/database.service';
import type { EventRepository } from '../events/event.repository';
import type { DsaStatement } from './dsa-schema';
import { validateDsaStatement } from './dsa-validator';
import { ExportsRepository } from './exports.repository';
import { statementOf } from './exports.service';

export const DSA_BATCH = 100;
const QUEUE_PAGE = 500;
// Batches per run: a backlog drains over several runs rather than in one long one.
const MAX_BATCHES_PER_RUN = 20;
const TIMEOUT_MS = 30_000;

export interface SubmissionRun {
  queued: number;
  invalid: number;
  submitted: number;
  retrying: number;
  failed: number;
}

type Answer = { ok: true } | { ok: false; refused: boolean; error: string };
type Due = Array<{ id: string; puid: string; statement: DsaStatement; attempts: number }>;

const SYSTEM = { type: 'system' as const, id: null };

// One event per batch, not per statement, to keep the log lean: how many went in, and the
// statements given up on (refused, out of attempts, or failing our schema check) by puid.
async function recordBatch(events: EventRepository, submitted: string[], failed: Array<{ puid: string; error: string }>, stage: 'submission' | 'schema_check') {
  if (submitted.length) {
    await events.append({
      actor: SYSTEM,
      action: 'dsa_tdb.batch_submitted',
      subject: { type: 'dsa_submission', id: 'batch' },
      data: { count: submitted.length, first: submitted[0], last: submitted[submitted.length - 1] },
      visibility: 'internal',
    });
  }
  if (failed.length) {
    await events.append({
      actor: SYSTEM,
      action: 'dsa_tdb.statements_failed',
      subject: { type: 'dsa_submission', id: 'batch' },
      data: { count: failed.length, stage, puids: failed.map((row) => row.puid), firstError: failed[0].error.slice(0, 300) },
      visibility: 'internal',
    });
  }
}

// Sends the statements of reasons to the DSA Transparency Database: new restricting
// decision items become `pending` rows (or `invalid`, when our schema check refuses them),
// then due rows go in batches of up to 100. A refused batch (422) is sent again one by one,
// so one bad statement does not hold back the others; a refused statement is `failed` with
// the database's answer; network errors and other statuses are tried again later.
@Injectable()
export class DsaSubmissionService {
  private readonly logger = new Logger('dsa-submissions');

  constructor(
    private readonly db: Database,
    private readonly config: DeskConfig,
  ) {}

  get enabled(): boolean {
    return this.config.dsaTdb.url !== null;
  }

  async run(now: Date = new Date()): Promise<SubmissionRun> {
    const result: SubmissionRun = { queued: 0, invalid: 0, submitted: 0, retrying: 0, failed: 0 };
    if (!this.enabled) return result;
    await this.queueNew(now, result);
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const sent = await this.db.transaction(async (tx) => {
        const repo = new ExportsRepository(tx.manager);
        const due = await repo.lockDueSubmissions(now, DSA_BATCH);
        if (!due.length) return false;
        await this.send(repo, tx.events, due, now, result);
        return true;
      });
      if (!sent) break;
    }
    if (result.queued || result.submitted || result.failed || result.retrying) this.logger.log({ msg: 'DSA statements', ...result });
    return result;
  }

  // A page at a time, each in one transaction with its event (the statements refused by our check).
  private async queueNew(now: Date, result: SubmissionRun): Promise<void> {
    while (await this.db.transaction((tx) => this.queuePage(tx, now, result)));
  }

  private async queuePage(tx: Repositories, now: Date, result: SubmissionRun): Promise<boolean> {
    const repo = new ExportsRepository(tx.manager);
    const rows = await repo.findStatementsToSubmit(QUEUE_PAGE);
    const submissions = rows.flatMap((row) => {
      const statement = statementOf(row);
      if (!statement) return [];
      const problems = validateDsaStatement(statement as unknown as Record<string, unknown>);
      return [
        {
          puid: statement.puid,
          caseId: row.caseId,
          decisionId: row.decisionId,
          decisionItemId: row.decisionItemId,
          statement,
          state: problems.length ? ('invalid' as const) : ('pending' as const),
          lastError: problems.length ? problems.map((p) => `${p.field}: ${p.message}`).join(' ') : null,
        },
      ];
    });
    await repo.insertSubmissions(submissions, now);
    const invalid = submissions.filter((row) => row.state === 'invalid').map((row) => ({ puid: row.puid, error: row.lastError ?? '' }));
    await recordBatch(tx.events, [], invalid, 'schema_check');
    result.queued += submissions.length - invalid.length;
    result.invalid += invalid.length;
    return rows.length === QUEUE_PAGE && submissions.length > 0;
  }

  private async send(repo: ExportsRepository, events: EventRepository, due: Due, now: Date, result: SubmissionRun): Promise<void> {
    const answer = await this.post('/api/v1/statements', { statements: due.map((row) => row.statement) });
    const submitted: string[] = [];
    const failed: Array<{ puid: string; error: string }> = [];
    if (answer.ok) {
      await repo.markSubmitted(
        due.map((row) => row.id),
        now,
      );
      submitted.push(...due.map((row) => row.puid));
    } else {
      await this.sendOneByOne(repo, due, answer, now, submitted, failed);
    }
    result.retrying += due.length - submitted.length - failed.length;
    result.submitted += submitted.length;
    result.failed += failed.length;
    await recordBatch(events, submitted, failed, 'submission');
  }

  // A refused batch is sent again statement by statement; any other failure stands for each.
  private async sendOneByOne(
    repo: ExportsRepository,
    due: Due,
    answer: Extract<Answer, { ok: false }>,
    now: Date,
    submitted: string[],
    failed: Array<{ puid: string; error: string }>,
  ): Promise<void> {
    for (const row of due) {
      const single = answer.refused && due.length > 1 ? await this.post('/api/v1/statement', row.statement) : answer;
      if (single.ok) {
        await repo.markSubmitted([row.id], now);
        submitted.push(row.puid);
        continue;
      }
      const attempt = row.attempts + 1;
      const retryAt = single.refused || attempt >= this.config.dsaTdb.maxAttempts ? null : new Date(now.getTime() + this.retryDelay(attempt) * 1000);
      await repo.markAttemptFailed(row.id, single.error, retryAt, now);
      if (!retryAt) failed.push({ puid: row.puid, error: single.error });
    }
  }

  private retryDelay(attempt: number): number {
    const waits = this.config.dsaTdb.retrySeconds;
    return waits[Math.min(attempt, waits.length) - 1];
  }

  private async post(path: string, body: unknown): Promise<Answer> {
    const { url, token } = this.config.dsaTdb;
    try {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = (await response.text()).slice(0, 1000);
      if (response.ok) return { ok: true };
      return { ok: false, refused: response.status === 422, error: `HTTP ${response.status}: ${text}` };
    } catch (error) {
      return { ok: false, refused: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
