import { CLOCK_DESCRIPTIONS, computeClock, type ClockName } from '../clocks';
import type { Case, CaseStatus } from './case.entity';
import { checkTransition } from './case-workflow';

// Every clock running on a case, as the case page and GET /api/v1/cases/:reference show
// them: what it waits for, when it is due (in the desk's zone and in UTC), what happens
// then, and whether it is overdue. A clock runs while its column on the case is set (the
// same rule the trigger keeping cases.next_due_at follows, migration CaseClocks).

export interface ClockPanelInput {
  status: CaseStatus;
  dueAt: Date | null;
  slaRemainingSeconds: number | null;
  lapseDueAt: Date | null;
  restoreEarliestAt: Date | null;
  restoreLatestAt: Date | null;
  gdprDueAt: Date | null;
  gdprExtendedAt: Date | null;
  defamationContactDueAt: Date | null;
  authorContactedAt: Date | null;
  defamationAnswerDueAt: Date | null;
  // Restrictions with an end date, not yet lifted.
  restrictionEnds: ReadonlyArray<{ dueAt: Date; articleTitle: string | null }>;
  // The end of the window to appeal the decision in force, when the case may be appealed.
  appealWindowEndsAt: Date | null;
}

export interface ClockInstant {
  at: string;
  // "Mon, 5 Jan 2026, 17:00 GMT (Europe/London)"
  local: string;
  // "2026-01-05 17:00 UTC"
  utc: string;
}

export interface ClockLine {
  clock: ClockName;
  title: string;
  waitsFor: string;
  whenDue: string;
  // Null while the clock stands still (the review clock awaiting the notifier).
  due: ClockInstant | null;
  // Counter-notice restoration: the last business day of the window.
  latest: ClockInstant | null;
  overdue: boolean;
  // "Overdue by 2 days 3 hours" / "3 days 2 hours left" / what a stopped clock keeps.
  status: string;
  note: string | null;
  // Whether it takes part in the case's nearest due clock (the queue's order).
  counted: boolean;
}

export const CLOCK_TITLES: Record<ClockName, string> = {
  review_sla: 'Review deadline',
  curable_lapse: 'Incomplete notice lapses',
  counter_notice_restore: 'Restoration after the counter-notice',
  defamation_contact: 'Contact the author (defamation)',
  defamation_author_answer: "The author's answer (defamation)",
  gdpr_answer: 'Answer to the erasure request (GDPR)',
  appeal_window: 'Appeal window',
  restriction_end: 'Restriction ends',
};

// "2 days 3 hours", "5 hours 10 minutes", "12 minutes".
export function formatSpan(ms: number): string {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (days) return hours ? `${unit(days, 'day')} ${unit(hours, 'hour')}` : unit(days, 'day');
  if (hours) return rest ? `${unit(hours, 'hour')} ${unit(rest, 'minute')}` : unit(hours, 'hour');
  return unit(rest, 'minute');
}

export function clockInstant(at: Date, timeZone: string): ClockInstant {
  const local = new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(at);
  const iso = at.toISOString();
  return { at: iso, local: `${local} (${timeZone})`, utc: `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` };
}

function line(clock: ClockName, due: Date, now: Date, timeZone: string, extra: Partial<ClockLine> = {}): ClockLine {
  const left = due.getTime() - now.getTime();
  const overdue = left < 0 && extra.counted !== false;
  return {
    clock,
    title: CLOCK_TITLES[clock],
    ...CLOCK_DESCRIPTIONS[clock],
    due: clockInstant(due, timeZone),
    latest: null,
    overdue,
    status: overdue ? `Overdue by ${formatSpan(left)}` : `${formatSpan(left)} left`,
    note: null,
    counted: true,
    ...extra,
  };
}

// The running clocks, nearest first; a stopped review clock last.
export function runningClocks(input: ClockPanelInput, now: Date, timeZone: string): ClockLine[] {
  const lines: ClockLine[] = [];
  if (input.dueAt) lines.push(line('review_sla', input.dueAt, now, timeZone));
  if (input.lapseDueAt) lines.push(line('curable_lapse', input.lapseDueAt, now, timeZone));
  if (input.restoreEarliestAt) {
    const latest = input.restoreLatestAt ? clockInstant(input.restoreLatestAt, timeZone) : null;
    lines.push(line('counter_notice_restore', input.restoreEarliestAt, now, timeZone, { latest, note: latest ? `No later than ${latest.local}.` : null }));
  }
  if (input.defamationContactDueAt) lines.push(line('defamation_contact', input.defamationContactDueAt, now, timeZone));
  if (input.defamationAnswerDueAt) {
    const contacted = input.authorContactedAt ? `The author was contacted ${clockInstant(input.authorContactedAt, timeZone).local}.` : null;
    lines.push(line('defamation_author_answer', input.defamationAnswerDueAt, now, timeZone, { note: contacted }));
  }
  if (input.gdprDueAt) {
    const note = input.gdprExtendedAt
      ? `Extended once, on ${clockInstant(input.gdprExtendedAt, timeZone).local}, with reasons sent to the person.`
      : 'Legal may extend it once by two further months, with reasons sent to the person, before it ends.';
    lines.push(line('gdpr_answer', input.gdprDueAt, now, timeZone, { note }));
  }
  for (const end of input.restrictionEnds) {
    lines.push(line('restriction_end', end.dueAt, now, timeZone, { note: end.articleTitle ? `Article: ${end.articleTitle}` : null }));
  }
  // The appeal window waits on the parties, not on the desk: shown, never overdue, not in the queue order.
  if (input.appealWindowEndsAt && input.appealWindowEndsAt.getTime() > now.getTime()) {
    lines.push(line('appeal_window', input.appealWindowEndsAt, now, timeZone, { counted: false }));
  }
  lines.sort((a, b) => a.due!.at.localeCompare(b.due!.at));
  if (!input.dueAt && input.status === 'awaiting_info' && input.slaRemainingSeconds !== null) {
    lines.push({
      clock: 'review_sla',
      title: CLOCK_TITLES.review_sla,
      ...CLOCK_DESCRIPTIONS.review_sla,
      due: null,
      latest: null,
      overdue: false,
      status: `Stopped while the desk waits for the notifier: ${formatSpan(input.slaRemainingSeconds * 1000)} of business time left`,
      note: null,
      counted: false,
    });
  }
  return lines;
}

// The clock the queue orders the case by: the nearest one that counts.
export function nearestClock(lines: readonly ClockLine[]): ClockLine | null {
  return lines.find((entry) => entry.counted) ?? null;
}

// What the panel reads, from a case and what describe() loaded with it: the decisions
// (newest first) for the appeal window, the restrictions still to be lifted with their
// articles' titles.
export function clockPanelInput(
  filed: Case,
  loaded: {
    decisions: ReadonlyArray<{ requiresApproval: boolean; createdAt: Date; approval?: { outcome: string; createdAt: Date } | null }>;
    restrictionEnds: ReadonlyArray<{ dueAt: Date; articleId: string }>;
    articleTitles: ReadonlyMap<string, string>;
  },
): ClockPanelInput {
  const inForce = loaded.decisions.find((decision) => !decision.requiresApproval || decision.approval?.outcome === 'approved');
  const appealable = inForce && checkTransition('appeal', filed.status, 'notifier').allowed;
  const toldAt = inForce ? (inForce.approval?.createdAt ?? inForce.createdAt) : null;
  return {
    status: filed.status,
    dueAt: filed.dueAt,
    slaRemainingSeconds: filed.slaRemainingSeconds,
    lapseDueAt: filed.lapseDueAt,
    restoreEarliestAt: filed.restoreEarliestAt,
    restoreLatestAt: filed.restoreLatestAt,
    gdprDueAt: filed.gdprDueAt,
    gdprExtendedAt: filed.gdprExtendedAt,
    defamationContactDueAt: filed.defamationContactDueAt,
    authorContactedAt: filed.authorContactedAt,
    defamationAnswerDueAt: filed.defamationAnswerDueAt,
    restrictionEnds: loaded.restrictionEnds.map((end) => ({ dueAt: end.dueAt, articleTitle: loaded.articleTitles.get(end.articleId) ?? null })),
    appealWindowEndsAt: appealable && toldAt ? new Date(computeClock('appeal_window', toldAt).due) : null,
  };
}
