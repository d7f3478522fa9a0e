import 'reflect-metadata';
import { RespondController } from '../aftercare/respond.controller';
import { TrackActionsController } from '../aftercare/track-actions.controller';
import { NoticeCorrectionController } from '../notices/notice-correction.controller';
import { TrackingController } from '../notices/tracking.controller';
import { CASE_STATUSES, CaseStatus } from './case.entity';
import { availableActions, checkTransition, staffPayload, STATUS_LABELS, TRANSITIONS } from './case-workflow';
import { TransitionDto } from './dto/transition.dto';

// Every status × action × role, against a table written out independently of the code.
const OPEN = ['new', 'awaiting_info', 'in_review', 'escalated', 'pending_approval'];
const ALL_STAFF = ['editor', 'legal', 'admin'];
const APPEALABLE = ['actioned', 'rejected', 'restored', 'closed'];
const EXPECTED: Record<string, Array<{ from: string[]; roles: string[]; to: string; requires?: string }>> = {
  assign: [{ from: [...OPEN, 'appealed'], roles: ALL_STAFF, to: 'same' }],
  unassign: [{ from: [...OPEN, 'appealed'], roles: ALL_STAFF, to: 'same' }],
  start_review: [{ from: ['new'], roles: ALL_STAFF, to: 'in_review', requires: 'assignee_or_unassigned' }],
  request_info: [{ from: ['new', 'in_review', 'escalated'], roles: ALL_STAFF, to: 'awaiting_info' }],
  escalate: [{ from: ['new', 'awaiting_info', 'in_review'], roles: ALL_STAFF, to: 'escalated' }],
  decide: [
    { from: ['new', 'awaiting_info', 'in_review'], roles: ALL_STAFF, to: 'decision' },
    { from: ['escalated'], roles: ['legal', 'admin'], to: 'decision' },
  ],
  approve: [{ from: ['pending_approval'], roles: ['legal', 'admin'], to: 'actioned', requires: 'not_decider' }],
  reject_approval: [{ from: ['pending_approval'], roles: ['legal', 'admin'], to: 'in_review', requires: 'not_decider' }],
  close_lapsed: [{ from: ['awaiting_info'], roles: ALL_STAFF, to: 'lapsed' }],
  close_duplicate: [{ from: ['new', 'awaiting_info', 'in_review', 'escalated'], roles: ALL_STAFF, to: 'duplicate' }],
  close: [{ from: ['actioned', 'rejected', 'withdrawn', 'duplicate', 'lapsed', 'restored', 'litigation_hold', 'held'], roles: ALL_STAFF, to: 'closed' }],
  keep_apart: [{ from: OPEN, roles: ALL_STAFF, to: 'same' }],
  mark_unfounded: [{ from: ['rejected'], roles: ALL_STAFF, to: 'same' }],
  release_hold: [{ from: ['held'], roles: ['legal', 'admin'], to: 'new' }],
  reopen: [{ from: ['actioned', 'rejected', 'withdrawn', 'duplicate', 'lapsed', 'restored', 'closed'], roles: ['admin'], to: 'in_review' }],
  restore: [
    { from: ['actioned', 'counter_noticed', 'litigation_hold', 'closed'], roles: ['legal', 'admin'], to: 'restored' },
    { from: ['counter_noticed'], roles: ['system'], to: 'restored', requires: 'restoration_due' },
  ],
  decide_appeal: [{ from: ['appealed'], roles: ALL_STAFF, to: 'appeal_outcome', requires: 'not_decider' }],
  extend_gdpr_deadline: [{ from: OPEN, roles: ['legal', 'admin'], to: 'same', requires: 'gdpr_extendable' }],
  record_author_contact: [{ from: OPEN, roles: ALL_STAFF, to: 'same', requires: 'author_contact_due' }],
  record_author_answer: [{ from: OPEN, roles: ALL_STAFF, to: 'same', requires: 'author_answer_due' }],
  supply_info: [{ from: ['awaiting_info'], roles: ['notifier'], to: 'resume' }],
  correct_notice: [
    { from: ['new', 'in_review', 'escalated'], roles: ['notifier'], to: 'same' },
    { from: ['awaiting_info'], roles: ['notifier'], to: 'resume' },
  ],
  withdraw: [{ from: ['new', 'awaiting_info', 'in_review', 'escalated'], roles: ['notifier'], to: 'withdrawn' }],
  court_action: [{ from: ['counter_noticed'], roles: ['notifier'], to: 'litigation_hold' }],
  attach_evidence: [{ from: [...OPEN, 'appealed', 'counter_noticed', 'litigation_hold'], roles: ['notifier'], to: 'same' }],
  appeal: [{ from: APPEALABLE, roles: ['notifier', 'author'], to: 'appealed', requires: 'within_appeal_window' }],
  counter_notice: [{ from: ['actioned'], roles: ['author'], to: 'counter_noticed' }],
  lapse: [{ from: ['awaiting_info'], roles: ['system'], to: 'lapsed', requires: 'lapse_due' }],
};
const ACTORS = ['editor', 'legal', 'admin', 'notifier', 'author', 'system'] as const;

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
      const row = fromHere.find((expected) => expected.roles.includes(actor))!;
      if (result.allowed) expect({ to: result.transition.to, requires: result.transition.requires }).toEqual({ to: row.to, requires: row.requires });
    }
  });

  it('refuses an unknown action', () => {
    expect(checkTransition('publish', 'new', 'admin')).toEqual({ allowed: false, reason: 'unknown_action' });
  });

  it('offers each role only what it may do', () => {
    expect(availableActions('new', 'editor').sort()).toEqual([
      'assign',
      'close_duplicate',
      'decide',
      'escalate',
      'keep_apart',
      'record_author_answer',
      'record_author_contact',
      'request_info',
      'start_review',
      'unassign',
    ]);
    expect(availableActions('awaiting_info', 'editor').sort()).toEqual([
      'assign',
      'close_duplicate',
      'close_lapsed',
      'decide',
      'escalate',
      'keep_apart',
      'record_author_answer',
      'record_author_contact',
      'unassign',
    ]);
    expect(availableActions('escalated', 'editor').sort()).toEqual([
      'assign',
      'close_duplicate',
      'keep_apart',
      'record_author_answer',
      'record_author_contact',
      'request_info',
      'unassign',
    ]);
    expect(availableActions('rejected', 'editor').sort()).toEqual(['close', 'mark_unfounded']);
    expect(availableActions('held', 'editor').sort()).toEqual(['close']);
    expect(availableActions('held', 'legal').sort()).toEqual(['close', 'release_hold']);
    expect(availableActions('escalated', 'legal')).toEqual(expect.arrayContaining(['decide', 'extend_gdpr_deadline']));
    expect(availableActions('pending_approval', 'legal').sort()).toEqual([
      'approve',
      'assign',
      'extend_gdpr_deadline',
      'keep_apart',
      'record_author_answer',
      'record_author_contact',
      'reject_approval',
      'unassign',
    ]);
    expect(availableActions('closed', 'editor')).toEqual([]);
    expect(availableActions('closed', 'admin').sort()).toEqual(['reopen', 'restore']);
    expect(availableActions('counter_noticed', 'editor')).toEqual([]);
    expect(availableActions('appealed', 'editor').sort()).toEqual(['assign', 'decide_appeal', 'unassign']);
  });

  it('checks each guard with the case in hand', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    const due = { now, restoreEarliestAt: new Date('2026-12-04T11:00:00Z') };
    expect(checkTransition('restore', 'counter_noticed', 'system', due).allowed).toBe(true);
    expect(checkTransition('restore', 'counter_noticed', 'system', { ...due, restoreEarliestAt: new Date('2026-12-05T00:00:00Z') })).toEqual({
      allowed: false,
      reason: 'restoration_due',
    });
    expect(checkTransition('restore', 'counter_noticed', 'system', { now, restoreEarliestAt: null })).toEqual({ allowed: false, reason: 'restoration_due' });
    expect(checkTransition('lapse', 'awaiting_info', 'system', { now, lapseDueAt: new Date('2026-12-04T11:59:59Z') }).allowed).toBe(true);
    expect(checkTransition('lapse', 'awaiting_info', 'system', { now, lapseDueAt: new Date('2026-12-04T12:00:01Z') })).toEqual({ allowed: false, reason: 'lapse_due' });
    expect(checkTransition('lapse', 'awaiting_info', 'system', { now, lapseDueAt: null })).toEqual({ allowed: false, reason: 'lapse_due' });
    expect(checkTransition('lapse', 'awaiting_info', 'editor').allowed).toBe(false);
    expect(checkTransition('decide_appeal', 'appealed', 'legal', { actorId: 'a', deciderIds: ['a'] })).toEqual({ allowed: false, reason: 'not_decider' });
    expect(checkTransition('decide_appeal', 'appealed', 'legal', { actorId: 'b', deciderIds: ['a'] }).allowed).toBe(true);
    expect(checkTransition('appeal', 'actioned', 'author', { now, appealWindowEndsAt: new Date('2026-12-03T00:00:00Z') })).toEqual({
      allowed: false,
      reason: 'within_appeal_window',
    });
    expect(checkTransition('appeal', 'actioned', 'notifier', { now, appealWindowEndsAt: new Date('2027-06-01T00:00:00Z') }).allowed).toBe(true);
    expect(checkTransition('start_review', 'new', 'editor', { actorId: 'a', assigneeId: 'b' })).toEqual({ allowed: false, reason: 'assignee_or_unassigned' });
    expect(checkTransition('start_review', 'new', 'editor', { actorId: 'a', assigneeId: null }).allowed).toBe(true);
    const gdprDueAt = new Date('2026-12-31T23:59:59.999Z');
    expect(checkTransition('extend_gdpr_deadline', 'in_review', 'legal', { now, gdprDueAt, gdprExtendedAt: null }).allowed).toBe(true);
    expect(checkTransition('extend_gdpr_deadline', 'in_review', 'legal', { now, gdprDueAt, gdprExtendedAt: now })).toEqual({ allowed: false, reason: 'gdpr_extendable' });
    expect(checkTransition('extend_gdpr_deadline', 'in_review', 'legal', { now, gdprDueAt: new Date('2026-12-01T00:00:00Z') })).toEqual({
      allowed: false,
      reason: 'gdpr_extendable',
    });
    expect(checkTransition('extend_gdpr_deadline', 'in_review', 'legal', { now, gdprDueAt: null })).toEqual({ allowed: false, reason: 'gdpr_extendable' });
    expect(checkTransition('extend_gdpr_deadline', 'in_review', 'editor', { now, gdprDueAt })).toEqual({ allowed: false, reason: 'forbidden_role' });
    expect(checkTransition('record_author_contact', 'new', 'editor', { defamationContactDueAt: now, authorContactedAt: null }).allowed).toBe(true);
    expect(checkTransition('record_author_contact', 'new', 'editor', { defamationContactDueAt: null, authorContactedAt: now })).toEqual({
      allowed: false,
      reason: 'author_contact_due',
    });
  });

  it('names the payload DTO of every row; staff bodies are checked with it, and each route of the notifier and the author takes its row’s DTO', () => {
    for (const row of TRANSITIONS) expect(typeof row.payload).toBe('function');
    expect(staffPayload('decide')).toBe(TRANSITIONS.find((row) => row.action === 'decide')!.payload);
    expect(staffPayload('publish')).toBe(TransitionDto);
    const bodyOf = (controller: { prototype: object }, method: string) => (Reflect.getMetadata('design:paramtypes', controller.prototype, method) as unknown[])[1];
    const routes: Array<[string, string, { prototype: object }, string]> = [
      ['supply_info', 'notifier', TrackingController, 'supplement'],
      ['withdraw', 'notifier', TrackingController, 'withdraw'],
      ['correct_notice', 'notifier', NoticeCorrectionController, 'correct'],
      ['court_action', 'notifier', TrackActionsController, 'courtAction'],
      ['appeal', 'notifier', TrackActionsController, 'appeal'],
      ['appeal', 'author', RespondController, 'appeal'],
      ['counter_notice', 'author', RespondController, 'counterNotice'],
    ];
    for (const [action, actor, controller, method] of routes) {
      const row = TRANSITIONS.find((candidate) => candidate.action === action && candidate.roles.includes(actor as never))!;
      expect(bodyOf(controller, method)).toBe(row.payload);
    }
  });

  it('labels every status', () => {
    for (const status of CASE_STATUSES) expect(STATUS_LABELS[status]).toBeTruthy();
  });
});
