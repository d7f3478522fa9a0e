import { DeskError } from '../common/desk-error';
import { actionsFor, mayActOn, requireHolder } from './case-guards';

const erin = { id: 'erin', role: 'editor' as const };
const otto = { id: 'otto', role: 'editor' as const };
const lee = { id: 'lee', role: 'legal' as const };
const ada = { id: 'ada', role: 'admin' as const };

describe('who may act on a case', () => {
  it.each([
    ['an editor, on an unassigned case', erin, null, true],
    ['the assignee', erin, 'erin', true],
    ['another editor', otto, 'erin', false],
    ['legal, on anyone’s case', lee, 'erin', true],
    ['admin, on anyone’s case', ada, 'erin', true],
  ] as const)('%s: %s', (_, actor, assigneeId, allowed) => {
    expect(mayActOn(actor, assigneeId)).toBe(allowed);
  });

  it('refuses another editor with 403 not_assignee', () => {
    expect(() => requireHolder(erin, 'erin')).not.toThrow();
    try {
      requireHolder(otto, 'erin');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DeskError);
      expect(error).toMatchObject({ status: 403, code: 'not_assignee' });
    }
  });

  it('offers nothing on someone else’s case to an editor, everything the role allows to the assignee and to legal', () => {
    const inReview = { status: 'in_review' as const, assigneeId: 'erin' };
    expect(actionsFor(otto, inReview, null)).toEqual([]);
    expect(actionsFor(erin, inReview, null)).toEqual(expect.arrayContaining(['request_info', 'escalate', 'decide']));
    expect(actionsFor(lee, inReview, null)).toEqual(expect.arrayContaining(['assign', 'request_info', 'decide']));
  });

  it('does not offer the decider their own approval', () => {
    const pending = { status: 'pending_approval' as const, assigneeId: 'lee' };
    expect(actionsFor(lee, pending, 'lee')).not.toContain('approve');
    expect(actionsFor(lee, pending, 'lee')).not.toContain('reject_approval');
    expect(actionsFor(ada, pending, 'lee')).toEqual(expect.arrayContaining(['approve', 'reject_approval']));
  });

  it('offers a clock action only when the case has that clock to move', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    const privacy = { status: 'in_review' as const, assigneeId: null, gdprDueAt: new Date('2026-12-31T23:59:59Z'), gdprExtendedAt: null };
    expect(actionsFor(lee, privacy, null, now)).toContain('extend_gdpr_deadline');
    expect(actionsFor(lee, { ...privacy, gdprExtendedAt: now }, null, now)).not.toContain('extend_gdpr_deadline');
    expect(actionsFor(lee, { ...privacy, gdprDueAt: null }, null, now)).not.toContain('extend_gdpr_deadline');
    expect(actionsFor(erin, privacy, null, now)).not.toContain('record_author_contact');
    expect(actionsFor(erin, { status: 'new' as const, assigneeId: null, defamationContactDueAt: now, authorContactedAt: null }, null, now)).toContain('record_author_contact');
    expect(actionsFor(erin, { status: 'new' as const, assigneeId: null, defamationContactDueAt: now, authorContactedAt: null }, null, now)).not.toContain('record_author_answer');
    expect(actionsFor(erin, { status: 'in_review' as const, assigneeId: null, authorContactedAt: now, defamationAnswerDueAt: now }, null, now)).toContain('record_author_answer');
  });
});
