import { DeskError } from '../common/desk-error';
import { can } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import type { CaseStatus } from './case.entity';
import { availableActions, StaffAction } from './case-workflow';

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
export function actionsFor(actor: Actor, filed: { status: CaseStatus; assigneeId: string | null; duplicateLink?: string | null }, pendingDecidedBy: string | null): StaffAction[] {
  if (!mayActOn(actor, filed.assigneeId)) return [];
  const actions = availableActions(filed.status, actor.role).filter((action) => action !== 'keep_apart' || filed.duplicateLink === 'open');
  return pendingDecidedBy === actor.id ? actions.filter((action) => action !== 'approve' && action !== 'reject_approval') : actions;
}
