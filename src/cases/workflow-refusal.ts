import { DeskError } from '../common/desk-error';
import type { FieldChanges } from '../events/event.entity';
import type { StaffActor } from '../staff/staff-actor';
import type { Case, CaseStatus } from './case.entity';
import type { TransitionCheck } from './case-workflow';

// A refused transition as the problem the API answers.
export function refusal(reason: Exclude<TransitionCheck, { allowed: true }>['reason'], action: string, status: CaseStatus, actor: StaffActor): DeskError {
  switch (reason) {
    case 'forbidden_role':
      return new DeskError(403, 'forbidden_role', 'Not allowed', `Your role (${actor.role}) may not ${action.replace('_', ' ')} a case that is ${status}.`);
    case 'not_decider':
      return new DeskError(403, 'four_eyes', 'A second person must act', 'You took or approved this decision; someone else must decide on it.');
    case 'gdpr_extendable':
      return new DeskError(409, 'gdpr_not_extendable', 'Cannot extend', 'The GDPR answer deadline of a privacy notice can be extended once, before it ends.');
    case 'author_answer_due':
      return new DeskError(409, 'no_author_answer_due', 'No answer due', 'This case has no defamation complaint waiting for the author’s answer.');
    case 'author_contact_due':
      return new DeskError(409, 'no_author_contact_due', 'No contact due', 'This case has no defamation complaint waiting to be passed to the author.');
    case 'assignee_or_unassigned':
      return new DeskError(409, 'assigned_elsewhere', 'Assigned to someone else', 'This case is assigned to someone else; assign it to yourself first.');
    default:
      return new DeskError(422, 'invalid_transition', 'Not possible now', `A case that is ${status} cannot be moved with "${action}".`, [
        { field: 'action', message: `Not allowed from ${status}.` },
      ]);
  }
}

const DIFFED_FIELDS = [
  'status',
  'assigneeId',
  'dueAt',
  'slaRemainingSeconds',
  'restoreEarliestAt',
  'restoreLatestAt',
  'gdprDueAt',
  'defamationContactDueAt',
  'defamationAnswerDueAt',
  'duplicateLink',
  'version',
] as const;

// The case fields a transition changed, for its event.
export function diff(before: Case, after: Case): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of DIFFED_FIELDS) {
    const a = before[field] instanceof Date ? (before[field] as Date).toISOString() : before[field];
    const b = after[field] instanceof Date ? (after[field] as Date).toISOString() : after[field];
    if (a !== b) changes[field] = { before: a ?? null, after: b ?? null };
  }
  return changes;
}
