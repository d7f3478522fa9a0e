import { AppealDto } from '../aftercare/dto/appeal.dto';
import { CounterNoticeDto } from '../aftercare/dto/counter-notice.dto';
import { CourtActionDto } from '../aftercare/dto/court-action.dto';
import { CorrectNoticeDto } from '../notices/dto/correct-notice.dto';
import { SupplementNoticeDto, WithdrawNoticeDto } from '../notices/dto/supplement-notice.dto';
import type { Role } from '../staff/staff-actor';
import type { AuthorAction, NotifierAction, StaffAction, WorkflowAction, WorkflowActor } from './workflow-actions';
import { STAFF_ACTIONS } from './workflow-actions';
import { ExtendGdprDeadlineDto, RecordAuthorAnswerDto, RecordAuthorContactDto } from './dto/clock-actions.dto';
import { ApproveDto, AssignDto, DecideAppealDto, DecideDto, DuplicateDto, MessageDto, NoPayload, ReasonDto, TransitionDto } from './dto/transition.dto';
import type { CaseStatus } from './case.entity';

// The workflow as data (DESIGN.md §3): for each action, the statuses it may start from,
// where it leads, who may take it (staff roles, the notifier through the tracking link,
// the author through the response link, or the desk itself), what it carries and the
// condition checked with the case in hand. A row per (action, from-set, actors): `decide`
// on an escalated case needs the legal role, on a case in review it does not.
export { STAFF_ACTIONS } from './workflow-actions';
export type { AuthorAction, NotifierAction, StaffAction, SystemAction, WorkflowAction, WorkflowActor } from './workflow-actions';

// `same` keeps the status; `decision` is settled by the decision's outcome (actioned,
// rejected, or pending_approval when a removal needs a second person); `resume` returns
// to review; `appeal_outcome` is the decided appeal's (the status before, or a new one).
export type Destination = CaseStatus | 'same' | 'decision' | 'resume' | 'appeal_outcome';

// Conditions checked with the case in hand (guardFailure below).
export type Guard =
  'assignee_or_unassigned' | 'not_decider' | 'restoration_due' | 'lapse_due' | 'within_appeal_window' | 'gdpr_extendable' | 'author_contact_due' | 'author_answer_due';

// Guards the case row answers alone: the case page offers these actions only when they pass.
export const CASE_GUARDS: readonly Guard[] = ['gdpr_extendable', 'author_contact_due', 'author_answer_due'];

export interface Transition {
  action: WorkflowAction;
  from: readonly CaseStatus[];
  to: Destination;
  roles: readonly WorkflowActor[];
  // The DTO that checks what the action carries (staff: validated by the engine from this
  // row; the notifier's and author's routes take the same class, checked by the spec).
  payload: new () => object;
  requires?: Guard;
}

const OPEN: readonly CaseStatus[] = ['new', 'awaiting_info', 'in_review', 'escalated', 'pending_approval'];
const STAFF: readonly Role[] = ['editor', 'legal', 'admin'];
const SENIOR: readonly Role[] = ['legal', 'admin'];
// A decision that took effect (or was followed by a restoration) may be appealed.
const APPEALABLE: readonly CaseStatus[] = ['actioned', 'rejected', 'restored', 'closed'];

export const TRANSITIONS: readonly Transition[] = [
  // Editors assign themselves; assigning someone else needs legal/admin (checked with the payload).
  { action: 'assign', from: [...OPEN, 'appealed'], to: 'same', roles: STAFF, payload: AssignDto },
  { action: 'unassign', from: [...OPEN, 'appealed'], to: 'same', roles: STAFF, payload: TransitionDto },
  { action: 'start_review', from: ['new'], to: 'in_review', roles: STAFF, payload: TransitionDto, requires: 'assignee_or_unassigned' },
  { action: 'request_info', from: ['new', 'in_review', 'escalated'], to: 'awaiting_info', roles: STAFF, payload: MessageDto },
  // An incomplete notice may still call for action: staff decide, escalate or close it.
  { action: 'escalate', from: ['new', 'awaiting_info', 'in_review'], to: 'escalated', roles: STAFF, payload: ReasonDto },
  { action: 'decide', from: ['new', 'awaiting_info', 'in_review'], to: 'decision', roles: STAFF, payload: DecideDto },
  { action: 'decide', from: ['escalated'], to: 'decision', roles: SENIOR, payload: DecideDto },
  { action: 'approve', from: ['pending_approval'], to: 'actioned', roles: SENIOR, payload: ApproveDto, requires: 'not_decider' },
  { action: 'reject_approval', from: ['pending_approval'], to: 'in_review', roles: SENIOR, payload: ReasonDto, requires: 'not_decider' },
  { action: 'close_lapsed', from: ['awaiting_info'], to: 'lapsed', roles: STAFF, payload: TransitionDto },
  { action: 'close_duplicate', from: ['new', 'awaiting_info', 'in_review', 'escalated'], to: 'duplicate', roles: STAFF, payload: DuplicateDto },
  {
    action: 'close',
    from: ['actioned', 'rejected', 'withdrawn', 'duplicate', 'lapsed', 'restored', 'litigation_hold', 'held'],
    to: 'closed',
    roles: STAFF,
    payload: TransitionDto,
  },
  // A probable duplicate (src/duplicates) that staff keep apart: the link is dismissed.
  { action: 'keep_apart', from: OPEN, to: 'same', roles: STAFF, payload: TransitionDto },
  // Misuse (DSA Art. 23, src/misuse): a rejected notice marked manifestly unfounded; a filing
  // held while its sender was suspended is released into the queue by legal.
  { action: 'mark_unfounded', from: ['rejected'], to: 'same', roles: STAFF, payload: ReasonDto },
  { action: 'release_hold', from: ['held'], to: 'new', roles: SENIOR, payload: ReasonDto },
  { action: 'reopen', from: ['actioned', 'rejected', 'withdrawn', 'duplicate', 'lapsed', 'restored', 'closed'], to: 'in_review', roles: ['admin'], payload: ReasonDto },
  // Legal puts material back by hand, at any time after it was actioned.
  { action: 'restore', from: ['actioned', 'counter_noticed', 'litigation_hold', 'closed'], to: 'restored', roles: SENIOR, payload: ReasonDto },
  { action: 'decide_appeal', from: ['appealed'], to: 'appeal_outcome', roles: STAFF, payload: DecideAppealDto, requires: 'not_decider' },
  // GDPR Art. 12(3): legal extends the month to answer, once, before it ends; the reasons go to the person.
  { action: 'extend_gdpr_deadline', from: OPEN, to: 'same', roles: SENIOR, payload: ExtendGdprDeadlineDto, requires: 'gdpr_extendable' },
  // SI 2013/3028: the complaint was passed to the author; their 5 days to answer start.
  { action: 'record_author_contact', from: OPEN, to: 'same', roles: STAFF, payload: RecordAuthorContactDto, requires: 'author_contact_due' },
  // The author answered within their 5 days (consents to removal, or defends the statement):
  // the answer clock stops; the decision follows.
  { action: 'record_author_answer', from: OPEN, to: 'same', roles: STAFF, payload: RecordAuthorAnswerDto, requires: 'author_answer_due' },
  // The notifier, through the tracking link. An answer returns the case to review when an
  // editor asked (`resume`: in_review if assigned, else new); an intake gap closes when complete.
  { action: 'supply_info', from: ['awaiting_info'], to: 'resume', roles: ['notifier'], payload: SupplementNoticeDto },
  // Corrections while the case is open (undecided): the status stays, except that a notice
  // waiting for information which the correction completes returns to the queue (as above).
  { action: 'correct_notice', from: ['new', 'in_review', 'escalated'], to: 'same', roles: ['notifier'], payload: CorrectNoticeDto },
  { action: 'correct_notice', from: ['awaiting_info'], to: 'resume', roles: ['notifier'], payload: CorrectNoticeDto },
  { action: 'withdraw', from: ['new', 'awaiting_info', 'in_review', 'escalated'], to: 'withdrawn', roles: ['notifier'], payload: WithdrawNoticeDto },
  { action: 'court_action', from: ['counter_noticed'], to: 'litigation_hold', roles: ['notifier'], payload: CourtActionDto },
  // Evidence (src/attachments) while the case is still worked or contested; the files are the payload.
  { action: 'attach_evidence', from: [...OPEN, 'appealed', 'counter_noticed', 'litigation_hold'], to: 'same', roles: ['notifier'], payload: NoPayload },
  { action: 'appeal', from: APPEALABLE, to: 'appealed', roles: ['notifier', 'author'], payload: AppealDto, requires: 'within_appeal_window' },
  // The author of a contributed article, through the response link: an incomplete
  // counter-notice is kept and the status stays (`same` unless complete).
  { action: 'counter_notice', from: ['actioned'], to: 'counter_noticed', roles: ['author'], payload: CounterNoticeDto },
  // The desk itself, when the restoration window opens (aftercare/restoration.job.ts).
  { action: 'restore', from: ['counter_noticed'], to: 'restored', roles: ['system'], payload: NoPayload, requires: 'restoration_due' },
  // The desk itself, when a curable notice's 14 days pass unanswered (aftercare/lapse.service.ts).
  { action: 'lapse', from: ['awaiting_info'], to: 'lapsed', roles: ['system'], payload: NoPayload, requires: 'lapse_due' },
];

export type TransitionCheck = { allowed: true; transition: Transition } | { allowed: false; reason: 'unknown_action' | 'invalid_transition' | 'forbidden_role' | Guard };

// What a guard looks at, read with the case locked.
export interface GuardFacts {
  actorId?: string | null;
  assigneeId?: string | null;
  // Who took or approved the decision in question.
  deciderIds?: readonly string[];
  now?: Date;
  restoreEarliestAt?: Date | null;
  lapseDueAt?: Date | null;
  appealWindowEndsAt?: Date | null;
  gdprDueAt?: Date | null;
  gdprExtendedAt?: Date | null;
  defamationContactDueAt?: Date | null;
  authorContactedAt?: Date | null;
  defamationAnswerDueAt?: Date | null;
}

export function guardFailure(guard: Guard | undefined, facts: GuardFacts): Guard | null {
  switch (guard) {
    case undefined:
      return null;
    case 'assignee_or_unassigned':
      return !facts.assigneeId || facts.assigneeId === facts.actorId ? null : guard;
    case 'not_decider':
      return facts.actorId && !(facts.deciderIds ?? []).includes(facts.actorId) ? null : guard;
    case 'restoration_due':
      return facts.restoreEarliestAt && facts.now && facts.restoreEarliestAt <= facts.now ? null : guard;
    case 'lapse_due':
      return facts.lapseDueAt && facts.now && facts.lapseDueAt <= facts.now ? null : guard;
    case 'within_appeal_window':
      return facts.appealWindowEndsAt && facts.now && facts.now <= facts.appealWindowEndsAt ? null : guard;
    case 'gdpr_extendable':
      return facts.gdprDueAt && !facts.gdprExtendedAt && facts.now && facts.now <= facts.gdprDueAt ? null : guard;
    case 'author_contact_due':
      return facts.defamationContactDueAt && !facts.authorContactedAt ? null : guard;
    case 'author_answer_due':
      return facts.defamationAnswerDueAt ? null : guard;
  }
}

// Allowed from this status at all? Then: by this actor? Then: its guard, when the facts
// are given (422 before 403: a transition that cannot happen from here is refused whoever asks).
export function checkTransition(action: string, status: CaseStatus, actor: WorkflowActor, facts?: GuardFacts): TransitionCheck {
  const rows = TRANSITIONS.filter((row) => row.action === action);
  if (!rows.length) return { allowed: false, reason: 'unknown_action' };
  const fromHere = rows.filter((row) => row.from.includes(status));
  if (!fromHere.length) return { allowed: false, reason: 'invalid_transition' };
  const permitted = fromHere.find((row) => row.roles.includes(actor));
  if (!permitted) return { allowed: false, reason: 'forbidden_role' };
  const failed = facts ? guardFailure(permitted.requires, facts) : null;
  return failed ? { allowed: false, reason: failed } : { allowed: true, transition: permitted };
}

export function notifierMay(action: NotifierAction, status: CaseStatus): boolean {
  return checkTransition(action, status, 'notifier').allowed;
}

export function authorMay(action: AuthorAction, status: CaseStatus): boolean {
  return checkTransition(action, status, 'author').allowed;
}

// The DTO that checks a staff action's body (the base DTO names an unknown action).
export function staffPayload(action: unknown): new () => object {
  const row = TRANSITIONS.find((candidate) => candidate.action === action && candidate.roles.some((role) => role !== 'notifier' && role !== 'author' && role !== 'system'));
  return row?.payload ?? TransitionDto;
}

// The staff actions a role may take from a status: what the case page offers.
export function availableActions(status: CaseStatus, role: Role): StaffAction[] {
  const actions = TRANSITIONS.filter((row) => row.from.includes(status) && row.roles.includes(role)).map((row) => row.action);
  return STAFF_ACTIONS.filter((action) => actions.includes(action));
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
  held: 'Kept on record, not processed: your filings are suspended',
};

export const OPEN_STATUSES = OPEN;
