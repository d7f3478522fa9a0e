import { DeskError } from '../common/desk-error';
import { can } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import type { CaseStatus } from './case.entity';
import { availableActions, CASE_GUARDS, guardFailure, StaffAction, TRANSITIONS } from './case-workflow';
import type { Case } from './case.entity';

type Actor = Pick<StaffActor, 'id' | 'role'>;

// Only the assignee takes workflow actions on an assigned case, or legal and admin (who
// also reassign it). Notes are not workflow actions: every staff member may add one.
export function mayActOn(actor: Actor, assigneeId: string | null): boolean {
  return assigneeId === null || assigneeId === actor.id || can(actor, 'cases.assign_others');
}

export function requireHolder(actor: Actor, assigneeId: string | null): void {
  if (mayActOn(actor, assigneeId)) return;
  throw new DeskError(
    403,
    'not_assignee',
    'Assigned to someone else',
    'This case is assigned to someone else: only they, or legal or admin, may act on it. You can still add a note.',
  );
}

// What the desk offers this person on the case: the table's actions for their role and
// the status, none on someone else's case, and no approval of their own decision.
// Keeping apart is offered only while a probable-duplicate link is open (src/duplicates).
// Actions whose guard the case row alone answers (a GDPR deadline to extend, an author to
// contact) are offered only when it passes.
export function actionsFor(
  actor: Actor,
  filed: { status: CaseStatus; assigneeId: string | null } & Partial<
    Pick<Case, 'gdprDueAt' | 'gdprExtendedAt' | 'defamationContactDueAt' | 'authorContactedAt' | 'defamationAnswerDueAt'>
  > & {
      duplicateLink?: string | null;
    },
  pendingDecidedBy: string | null,
  now: Date = new Date(),
): StaffAction[] {
  if (!mayActOn(actor, filed.assigneeId)) return [];
  const guardOf = (action: StaffAction) => TRANSITIONS.find((row) => row.action === action && row.requires && CASE_GUARDS.includes(row.requires))?.requires;
  const actions = availableActions(filed.status, actor.role).filter((action) => {
    if (action === 'keep_apart' && filed.duplicateLink !== 'open') return false;
    const guard = guardOf(action);
    return !guard || guardFailure(guard, { ...filed, now }) === null;
  });
  return pendingDecidedBy === actor.id ? actions.filter((action) => action !== 'approve' && action !== 'reject_approval') : actions;
}
