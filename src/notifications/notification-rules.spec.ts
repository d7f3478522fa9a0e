import type { NewEvent } from '../events/event.repository';
import { EVENT_LABELS, EventName } from '../events/event-names';
import { APPROVER_ROLES, NOTIFICATION_RULES, recipientsOf, ruleFor } from './notification-rules';

const staff = (id: string) => ({ type: 'staff' as const, id, role: 'editor' });
const event = (action: EventName, extra: Partial<NewEvent> = {}): NewEvent => ({
  actor: staff('actor'),
  action,
  subject: { type: 'case', id: 'c1' },
  caseId: 'c1',
  caseReference: 'TD-2026-000001',
  visibility: 'internal',
  ...extra,
});
const none = { holderId: null, approverIds: [] };

describe('notification rules', () => {
  it('names only events of the typed list, and leaves filing a notice alone', () => {
    for (const name of Object.keys(NOTIFICATION_RULES)) expect(Object.keys(EVENT_LABELS)).toContain(name);
    for (const quiet of ['notice.filed', 'case.opened', 'message.recorded', 'case.start_review', 'case.note_added'] as const) expect(ruleFor(event(quiet))).toBeNull();
  });

  it('tells the new assignee, not someone who assigned the case to themselves', () => {
    const assigned = event('case.assign', { changes: { assigneeId: { before: null, after: 'erin' } } });
    const rule = ruleFor(assigned)!;
    expect(rule.kind).toBe('assigned');
    expect(recipientsOf(rule.audience, assigned, none)).toEqual(['erin']);
    expect(rule.text('TD-2026-000001', 'Lena Legal')).toBe('Lena Legal assigned case TD-2026-000001 to you.');
    const self = event('case.assign', { changes: { assigneeId: { before: null, after: 'actor' } } });
    expect(recipientsOf(rule.audience, self, none)).toEqual([]);
  });

  it('asks every approver but the decider when a decision needs a second person', () => {
    const needs = event('decision.recorded', { data: { requiresApproval: true } });
    expect(ruleFor(event('decision.recorded', { data: { requiresApproval: false } }))).toBeNull();
    const rule = ruleFor(needs)!;
    expect(rule.kind).toBe('approval_needed');
    expect(recipientsOf(rule.audience, needs, { holderId: null, approverIds: ['actor', 'lena', 'ada', 'lena'] })).toEqual(['lena', 'ada']);
    expect(APPROVER_ROLES).toEqual(['legal', 'admin']);
  });

  it('tells the holder when the notifier or the author answers, or the one who held a case an appeal took away', () => {
    const notifier = { type: 'notifier' as const, id: 'n1' };
    for (const action of ['notice.supplemented', 'notice.corrected', 'notice.withdrawn', 'case.litigation_hold', 'counter_notice.filed'] as const) {
      const answered = event(action, { actor: notifier });
      const rule = ruleFor(answered)!;
      expect(rule.kind).toBe('notifier_answered');
      expect(recipientsOf(rule.audience, answered, { holderId: 'erin', approverIds: [] })).toEqual(['erin']);
      expect(recipientsOf(rule.audience, answered, none)).toEqual([]);
    }
    expect(ruleFor(event('attachment.added', { actor: notifier }))?.kind).toBe('notifier_answered');
    expect(ruleFor(event('attachment.added'))).toBeNull();
    const appealed = event('case.appealed', { actor: notifier, changes: { assigneeId: { before: 'erin', after: null } } });
    expect(recipientsOf(ruleFor(appealed)!.audience, appealed, none)).toEqual(['erin']);
  });

  it('needs a case: an event without one notifies nobody', () => {
    expect(ruleFor(event('case.assign', { caseId: null }))).toBeNull();
  });
});
