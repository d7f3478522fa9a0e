import { ITEM_ACTIONS } from '../cases/decision-item.entity';
import { LEGAL_GROUNDS } from '../cases/decision.entity';
import { csvLine } from '../audit/audit-export';
import { NOTICE_TYPES } from '../notices/completeness';
import type { ActionRow, AftercareRow, AppealRow, DecisionRow, NoticeRow } from './transparency.repository';
import type { ReportPeriod } from './report-period';

// The transparency report (DSA Arts. 15 and 24) as data: what the JSON API answers, the
// CSV lists and the page draws. Pure: the service feeds it the repository's rows.

export const SENDER_KINDS = ['trusted_flagger', 'organisation', 'individual'] as const;

export const LABELS = {
  type: { copyright: 'Copyright', trademark: 'Trade mark', defamation: 'Defamation', privacy: 'Privacy / data protection', other: 'Other illegal content' },
  senderKind: { trusted_flagger: 'Trusted flaggers', organisation: 'Organisations', individual: 'Individuals' },
  ground: {
    copyright_infringement: 'Copyright infringement',
    trademark_infringement: 'Trade mark infringement',
    defamation: 'Defamation',
    data_protection: 'Data protection',
    other_illegal_content: 'Other illegal content',
    not_illegal: 'Not illegal',
    insufficient_information: 'Insufficient information',
    out_of_scope: 'Out of scope',
  },
  action: { remove: 'Removed', restrict: 'Restricted', redact: 'Redacted', no_action: 'No action' },
} as const;

export interface Count<K extends string = string> {
  key: K;
  label: string;
  count: number;
}

export interface TransparencyReport {
  period: { from: string; to: string };
  generatedAt: string;
  notices: { total: number; incompleteAtFiling: number; incompleteShare: number | null; byType: Count[]; bySenderKind: Count[] };
  decisions: {
    total: number;
    actioned: number;
    rejected: number;
    byGround: Array<Count & { actioned: number; rejected: number }>;
    actions: Array<{ ground: string; groundLabel: string; action: string; actionLabel: string; items: number }>;
    itemsByAction: Count[];
    timeToDecision: { decided: number; medianHours: number | null; p90Hours: number | null };
  };
  counterNotices: { received: number; complete: number; restorations: number; litigationHolds: number };
  appeals: { received: number; byNotifiers: number; byAuthors: number; upheld: number; reversed: number; medianDecisionHours: number | null };
  misuse: { suspensions: number };
}

const hours = (seconds: number | null | undefined) => (seconds === null || seconds === undefined ? null : Math.round((Number(seconds) / 3600) * 10) / 10);

function countsOf<K extends string>(keys: readonly K[], labels: Record<K, string>, rows: Array<{ key: string; count: number }>): Count<K>[] {
  return keys.map((key) => ({ key, label: labels[key], count: rows.filter((row) => row.key === key).reduce((sum, row) => sum + row.count, 0) }));
}

export interface ReportRows {
  notices: NoticeRow[];
  decisions: DecisionRow[];
  actions: ActionRow[];
  aftercare: AftercareRow;
  appeals: AppealRow;
  suspensions: number;
}

export function buildTransparencyReport(period: ReportPeriod, rows: ReportRows, now: Date = new Date()): TransparencyReport {
  const total = rows.notices.reduce((sum, row) => sum + row.notices, 0);
  const incomplete = rows.notices.reduce((sum, row) => sum + row.incomplete, 0);
  const overall = rows.decisions.find((row) => row.ground === null);
  const grounds = rows.decisions.filter((row) => row.ground !== null);
  return {
    period: { from: period.from, to: period.to },
    generatedAt: now.toISOString(),
    notices: {
      total,
      incompleteAtFiling: incomplete,
      incompleteShare: total ? Math.round((incomplete / total) * 1000) / 1000 : null,
      byType: countsOf(
        NOTICE_TYPES,
        LABELS.type,
        rows.notices.map((row) => ({ key: row.type, count: row.notices })),
      ),
      bySenderKind: countsOf(
        SENDER_KINDS,
        LABELS.senderKind,
        rows.notices.map((row) => ({ key: row.senderKind, count: row.notices })),
      ),
    },
    decisions: {
      total: overall?.decisions ?? 0,
      actioned: overall?.actioned ?? 0,
      rejected: overall?.rejected ?? 0,
      byGround: LEGAL_GROUNDS.map((ground) => {
        const row = grounds.find((candidate) => candidate.ground === ground);
        return { key: ground, label: LABELS.ground[ground], count: row?.decisions ?? 0, actioned: row?.actioned ?? 0, rejected: row?.rejected ?? 0 };
      }),
      actions: rows.actions
        .map((row) => ({
          ground: row.ground,
          groundLabel: LABELS.ground[row.ground as keyof typeof LABELS.ground] ?? row.ground,
          action: row.action,
          actionLabel: LABELS.action[row.action as keyof typeof LABELS.action] ?? row.action,
          items: row.items,
        }))
        .sort((a, b) => a.ground.localeCompare(b.ground) || ITEM_ACTIONS.indexOf(a.action as never) - ITEM_ACTIONS.indexOf(b.action as never)),
      itemsByAction: countsOf(
        ITEM_ACTIONS,
        LABELS.action,
        rows.actions.map((row) => ({ key: row.action, count: row.items })),
      ),
      timeToDecision: { decided: overall?.first ?? 0, medianHours: hours(overall?.medianSeconds), p90Hours: hours(overall?.p90Seconds) },
    },
    counterNotices: {
      received: rows.aftercare.counterNotices,
      complete: rows.aftercare.completeCounterNotices,
      restorations: rows.aftercare.restorations,
      litigationHolds: rows.aftercare.litigationHolds,
    },
    appeals: {
      received: rows.appeals.received,
      byNotifiers: rows.appeals.byNotifiers,
      byAuthors: rows.appeals.byAuthors,
      upheld: rows.appeals.upheld,
      reversed: rows.appeals.reversed,
      medianDecisionHours: hours(rows.appeals.medianSeconds),
    },
    misuse: { suspensions: rows.suspensions },
  };
}

// The report as CSV (RFC 4180): one figure a line, `section,key,value`.
export function transparencyCsv(report: TransparencyReport): string {
  const lines: unknown[][] = [
    ['section', 'key', 'value'],
    ['period', 'from', report.period.from],
    ['period', 'to', report.period.to],
    ['notices', 'total', report.notices.total],
    ['notices', 'incomplete_at_filing', report.notices.incompleteAtFiling],
    ['notices', 'incomplete_share', report.notices.incompleteShare],
    ...report.notices.byType.map((count) => ['notices_by_type', count.key, count.count]),
    ...report.notices.bySenderKind.map((count) => ['notices_by_sender_kind', count.key, count.count]),
    ['decisions', 'total', report.decisions.total],
    ['decisions', 'actioned', report.decisions.actioned],
    ['decisions', 'rejected', report.decisions.rejected],
    ...report.decisions.byGround.map((count) => ['decisions_by_ground', count.key, count.count]),
    ...report.decisions.actions.map((row) => ['items_by_ground_and_action', `${row.ground}/${row.action}`, row.items]),
    ['time_to_decision', 'decided', report.decisions.timeToDecision.decided],
    ['time_to_decision', 'median_hours', report.decisions.timeToDecision.medianHours],
    ['time_to_decision', 'p90_hours', report.decisions.timeToDecision.p90Hours],
    ['counter_notices', 'received', report.counterNotices.received],
    ['counter_notices', 'complete', report.counterNotices.complete],
    ['counter_notices', 'restorations', report.counterNotices.restorations],
    ['counter_notices', 'litigation_holds', report.counterNotices.litigationHolds],
    ['appeals', 'received', report.appeals.received],
    ['appeals', 'by_notifiers', report.appeals.byNotifiers],
    ['appeals', 'by_authors', report.appeals.byAuthors],
    ['appeals', 'upheld', report.appeals.upheld],
    ['appeals', 'reversed', report.appeals.reversed],
    ['appeals', 'median_decision_hours', report.appeals.medianDecisionHours],
    ['misuse', 'suspensions', report.misuse.suspensions],
  ];
  return lines.map((cells) => csvLine(cells)).join('');
}
