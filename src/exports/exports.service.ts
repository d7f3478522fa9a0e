import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { LegalGround } from '../cases/decision.entity';
import type { ItemAction } from '../cases/decision-item.entity';
import { DeskError } from '../common/desk-error';
import type { RequestMeta } from '../common/request-meta';
import { DeskConfig } from '../config/desk-config';
import { Database } from '../database/database.service';
import type { NoticeType } from '../notices/completeness';
import type { ReportPeriod } from '../reports/report-period';
import { requireAccess } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { buildDsaStatement, DsaStatement } from './dsa-statement';
import type { DsaSubmissionState } from './dsa-submission.entity';
import { SchemaError, validateDsaStatement } from './dsa-validator';
import { Cursor, ExportsRepository, StatementRow } from './exports.repository';
import { buildLumenNotice } from './lumen-notice';

const PAGE = 500;

export interface CaseStatement {
  puid: string;
  statement: DsaStatement;
  // What the schema check found (empty: the database should accept it).
  problems: SchemaError[];
  submission: { state: DsaSubmissionState | 'not_queued'; attempts: number; lastError: string | null; submittedAt: Date | null };
}

// A decision item's row as the builder's input.
export function statementOf(row: StatementRow): DsaStatement | null {
  return buildDsaStatement({
    caseReference: row.reference,
    noticeType: row.noticeType as NoticeType,
    senderKind: row.senderKind ?? 'individual',
    ground: row.ground as LegalGround,
    reasons: row.reasons,
    publicNote: row.publicNote,
    decisionOrdinal: row.ordinal,
    appliedAt: new Date(row.approvedAt ?? row.decidedAt),
    item: { position: row.position, action: row.action as ItemAction, territories: row.territories, until: row.until, media: row.media },
    contentPublishedAt: row.publishedAt ? new Date(row.publishedAt) : null,
    noticeReceivedAt: new Date(row.receivedAt),
  });
}

// Keyset pages of a read, one after another, as NDJSON lines. `done` hears how many lines
// were written, and whether all of them (a download broken off ends the stream early).
async function* ndjson<R extends { cursorAt: string }>(
  page: (after: Cursor | null) => Promise<R[]>,
  idOf: (row: R) => string,
  line: (row: R) => unknown,
  done: (count: number, complete: boolean) => Promise<void>,
): AsyncGenerator<string> {
  let after: Cursor | null = null;
  let count = 0;
  let complete = false;
  try {
    for (;;) {
      const rows = await page(after);
      const lines = rows.map(line).filter((value) => value !== null);
      count += lines.length;
      if (lines.length) yield lines.map((value) => `${JSON.stringify(value)}\n`).join('');
      if (rows.length < PAGE) {
        complete = true;
        return;
      }
      const last = rows[rows.length - 1];
      after = { at: last.cursorAt, id: idOf(last) };
    }
  } finally {
    await done(count, complete);
  }
}

type ExportKind = 'dsa_statements' | 'lumen';
const EXPORT_EVENTS = { dsa_statements: 'export.dsa_statements', lumen: 'export.lumen' } as const;

// The exports for outside bodies: statements of reasons (DSA Art. 24(5)) and Lumen
// notices; both streamed, read-only.
@Injectable()
export class ExportsService {
  constructor(
    private readonly db: Database,
    private readonly config: DeskConfig,
  ) {}

  private get repo(): ExportsRepository {
    return new ExportsRepository(this.db.repos.manager);
  }

  dsaStatements(actor: StaffActor, period: ReportPeriod, meta: RequestMeta): Readable {
    requireAccess(actor, 'exports.read');
    const repo = this.repo;
    return Readable.from(
      ndjson(
        (after) => repo.findStatementsInPeriod(period.start, period.end, after, PAGE),
        (row) => row.decisionItemId,
        (row) => statementOf(row),
        (count, complete) => this.recordExport(actor, meta, 'dsa_statements', period, count, complete),
      ),
    );
  }

  // Who exported what, for which period, and how many lines left the desk. Written as the
  // stream ends (the count is known only then), before the response closes.
  private async recordExport(actor: StaffActor, meta: RequestMeta, kind: ExportKind, period: ReportPeriod, count: number, complete: boolean): Promise<void> {
    await this.db.repos.events.append({
      actor: { type: 'staff', id: actor.id, role: actor.role },
      action: EXPORT_EVENTS[kind],
      subject: { type: 'export', id: kind },
      data: { from: period.from, to: period.to, count, complete },
      visibility: 'internal',
      requestId: meta.requestId,
      clientNetwork: meta.network,
    });
  }

  lumenNotices(actor: StaffActor, period: ReportPeriod, meta: RequestMeta): Readable {
    requireAccess(actor, 'exports.read');
    const repo = this.repo;
    const publisherName = this.config.publisherName;
    return Readable.from(
      ndjson(
        (after) => repo.findClosedNotices(period.start, period.end, after, PAGE),
        (row) => row.caseId,
        (row) => ({ notice: buildLumenNotice({ ...row, type: row.type as NoticeType, receivedAt: new Date(row.receivedAt), publisherName }) }),
        (count, complete) => this.recordExport(actor, meta, 'lumen', period, count, complete),
      ),
    );
  }

  async statementsOfCase(actor: StaffActor, reference: string): Promise<{ reference: string; statements: CaseStatement[] }> {
    requireAccess(actor, 'cases.read');
    const found = await this.db.repos.cases.findByReference(reference.trim().toUpperCase());
    if (!found) throw DeskError.notFound(`No case ${reference}.`);
    const rows = await this.repo.findStatementsOfCase(found.id);
    const statements = rows.flatMap((row): CaseStatement[] => {
      const statement = statementOf(row);
      if (!statement) return [];
      return [
        {
          puid: statement.puid,
          statement,
          problems: validateDsaStatement(statement as unknown as Record<string, unknown>),
          submission: {
            state: row.submissionState ?? 'not_queued',
            attempts: row.submissionAttempts ?? 0,
            lastError: row.submissionError,
            submittedAt: row.submittedAt,
          },
        },
      ];
    });
    return { reference: found.reference, statements };
  }
}
