import { TRANSITIONS } from '../cases/case-workflow';
import type { CaseStatus } from '../cases/case.entity';
import type { EventName } from '../events/event-names';
import type { NewEvent } from '../events/event.repository';
import type { Role } from '../staff/staff-actor';
import type { NotificationKind } from './notification.entity';

// Who is told what when an event is appended (event.repository.ts calls the hook; the
// notifier in staff-notifier.ts applies this table in the same transaction). An event
// without a row here notifies nobody and costs no query: filing a notice is one of them.
//
// Audiences:
// - new_assignee: the person a case was just assigned to (the event's assigneeId change);
// - approvers: every active staff member whose role may approve a decision (the transition
//   table's `approve` row), the decider excepted (four-eyes);
// - case_holder: whoever holds the case; where the event itself took the case from its
//   holder (an appeal sends the case to the appeals lane), the person who held it.
// The actor of the event is never told about their own action.
export type Audience = 'new_assignee' | 'approvers' | 'case_holder';

export interface NotificationRule {
  kind: Exclude<NotificationKind, 'clock_due'>;
  audience: Audience;
  // Some events notify only in some cases (a decision that needs a second person).
  when?: (event: NewEvent) => boolean;
  // The short text in words: `who` is the acting staff member's name, when staff acted.
  text: (reference: string, who: string | null) => string;
}

const byNotifier = (what: string) => (reference: string) => `The notifier ${what} on case ${reference}.`;

export const NOTIFICATION_RULES: Partial<Record<EventName, NotificationRule>> = {
  'case.assign': {
    kind: 'assigned',
    audience: 'new_assignee',
    text: (reference, who) => `${who ?? 'Someone'} assigned case ${reference} to you.`,
  },
  'decision.recorded': {
    kind: 'approval_needed',
    audience: 'approvers',
    when: (event) => event.data?.requiresApproval === true,
    text: (reference, who) => `${who ?? 'Someone'} proposed a decision on case ${reference} that needs a second person's approval.`,
  },
  'notice.supplemented': { kind: 'notifier_answered', audience: 'case_holder', text: byNotifier('answered or supplied information') },
  'notice.corrected': { kind: 'notifier_answered', audience: 'case_holder', text: byNotifier('corrected the notice') },
  'notice.withdrawn': { kind: 'notifier_answered', audience: 'case_holder', text: byNotifier('withdrew the notice') },
  'case.litigation_hold': { kind: 'notifier_answered', audience: 'case_holder', text: byNotifier('reported a court action') },
  'case.appealed': {
    kind: 'notifier_answered',
    audience: 'case_holder',
    text: (reference) => `An appeal was filed against the decision on case ${reference}; it is back in the queue for someone else to decide.`,
  },
  'attachment.added': {
    kind: 'notifier_answered',
    audience: 'case_holder',
    when: (event) => event.actor.type === 'notifier',
    text: byNotifier('sent evidence'),
  },
  'counter_notice.filed': { kind: 'notifier_answered', audience: 'case_holder', text: (reference) => `The author filed a counter-notice on case ${reference}.` },
};

// The rule an event falls under, if any: a lookup, nothing else (the intake path calls it).
export function ruleFor(event: NewEvent): NotificationRule | null {
  const rule = NOTIFICATION_RULES[event.action];
  if (!rule || !event.caseId) return null;
  return !rule.when || rule.when(event) ? rule : null;
}

// The roles that may approve a pending decision, read from the transition table.
export const APPROVER_ROLES: readonly Role[] = TRANSITIONS.filter((row) => row.action === 'approve').flatMap((row) => row.roles as Role[]);

// The ids the event itself names for an audience (the rest come from the database).
export function assigneeChange(event: NewEvent): { before: string | null; after: string | null } | null {
  const change = event.changes?.assigneeId;
  if (!change) return null;
  const id = (value: unknown) => (typeof value === 'string' ? value : null);
  return { before: id(change.before), after: id(change.after) };
}

// The event's acting staff member, who is never notified of their own act.
export function actingStaffId(event: NewEvent): string | null {
  return event.actor.type === 'staff' ? event.actor.id : null;
}

// Recipients of one event once the database has answered: without the actor, each once.
export function recipientsOf(audience: Audience, event: NewEvent, facts: { holderId: string | null; approverIds: string[] }): string[] {
  const actor = actingStaffId(event);
  let ids: Array<string | null>;
  switch (audience) {
    case 'new_assignee':
      ids = [assigneeChange(event)?.after ?? null];
      break;
    case 'approvers':
      ids = facts.approverIds;
      break;
    case 'case_holder': {
      const change = assigneeChange(event);
      ids = [change ? change.before : facts.holderId];
      break;
    }
  }
  return [...new Set(ids.filter((id): id is string => !!id && id !== actor))];
}

// Clock reminders (clock-reminder.job.ts): a running clock on a case that falls due within
// REMIND_WITHIN_HOURS (or fell due within as many hours, unreminded: "was due") goes to the
// case's assignee, whichever the clock. An unassigned case
// reminds only of the clocks someone must act on (the review deadline, the GDPR answer,
// contacting the author): the roles that can act on it, by status. The clocks the desk acts
// on by itself (a lapse, a restoration, a restriction's end, the author's answer) remind
// only an assignee.
export const REMIND_WITHIN_HOURS = 24;
export const STAFF_CLOCKS = ['review_sla', 'gdpr_answer', 'defamation_contact'] as const;
export const UNASSIGNED_CLOCK_ROLES: Partial<Record<CaseStatus, readonly Role[]>> = {
  new: ['editor', 'legal'],
  awaiting_info: ['editor', 'legal'],
  in_review: ['editor', 'legal'],
  escalated: ['legal'],
  pending_approval: APPROVER_ROLES,
};
