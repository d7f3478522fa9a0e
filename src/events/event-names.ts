// Every event the desk writes, with the label staff read on the case timeline and the
// audit page. NewEvent.action is an EventName: an event without a label does not compile.
export const EVENT_LABELS = {
  'notice.filed': 'Notice filed',
  'notice.supplemented': 'Notifier supplied information',
  'notice.withdrawn': 'Notifier withdrew the notice',
  'case.opened': 'Case opened',
  'case.status_changed': 'Status changed',
  'case.assign': 'Assigned',
  'case.unassign': 'Unassigned',
  'case.start_review': 'Review started',
  'case.request_info': 'Information requested',
  'case.info_requested': 'Question sent to the notifier',
  'case.escalate': 'Escalated',
  'case.escalate_reason': 'Reason for escalation',
  'case.decide': 'Decision made',
  'case.approve': 'Decision approved',
  'case.reject_approval': 'Decision sent back',
  'case.decided': 'Decision took effect',
  'case.close': 'Closed',
  'case.close_lapsed': 'Closed as lapsed',
  'case.lapse': 'Lapsed: information not supplied in 14 days',
  'case.restriction_ended': 'Restriction reached its end date',
  'case.close_duplicate': 'Closed as a duplicate',
  'case.duplicate_of': 'Duplicate of an earlier case',
  'case.reopen': 'Reopened',
  'case.reopen_reason': 'Reason for reopening',
  'case.restore': 'Content restored',
  'case.restored': 'Restoration took effect',
  'case.counter_noticed': 'Counter-notice complete: restoration window set',
  'case.litigation_hold': 'Court action reported: litigation hold',
  'case.appealed': 'Appeal filed',
  'case.decide_appeal': 'Appeal decided',
  'case.note_added': 'Internal note added',
  'decision.recorded': 'Decision recorded',
  'decision.approved': 'Approval recorded',
  'decision.approval_rejected': 'Approval refused',
  'appeal.decided': 'Answer to the appeal recorded',
  'counter_notice.filed': 'Counter-notice filed by the author',
  'article.created': 'Article created',
  'article.updated': 'Article updated',
  'article.state_changed': 'Article state changed',
  'article.remedy_applied': 'Remedy in force on the article',
  'article.remedy_lifted': 'Remedy lifted from the article',
  'message.recorded': 'Message recorded',
  'message.sent': 'Message sent',
  'message.failed': 'Message could not be sent',
  'auth.login_succeeded': 'Signed in',
  'auth.login_failed': 'Sign-in failed',
  'auth.logout': 'Signed out',
  'user.created': 'Staff member added',
  'user.role_changed': 'Role changed',
  'user.deactivated': 'Staff member deactivated',
  'user.reactivated': 'Staff member reactivated',
  'token.created': 'API token created',
  'token.revoked': 'API token revoked',
  'user.password_changed': 'Password changed',
  'user.password_reset_issued': 'Set-password link issued',
  'user.password_reset_used': 'Password set with a reset link',
  'auth.account_locked': 'Account locked after many failed sign-ins',
  'message.retry_scheduled': 'Message delivery failed; will retry',
  'message.suppressed': 'Message not sent (daily limit of an unverified address)',
  'notifier.email_verified': 'Notifier confirmed their e-mail address',
  'events.exported': 'Event log exported',
  'events.sealed': 'Event log sealed',
  'events.verified': 'Event log verified',
} as const satisfies Record<string, string>;

export type EventName = keyof typeof EVENT_LABELS;

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(EVENT_LABELS, name);
}

// A stored event's label; an action from an older version of the desk shows as written.
export function eventLabel(name: string): string {
  return isEventName(name) ? EVENT_LABELS[name] : name;
}
