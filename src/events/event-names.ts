// Every event the desk writes, with the label staff read on the case timeline and the
// audit page. NewEvent.action is an EventName: an event without a label does not compile.
export const EVENT_LABELS = {
  'notice.filed': 'Notice filed',
  'notice.supplemented': 'Notifier supplied information',
  'notice.withdrawn': 'Notifier withdrew the notice',
  'notice.corrected': 'Notifier corrected the notice',
  'notifier.tracking_link_reissued': 'Fresh tracking link sent to the notifier (the old link no longer works)',
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
  'case.extend_gdpr_deadline': 'GDPR answer deadline extended',
  'case.gdpr_deadline_extended': 'Extension of the GDPR deadline sent to the person, with reasons',
  'case.record_author_contact': 'Author contact recorded (defamation)',
  'case.author_contacted': 'How the author was contacted',
  'decision.recorded': 'Decision recorded',
  'decision.approved': 'Approval recorded',
  'decision.approval_rejected': 'Approval refused',
  'appeal.decided': 'Answer to the appeal recorded',
  'counter_notice.filed': 'Counter-notice filed by the author',
  'article.created': 'Article created',
  'article.updated': 'Article updated',
  'article.state_changed': 'Article state changed',
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
  'sender.registered': 'Sender organisation registered',
  'sender_key.issued': 'Sender key issued',
  'sender_key.revoked': 'Sender key revoked',
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

// What the notifier reads on their tracking page for each event they may see (visibility
// notifier or public), in plain words. Events with data get a fuller summary there
// (tracking.service.ts); these are the fallbacks, and no notifier ever sees a raw name.
export const NOTIFIER_EVENT_LABELS: Partial<Record<EventName, string>> = {
  'notice.filed': 'We received your notice.',
  'notice.supplemented': 'You sent us more information.',
  'notice.corrected': 'You corrected your notice.',
  'notice.withdrawn': 'You withdrew the notice.',
  'case.opened': 'Your case was opened.',
  'case.info_requested': 'We asked you for more information.',
  'case.decided': 'We decided on your notice.',
  'case.lapse': 'The notice lapsed: the missing information was not supplied in time.',
  'case.restriction_ended': 'A restriction reached its end date.',
  'case.counter_noticed': 'The author sent a counter-notice; we sent you a copy.',
  'case.litigation_hold': 'You reported a court action: the material stays down.',
  'case.restored': 'The material was restored.',
  'case.appealed': 'An appeal was filed against the decision.',
  'appeal.decided': 'The appeal was decided.',
  'article.state_changed': 'The article was changed.',
  'notifier.tracking_link_reissued': 'We e-mailed you a new tracking link; the earlier link stopped working.',
};
