import type { Role } from '../staff/staff-actor';
import type { CaseStatus } from './case.entity';

// The review workflow as data (DESIGN.md §3): for each action, the statuses it may start
// from, where it leads, who may take it and what it carries. A row per (action, from-set,
// roles): `decide` on an escalated case needs the legal role, on a case in review it does not.
export type StaffAction = 'assign' | 'unassign' | 'start_review' | 'request_info' | 'escalate' | 'decide' | 'approve' | 'reject_approval' | 'close' | 'reopen';
export type NotifierAction = 'supply_info' | 'withdraw';
export type WorkflowAction = StaffAction | NotifierAction;

// `same` keeps the status; `decision` is settled by the decision's outcome (actioned,
// rejected, or pending_approval when a removal needs a second person).
export type Destination = CaseStatus | 'same' | 'decision' | 'resume';

export interface Transition {
  action: WorkflowAction;
  from: readonly CaseStatus[];
  to: Destination;
  roles: readonly (Role | 'notifier')[];
  payload: readonly string[];
  // Extra conditions checked with the case in hand.
  requires?: 'assignee_or_unassigned' | 'not_decider';
}

const OPEN: readonly CaseStatus[] = ['new', 'awaiting_info', 'in_review', 'escalated', 'pending_approval'];
const STAFF: readonly Role[] = ['editor', 'legal', 'admin'];
const SENIOR: readonly Role[] = ['legal', 'admin'];

export const TRANSITIONS: readonly Transition[] = [
  // Editors assign themselves; assigning someone else needs legal/admin (checked with the payload).
  { action: 'assign', from: OPEN, to: 'same', roles: STAFF, payload: ['assigneeId?'] },
  { action: 'unassign', from: OPEN, to: 'same', roles: STAFF, payload: [] },
  { action: 'start_review', from: ['new'], to: 'in_review', roles: STAFF, payload: [], requires: 'assignee_or_unassigned' },
  { action: 'request_info', from: ['new', 'in_review', 'escalated'], to: 'awaiting_info', roles: STAFF, payload: ['message'] },
  { action: 'escalate', from: ['new', 'in_review'], to: 'escalated', roles: STAFF, payload: ['reason'] },
  { action: 'decide', from: ['new', 'in_review'], to: 'decision', roles: STAFF, payload: ['items', 'ground', 'reasons', 'publicNote?'] },
  { action: 'decide', from: ['escalated'], to: 'decision', roles: SENIOR, payload: ['items', 'ground', 'reasons', 'publicNote?'] },
  { action: 'approve', from: ['pending_approval'], to: 'actioned', roles: SENIOR, payload: [], requires: 'not_decider' },
  { action: 'reject_approval', from: ['pending_approval'], to: 'in_review', roles: SENIOR, payload: ['reason'], requires: 'not_decider' },
  { action: 'close', from: ['actioned', 'rejected', 'withdrawn', 'duplicate', 'lapsed', 'restored'], to: 'closed', roles: STAFF, payload: [] },
  { action: 'reopen', from: ['actioned', 'rejected', 'withdrawn', 'duplicate', 'lapsed', 'closed'], to: 'in_review', roles: ['admin'], payload: ['reason'] },
  // The notifier, through the tracking link. An answer returns the case to review when an
  // editor asked (`resume`: in_review if assigned, else new); an intake gap closes when complete.
  { action: 'supply_info', from: ['awaiting_info'], to: 'resume', roles: ['notifier'], payload: ['(notice fields)', 'answer?'] },
  { action: 'withdraw', from: ['new', 'awaiting_info', 'in_review', 'escalated'], to: 'withdrawn', roles: ['notifier'], payload: ['confirm', 'reason?'] },
];

export type TransitionCheck = { allowed: true; transition: Transition } | { allowed: false; reason: 'unknown_action' | 'invalid_transition' | 'forbidden_role' };

// Allowed from this status at all? Then: by this role? (422 before 403: a transition that
// cannot happen from here is refused whoever asks.)
export function checkTransition(action: string, status: CaseStatus, role: Role | 'notifier'): TransitionCheck {
  const rows = TRANSITIONS.filter((row) => row.action === action);
  if (!rows.length) return { allowed: false, reason: 'unknown_action' };
  const fromHere = rows.filter((row) => row.from.includes(status));
  if (!fromHere.length) return { allowed: false, reason: 'invalid_transition' };
  const permitted = fromHere.find((row) => row.roles.includes(role));
  return permitted ? { allowed: true, transition: permitted } : { allowed: false, reason: 'forbidden_role' };
}

export function notifierMay(action: NotifierAction, status: CaseStatus): boolean {
  return checkTransition(action, status, 'notifier').allowed;
}

// The staff actions a role may take from a status: what the case page offers.
export function availableActions(status: CaseStatus, role: Role): StaffAction[] {
  const actions = TRANSITIONS.filter((row) => row.from.includes(status) && row.roles.includes(role)).map((row) => row.action);
  return [...new Set(actions)].filter((action): action is StaffAction => action !== 'supply_info' && action !== 'withdraw');
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

export const OPEN_STATUSES = OPEN;
