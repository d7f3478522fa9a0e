import { createHash } from 'node:crypto';
import {
  bearer,
  completeNotice,
  countRows,
  createSender,
  createStaff,
  decideNoAction,
  expectProblem,
  NOTICES_PATH,
  postJson,
  senderNotice,
  SenderWithKey,
  StaffMember,
  withValue,
} from './factories';
import { startTestApp, TestApp } from './support/test-app';

const BATCH_PATH = '/api/v1/notices:batch';

describe('sender organisations and their keys', () => {
  let t: TestApp;
  let admin: StaffMember;
  let editor: StaffMember;
  let agency: SenderWithKey;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await createStaff(t, 'admin');
    editor = await createStaff(t, 'editor');
    agency = await createSender(t.baseUrl, admin, { kind: 'agency', name: 'Lens & Co Picture Agency' });
  });
  afterAll(() => t.close());

  const file = (notice: unknown, key: string, headers: Record<string, string> = {}) => postJson(t.baseUrl, NOTICES_PATH, notice, { ...bearer(key), ...headers });
  const caseRow = async (reference: string) =>
    (
      await t.db.pool.query(
        `SELECT c.priority, c.due_at, c.received_at, n.notifier, n.sender_key_id, n.type FROM cases c JOIN notices n ON n.id = c.notice_id WHERE c.reference = $1`,
        [reference],
      )
    ).rows[0];

  describe('admin API', () => {
    it('registers an organisation and issues a key shown once, stored only as its hash', async () => {
      const registered = await postJson(
        t.baseUrl,
        '/api/v1/senders',
        { name: 'Northern Trusted Flagger', kind: 'trusted_flagger', contactEmail: 'Desk@Flagger.example', contactName: 'Ana' },
        bearer(admin.token),
      );
      expect(registered.status).toBe(201);
      const organisation = await registered.json();
      expect(organisation).toMatchObject({
        name: 'Northern Trusted Flagger',
        kind: 'trusted_flagger',
        contactEmail: 'desk@flagger.example',
        status: 'active',
        rateLimitPerMinute: 600,
        keys: [],
      });

      const issued = await postJson(t.baseUrl, `/api/v1/senders/${organisation.id}/keys`, { name: 'Nightly', allowedTypes: ['copyright'], expiresInDays: 30 }, bearer(admin.token));
      expect(issued.status).toBe(201);
      const key = await issued.json();
      expect(key.key).toMatch(/^tds_[A-Za-z0-9_-]{43}$/);
      expect(key).toMatchObject({ name: 'Nightly', allowedTypes: ['copyright'], prefix: key.key.slice(0, 12), revokedAt: null });
      expect(new Date(key.expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

      const { rows } = await t.db.pool.query(`SELECT key_hash, prefix FROM sender_keys WHERE id = $1`, [key.id]);
      expect(rows[0].key_hash).toEqual(createHash('sha256').update(key.key).digest());
      const listed = await (await fetch(`${t.baseUrl}/api/v1/senders`, { headers: bearer(admin.token) })).json();
      const listedOrganisation = listed.find((entry: { id: string }) => entry.id === organisation.id);
      expect(listedOrganisation.keys).toEqual([expect.objectContaining({ id: key.id, prefix: key.prefix })]);
      expect(JSON.stringify(listed)).not.toContain(key.key);

      const events = await t.db.pool.query(`SELECT action FROM events WHERE subject_id = ANY($1) ORDER BY id`, [[organisation.id, key.id]]);
      expect(events.rows.map((row) => row.action)).toEqual(['sender.registered', 'sender_key.issued']);
    });

    it('refuses a bad registration by field, a taken name with 409, and other roles with 403', async () => {
      const before = await t.db.pool.query(`SELECT count(*)::int AS n FROM sender_organisations`);
      await expectProblem(await postJson(t.baseUrl, '/api/v1/senders', { name: '', kind: 'pirate', contactEmail: 'nope' }, bearer(admin.token)), 422, [
        'name',
        'kind',
        'contactEmail',
      ]);
      await expectProblem(await postJson(t.baseUrl, '/api/v1/senders', { name: agency.name, kind: 'agency', contactEmail: 'x@y.example' }, bearer(admin.token)), 409, ['name']);
      await expectProblem(await postJson(t.baseUrl, `/api/v1/senders/${agency.id}/keys`, { name: 'k', allowedTypes: ['spam'] }, bearer(admin.token)), 422, ['allowedTypes']);
      expect((await postJson(t.baseUrl, '/api/v1/senders', { name: 'Editor Co', kind: 'agency', contactEmail: 'e@e.example' }, bearer(editor.token))).status).toBe(403);
      expect((await fetch(`${t.baseUrl}/api/v1/senders`, { headers: bearer(editor.token) })).status).toBe(403);
      const after = await t.db.pool.query(`SELECT count(*)::int AS n FROM sender_organisations`);
      expect(after.rows[0].n).toBe(before.rows[0].n);
    });
  });

  describe('filing with a key', () => {
    it('files as the organisation when the notice names no notifier, and records the key', async () => {
      const response = await file(senderNotice('copyright'), agency.key);
      expect(response.status).toBe(201);
      const body = await response.json();
      const stored = await caseRow(body.reference);
      expect(stored.notifier).toMatchObject({ name: 'Rights Desk', organization: agency.name, email: expect.stringMatching(/@vendor\.example$/), kind: 'agent' });
      expect(stored.sender_key_id).toBe(agency.keyId);
      expect(stored.priority).toBe('normal');
    });

    it('keeps a notifier the notice names, with the organisation filled in', async () => {
      const response = await file(withValue(completeNotice('copyright'), 'notifier.organization', undefined), agency.key);
      expect(response.status).toBe(201);
      const stored = await caseRow((await response.json()).reference);
      expect(stored.notifier).toMatchObject({ name: 'Jane Doe', email: 'jane.doe@example.org', organization: agency.name });
    });

    it('puts a trusted flagger’s case in the priority lane, with the shorter deadline, first in the queue', async () => {
      const flagger = await createSender(t.baseUrl, admin, { kind: 'trusted_flagger' });
      const normal = await (await file(senderNotice('copyright'), agency.key)).json();
      const high = await (await file(senderNotice('copyright'), flagger.key)).json();
      expect([normal.missing, high.missing]).toEqual([[], []]);
      const [normalRow, highRow] = [await caseRow(normal.reference), await caseRow(high.reference)];
      expect(highRow.priority).toBe('high');
      expect(highRow.due_at.getTime()).toBeLessThan(normalRow.due_at.getTime());
      const queue = await (await fetch(`${t.baseUrl}/api/v1/cases?limit=100`, { headers: bearer(editor.token) })).json();
      const references: string[] = queue.items.map((item: { reference: string }) => item.reference);
      const priorities: string[] = queue.items.map((item: { priority: string }) => item.priority);
      expect(references).toContain(high.reference);
      // Every high-priority case comes before every normal one.
      expect(priorities.lastIndexOf('high')).toBeLessThan(priorities.indexOf('normal'));
    });

    it('pages through the queue lane by lane with the cursor, missing and repeating nothing', async () => {
      const flagger = await createSender(t.baseUrl, admin, { kind: 'trusted_flagger' });
      for (const key of [flagger.key, agency.key, flagger.key, agency.key]) expect((await file(senderNotice('copyright'), key)).status).toBe(201);
      const queue = (query: string) => fetch(`${t.baseUrl}/api/v1/cases?${query}`, { headers: bearer(editor.token) }).then((response) => response.json());
      const whole: string[] = (await queue('limit=200')).items.map((item: { reference: string }) => item.reference);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Array<{ reference: string }>; nextCursor: string | null } = await queue(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        paged.push(...page.items.map((item) => item.reference));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(whole);
    });

    it('refuses a type the key may not file, as a problem naming the type, and stores nothing', async () => {
      const limited = await createSender(t.baseUrl, admin, { allowedTypes: ['copyright'] });
      const before = await countRows(t.db.pool);
      const problem = await expectProblem(await file(senderNotice('trademark'), limited.key), 403, ['type']);
      expect(problem.code).toBe('notice_type_not_allowed');
      expect(await countRows(t.db.pool)).toEqual(before);
      expect((await file(senderNotice('copyright'), limited.key)).status).toBe(201);
    });

    it('keeps idempotency keys in the organisation’s own scope', async () => {
      const other = await createSender(t.baseUrl, admin);
      const headers = { 'idempotency-key': 'batch-2026-001' };
      const first = await file(senderNotice('copyright'), agency.key, headers);
      expect(first.status).toBe(201);
      const replay = await file(senderNotice('copyright'), agency.key, headers);
      expect(replay.status).toBe(200);
      expect((await replay.json()).reference).toBe((await first.json()).reference);
      // Another organisation, and an anonymous caller, with the same key file their own.
      expect((await file(senderNotice('copyright'), other.key, headers)).status).toBe(201);
      expect((await postJson(t.baseUrl, NOTICES_PATH, completeNotice('copyright'), headers)).status).toBe(201);
    });

    it('counts the organisation’s own rate limit in PostgreSQL', async () => {
      const slow = await createSender(t.baseUrl, admin, { rateLimitPerMinute: 2 });
      expect((await file(senderNotice('copyright'), slow.key)).status).toBe(201);
      expect((await file(senderNotice('copyright'), slow.key)).status).toBe(201);
      const refused = await file(senderNotice('copyright'), slow.key);
      // (A minute boundary between the calls would open a new window: then it files.)
      if (refused.status !== 201) {
        expect(refused.status).toBe(429);
        expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      }
      const { rows } = await t.db.pool.query(`SELECT sum(hits)::int AS hits FROM rate_limit_windows WHERE bucket = $1`, [`sender:${slow.id}`]);
      expect(rows[0].hits).toBeGreaterThanOrEqual(2);
      // Others are not held back by it.
      expect((await file(senderNotice('copyright'), agency.key)).status).toBe(201);
    });

    it('refuses a revoked key, an expired key, an unknown key and a suspended organisation', async () => {
      const doomed = await createSender(t.baseUrl, admin);
      const revoked = await fetch(`${t.baseUrl}/api/v1/sender-keys/${doomed.keyId}`, { method: 'DELETE', headers: bearer(admin.token) });
      expect(revoked.status).toBe(204);
      expect((await expectProblem(await file(senderNotice(), doomed.key), 401)).code).toBe('sender_key_invalid');
      const event = await t.db.pool.query(`SELECT action FROM events WHERE subject_id = $1 AND action = 'sender_key.revoked'`, [doomed.keyId]);
      expect(event.rows).toHaveLength(1);

      const expired = await createSender(t.baseUrl, admin);
      await t.db.pool.query(`UPDATE sender_keys SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.keyId]);
      expect((await file(senderNotice(), expired.key)).status).toBe(401);
      expect((await file(senderNotice(), `tds_${'A'.repeat(43)}`)).status).toBe(401);

      const suspended = await createSender(t.baseUrl, admin);
      await t.db.pool.query(`UPDATE sender_organisations SET status = 'suspended' WHERE id = $1`, [suspended.id]);
      expect((await expectProblem(await file(senderNotice(), suspended.key), 403)).code).toBe('sender_suspended');
    });
  });

  describe('on the case', () => {
    it('shows staff the organisation, the key’s name and how its notices fared', async () => {
      const vendor = await createSender(t.baseUrl, admin, { name: 'Case Panel Vendor <b>' });
      const first = await (await file(senderNotice('copyright'), vendor.key)).json();
      const second = await (await file(senderNotice('copyright'), vendor.key)).json();
      expect((await decideNoAction(t.baseUrl, first.reference, editor)).status).toBe(200);

      const detail = await (await fetch(`${t.baseUrl}/api/v1/cases/${second.reference}`, { headers: bearer(editor.token) })).json();
      expect(detail.sender).toEqual({
        organisationId: vendor.id,
        organisationName: vendor.name,
        kind: 'agency',
        status: 'active',
        keyName: 'Pipeline',
        keyPrefix: vendor.key.slice(0, 12),
        noticesFiled: 2,
        decided: 1,
        foundValid: 0,
        rejected: 1,
      });
      const page = await fetch(`${t.baseUrl}/desk/cases/${second.reference}`, { headers: { ...bearer(editor.token), accept: 'text/html' } });
      expect(page.status).toBe(200);
      const markup = await page.text();
      expect(markup).toContain('Filed by a sender organisation');
      expect(markup).toContain('Case Panel Vendor &lt;b&gt;');
      expect(markup).toMatch(/<dt>Notices filed<\/dt><dd>2<\/dd>/);
      expect(markup).toMatch(/<dt>Rejected<\/dt><dd>100 %/);

      // A notice filed without a key has no panel.
      const plain = await (await postJson(t.baseUrl, NOTICES_PATH, completeNotice('copyright'))).json();
      const plainDetail = await (await fetch(`${t.baseUrl}/api/v1/cases/${plain.reference}`, { headers: bearer(editor.token) })).json();
      expect(plainDetail.sender).toBeNull();
    });
  });

  describe('POST /api/v1/notices:batch', () => {
    const batch = (notices: unknown, key: string, headers: Record<string, string> = {}) => postJson(t.baseUrl, BATCH_PATH, { notices }, { ...bearer(key), ...headers });

    it('answers 207 with one entry per notice, filing the good ones and naming the bad fields of the others', async () => {
      const before = await countRows(t.db.pool);
      const bad = withValue(senderNotice('copyright'), 'items', [{ url: 'not a url' }]);
      const response = await batch([senderNotice('copyright'), bad, senderNotice('trademark')], agency.key);
      expect(response.status).toBe(207);
      const body = await response.json();
      expect(body).toMatchObject({ accepted: 2, refused: 1 });
      expect(body.results.map((entry: { index: number; status: number }) => [entry.index, entry.status])).toEqual([
        [0, 201],
        [1, 422],
        [2, 201],
      ]);
      expect(body.results[0].filing.reference).toMatch(/^TD-/);
      expect(body.results[0].location).toMatch(/^\/api\/v1\/track\//);
      expect(body.results[1].problem.errors.map((error: { field: string }) => error.field)).toEqual(['notices[1].items[0].url']);
      const after = await countRows(t.db.pool);
      expect(after.cases - before.cases).toBe(2);
    });

    it('replays a retried batch with the same Idempotency-Key', async () => {
      const headers = { 'idempotency-key': 'nightly-batch-42' };
      const first = await (await batch([senderNotice('copyright'), senderNotice('copyright')], agency.key, headers)).json();
      const again = await (await batch([senderNotice('copyright'), senderNotice('copyright')], agency.key, headers)).json();
      expect(again.results.map((entry: { status: number }) => entry.status)).toEqual([200, 200]);
      expect(again.results.map((entry: { filing: { reference: string } }) => entry.filing.reference)).toEqual(
        first.results.map((entry: { filing: { reference: string } }) => entry.filing.reference),
      );
    });

    it('refuses an empty or too long batch, and callers without a sender key', async () => {
      await expectProblem(await batch([], agency.key), 422, ['notices']);
      await expectProblem(
        await batch(
          Array.from({ length: 101 }, () => senderNotice()),
          agency.key,
        ),
        422,
        ['notices'],
      );
      await expectProblem(await postJson(t.baseUrl, BATCH_PATH, { notices: [completeNotice()] }), 401);
      await expectProblem(await postJson(t.baseUrl, BATCH_PATH, { notices: [completeNotice()] }, bearer(editor.token)), 401);
    });
  });
});
