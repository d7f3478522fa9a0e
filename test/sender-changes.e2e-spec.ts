import { bearer, createSender, createStaff, expectProblem, login, NOTICES_PATH, postJson, senderNotice, StaffMember } from './factories';
import { startTestApp, TestApp } from './support/test-app';

// Changing a sender organisation after registration: PATCH /api/v1/senders/:id and the
// form on /desk/senders/:id.
describe('changing a sender organisation', () => {
  let t: TestApp;
  let admin: StaffMember;
  let editor: StaffMember;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createStaff(t, 'admin');
    editor = await createStaff(t, 'editor');
  });
  afterAll(() => t.close());

  const patch = (id: string, body: unknown, token = admin.token) =>
    fetch(`${t.baseUrl}/api/v1/senders/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...bearer(token) }, body: JSON.stringify(body) });
  const file = (key: string) => postJson(t.baseUrl, NOTICES_PATH, senderNotice('copyright'), bearer(key));
  const eventsOf = async (id: string) =>
    (await t.db.pool.query(`SELECT action, changes, data, actor_id FROM events WHERE subject_type = 'sender_organisation' AND subject_id = $1 ORDER BY id`, [id])).rows;

  it('changes only the fields given, at the version read, with one event naming each change', async () => {
    const vendor = await createSender(t.baseUrl, admin);
    const response = await patch(vendor.id, { version: 1, name: 'Renamed Vendor Ltd', kind: 'law_firm', contactEmail: 'New@Vendor.example', contactPhone: null });
    expect(response.status).toBe(200);
    const changed = await response.json();
    expect(changed).toMatchObject({
      name: 'Renamed Vendor Ltd',
      kind: 'law_firm',
      contactEmail: 'new@vendor.example',
      contactName: 'Rights Desk',
      contactPhone: null,
      contactAddress: '2 Harbour Street, Leith',
      status: 'active',
      version: 2,
    });
    const events = await eventsOf(vendor.id);
    expect(events.map((event) => event.action)).toEqual(['sender.registered', 'sender.updated']);
    expect(events[1].actor_id).toBe(admin.id);
    expect(events[1].changes).toEqual({
      name: { before: vendor.name, after: 'Renamed Vendor Ltd' },
      kind: { before: 'agency', after: 'law_firm' },
      contactEmail: { before: expect.stringMatching(/@vendor\.example$/), after: 'new@vendor.example' },
      contactPhone: { before: '+44 131 496 0000', after: null },
    });
    expect(events[1].data.changedFields).toEqual(['name', 'kind', 'contactPhone', 'contactEmail']);

    // The same values again change nothing and write no event.
    const again = await patch(vendor.id, { version: 2, name: 'Renamed Vendor Ltd' });
    expect((await again.json()).version).toBe(2);
    expect(await eventsOf(vendor.id)).toHaveLength(2);
  });

  it('refuses a stale version with 409 and the current one, and changes nothing', async () => {
    const vendor = await createSender(t.baseUrl, admin);
    expect((await patch(vendor.id, { version: 1, contactName: 'First Editor' })).status).toBe(200);
    const problem = await expectProblem(await patch(vendor.id, { version: 1, contactName: 'Second Editor' }), 409);
    expect(problem).toMatchObject({ code: 'stale_version', currentVersion: 2 });
    const { rows } = await t.db.pool.query(`SELECT contact_name FROM sender_organisations WHERE id = $1`, [vendor.id]);
    expect(rows[0].contact_name).toBe('First Editor');
  });

  it('names each bad field as problem+json, refuses a taken name, unknown ids and other roles', async () => {
    const vendor = await createSender(t.baseUrl, admin);
    const other = await createSender(t.baseUrl, admin);
    await expectProblem(
      await patch(vendor.id, { version: 1, name: '', kind: 'bank', contactEmail: 'nope', status: 'asleep', rateLimitPerMinute: 0, contactPhone: 'call me' }),
      422,
      ['name', 'kind', 'contactEmail', 'status', 'rateLimitPerMinute', 'contactPhone'],
    );
    await expectProblem(await patch(vendor.id, { name: 'No version' }), 422, ['version']);
    await expectProblem(await patch(vendor.id, { version: 1, name: null }), 422, ['name']);
    await expectProblem(await patch(vendor.id, { version: 1, suspendedUntil: '2099-01-01' }), 422, ['suspendedUntil']);
    await expectProblem(await patch(vendor.id, { version: 1, status: 'suspended', suspendedUntil: '2001-01-01' }), 422, ['suspendedUntil']);
    await expectProblem(await patch(vendor.id, { version: 1, colour: 'blue' }), 422, ['colour']);
    expect((await expectProblem(await patch(vendor.id, { version: 1, name: other.name }), 409, ['name'])).code).toBe('sender_name_taken');
    await expectProblem(await patch('00000000-0000-4000-8000-000000000000', { version: 1, name: 'Ghost' }), 404);
    await expectProblem(await patch('not-a-uuid', { version: 1, name: 'Ghost' }), 404);
    await expectProblem(await patch(vendor.id, { version: 1, name: 'Editor Was Here' }, editor.token), 403);
    expect(await eventsOf(vendor.id)).toHaveLength(1);
  });

  it('stops a suspended organisation’s keys with the end date, a closed one’s for good, and lets them file again when active', async () => {
    const vendor = await createSender(t.baseUrl, admin);
    const until = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const suspended = await (await patch(vendor.id, { version: 1, status: 'suspended', suspendedUntil: until })).json();
    expect(suspended).toMatchObject({ status: 'suspended', suspendedUntil: until });
    const refused = await expectProblem(await file(vendor.key), 403);
    expect(refused).toMatchObject({ code: 'sender_suspended', suspendedUntil: until });
    expect(refused.detail).toContain(until);

    // Until lifted: no end date.
    await patch(vendor.id, { version: 2, suspendedUntil: null });
    expect(await expectProblem(await file(vendor.key), 403)).toMatchObject({ code: 'sender_suspended', suspendedUntil: null });

    // Closed: the end date goes with the suspension.
    const closed = await (await patch(vendor.id, { version: 3, status: 'closed' })).json();
    expect(closed).toMatchObject({ status: 'closed', suspendedUntil: null });
    expect((await expectProblem(await file(vendor.key), 403)).code).toBe('sender_closed');

    expect((await patch(vendor.id, { version: 4, status: 'active' })).status).toBe(200);
    expect((await file(vendor.key)).status).toBe(201);

    // A suspension whose end has passed no longer stops the keys.
    await t.db.pool.query(`UPDATE sender_organisations SET status = 'suspended', suspended_until = now() - interval '1 minute' WHERE id = $1`, [vendor.id]);
    expect((await file(vendor.key)).status).toBe(201);
  });

  it('applies a new rate limit from the next request', async () => {
    const vendor = await createSender(t.baseUrl, admin, { rateLimitPerMinute: 100 });
    expect((await file(vendor.key)).status).toBe(201);
    expect((await file(vendor.key)).status).toBe(201);
    expect((await patch(vendor.id, { version: 1, rateLimitPerMinute: 2 })).status).toBe(200);
    const limited = await file(vendor.key);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await patch(vendor.id, { version: 2, rateLimitPerMinute: 1000 })).status).toBe(200);
    expect((await file(vendor.key)).status).toBe(201);
  });

  describe('the organisation’s page', () => {
    const page = (path: string, cookie: string) => fetch(`${t.baseUrl}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
    const csrfOf = (markup: string) => /name="_csrf" value="([^"]+)"/.exec(markup)![1];
    const post = (path: string, cookie: string, values: Record<string, string>) =>
      fetch(`${t.baseUrl}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(values).toString(),
      });

    it('shows the organisation, its keys and history; the form keeps input on errors and saves', async () => {
      const vendor = await createSender(t.baseUrl, admin, { name: 'Page Vendor <i>' });
      const { cookie } = await login(t, admin.email, admin.password);
      const shown = await page(`/desk/senders/${vendor.id}`, cookie);
      expect(shown.status).toBe(200);
      const markup = await shown.text();
      expect(markup).toContain('Page Vendor &lt;i&gt;');
      expect(markup).toContain('Sender organisation registered');
      expect(markup).toMatch(/<input type="hidden" name="version" value="1">/);
      const csrf = csrfOf(markup);
      const base = { _csrf: csrf, version: '1', name: 'Page Vendor <i>', kind: 'agency', contactEmail: 'x@vendor.example', rateLimitPerMinute: '50' };

      const bad = await post(`/desk/senders/${vendor.id}`, cookie, { ...base, contactEmail: 'not an address', status: 'active', suspendedUntil: '2099-01-01' });
      expect(bad.status).toBe(422);
      const again = await bad.text();
      expect(again).toContain('value="not an address"');
      expect(again).toContain('Must be a valid e-mail address');
      expect(again).toContain('Only a suspended organisation has an end date');

      // Without the token the form is refused.
      expect((await post(`/desk/senders/${vendor.id}`, cookie, { ...base, _csrf: 'forged', status: 'active' })).status).toBe(403);

      const saved = await post(`/desk/senders/${vendor.id}`, cookie, { ...base, status: 'suspended', suspendedUntil: '2099-01-01' });
      expect(saved.status).toBe(303);
      expect(saved.headers.get('location')).toBe(`/desk/senders/${vendor.id}?done=saved`);
      const after = await (await page(`/desk/senders/${vendor.id}?done=saved`, cookie)).text();
      expect(after).toContain('The changes were saved.');
      expect(after).toContain('Suspended until 2099-01-01');
      expect(after).toContain('Sender organisation changed');
      expect((await expectProblem(await file(vendor.key), 403)).suspendedUntil).toBe('2099-01-01T00:00:00.000Z');

      // A stale form: 409, the input kept, told to look again.
      const stale = await post(`/desk/senders/${vendor.id}`, cookie, { ...base, status: 'active', name: 'Too Late Ltd' });
      expect(stale.status).toBe(409);
      const staleMarkup = await stale.text();
      expect(staleMarkup).toContain('Someone changed this organisation');
      expect(staleMarkup).toContain('value="Too Late Ltd"');
      expect(staleMarkup).toMatch(/name="version" value="2"/);
    });

    it('is for admins only', async () => {
      const vendor = await createSender(t.baseUrl, admin);
      const { cookie } = await login(t, editor.email, editor.password);
      expect((await page(`/desk/senders/${vendor.id}`, cookie)).status).toBe(403);
      const { cookie: adminCookie } = await login(t, admin.email, admin.password);
      expect((await page(`/desk/senders/00000000-0000-4000-8000-000000000000`, adminCookie)).status).toBe(404);
    });
  });
});
