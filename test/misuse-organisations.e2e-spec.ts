import { bearer, completeNotice, createSender, createStaff, fileAccepted, login, postJson, senderNotice, SenderWithKey, StaffMember, withValue } from './factories';
import { markUnfounded, MISUSE_REASON, suspensionOf } from './support/misuse-setup';
import { startTestApp, TestApp } from './support/test-app';

// Misuse (DSA Art. 23) by a sender organisation: notices filed with any of its keys count
// against the organisation, and a confirmed suspension holds every filing of every key.
// Individuals keep the e-mail path. Threshold 2 in 30 days here.
describe('misuse by a sender organisation', () => {
  let t: TestApp;
  let admin: StaffMember;
  let editor: StaffMember;
  let legal: StaffMember;
  let otherLegal: StaffMember;
  let vendor: SenderWithKey;
  let secondKey: string;
  const freelancer = 'freelancer@example.org';

  beforeAll(async () => {
    t = await startTestApp({ MISUSE_THRESHOLD: '2', MISUSE_PERIOD_DAYS: '30', MISUSE_SUSPENSION_DAYS: '14' });
    [admin, editor, legal, otherLegal] = [await createStaff(t, 'admin'), await createStaff(t, 'editor'), await createStaff(t, 'legal'), await createStaff(t, 'legal')];
    vendor = await createSender(t.baseUrl, admin, { name: 'Overeager Vendor' });
    const issued = await postJson(t.baseUrl, `/api/v1/senders/${vendor.id}/keys`, { name: 'Second pipeline' }, bearer(admin.token));
    secondKey = (await issued.json()).key;
  });
  afterAll(() => t.close());

  const fileWith = (key: string, notice: unknown) => fileAccepted(t.baseUrl, notice, bearer(key));
  const organisationSuspension = async () => {
    const listing = await (await fetch(`${t.baseUrl}/api/v1/misuse/suspensions`, { headers: bearer(legal.token) })).json();
    return listing.suspensions.find((entry: { senderOrganisationId: string | null }) => entry.senderOrganisationId === vendor.id);
  };
  const organisation = async () => (await fetch(`${t.baseUrl}/api/v1/senders/${vendor.id}`, { headers: bearer(admin.token) })).json();

  it('counts marks by organisation across its keys and notifiers, not by e-mail; legal confirms; every key’s filings are held', async () => {
    // One notice as the organisation, one naming a freelancer as notifier, through two keys.
    const first = await fileWith(vendor.key, senderNotice('copyright'));
    await markUnfounded(t, editor, first.body.reference);
    expect(await organisationSuspension()).toBeUndefined();
    const second = await fileWith(
      secondKey,
      withValue(
        withValue(senderNotice('copyright'), 'notifier', { ...completeNotice('copyright').notifier, name: 'Fran Freelancer', email: freelancer }),
        'work.description',
        'A second photograph',
      ),
    );
    await markUnfounded(t, editor, second.body.reference);

    const proposed = await organisationSuspension();
    expect(proposed).toMatchObject({ state: 'proposed', markCount: 2, organization: 'Overeager Vendor', notifierEmail: expect.stringMatching(/@vendor\.example$/) });
    expect(proposed.marks.map((mark: { reference: string }) => mark.reference).sort()).toEqual([first.body.reference, second.body.reference].sort());

    // The freelancer's own notice, filed without a key: the e-mail path, where the mark made
    // through the organisation does not count.
    const own = await fileAccepted(t.baseUrl, withValue(withValue(completeNotice('copyright'), 'notifier.email', freelancer), 'work.description', 'A photograph of her own'));
    await markUnfounded(t, editor, own.body.reference);
    expect(await suspensionOf(t, legal, freelancer)).toBeUndefined();

    const confirmed = await postJson(t.baseUrl, `/api/v1/misuse/suspensions/${proposed.id}/decision`, { decision: 'confirm', reasons: MISUSE_REASON }, bearer(legal.token));
    expect(confirmed.status).toBe(200);
    const active = await confirmed.json();
    const until = active.endsAt.slice(0, 10);
    const told = await t.db.pool.query(`SELECT body FROM messages WHERE kind = 'suspension' AND to_address = $1`, [proposed.notifierEmail]);
    expect(told.rows).toHaveLength(1);
    expect(told.rows[0].body).toContain('any of the keys of Overeager Vendor');
    expect(told.rows[0].body).toContain(until);
    expect((await organisation()).misuseSuspendedUntil).toBe(active.endsAt);

    // Every key of the organisation, whoever the notice names: held, told with the end date.
    for (const [key, notice] of [
      [vendor.key, senderNotice('trademark')],
      [secondKey, withValue(senderNotice('copyright'), 'notifier', { ...completeNotice('copyright').notifier, name: 'Someone Else', email: 'someone.else@example.org' })],
    ] as const) {
      const held = await fileWith(key, notice);
      expect(held.body).toMatchObject({ status: 'held', heldUntil: active.endsAt });
      const receipt = await t.db.pool.query(`SELECT m.body FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1 AND m.kind = 'receipt'`, [held.body.reference]);
      expect(receipt.rows[0].body).toContain(until);
      const detail = await (await fetch(`${t.baseUrl}/api/v1/cases/${held.body.reference}`, { headers: bearer(editor.token) })).json();
      expect(detail.misuse.senderSuspendedUntil).toBe(active.endsAt);
    }
    // The individual is not suspended by the organisation's suspension.
    expect((await fileAccepted(t.baseUrl, withValue(completeNotice('copyright'), 'notifier.email', freelancer))).body.status).toBe('new');

    // Shown on the organisation's page and on the misuse page.
    const { cookie } = await login(t, admin.email, admin.password);
    const page = await (await fetch(`${t.baseUrl}/desk/senders/${vendor.id}`, { headers: { cookie } })).text();
    expect(page).toContain(`Suspended for misuse until ${until}: filings held`);
    expect(page).toContain('Suspended</strong> · 2 manifestly unfounded notices');
    const misusePage = await (await fetch(`${t.baseUrl}/desk/misuse`, { headers: { cookie } })).text();
    expect(misusePage).toContain(`<a href="/desk/senders/${vendor.id}">Overeager Vendor</a>`);
    expect(misusePage).toContain('all its keys');
  });

  it('the organisation appeals through a tracking link of one of its notices; lifted, its keys file normally again', async () => {
    const suspension = await organisationSuspension();
    const filed = await fileWith(secondKey, senderNotice('copyright'));
    expect(filed.body.status).toBe('held');
    const appealed = await postJson(t.baseUrl, `/api/v1/track/${filed.token}/suspension-appeal`, { grounds: 'Our pipeline matched the wrong photographs; it is fixed.' });
    expect(appealed.status).toBe(200);
    expect(await appealed.json()).toMatchObject({ suspended: true, until: suspension.endsAt });

    const lifted = await postJson(
      t.baseUrl,
      `/api/v1/misuse/suspensions/${suspension.id}/appeal-decision`,
      { outcome: 'lifted', answer: 'The fix is credible.' },
      bearer(otherLegal.token),
    );
    expect(lifted.status).toBe(200);
    expect((await organisation()).misuseSuspendedUntil).toBeNull();
    expect((await fileWith(vendor.key, senderNotice('copyright'))).body.status).toBe('new');
    const events = await t.db.pool.query(`SELECT action, data FROM events WHERE subject_id = $1 ORDER BY id`, [suspension.id]);
    expect(events.rows.map((row) => row.action)).toEqual(['misuse.suspension_proposed', 'misuse.suspension_confirmed', 'misuse.suspension_appealed', 'misuse.appeal_decided']);
    expect(events.rows[1].data.senderOrganisationId).toBe(vendor.id);
  });
});
