import { EntityManager } from 'typeorm';

// The transparency report's queries: one pass over each table's rows of the period, with
// FILTER aggregates and percentile_cont. Every query takes [$1, $2) as the period.

// Sender kind: a notice filed with a sender organisation's key (src/senders) is that
// organisation's (a trusted flagger's, or another organisation's); any other is an individual's.
export const SENDER_JOIN = `LEFT JOIN sender_keys sk ON sk.id = n.sender_key_id LEFT JOIN sender_organisations so ON so.id = sk.organisation_id`;
export const SENDER_KIND = `CASE WHEN so.kind = 'trusted_flagger' THEN 'trusted_flagger' WHEN so.id IS NOT NULL THEN 'organisation' ELSE 'individual' END`;

export const NOTICES_SQL = `
  SELECT n.type, ${SENDER_KIND} AS "senderKind", count(*)::int AS notices, count(*) FILTER (WHERE n.incomplete_at_filing)::int AS incomplete
  FROM notices n ${SENDER_JOIN}
  WHERE n.received_at >= $1 AND n.received_at < $2
  GROUP BY 1, 2`;

// A decision counts once it took effect: it needed no approval, or was approved. Both scans
// below are index-only scans of the period (idx_decisions_report, idx_decision_items_report:
// the rows carry copies of what would otherwise be joined, migration ReportCoveringIndexes).
const APPROVED = `(SELECT a.decision_id FROM decision_approvals a WHERE a.outcome = 'approved')`;

// Per ground (and overall: ground null), with the time from receipt to the case's first
// decision (one that supersedes nothing).
export const DECISIONS_SQL = `
  SELECT d.ground, count(*)::int AS decisions,
         count(*) FILTER (WHERE d.outcome = 'actioned')::int AS actioned,
         count(*) FILTER (WHERE d.outcome = 'rejected')::int AS rejected,
         count(*) FILTER (WHERE d.supersedes_id IS NULL)::int AS first,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM d.created_at - d.case_received_at)) FILTER (WHERE d.supersedes_id IS NULL) AS "medianSeconds",
         percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM d.created_at - d.case_received_at)) FILTER (WHERE d.supersedes_id IS NULL) AS "p90Seconds"
  FROM decisions d
  WHERE d.created_at >= $1 AND d.created_at < $2 AND (NOT d.requires_approval OR d.id IN ${APPROVED})
  GROUP BY GROUPING SETS ((d.ground), ())`;

export const ACTIONS_SQL = `
  SELECT di.ground, di.action, count(*)::int AS items
  FROM decision_items di
  WHERE di.decided_at >= $1 AND di.decided_at < $2 AND (NOT di.requires_approval OR di.decision_id IN ${APPROVED})
  GROUP BY 1, 2`;

export const AFTERCARE_SQL = `
  SELECT (SELECT count(*) FROM counter_notices WHERE received_at >= $1 AND received_at < $2)::int AS "counterNotices",
         (SELECT count(*) FROM counter_notices WHERE received_at >= $1 AND received_at < $2 AND (completeness->>'complete')::boolean)::int AS "completeCounterNotices",
         (SELECT count(*) FROM events WHERE action = 'case.restored' AND occurred_at >= $1 AND occurred_at < $2)::int AS restorations,
         (SELECT count(*) FROM court_actions WHERE reported_at >= $1 AND reported_at < $2)::int AS "litigationHolds"`;

export const APPEALS_SQL = `
  SELECT count(*) FILTER (WHERE created_at >= $1 AND created_at < $2)::int AS received,
         count(*) FILTER (WHERE created_at >= $1 AND created_at < $2 AND appellant = 'notifier')::int AS "byNotifiers",
         count(*) FILTER (WHERE created_at >= $1 AND created_at < $2 AND appellant = 'author')::int AS "byAuthors",
         count(*) FILTER (WHERE decided_at >= $1 AND decided_at < $2 AND outcome = 'upheld')::int AS upheld,
         count(*) FILTER (WHERE decided_at >= $1 AND decided_at < $2 AND outcome = 'reversed')::int AS reversed,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - created_at)) FILTER (WHERE decided_at >= $1 AND decided_at < $2) AS "medianSeconds"
  FROM appeals
  WHERE (created_at >= $1 AND created_at < $2) OR (decided_at >= $1 AND decided_at < $2)`;

export const SUSPENSIONS_SQL = `
  SELECT count(*)::int AS n FROM misuse_suspensions
  WHERE decided_at >= $1 AND decided_at < $2 AND state IN ('active', 'ended', 'lifted')`;

export const TRANSPARENCY_QUERIES = {
  notices: NOTICES_SQL,
  decisions: DECISIONS_SQL,
  actions: ACTIONS_SQL,
  aftercare: AFTERCARE_SQL,
  appeals: APPEALS_SQL,
  suspensions: SUSPENSIONS_SQL,
} as const;

export interface NoticeRow {
  type: string;
  senderKind: string;
  notices: number;
  incomplete: number;
}
export interface DecisionRow {
  ground: string | null;
  decisions: number;
  actioned: number;
  rejected: number;
  first: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}
export interface ActionRow {
  ground: string;
  action: string;
  items: number;
}
export interface AftercareRow {
  counterNotices: number;
  completeCounterNotices: number;
  restorations: number;
  litigationHolds: number;
}
export interface AppealRow {
  received: number;
  byNotifiers: number;
  byAuthors: number;
  upheld: number;
  reversed: number;
  medianSeconds: number | null;
}

export class TransparencyRepository {
  constructor(private readonly manager: EntityManager) {}

  private run<T>(sql: string, start: Date, end: Date): Promise<T[]> {
    return this.manager.query(sql, [start, end]);
  }

  countNotices(start: Date, end: Date): Promise<NoticeRow[]> {
    return this.run(NOTICES_SQL, start, end);
  }

  summariseDecisions(start: Date, end: Date): Promise<DecisionRow[]> {
    return this.run(DECISIONS_SQL, start, end);
  }

  countActions(start: Date, end: Date): Promise<ActionRow[]> {
    return this.run(ACTIONS_SQL, start, end);
  }

  async countAftercare(start: Date, end: Date): Promise<AftercareRow> {
    return (await this.run<AftercareRow>(AFTERCARE_SQL, start, end))[0];
  }

  async summariseAppeals(start: Date, end: Date): Promise<AppealRow> {
    return (await this.run<AppealRow>(APPEALS_SQL, start, end))[0];
  }

  // Suspensions for misuse (DSA Art. 23, src/misuse) that legal confirmed in the period
  // (proposals declined or still open are not suspensions).
  async countMisuseSuspensions(start: Date, end: Date): Promise<number> {
    return (await this.run<{ n: number }>(SUSPENSIONS_SQL, start, end))[0].n;
  }
}
