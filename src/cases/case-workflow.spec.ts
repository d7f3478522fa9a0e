import { CASE_STATUSES, CaseStatus } from './case.entity';
import { availableActions, checkTransition, STATUS_LABELS, TRANSITIONS } from './case-workflow';

// Every status × action × role, against a table written out independently of the code.
const OPEN = ['new', 'awaiting_info', 'in_review', 'escalated', 'pending_approval'];
const ALL_STAFF = ['editor', 'legal', 'admin'];
const EXPECTED: Record<string, Array<{ from: string[]; roles: string[]; to: string }>> = {
  assign: [{ from: OPEN, roles: ALL_STAFF, to: 'same' }],
  unassign: [{ from: OPEN, roles: ALL_STAFF, to: 'same' }],
  start_review: [{ from: ['new'], roles: ALL_STAFF, to: 'in_review' }],
  request_info: [{ from: ['new', 'in_review', 'escalated'], roles: ALL_STAFF, to: 'awaiting_info' }],
  escalate: [{ from: ['new', 'in_review'], roles: ALL_STAFF, to: 'escalated' }],
  decide: [
    { from: ['new', 'in_review'], roles: ALL_STAFF, to: 'decision' },
    { from: ['escalated'], roles: ['legal', 'admin'], to: 'decision' },
  ],
  approve: [{ from: ['pending_approval'], roles: ['legal', 'admin'], to: 'actioned' }],
  reject_approval: [{ from: ['pending_approval'], roles: ['legal', 'admin'], to: 'in_review' }],
  close: [{ from: ['actioned', 'rejected', 'withdrawn', 'duplicate', 'lapsed', 'restored'], roles: ALL_STAFF, to: 'closed' }],
  reopen: [{ from: ['actioned', 'rejected', 'withdrawn', 'duplicate', 'lapsed', 'closed'], roles: ['admin'], to: 'in_review' }],
  supply_info: [{ from: ['awaiting_info'], roles: ['notifier'], to: 'resume' }],
  withdraw: [{ from: ['new', 'awaiting_info', 'in_review', 'escalated'], roles: ['notifier'], to: 'withdrawn' }],
};
const ACTORS = ['editor', 'legal', 'admin', 'notifier'] as const;

describe('the workflow transition table', () => {
  it('has exactly the expected actions', () => {
    expect([...new Set(TRANSITIONS.map((row) => row.action))].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases: Array<[string, CaseStatus, (typeof ACTORS)[number]]> = [];
  for (const action of Object.keys(EXPECTED)) for (const status of CASE_STATUSES) for (const actor of ACTORS) cases.push([action, status, actor]);

  it.each(cases)('%s from %s by %s', (action, status, actor) => {
    const rows = EXPECTED[action];
    const fromHere = rows.filter((row) => row.from.includes(status));
    const result = checkTransition(action, status, actor);
    if (!fromHere.length) {
      expect(result).toEqual({ allowed: false, reason: 'invalid_transition' });
    } else if (!fromHere.some((row) => row.roles.includes(actor))) {
      expect(result).toEqual({ allowed: false, reason: 'forbidden_role' });
    } else {
      expect(result.allowed).toBe(true);
      if (result.allowed) expect(result.transition.to).toBe(fromHere.find((row) => row.roles.includes(actor))!.to);
    }
  });

  it('refuses an unknown action', () => {
    expect(checkTransition('publish', 'new', 'admin')).toEqual({ allowed: false, reason: 'unknown_action' });
  });

  it('offers each role only what it may do', () => {
    expect(availableActions('new', 'editor').sort()).toEqual(['assign', 'decide', 'escalate', 'request_info', 'start_review', 'unassign']);
    expect(availableActions('escalated', 'editor').sort()).toEqual(['assign', 'request_info', 'unassign']);
    expect(availableActions('escalated', 'legal')).toContain('decide');
    expect(availableActions('pending_approval', 'legal').sort()).toEqual(['approve', 'assign', 'reject_approval', 'unassign']);
    expect(availableActions('closed', 'editor')).toEqual([]);
    expect(availableActions('closed', 'admin')).toEqual(['reopen']);
  });

  it('labels every status', () => {
    for (const status of CASE_STATUSES) expect(STATUS_LABELS[status]).toBeTruthy();
  });
});
