import { EntityManager } from 'typeorm';
import type { DsaStatement } from './dsa-schema';
import type { DsaSubmissionState } from './dsa-submission.entity';

// The exports' reads (statements of reasons, Lumen notices) and the DSA submissions' state.
// Reads go in keyset pages: an export of a year streams without holding it in memory.

// Keyset position: the timestamp as PostgreSQL's text (microseconds kept; a JS Date would
// cut them to milliseconds and read the same row again) and the row's id.
export interface Cursor {
  at: string;
  id: string;
}

// One restricting item of a decision that took effect, with what its statement needs.
export interface StatementRow {
  decisionItemId: string;
  decisionId: string;
  caseId: string;
  reference: string;
  noticeType: string;
  senderKind: string | null;
  ground: string;
  reasons: string;
  publicNote: string | null;
  decidedAt: Date;
  approvedAt: Date | null;
  ordinal: number;
  position: number;
  action: string;
  territories: string[];
  until: string | null;
  media: string | null;
  publishedAt: Date | null;
  receivedAt: Date;
  submissionState: DsaSubmissionState | null;
  submissionAttempts: number | null;
  submissionError: string | null;
  submittedAt: Date | null;
  cursorAt: string;
}

// A notice's sender kind: its sender organisation's (src/senders; a trusted flagger's notice
// is SOURCE_TRUSTED_FLAGGER), else the kind filed with it.
const STATEMENT_SELECT = `
  SELECT di.id AS "decisionItemId", d.id AS "decisionId", c.id AS "caseId", c.reference, n.type AS "noticeType", coalesce(so.kind, n.notifier->>'kind') AS "senderKind",
         d.ground, d.reasons, d.public_note AS "publicNote", d.created_at AS "decidedAt", d.created_at::text AS "cursorAt", ap.created_at AS "approvedAt",
         (SELECT count(*) FROM decisions p WHERE p.case_id = d.case_id AND p.created_at <= d.created_at)::int AS ordinal,
         ni.position, di.action, di.territories, di.until::text AS until, ni.media, a.published_at AS "publishedAt", n.received_at AS "receivedAt",
         s.state AS "submissionState", s.attempts AS "submissionAttempts", s.last_error AS "submissionError", s.submitted_at AS "submittedAt"
  FROM decisions d
  JOIN cases c ON c.id = d.case_id
  JOIN notices n ON n.id = c.notice_id
  LEFT JOIN sender_keys sk ON sk.id = n.sender_key_id
  LEFT JOIN sender_organisations so ON so.id = sk.organisation_id
  JOIN decision_items di ON di.decision_id = d.id AND di.action <> 'no_action'
  JOIN notice_items ni ON ni.id = di.notice_item_id
  LEFT JOIN articles a ON a.id = ni.article_id
  LEFT JOIN decision_approvals ap ON ap.decision_id = d.id AND ap.outcome = 'approved'
  LEFT JOIN dsa_submissions s ON s.decision_item_id = di.id
  WHERE (NOT d.requires_approval OR ap.id IS NOT NULL)`;

export interface LumenRow {
  caseId: string;
  reference: string;
  status: string;
  type: string;
  notifier: { name: string | null; email: string | null; organization: string | null; kind: string | null; address: string | null; phone: string | null; country: string | null };
  principalName: string | null;
  workDescription: string | null;
  workOriginalUrls: string[];
  explanation: string | null;
  jurisdiction: string | null;
  language: string | null;
  details: Record<string, unknown>;
  receivedAt: Date;
  cursorAt: string;
  items: Array<{ url: string; state: string }>;
}

// Cases no longer being worked on: decided and settled, or ended without a decision.
export const CLOSED_STATUSES = ['actioned', 'rejected', 'restored', 'closed', 'withdrawn', 'lapsed', 'duplicate'] as const;

export class ExportsRepository {
  constructor(private readonly manager: EntityManager) {}

  // Statements of decisions made in [start, end), in decision order, after the cursor.
  findStatementsInPeriod(start: Date, end: Date, after: Cursor | null, limit: number): Promise<StatementRow[]> {
    return this.manager.query(
      `${STATEMENT_SELECT}
         AND d.created_at >= $1 AND d.created_at < $2
         AND ($3::timestamptz IS NULL OR (d.created_at, di.id) > ($3::timestamptz, $4::uuid))
       ORDER BY d.created_at, di.id LIMIT $5`,
      [start, end, after?.at ?? null, after?.id ?? null, limit],
    );
  }

  findStatementsOfCase(caseId: string): Promise<StatementRow[]> {
    return this.manager.query(`${STATEMENT_SELECT} AND d.case_id = $1 ORDER BY d.created_at, ni.position`, [caseId]);
  }

  // Restricting items with no submission yet, oldest first. Only decisions from 30 days
  // before the newest submitted one are looked at, so a run does not rescan every decision
  // ever made (a decision approved later than that would be missed; approvals take days).
  findStatementsToSubmit(limit: number): Promise<StatementRow[]> {
    return this.manager.query(
      `${STATEMENT_SELECT}
         AND s.id IS NULL
         AND d.created_at >= coalesce((SELECT max(d2.created_at) FROM dsa_submissions s2 JOIN decisions d2 ON d2.id = s2.decision_id), '-infinity'::timestamptz) - interval '30 days'
       ORDER BY d.created_at, di.id LIMIT $1`,
      [limit],
    );
  }

  async insertSubmissions(
    rows: Array<{ puid: string; caseId: string; decisionId: string; decisionItemId: string; statement: DsaStatement; state: DsaSubmissionState; lastError: string | null }>,
    now: Date,
  ): Promise<void> {
    if (!rows.length) return;
    await this.manager.query(
      `INSERT INTO dsa_submissions (puid, case_id, decision_id, decision_item_id, statement, state, last_error, next_attempt_at)
       SELECT r.puid, r.case_id, r.decision_id, r.decision_item_id, r.statement, r.state, r.last_error, CASE WHEN r.state = 'pending' THEN $2::timestamptz END
       FROM jsonb_to_recordset($1::jsonb) AS r(puid text, case_id uuid, decision_id uuid, decision_item_id uuid, statement jsonb, state text, last_error text)
       ON CONFLICT DO NOTHING`,
      [
        JSON.stringify(
          rows.map((row) => ({
            puid: row.puid,
            case_id: row.caseId,
            decision_id: row.decisionId,
            decision_item_id: row.decisionItemId,
            statement: row.statement,
            state: row.state,
            last_error: row.lastError,
          })),
        ),
        now,
      ],
    );
  }

  // Pending submissions due by `now`, locked for this transaction (other instances skip them).
  lockDueSubmissions(now: Date, limit: number): Promise<Array<{ id: string; puid: string; statement: DsaStatement; attempts: number }>> {
    return this.manager.query(
      `SELECT id, puid, statement, attempts FROM dsa_submissions
       WHERE state = 'pending' AND next_attempt_at <= $1
       ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
  }

  async markSubmitted(ids: string[], now: Date): Promise<void> {
    if (!ids.length) return;
    await this.manager.query(
      `UPDATE dsa_submissions SET state = 'submitted', attempts = attempts + 1, submitted_at = $2, next_attempt_at = NULL, last_error = NULL, updated_at = $2 WHERE id = ANY($1::uuid[])`,
      [ids, now],
    );
  }

  // A failed attempt: tried again at `retryAt`, or `failed` when retryAt is null.
  async markAttemptFailed(id: string, error: string, retryAt: Date | null, now: Date): Promise<void> {
    await this.manager.query(
      `UPDATE dsa_submissions SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3, state = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE state END, updated_at = $4
       WHERE id = $1`,
      [id, error.slice(0, 2000), retryAt, now],
    );
  }

  // Closed notices received in [start, end), oldest first, after the cursor; with their URLs.
  findClosedNotices(start: Date, end: Date, after: Cursor | null, limit: number): Promise<LumenRow[]> {
    return this.manager.query(
      `SELECT c.id AS "caseId", c.reference, c.status, n.type, n.notifier, n.principal_name AS "principalName", n.work_description AS "workDescription",
              n.work_original_urls AS "workOriginalUrls", n.explanation, n.jurisdiction, n.language, n.details, n.received_at AS "receivedAt", n.received_at::text AS "cursorAt",
              (SELECT coalesce(jsonb_agg(jsonb_build_object('url', i.url, 'state', i.state) ORDER BY i.position), '[]') FROM notice_items i WHERE i.notice_id = n.id) AS items
       FROM notices n JOIN cases c ON c.notice_id = n.id
       WHERE n.received_at >= $1 AND n.received_at < $2 AND c.status = ANY($3)
         AND ($4::timestamptz IS NULL OR (n.received_at, c.id) > ($4::timestamptz, $5::uuid))
       ORDER BY n.received_at, c.id LIMIT $6`,
      [start, end, [...CLOSED_STATUSES], after?.at ?? null, after?.id ?? null, limit],
    );
  }
}
