import type { CaseStatus } from './case.entity';

// What the notifier may do through their tracking link. The staff workflow's full
// transition table (DESIGN.md §3) grows here as data, in this one file.
export const NOTIFIER_TRANSITIONS = {
  supply_info: { from: ['awaiting_info'] as CaseStatus[], to: 'new' as CaseStatus },
  withdraw: { from: ['new', 'awaiting_info', 'in_review', 'escalated'] as CaseStatus[], to: 'withdrawn' as CaseStatus },
} as const;

export type NotifierAction = keyof typeof NOTIFIER_TRANSITIONS;

export function notifierMay(action: NotifierAction, status: CaseStatus): boolean {
  return NOTIFIER_TRANSITIONS[action].from.includes(status);
}

// Statuses shown to the notifier in plain words.
export const STATUS_LABELS: Record<CaseStatus, string> = {
  new: 'Received, waiting for review',
  awaiting_info: 'Waiting for information from you',
  in_review: 'Being reviewed',
  escalated: 'With our legal team',
  pending_approval: 'Decision awaiting approval',
  actioned: 'Decided: action taken',
  rejected: 'Decided: no action taken',
  counter_noticed: 'Counter-notice received',
  restored: 'Content restored',
  litigation_hold: 'On hold: court action',
  appealed: 'Under appeal',
  withdrawn: 'Withdrawn by you',
  duplicate: 'Duplicate of an earlier case',
  lapsed: 'Lapsed: information not supplied in time',
  closed: 'Closed',
};
