import { clockInstant, ClockPanelInput, formatSpan, nearestClock, runningClocks } from './clock-panel';

const NONE: ClockPanelInput = {
  status: 'in_review',
  dueAt: null,
  slaRemainingSeconds: null,
  lapseDueAt: null,
  restoreEarliestAt: null,
  restoreLatestAt: null,
  gdprDueAt: null,
  gdprExtendedAt: null,
  defamationContactDueAt: null,
  authorContactedAt: null,
  defamationAnswerDueAt: null,
  restrictionEnds: [],
  appealWindowEndsAt: null,
};
const NOW = new Date('2026-12-04T12:00:00Z');
const ZONE = 'Europe/London';

describe('clock panel', () => {
  it('shows nothing when no clock runs', () => {
    expect(runningClocks(NONE, NOW, ZONE)).toEqual([]);
    expect(nearestClock([])).toBeNull();
  });

  it('says when a clock is due in the desk zone and in UTC, what it waits for and what happens then', () => {
    const [review] = runningClocks({ ...NONE, dueAt: new Date('2026-12-07T10:00:00Z') }, NOW, ZONE);
    expect(review).toMatchObject({
      clock: 'review_sla',
      title: 'Review deadline',
      due: { at: '2026-12-07T10:00:00.000Z', local: 'Mon, 7 Dec 2026, 10:00 GMT (Europe/London)', utc: '2026-12-07 10:00 UTC' },
      overdue: false,
      status: '2 days 22 hours left',
      counted: true,
    });
    expect(review.waitsFor).toMatch(/decision/);
    expect(review.whenDue).toMatch(/overdue/);
  });

  it('shows local summer time with its zone', () => {
    expect(clockInstant(new Date('2026-07-05T16:00:00Z'), ZONE).local).toBe('Sun, 5 Jul 2026, 17:00 BST (Europe/London)');
    expect(clockInstant(new Date('2026-07-05T16:00:00Z'), 'America/New_York').local).toMatch(/^Sun, 5 Jul 2026, 12:00 .+ \(America\/New_York\)$/);
  });

  it('flags an overdue clock with how long ago it was due', () => {
    const [lapse] = runningClocks({ ...NONE, status: 'awaiting_info', lapseDueAt: new Date('2026-12-02T09:30:00Z') }, NOW, ZONE);
    expect(lapse).toMatchObject({ clock: 'curable_lapse', overdue: true, status: 'Overdue by 2 days 2 hours' });
  });

  it('lists every running clock nearest first, the nearest counting for the queue', () => {
    const lines = runningClocks(
      {
        ...NONE,
        status: 'in_review',
        dueAt: new Date('2026-12-10T10:00:00Z'),
        gdprDueAt: new Date('2026-12-31T23:59:59.999Z'),
        defamationAnswerDueAt: new Date('2026-12-05T23:59:59.999Z'),
        authorContactedAt: new Date('2026-11-30T09:00:00Z'),
        restrictionEnds: [{ dueAt: new Date('2026-12-20T23:59:59.999Z'), articleTitle: 'Harbour at dawn' }],
      },
      NOW,
      ZONE,
    );
    expect(lines.map((entry) => entry.clock)).toEqual(['defamation_author_answer', 'review_sla', 'restriction_end', 'gdpr_answer']);
    expect(lines[0].note).toBe('The author was contacted Mon, 30 Nov 2026, 09:00 GMT (Europe/London).');
    expect(lines[2].note).toBe('Article: Harbour at dawn');
    expect(lines[3].note).toMatch(/extend it once/);
    expect(nearestClock(lines)?.clock).toBe('defamation_author_answer');
  });

  it('gives the restoration window both ends', () => {
    const [restore] = runningClocks(
      { ...NONE, status: 'counter_noticed', restoreEarliestAt: new Date('2026-12-15T04:59:59.999Z'), restoreLatestAt: new Date('2026-12-19T04:59:59.999Z') },
      NOW,
      ZONE,
    );
    expect(restore.due?.utc).toBe('2026-12-15 04:59 UTC');
    expect(restore.latest?.utc).toBe('2026-12-19 04:59 UTC');
    expect(restore.note).toBe('No later than Sat, 19 Dec 2026, 04:59 GMT (Europe/London).');
  });

  it('says a GDPR deadline was extended', () => {
    const [gdpr] = runningClocks({ ...NONE, gdprDueAt: new Date('2027-02-28T23:59:59.999Z'), gdprExtendedAt: new Date('2026-12-01T10:00:00Z') }, NOW, ZONE);
    expect(gdpr.note).toBe('Extended once, on Tue, 1 Dec 2026, 10:00 GMT (Europe/London), with reasons sent to the person.');
  });

  it('shows the appeal window while open, never as overdue and not in the queue order', () => {
    const open = runningClocks({ ...NONE, status: 'actioned', appealWindowEndsAt: new Date('2027-06-04T22:59:59.999Z') }, NOW, ZONE);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ clock: 'appeal_window', overdue: false, counted: false });
    expect(nearestClock(open)).toBeNull();
    expect(runningClocks({ ...NONE, status: 'actioned', appealWindowEndsAt: new Date('2026-12-01T00:00:00Z') }, NOW, ZONE)).toEqual([]);
  });

  it('shows a stopped review clock with the business time it keeps, after the running ones', () => {
    const lines = runningClocks({ ...NONE, status: 'awaiting_info', slaRemainingSeconds: 26 * 3600, lapseDueAt: new Date('2026-12-18T23:59:59.999Z') }, NOW, ZONE);
    expect(lines.map((entry) => [entry.clock, entry.counted])).toEqual([
      ['curable_lapse', true],
      ['review_sla', false],
    ]);
    expect(lines[1].due).toBeNull();
    expect(lines[1].status).toBe('Stopped while the desk waits for the notifier: 1 day 2 hours of business time left');
  });

  it('says spans in words', () => {
    expect(formatSpan(30_000)).toBe('1 minute');
    expect(formatSpan(-125 * 60_000)).toBe('2 hours 5 minutes');
    expect(formatSpan(3 * 86_400_000)).toBe('3 days');
  });
});
