import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DsaSubmissionService } from '../src/exports/dsa-submission.service';
import { validateDsaStatement } from '../src/exports/dsa-validator';
import { bearer, completeNotice, createStaff, decideNoAction, expectProblem, fileAccepted, login, postJson, removedContribution, StaffMember } from './factories';
import { startTestApp, TestApp } from './support/test-app';

// A stand-in for the DSA Transparency Database: a real HTTP server on loopback that records
// what it receives and answers with the statuses the test queues (201 when none is queued).
class FakeTransparencyDatabase {
  readonly received: Array<{ path: string; authorization: string | undefined; body: any }> = [];
  readonly answers: number[] = [];
  private readonly server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      this.received.push({ path: request.url ?? '', authorization: request.headers.authorization, body: JSON.parse(text || 'null') });
      const status = this.answers.shift() ?? 201;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status === 422 ? { message: 'The puid has already been taken.', errors: { puid: ['taken'] } } : { ok: status < 300 }));
    });
  });
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('DSA statements of reasons and the Lumen export', () => {
  const tdb = new FakeTransparencyDatabase();
  let t: TestApp;
  let editor: StaffMember;
  let legal: StaffMember;
  let removed: string;
  let restricted: string;
  let rejected: string;
  const today = new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    const url = await tdb.start();
    // A long interval: the job's own runs stay out of the way; the test runs it itself.
    t = await startTestApp({ DSA_TDB_URL: url, DSA_TDB_TOKEN: 'tdb-test-token', DSA_TDB_INTERVAL_SECONDS: '86400' });
    editor = await createStaff(t, 'editor');
    legal = await createStaff(t, 'legal');
    removed = (await removedContribution(t, editor)).reference;
    // A trade mark notice restricted in Germany and France (and the UK, outside the EEA) until a day.
    const filed = await fileAccepted(t.baseUrl, completeNotice('trademark'));
    restricted = filed.body.reference;
    const act = (body: Record<string, unknown>) => postJson(t.baseUrl, `/api/v1/cases/${restricted}/transitions`, body, bearer(editor.token));
    const started = await (await act({ action: 'start_review', version: 1 })).json();
    const decided = await act({
      action: 'decide',
      version: started.version,
      items: [{ itemId: started.items[0].id, action: 'restrict', territories: ['DE', 'FR'], until: '2099-12-31' }],
      ground: 'trademark_infringement',
      reasons: 'The article uses the mark to suggest an endorsement; restricted where the mark is registered.',
    });
    expect(decided.status).toBe(200);
    rejected = (await fileAccepted(t.baseUrl, completeNotice('copyright'))).body.reference;
    expect((await decideNoAction(t.baseUrl, rejected, editor)).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await tdb.close();
  });

  const caseStatements = async (reference: string) => {
    const response = await fetch(`${t.baseUrl}/api/v1/cases/${reference}/dsa-statements`, { headers: bearer(editor.token) });
    expect(response.status).toBe(200);
    return (await response.json()).statements as any[];
  };
  const eventsOf = async (action: string) =>
    (await t.db.pool.query(`SELECT actor_type, actor_id, subject_type, subject_id, data, request_id FROM events WHERE action = $1 ORDER BY id`, [action])).rows;
  const exportLines = async (path: string, who: StaffMember) => {
    const response = await fetch(`${t.baseUrl}${path}`, { headers: bearer(who.token) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    return (await response.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  };

  it('gives each restricting decision item a statement (none for no action), viewable per case', async () => {
    const [removal] = await caseStatements(removed);
    expect(removal).toMatchObject({
      puid: `${removed}-item1`,
      problems: [],
      submission: { state: 'not_queued', attempts: 0 },
      statement: {
        decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
        category: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
        source_type: 'SOURCE_ARTICLE_16',
      },
    });
    const [restriction] = await caseStatements(restricted);
    expect(restriction.statement).toMatchObject({
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_DISABLED'],
      territorial_scope: ['DE', 'FR'],
      end_date_visibility_restriction: '2099-12-31',
      category_specification: ['KEYWORD_TRADEMARK_INFRINGEMENT'],
    });
    expect(await caseStatements(rejected)).toEqual([]);
    expect((await fetch(`${t.baseUrl}/api/v1/cases/TD-2020-999999/dsa-statements`, { headers: bearer(editor.token) })).status).toBe(404);
  });

  it('exports the period’s statements as NDJSON (legal, admin), every one valid against the schema', async () => {
    const statements = await exportLines(`/api/v1/exports/dsa-sor?from=${today}&to=${today}`, legal);
    expect(statements.map((statement) => statement.puid).sort()).toEqual([`${removed}-item1`, `${restricted}-item1`].sort());
    for (const statement of statements) expect({ puid: statement.puid, problems: validateDsaStatement(statement) }).toEqual({ puid: statement.puid, problems: [] });
    expect(JSON.stringify(statements)).not.toContain('jane.doe@example.org');
    expect(await exportLines('/api/v1/exports/dsa-sor?from=2021-01-01&to=2021-01-31', legal)).toEqual([]);
    expect((await fetch(`${t.baseUrl}/api/v1/exports/dsa-sor`, { headers: bearer(editor.token) })).status).toBe(403);
    await expectProblem(await fetch(`${t.baseUrl}/api/v1/exports/dsa-sor?from=2026-13-01`, { headers: bearer(legal.token) }), 422, ['from']);
    // Each export is on record: who, which, the period and how many statements left the desk.
    expect(await eventsOf('export.dsa_statements')).toEqual([
      expect.objectContaining({ actor_type: 'staff', actor_id: legal.id, subject_type: 'export', data: { from: today, to: today, count: 2, complete: true } }),
      expect.objectContaining({ actor_id: legal.id, data: { from: '2021-01-01', to: '2021-01-31', count: 0, complete: true } }),
    ]);
    expect((await eventsOf('export.dsa_statements'))[0].request_id).toBeTruthy();
  });

  it('submits in batches to the configured database, retrying after a failure, and stores each state', async () => {
    const submissions = t.app.get(DsaSubmissionService);
    tdb.answers.push(503);
    const now = new Date();
    expect(await submissions.run(now)).toMatchObject({ queued: 2, submitted: 0, retrying: 2 });
    expect(tdb.received).toHaveLength(1);
    expect(tdb.received[0]).toMatchObject({ path: '/api/v1/statements', authorization: 'Bearer tdb-test-token' });
    expect(tdb.received[0].body.statements).toHaveLength(2);
    const waiting = await caseStatements(removed);
    expect(waiting[0].submission).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringContaining('HTTP 503') });

    // Not yet due: nothing is sent. A minute later (the first wait), the retry goes through.
    expect(await submissions.run(new Date(now.getTime() + 1_000))).toMatchObject({ submitted: 0 });
    expect(tdb.received).toHaveLength(1);
    expect(await submissions.run(new Date(now.getTime() + 61_000))).toMatchObject({ submitted: 2 });
    expect(tdb.received).toHaveLength(2);
    expect(tdb.received[1].body.statements.length).toBeLessThanOrEqual(100);
    const [sent] = await caseStatements(removed);
    expect(sent.submission).toMatchObject({ state: 'submitted', attempts: 2, lastError: null, submittedAt: expect.any(String) });
    expect(await submissions.run(new Date(now.getTime() + 120_000))).toMatchObject({ queued: 0, submitted: 0 });
    // One event for the batch that went in (none for the failed try that will be retried).
    expect(await eventsOf('dsa_tdb.batch_submitted')).toEqual([
      expect.objectContaining({ actor_type: 'system', subject_type: 'dsa_submission', data: expect.objectContaining({ count: 2 }) }),
    ]);
    expect(await eventsOf('dsa_tdb.statements_failed')).toEqual([]);
  });

  it('sends a refused batch again one by one, and keeps the database’s refusal on the statement it names', async () => {
    const others = [(await removedContribution(t, editor)).reference, (await removedContribution(t, editor)).reference];
    const submissions = t.app.get(DsaSubmissionService);
    const before = tdb.received.length;
    tdb.answers.push(422, 201, 422);
    expect(await submissions.run(new Date(Date.now() + 180_000))).toMatchObject({ queued: 2, submitted: 1, failed: 1 });
    expect(tdb.received.slice(before).map((request) => [request.path, (request.body.statements ?? [request.body]).length])).toEqual([
      ['/api/v1/statements', 2],
      ['/api/v1/statement', 1],
      ['/api/v1/statement', 1],
    ]);
    const states = await Promise.all(others.map(async (reference) => (await caseStatements(reference))[0].submission));
    expect(states.map((state) => state.state).sort()).toEqual(['failed', 'submitted']);
    expect(states.find((state) => state.state === 'failed')!.lastError).toContain('HTTP 422');
    // Per batch: one event for what went in, one for what was given up on, naming it.
    const [submitted] = (await eventsOf('dsa_tdb.batch_submitted')).slice(1);
    expect(submitted.data).toMatchObject({ count: 1 });
    const failed = await eventsOf('dsa_tdb.statements_failed');
    expect(failed).toHaveLength(1);
    expect(failed[0].data).toMatchObject({ count: 1, stage: 'submission', firstError: expect.stringContaining('HTTP 422') });
    expect(failed[0].data.puids).toHaveLength(1);
    expect(others.some((reference) => failed[0].data.puids[0].startsWith(reference))).toBe(true);
  });

  it('shows the statements and their state on a staff page linked from the case', async () => {
    const { cookie } = await login(t, editor.email, editor.password);
    const casePage = await (await fetch(`${t.baseUrl}/desk/cases/${removed}`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(casePage).toContain(`href="/desk/cases/${removed}/statements"`);
    const noActionPage = await (await fetch(`${t.baseUrl}/desk/cases/${rejected}`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(noActionPage).not.toContain('/statements"');
    const page = await (await fetch(`${t.baseUrl}/desk/cases/${removed}/statements`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(page).toContain(`${removed}-item1`);
    expect(page).toContain('Sent to the Transparency Database');
    expect(page).toContain('DECISION_VISIBILITY_CONTENT_REMOVED');
    const empty = await (await fetch(`${t.baseUrl}/desk/cases/${rejected}/statements`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(empty).toContain('No statement needed');
  });

  it('exports closed notices as Lumen notices without the notifier’s contact details', async () => {
    const notices = await exportLines(`/api/v1/exports/lumen?from=${today}&to=${today}`, legal);
    // Actioned and rejected cases are closed to work; the refused one above too.
    expect(notices.map((line) => line.notice.case_id_number).sort()).toEqual(expect.arrayContaining([removed, restricted, rejected]));
    const byCase = new Map(notices.map((line) => [line.notice.case_id_number, line.notice]));
    expect(byCase.get(removed)).toMatchObject({ type: 'DMCA', action_taken: 'Yes', date_received: today });
    expect(byCase.get(restricted)).toMatchObject({ type: 'Trademark', action_taken: 'Yes', mark_registration_number: 'UK00003123456' });
    expect(byCase.get(rejected)).toMatchObject({ type: 'DMCA', action_taken: 'No' });
    expect(byCase.get(removed).entity_notice_roles_attributes[0]).toEqual({
      name: 'sender',
      entity_attributes: { name: 'Doe Photography Ltd', kind: 'organization', country_code: 'GB' },
    });
    const text = JSON.stringify(notices);
    for (const secret of ['jane.doe@example.org', '7946 0000', 'High Street']) expect(text).not.toContain(secret);
    expect((await fetch(`${t.baseUrl}/api/v1/exports/lumen`, { headers: bearer(editor.token) })).status).toBe(403);
    expect(await eventsOf('export.lumen')).toEqual([
      expect.objectContaining({ actor_type: 'staff', actor_id: legal.id, data: { from: today, to: today, count: notices.length, complete: true } }),
    ]);
  });

  it('shows the export and submission events in words on the audit log', async () => {
    const admin = await createStaff(t, 'admin');
    const { cookie } = await login(t, admin.email, admin.password);
    const page = await (await fetch(`${t.baseUrl}/admin/audit?action=export.`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(page).toContain('Statements of reasons exported (DSA, NDJSON)');
    expect(page).toContain('Notices exported for the Lumen database');
    expect(page).toContain('<optgroup label="DSA Transparency Database">');
    expect(page).not.toContain('>dsa_tdb<');
    const failed = await (await fetch(`${t.baseUrl}/admin/audit?action=dsa_tdb.statements_failed`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(failed).toContain('Submission (refused or out of attempts)');
  });
});
