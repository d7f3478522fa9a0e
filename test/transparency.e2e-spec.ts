import {
  bearer,
  completeNotice,
  createSender,
  createStaff,
  decideNoAction,
  expectProblem,
  fileAccepted,
  NOTICES_PATH,
  postJson,
  removedContribution,
  senderNotice,
  StaffMember,
  without,
} from './factories';
import { startTestApp, TestApp } from './support/test-app';

describe('transparency report: GET /api/v1/reports/transparency and /transparency', () => {
  let t: TestApp;
  let editor: StaffMember;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    t = await startTestApp();
    editor = await createStaff(t, 'editor');
    // Four notices: three copyright (one incomplete, completed later), one trade mark.
    await removedContribution(t, editor);
    const rejected = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    expect((await decideNoAction(t.baseUrl, rejected.body.reference, editor)).status).toBe(200);
    await fileAccepted(t.baseUrl, completeNotice('trademark'));
    const incomplete = await fileAccepted(t.baseUrl, without(completeNotice('copyright'), 'signature'));
    expect(incomplete.body.status).toBe('awaiting_info');
    // Completing it later does not make it complete at filing.
    expect((await postJson(t.baseUrl, `/api/v1/track/${incomplete.token}/supplement`, { signature: 'Jane Doe' })).status).toBe(200);
    // Two more copyright notices, filed with sender organisations' keys: a trusted flagger's and an agency's.
    const admin = await createStaff(t, 'admin');
    for (const kind of ['trusted_flagger', 'agency']) {
      const sender = await createSender(t.baseUrl, admin, { kind });
      expect((await postJson(t.baseUrl, NOTICES_PATH, senderNotice('copyright'), bearer(sender.key))).status).toBe(201);
    }
    // A suspension for misuse that legal confirmed today, and a proposal still open (not counted).
    await t.db.pool.query(
      `INSERT INTO misuse_suspensions (notifier_email, state, case_id, mark_count, days, decided_at)
       SELECT v.email, v.state, c.id, 3, 30, v.decided_at
       FROM (SELECT id FROM cases LIMIT 1) c, (VALUES ('a@example.org', 'active', now()), ('b@example.org', 'proposed', NULL)) AS v(email, state, decided_at)`,
    );
  });
  afterAll(() => t.close());

  const report = (query: string, headers: Record<string, string> = {}) => fetch(`${t.baseUrl}/api/v1/reports/transparency${query}`, { headers });

  it('counts the period’s notices, decisions, actions and times (JSON)', async () => {
    const response = await report(`?from=${today}&to=${today}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.period).toEqual({ from: today, to: today });
    expect(body.notices).toMatchObject({ total: 6, incompleteAtFiling: 1, incompleteShare: 0.167 });
    expect(Object.fromEntries(body.notices.byType.map((c: any) => [c.key, c.count]))).toEqual({ copyright: 5, trademark: 1, defamation: 0, privacy: 0, other: 0 });
    expect(Object.fromEntries(body.notices.bySenderKind.map((c: any) => [c.key, c.count]))).toEqual({ trusted_flagger: 1, organisation: 1, individual: 4 });
    expect(body.decisions).toMatchObject({ total: 2, actioned: 1, rejected: 1 });
    expect(body.decisions.actions).toEqual([
      { ground: 'copyright_infringement', groundLabel: 'Copyright infringement', action: 'remove', actionLabel: 'Removed', items: 1 },
      { ground: 'not_illegal', groundLabel: 'Not illegal', action: 'no_action', actionLabel: 'No action', items: 1 },
    ]);
    expect(body.decisions.timeToDecision).toEqual({ decided: 2, medianHours: expect.any(Number), p90Hours: expect.any(Number) });
    expect(body.counterNotices).toEqual({ received: 0, complete: 0, restorations: 0, litigationHolds: 0 });
    expect(body.appeals).toMatchObject({ received: 0, upheld: 0, reversed: 0, medianDecisionHours: null });
    expect(body.misuse).toEqual({ suspensions: 1 });
  });

  it('answers many reports asked at once, and the desk goes on answering meanwhile', async () => {
    // Each report reads on five connections of one snapshot: more at once than the pool
    // holds must wait their turn, not each hold part of the pool (which hung the desk).
    const asked = Array.from({ length: 12 }, (_, i) => report(i % 2 ? '' : '?format=csv'));
    const health = await fetch(`${t.baseUrl}/health`);
    expect(health.status).toBe(200);
    const answers = await Promise.all(asked);
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200));
    await Promise.all(answers.map((answer) => answer.text()));
  });

  it('defaults to the last 12 months, and a period without filings counts nothing', async () => {
    const defaults = await (await report('')).json();
    expect(defaults.period.to).toBe(today);
    expect(defaults.notices.total).toBe(6);
    const empty = await (await report('?from=2021-01-01&to=2021-12-31')).json();
    expect(empty.notices.total).toBe(0);
    expect(empty.notices.incompleteShare).toBeNull();
    expect(empty.decisions.timeToDecision).toEqual({ decided: 0, medianHours: null, p90Hours: null });
  });

  it('answers CSV for Accept: text/csv or format=csv', async () => {
    for (const response of [await report(`?from=${today}&to=${today}`, { accept: 'text/csv' }), await report(`?from=${today}&to=${today}&format=csv`)]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      const text = await response.text();
      expect(text.split('\r\n')[0]).toBe('section,key,value');
      expect(text).toContain('notices_by_type,copyright,5\r\n');
      expect(text).toContain('notices_by_sender_kind,trusted_flagger,1\r\n');
      expect(text).toContain('misuse,suspensions,1\r\n');
      expect(text).toContain('notices,incomplete_at_filing,1\r\n');
      expect(text).toContain('items_by_ground_and_action,copyright_infringement/remove,1\r\n');
    }
  });

  it('refuses bad dates and formats with a problem naming each field', async () => {
    await expectProblem(await report('?from=2026-02-30&to=yesterday'), 422, ['from', 'to']);
    await expectProblem(await report('?from=2026-03-01&to=2026-02-01'), 422, ['to']);
    await expectProblem(await report('?from=1999-01-01&to=2000-01-01'), 422, ['from']);
    await expectProblem(await report('?format=xml'), 422, ['format']);
  });

  it('shows the page with SVG charts (titles, descriptions) and a table beside each, under the strict CSP', async () => {
    const response = await fetch(`${t.baseUrl}/transparency?from=${today}&to=${today}`, { headers: bearer('ignored') });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    const page = await response.text();
    expect(page).not.toContain('<script');
    expect(page).not.toMatch(/ style="/);
    const charts = page.match(/<svg class="chart"/g) ?? [];
    expect(charts.length).toBeGreaterThanOrEqual(6);
    expect(page).toContain('<title id="chart-notices-type-title">Notices received by type</title>');
    expect(page).toMatch(/<desc id="chart-notices-type-desc">Copyright: 5; Trade mark: 1;/);
    expect((page.match(/<table class="figures">/g) ?? []).length).toBeGreaterThanOrEqual(charts.length);
    expect(page).toContain(`value="${today}"`);
  });

  it('re-renders the form with the dates kept and an error summary when a date is wrong', async () => {
    const response = await fetch(`${t.baseUrl}/transparency?from=%3Cb%3Enope&to=${today}`);
    expect(response.status).toBe(422);
    const page = await response.text();
    expect(page).toContain('There is a problem');
    expect(page).toContain('value="&lt;b&gt;nope"');
    expect(page).toContain('Must be a date like 2026-01-31.');
    expect(page).not.toContain('<svg');
  });
});
