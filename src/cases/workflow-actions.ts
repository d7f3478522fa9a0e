import type { Role } from '../staff/staff-actor';

// The actions of the workflow by who takes them (the table is case-workflow.ts).
export type StaffAction =
  | 'assign'
  | 'unassign'
  | 'start_review'
  | 'request_info'
  | 'escalate'
  | 'decide'
  | 'approve'
  | 'reject_approval'
  | 'close'
  | 'close_lapsed'
  | 'close_duplicate'
  | 'reopen'
  | 'restore'
  | 'decide_appeal'
  | 'extend_gdpr_deadline'
  | 'record_author_contact'
  | 'record_author_answer'
  | 'keep_apart'
  | 'mark_unfounded'
  | 'release_hold';
export type NotifierAction = 'supply_info' | 'correct_notice' | 'withdraw' | 'court_action' | 'appeal' | 'attach_evidence';
export type AuthorAction = 'counter_notice' | 'appeal';
export type SystemAction = 'restore' | 'lapse';
export type WorkflowAction = StaffAction | NotifierAction | AuthorAction | SystemAction;
export type WorkflowActor = Role | 'notifier' | 'author' | 'system';

export const STAFF_ACTIONS: readonly StaffAction[] = [
  'assign',
  'unassign',
  'start_review',
  'request_info',
  'escalate',
  'decide',
  'approve',
  'reject_approval',
  'close',
  'close_lapsed',
  'close_duplicate',
  'reopen',
  'restore',
  'decide_appeal',
  'extend_gdpr_deadline',
  'record_author_contact',
  'record_author_answer',
  'keep_apart',
  'mark_unfounded',
  'release_hold',
];
