import { computeClock } from '../src/clocks';
import { completeNotice, CONTRIBUTOR_URL, DEMO_ARTICLE_URL, fileAccepted, postJson, SYNDICATED_URL, withValue } from './factories';
import { runCli } from './support/cli';
import { startTestApp, TestApp } from './support/test-app';

// `npm run desk -- clocks:backfill`: open privacy and defamation cases filed before the desk
// kept their legal clocks get them, from their receipt, as intake would have set them.
describe('npm run desk -- clocks:backfill', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const row = async (reference: string) => (await t.db.pool.query(`SELECT * FROM cases WHERE reference = $1`, [reference])).rows[0];
  // As a case filed before the change looks: no GDPR or defamation clock.
  const asBeforeClocks = (references: string[]) => t.db.pool.query(`UPDATE cases SET gdpr_due_at = NULL, defamation_contact_due_at = NULL WHERE reference = ANY($1)`, [references]);

  it('starts the missing clocks on open cases only, with an event each, and can run again', async () => {
    const privacy = (await fileAccepted(t.baseUrl, completeNotice('privacy'))).body.reference;
    const defamation = (await fileAccepted(t.baseUrl, withValue(completeNotice('defamation'), 'items', [{ url: CONTRIBUTOR_URL }]))).body.reference;
    const staffArticle = (await fileAccepted(t.baseUrl, withValue(completeNotice('defamation'), 'items', [{ url: DEMO_ARTICLE_URL }]))).body.reference;
    const syndicated = (await fileAccepted(t.baseUrl, withValue(completeNotice('defamation'), 'items', [{ url: SYNDICATED_URL }]))).body.reference;
    const closedFiling = await fileAccepted(t.baseUrl, completeNotice('privacy'));
    const closed = closedFiling.body.reference;
    expect((await postJson(t.baseUrl, `/api/v1/track/${closedFiling.token}/withdraw`, { confirm: true, reason: 'Settled by e-mail.' })).status).toBe(200);
    await asBeforeClocks([privacy, defamation, staffArticle, syndicated, closed]);

    const dry = await runCli(['clocks:backfill', '--dry-run'], t.db.url);
    expect(dry).toMatchObject({ code: 0, stderr: '' });
    expect(dry.stdout.trim()).toBe('Would start 1 GDPR answer clock and 1 defamation contact clock on 2 open cases. Nothing was changed.');
    expect((await row(privacy)).gdpr_due_at).toBeNull();

    const run = await runCli(['clocks:backfill'], t.db.url);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.trim()).toBe('Started 1 GDPR answer clock and 1 defamation contact clock on 2 open cases.');

    const privacyRow = await row(privacy);
    expect(privacyRow.gdpr_due_at.toISOString()).toBe(computeClock('gdpr_answer', privacyRow.received_at).due);
    expect(privacyRow.next_due_at).not.toBeNull();
    const defamationRow = await row(defamation);
    expect(defamationRow.defamation_contact_due_at.toISOString()).toBe(computeClock('defamation_contact', defamationRow.received_at).due);
    // Only a contributor's piece takes the s.5 procedure: staff journalism and syndicated copy
    // get no contact clock; a closed case gets nothing.
    expect((await row(staffArticle)).defamation_contact_due_at).toBeNull();
    expect((await row(syndicated)).defamation_contact_due_at).toBeNull();
    expect((await row(closed)).gdpr_due_at).toBeNull();

    const { rows: events } = await t.db.pool.query(`SELECT case_reference, actor_type, changes FROM events WHERE action = 'case.legal_clocks_started' ORDER BY case_reference`);
    expect(events.map((event) => event.case_reference).sort()).toEqual([privacy, defamation].sort());
    const privacyEvent = events.find((event) => event.case_reference === privacy);
    expect(privacyEvent).toMatchObject({ actor_type: 'system', changes: { gdprDueAt: { before: null } } });

    const again = await runCli(['clocks:backfill'], t.db.url);
    expect(again).toMatchObject({ code: 0, stdout: 'Every open case already has its legal clocks.\n' });
  });

  it('refuses an unknown argument with its usage', async () => {
    const { code, stderr } = await runCli(['clocks:backfill', '--force'], t.db.url);
    expect(code).toBe(64);
    expect(stderr).toContain('unknown argument --force');
    expect(stderr).toContain('clocks:backfill [--dry-run]');
  });
});
