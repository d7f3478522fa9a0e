import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { bearer, completeNotice, createStaff, decideNoAction, expectProblem, fileAccepted, login, postJson, StaffMember } from './factories';
import { startTestApp, TestApp } from './support/test-app';

const FORMULA_NAME = '=HYPERLINK("http://evil.example","click")';

// RFC 4180, enough for the export: quoted cells may hold commas, quotes and line breaks.
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}

describe('the audit log and the outbox', () => {
  let t: TestApp;
  let admin: StaffMember;
  let editor: StaffMember;
  let legal: StaffMember;
  let adminCookie: string;
  let decided: string;
  let other: string;

  const api = (path: string, who: StaffMember = admin, init: RequestInit = {}) =>
    fetch(`${t.baseUrl}${path}`, { ...init, headers: { accept: 'application/json', ...bearer(who.token), ...(init.headers ?? {}) } });
  const listEvents = async (query: string, who: StaffMember = admin) => {
    const response = await api(`/api/v1/events${query}`, who);
    expect(response.status).toBe(200);
    return (await response.json()) as { items: any[]; nextCursor: string | null };
  };
  const page = (path: string, cookie: string = adminCookie, init: RequestInit = {}) =>
    fetch(`${t.baseUrl}${path}`, { redirect: 'manual', ...init, headers: { cookie, accept: 'text/html', ...(init.headers ?? {}) } });
  const countEvents = async () => (await t.db.pool.query('SELECT count(*)::int AS n FROM events')).rows[0].n as number;

  beforeAll(async () => {
    // No background sealing: the tests seal when they mean to, and warn after 1 s.
    t = await startTestApp({ SEAL_INTERVAL_SECONDS: '0', UNSEALED_WARNING_SECONDS: '1' });
    admin = await createStaff(t, 'admin', 'Ada Admin');
    editor = await createStaff(t, 'editor', 'Erin Editor');
    legal = await createStaff(t, 'legal', 'Lee Legal');
    adminCookie = (await login(t, admin.email, admin.password)).cookie;

    // One case decided (no action: the demo article stays live), one left new.
    decided = (await fileAccepted(t.baseUrl, completeNotice('copyright'))).body.reference;
    other = (await fileAccepted(t.baseUrl, completeNotice('trademark'))).body.reference;
    const decide = await decideNoAction(t.baseUrl, decided, editor);
    expect(decide.status).toBe(200);
  });
  afterAll(() => t.close());

  describe('access', () => {
    it('refuses anonymous callers: 401 for the API, the sign-in page for the pages', async () => {
      for (const path of ['/api/v1/events', '/api/v1/events/export?format=csv']) {
        expect((await fetch(`${t.baseUrl}${path}`, { headers: { accept: 'application/json' } })).status).toBe(401);
      }
      expect((await postJson(t.baseUrl, '/api/v1/events/verify', {})).status).toBe(401);
      for (const path of ['/admin/audit', '/admin/outbox']) {
        const response = await fetch(`${t.baseUrl}${path}`, { redirect: 'manual', headers: { accept: 'text/html' } });
        expect(response.status).toBe(303);
        expect(response.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
      }
    });

    it.each([['editor'], ['legal']])('refuses an %s (403): editors see a case’s timeline, not the log', async (role) => {
      const who = role === 'editor' ? editor : legal;
      await expectProblem(await api('/api/v1/events', who), 403);
      await expectProblem(await api('/api/v1/events/export?format=ndjson', who), 403);
      await expectProblem(await postJson(t.baseUrl, '/api/v1/events/verify', {}, bearer(who.token)), 403);
      await expectProblem(await postJson(t.baseUrl, '/api/v1/events/seal', {}, bearer(who.token)), 403);
      const cookie = (await login(t, who.email, who.password)).cookie;
      for (const path of ['/admin/audit', '/admin/outbox']) {
        const response = await page(path, cookie);
        expect(response.status).toBe(403);
        expect(await response.text()).toContain('Not allowed');
      }
    });

    it('shows Audit and Outbox in the admin’s navigation only', async () => {
      expect(await (await page('/desk')).text()).toMatch(/<a href="\/admin\/audit">Audit<\/a><a href="\/admin\/outbox">Outbox<\/a>/);
      const editorCookie = (await login(t, editor.email, editor.password)).cookie;
      expect(await (await page('/desk', editorCookie)).text()).not.toContain('/admin/audit');
    });
  });

  describe('GET /api/v1/events', () => {
    it('lists events newest first, each with actor, subject, case, changes, data, request id and network', async () => {
      const { items } = await listEvents('');
      expect(items.length).toBeGreaterThan(5);
      const ids = items.map((event) => BigInt(event.id));
      expect([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(ids);
      const login = items.find((event) => event.action === 'auth.login_succeeded' && event.actor.id === admin.id);
      expect(login).toEqual({
        id: expect.stringMatching(/^\d+$/),
        occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
        actor: { type: 'staff', id: admin.id, role: 'admin', name: 'Ada Admin' },
        action: 'auth.login_succeeded',
        subject: { type: 'user', id: admin.id },
        caseReference: null,
        changes: {},
        data: expect.objectContaining({ channel: 'api' }),
        visibility: 'internal',
        requestId: expect.any(String),
        clientNetwork: '127.0.0.0/24',
      });
    });

    it('filters by case reference (any case) and shows the before and after of a decision', async () => {
      const { items } = await listEvents(`?case=${decided.toLowerCase()}`);
      expect(items.every((event) => event.caseReference === decided)).toBe(true);
      expect(items.map((event) => event.action)).toEqual(expect.arrayContaining(['notice.filed', 'case.opened', 'case.start_review', 'case.decide', 'decision.recorded']));
      const decision = items.find((event) => event.action === 'case.decide');
      expect(decision.actor).toEqual({ type: 'staff', id: editor.id, role: 'editor', name: 'Erin Editor' });
      expect(decision.changes.status).toEqual({ before: 'in_review', after: 'rejected' });
      expect(decision.changes.dueAt.before).toEqual(expect.any(String));
      expect(decision.changes.dueAt.after).toBeNull();
    });

    it('filters by person: a staff id, or an actor type', async () => {
      const byEditor = await listEvents(`?actor=${editor.id}`);
      expect(byEditor.items.length).toBeGreaterThan(0);
      expect(byEditor.items.every((event) => event.actor.type === 'staff' && event.actor.id === editor.id)).toBe(true);
      const byNotifiers = await listEvents('?actor=notifier');
      expect(byNotifiers.items.map((event) => event.action)).toEqual(expect.arrayContaining(['notice.filed']));
      expect(byNotifiers.items.every((event) => event.actor.type === 'notifier')).toBe(true);
      const bySystem = await listEvents('?actor=system');
      expect(bySystem.items.every((event) => event.actor.type === 'system')).toBe(true);
      expect(bySystem.items.map((event) => event.action)).toContain('message.recorded');
    });

    it('filters by action, exact or by prefix', async () => {
      const exact = await listEvents('?action=case.decide');
      expect(exact.items.map((event) => event.caseReference)).toEqual([decided]);
      for (const prefix of ['case.', 'case.*']) {
        const { items } = await listEvents(`?action=${encodeURIComponent(prefix)}&limit=500`);
        expect(items.length).toBeGreaterThan(3);
        expect(items.every((event) => event.action.startsWith('case.'))).toBe(true);
      }
    });

    it('filters by subject type, and by type and id', async () => {
      const users = await listEvents('?subject=user&limit=500');
      expect(users.items.every((event) => event.subject.type === 'user')).toBe(true);
      const one = await listEvents(`?subject=user:${editor.id}`);
      expect(one.items.length).toBeGreaterThan(0);
      expect(one.items.every((event) => event.subject.id === editor.id)).toBe(true);
      expect(one.items.map((event) => event.action)).toEqual(expect.arrayContaining(['user.created', 'auth.login_succeeded']));
    });

    it('filters by period: dates cover whole UTC days, times are inclusive', async () => {
      // The log is append-only, not back-dated: an old event has to be written directly.
      const { rows } = await t.db.pool.query(
        `INSERT INTO events (occurred_at, actor_type, action, subject_type, subject_id, visibility) VALUES ('2020-01-15T23:59:59Z', 'system', 'test.old', 'test', 'old', 'internal') RETURNING id::text`,
      );
      const old = rows[0].id;
      expect((await listEvents('?from=2020-01-15&to=2020-01-15')).items.map((event) => event.id)).toEqual([old]);
      expect((await listEvents('?to=2020-01-15T23:59:59Z')).items.map((event) => event.id)).toEqual([old]);
      expect((await listEvents('?to=2020-01-15T23:59:58Z')).items).toEqual([]);
      expect((await listEvents('?from=2020-01-16&to=2020-12-31')).items).toEqual([]);
      const today = new Date().toISOString().slice(0, 10);
      const recent = await listEvents(`?from=${today}`);
      expect(recent.items.length).toBeGreaterThan(0);
      expect(recent.items.map((event) => event.id)).not.toContain(old);
    });

    it('searches text in the action, subject id, case reference, changes and data', async () => {
      expect((await listEvents('?q=rejected')).items.map((event) => event.action)).toContain('case.decide');
      expect((await listEvents('?q=NOT_ILLEGAL')).items.map((event) => event.action)).toContain('decision.recorded');
      expect((await listEvents(`?q=${other.slice(-6)}`)).items.every((event) => JSON.stringify(event).includes(other.slice(-6)))).toBe(true);
      expect((await listEvents('?q=login_succ')).items.every((event) => event.action === 'auth.login_succeeded')).toBe(true);
      // % and _ are literal characters, not wildcards.
      expect((await listEvents('?q=%25%25%25')).items).toEqual([]);
    });

    it('pages newest first with a cursor, without gaps or repeats', async () => {
      const all = (await listEvents('?limit=500')).items.map((event) => event.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const result: { items: any[]; nextCursor: string | null } = await listEvents(`?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        expect(result.items.length).toBeLessThanOrEqual(7);
        seen.push(...result.items.map((event) => event.id));
        cursor = result.nextCursor;
      } while (cursor);
      // Reading the log signs nobody in: the pages are the same events as the one big page.
      expect(seen).toEqual(all);
    });

    it.each([
      ['actor=robot', 'actor'],
      ['case=XYZ-1', 'case'],
      ['from=2025-02-30', 'from'],
      ['from=yesterday', 'from'],
      ['from=2025-06-30&to=2025-06-01', 'to'],
      ['limit=501', 'limit'],
      ['limit=0', 'limit'],
      ['cursor=not-a-cursor', 'cursor'],
      ['action=case%20decide', 'action'],
      ['colour=red', 'colour'],
    ])('refuses %s with 422 naming the field', async (query, field) => {
      await expectProblem(await api(`/api/v1/events?${query}`), 422, [field]);
    });
  });

  describe('export', () => {
    it('streams CSV as an attachment: header row, quoted cells, formulas neutralised', async () => {
      const sneaky = await createStaff(t, 'editor', FORMULA_NAME);
      const response = await api(`/api/v1/events/export?format=csv&actor=${sneaky.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="takedown-desk-events-[\dT-]+\.csv"$/);
      expect(response.headers.get('cache-control')).toBe('no-store');
      // Streamed: chunked, no length known in advance.
      expect(response.headers.get('transfer-encoding')).toBe('chunked');
      expect(response.headers.get('content-length')).toBeNull();
      const rows = parseCsv(await response.text());
      expect(rows[0]).toEqual([
        'id',
        'occurred_at',
        'actor_type',
        'actor_id',
        'actor_role',
        'actor_name',
        'action',
        'subject_type',
        'subject_id',
        'case_reference',
        'changes',
        'data',
        'visibility',
        'request_id',
        'client_network',
      ]);
      expect(rows.length - 1).toBe(Number(response.headers.get('x-event-count')));
      const signIn = rows.find((row) => row[6] === 'auth.login_succeeded')!;
      expect(signIn.slice(2, 6)).toEqual(['staff', sneaky.id, 'editor', `'${FORMULA_NAME}`]);
      expect(JSON.parse(signIn[11])).toMatchObject({ channel: 'api' });
    });

    it('writes the same events as the API, with their changes, in CSV and NDJSON', async () => {
      const { items } = await listEvents(`?case=${decided}&limit=500`);
      const csv = parseCsv(await (await api(`/api/v1/events/export?format=csv&case=${decided}`)).text());
      expect(csv.slice(1).map((row) => row[0])).toEqual(items.map((event) => event.id));
      const decideRow = csv.find((row) => row[6] === 'case.decide')!;
      expect(JSON.parse(decideRow[10]).status).toEqual({ before: 'in_review', after: 'rejected' });

      const response = await api(`/api/v1/events/export?format=ndjson&case=${decided}`);
      expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
      expect(response.headers.get('content-disposition')).toMatch(/filename="takedown-desk-events-[\dT-]+\.ndjson"$/);
      const text = await response.text();
      expect(text.endsWith('\n')).toBe(true);
      expect(
        text
          .trimEnd()
          .split('\n')
          .map((line) => JSON.parse(line)),
      ).toEqual(items);
    });

    it('logs every export as an event: who, which format, which filters, how many rows', async () => {
      const before = await countEvents();
      const response = await api(`/api/v1/events/export?format=ndjson&case=${decided}&action=case.`);
      const lines = (await response.text()).trimEnd().split('\n');
      expect(await countEvents()).toBe(before + 1);
      const { items } = await listEvents('?action=events.exported&limit=1');
      expect(items[0]).toMatchObject({
        actor: { type: 'staff', id: admin.id, role: 'admin', name: 'Ada Admin' },
        action: 'events.exported',
        data: { format: 'ndjson', filters: { case: decided, action: 'case.' }, rowCount: lines.length },
        requestId: response.headers.get('x-request-id'),
      });
      // The export's own event comes after what it exported.
      expect(lines.map((line) => JSON.parse(line).action)).not.toContain('events.exported');
    });

    it('streams a large log in batches rather than one buffered body', async () => {
      await t.db.pool.query(
        `INSERT INTO events (actor_type, action, subject_type, subject_id, visibility, data)
         SELECT 'system', 'bulk.test', 'bulk', g::text, 'internal', jsonb_build_object('n', g) FROM generate_series(1, 5000) g`,
      );
      const response = await api('/api/v1/events/export?format=ndjson&action=bulk.test');
      expect(response.headers.get('x-event-count')).toBe('5000');
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let chunks = 0;
      let text = '';
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        chunks++;
        text += decoder.decode(read.value, { stream: true });
      }
      expect(chunks).toBeGreaterThan(1);
      const numbers = text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).data.n);
      expect(numbers).toHaveLength(5000);
      expect(numbers[0]).toBe(5000);
      expect(numbers[4999]).toBe(1);
    });

    it('refuses an unknown format or a bad filter before logging anything', async () => {
      const before = await countEvents();
      await expectProblem(await api('/api/v1/events/export?format=xlsx'), 422, ['format']);
      await expectProblem(await api('/api/v1/events/export?format=csv&to=2025-13-01'), 422, ['to']);
      await expectProblem(await api('/api/v1/events/export?format=csv&limit=5'), 422, ['limit']);
      expect(await countEvents()).toBe(before);
    });
  });

  describe('the audit page', () => {
    it('filters by case reference, keeps the filters in the URL and shows each change’s before and after', async () => {
      const response = await page(`/admin/audit?case=${decided}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await response.text();
      expect(html).toContain('<form class="filters" method="get" action="/admin/audit"');
      expect(html).toContain(`<input type="text" id="f-case" name="case" value="${decided}"`);
      expect(html).toContain(`<a href="/desk/cases/${decided}">${decided}</a>`);
      // Fields by their labels, codes in words.
      expect(html).toMatch(
        /<strong>Status<\/strong>: <span class="before"><span class="value">In review<\/span><\/span> <span aria-hidden="true">→<\/span><span class="visually-hidden">changed to<\/span> <span class="after"><span class="value">Rejected<\/span><\/span>/,
      );
      // Staff ids in a change read as names, times as dates; no raw field names, no staff ids.
      expect(html).toMatch(
        /<strong>Assignee<\/strong>: <span class="before"><em class="muted">none<\/em><\/span> .*<span class="after"><span class="value"><bdi>Erin Editor<\/bdi><\/span><\/span>/,
      );
      expect(html).toMatch(/<strong>Due<\/strong>: <span class="before"><span class="value"><time datetime="[^"]+">/);
      // What the page shows (the person filter's option values and links carry ids, unseen).
      const shown = html.replace(/<[^>]*>/g, ' ');
      expect(shown).not.toMatch(/assigneeId|dueAt/);
      expect(shown).not.toContain(editor.id);
      expect(html).not.toContain(`<a href="/desk/cases/${other}">`);
      expect(html).toContain(`href="/api/v1/events/export?case=${decided}&amp;format=csv"`);
      expect(html).toContain(`href="/api/v1/events/export?case=${decided}&amp;format=ndjson"`);
      expect(html).toMatch(new RegExp(`<form method="post" action="/admin/audit/verify\\?case=${decided}"><input type="hidden" name="_csrf" value="[^"]+"><button`));
      expect(html).not.toMatch(/<script|style=/);
    });

    it('escapes what people typed, wherever it appears', async () => {
      const name = '<script>alert(1)</script>';
      const created = await postJson(
        t.baseUrl,
        '/api/v1/users',
        { email: 'xss.audit@freelanews.com', name, role: 'editor', password: 'correct horse battery staple' },
        bearer(admin.token),
      );
      expect(created.status).toBe(201);
      const html = await (await page('/admin/audit?action=user.created')).text();
      expect(html).not.toContain(name);
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('picks the action from the typed event names, by their labels', async () => {
      const html = await (await page('/admin/audit?action=case.decide')).text();
      const picker = /<select id="f-action" name="action"[^>]*>([\s\S]*?)<\/select>/.exec(html)![1];
      expect(picker).toContain('<option value="">Any action</option>');
      expect(picker).toContain('<optgroup label="Cases"><option value="case.">Any of: cases</option>');
      expect(picker).toContain('<option value="case.decide" selected>Decision made</option>');
      expect(picker).toContain('<option value="user.created">Staff member added</option>');
      // Only that action's events are listed, by their label.
      expect(html.match(/<tr id="event-/g)).toHaveLength(1);
      expect(html).toContain('<td data-label="Action">Decision made<span class="hint"><code>case.decide</code></span></td>');
      // A prefix typed into the address by hand stays chosen.
      const typed = await (await page('/admin/audit?action=user*')).text();
      expect(typed).toContain('<option value="user*" selected>As typed: user*</option>');
    });

    it('matches a case reference with or without its prefix, or by its number alone', async () => {
      const full = (await page(`/admin/audit?case=${decided}`)).text();
      const count = (await full).match(/<tr id="event-/g)!.length;
      for (const typed of [decided.toLowerCase(), decided.slice(3), String(Number(decided.slice(-6)))]) {
        const response = await page(`/admin/audit?case=${encodeURIComponent(typed)}`);
        expect(response.status).toBe(200);
        const html = await response.text();
        expect(html.match(/<tr id="event-/g)).toHaveLength(count);
        expect(html).not.toContain(`<a href="/desk/cases/${other}">`);
      }
      // The API and the outbox page take the same forms.
      expect((await listEvents(`?case=${decided.slice(3)}`)).items.length).toBe(count);
      const outbox = await (await page(`/admin/outbox?case=${decided.slice(3)}`)).text();
      expect(outbox).toContain(`<a href="/desk/cases/${decided}">${decided}</a>`);
      expect(outbox).not.toContain(`<a href="/desk/cases/${other}">`);
    });

    it('opens details only where there is something in them, labelled', async () => {
      const html = await (await page(`/admin/audit?case=${decided}`)).text();
      expect(html).not.toContain('(no data)');
      const details = [...html.matchAll(/<details class="event-details"><summary>Details<\/summary>\s*<dl class="facts">([\s\S]*?)<\/dl>/g)].map((match) => match[1]);
      expect(details.length).toBeGreaterThan(0);
      for (const inner of details) expect(inner).toMatch(/<dt>[^<]+<\/dt><dd>/);
      // The decision's ground in words.
      expect(html).toContain('<dt>Legal ground</dt><dd><span class="value">Not illegal (no action)</span></dd>');
      // An event that recorded nothing beyond its row has no disclosure.
      const bare = await t.db.pool.query(
        `INSERT INTO events (actor_type, actor_id, action, subject_type, subject_id, changes, data, visibility)
         VALUES ('system', 'test', 'test.bare', 'event_log', 'log', '{}', '{}', 'internal') RETURNING id::text AS id`,
      );
      const sealed = await (await page('/admin/audit?action=test.bare')).text();
      const row = new RegExp(`<tr id="event-${bare.rows[0].id}">([\\s\\S]*?)</tr>`).exec(sealed)![1];
      expect(row).not.toContain('<details');
    });

    it('pages with a next link that keeps the filters', async () => {
      const html = await (await page(`/admin/audit?case=${decided}&limit=2`)).text();
      const next = /<a href="([^"]+)" rel="next">Next page<\/a>/.exec(html)![1].replace(/&amp;/g, '&');
      expect(next).toMatch(new RegExp(`^/admin/audit\\?case=${decided}&limit=2&cursor=`));
      const second = await (await page(next)).text();
      expect(second).toContain('First page');
      expect(second.match(/<tr id="event-/g)).toHaveLength(2);
    });

    it('says what is wrong with a filter, beside it (422)', async () => {
      const response = await page('/admin/audit?from=2025-06-30&to=2025-06-01&action=%3Cb%3E');
      expect(response.status).toBe(422);
      const html = await response.text();
      expect(html).toContain('There is a problem');
      expect(html).toContain('<a href="#f-to">To: Must not be before the start of the period.</a>');
      expect(html).not.toContain('<b>');
    });
  });

  describe('sealing and verification', () => {
    // Tampering needs the append-only triggers out of the way: as a database owner could.
    async function tamper(sql: string, params: unknown[]): Promise<void> {
      const client = await t.db.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SET LOCAL session_replication_role = replica');
        await client.query(sql, params);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    }

    it('warns on the page when events wait too long for their seal, and seals them on request (logged)', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const waiting = await (await page('/admin/audit')).text();
      expect(waiting).toContain('Events waiting for their seal');
      expect(waiting).toMatch(/\d+ events are older than 1 s and not sealed yet/);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(waiting)![1];

      const sealed = await page('/admin/audit/seal', adminCookie, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `_csrf=${csrf}` });
      expect(sealed.status).toBe(303);
      const location = sealed.headers.get('location')!;
      expect(location).toMatch(/^\/admin\/audit\?sealed=\d+$/);
      const after = await (await page(location)).text();
      expect(after).toMatch(/\d+ events were sealed\./);
      expect(after).not.toContain('Events waiting for their seal');
      const { items } = await listEvents('?action=events.sealed');
      expect(items[0]).toMatchObject({ actor: { id: admin.id }, data: { seals: 1, events: expect.any(Number) } });
    });

    it('seals through the API, then verifies: intact, with counts; the run is logged', async () => {
      const sealed = await postJson(t.baseUrl, '/api/v1/events/seal', {}, bearer(admin.token));
      expect(sealed.status).toBe(200);
      expect(await sealed.json()).toEqual({ seals: expect.any(Number), events: expect.any(Number) });
      const before = await countEvents();
      const response = await postJson(t.baseUrl, '/api/v1/events/verify', {}, bearer(admin.token));
      expect(response.status).toBe(200);
      const report = await response.json();
      expect(report).toMatchObject({ ok: true, events: expect.any(Number), seals: expect.any(Number), unsealed: expect.any(Number) });
      expect(report.events).toBeGreaterThanOrEqual(before - 1);
      expect(report.firstProblem).toBeUndefined();
      expect(await countEvents()).toBe(before + 1);
      expect((await listEvents('?action=events.verified&limit=1')).items[0]).toMatchObject({ actor: { id: admin.id }, data: { ok: true } });
    });

    it('names the altered event, in the API and on the page, and is intact again once it is restored', async () => {
      await postJson(t.baseUrl, '/api/v1/events/seal', {}, bearer(admin.token));
      const { rows } = await t.db.pool.query(`SELECT id::text, data FROM events WHERE case_reference = $1 AND action = 'decision.recorded'`, [decided]);
      const target = rows[0];
      await tamper(`UPDATE events SET data = jsonb_set(data, '{ground}', '"copyright_infringement"') WHERE id = $1`, [target.id]);
      try {
        const report = await (await postJson(t.baseUrl, '/api/v1/events/verify', {}, bearer(admin.token))).json();
        expect(report).toMatchObject({ ok: false, firstProblem: { kind: 'event_altered', eventId: target.id } });

        const form = await (await page('/admin/audit')).text();
        const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1];
        const response = await page(`/admin/audit/verify?case=${decided}`, adminCookie, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `_csrf=${csrf}`,
        });
        expect(response.status).toBe(200);
        const html = await response.text();
        expect(html).toContain('The log has been altered');
        expect(html).toContain(`at <strong>event #${target.id}</strong>`);
        // The report comes back on the filtered view it was asked from.
        expect(html).toContain(`<input type="text" id="f-case" name="case" value="${decided}"`);
      } finally {
        await tamper('UPDATE events SET data = $2 WHERE id = $1', [target.id, target.data]);
      }
      const html = await (
        await page('/admin/audit/verify', adminCookie, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `_csrf=${/name="_csrf" value="([^"]+)"/.exec(await (await page('/admin/audit')).text())![1]}`,
        })
      ).text();
      expect(html).toContain('The log is intact');
    });

    it('refuses a page verification without the CSRF token', async () => {
      const before = await countEvents();
      const response = await page('/admin/audit/verify', adminCookie, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
      expect(response.status).toBe(403);
      expect(await countEvents()).toBe(before);
    });
  });

  describe('the outbox page', () => {
    const rowsOf = (html: string) => html.match(/<tr>\n<td data-label="Created">/g)?.length ?? 0;

    it('shows every message: created, to, subject, state, attempts and the body in a details element', async () => {
      const response = await page('/admin/outbox');
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM messages');
      expect(rowsOf(html)).toBe(Math.min(rows[0].n, 50));
      expect(html).toContain('jane.doe@example.org');
      expect(html).toMatch(/<details class="message-body"><summary>[^<]+<\/summary><div class="long-text">/);
      expect(html).toContain('<span class="tag state-stored">Stored (no SMTP)</span>');
      expect(html).toContain(`<a href="/desk/cases/${decided}">${decided}</a>`);
    });

    it('filters by kind, recipient, state, case reference and address', async () => {
      const count = async (query: string) => {
        const response = await page(`/admin/outbox?${query}`);
        expect(response.status).toBe(200);
        return rowsOf(await response.text());
      };
      const { rows } = await t.db.pool.query(
        `SELECT count(*) FILTER (WHERE kind = 'receipt')::int AS receipts, count(*) FILTER (WHERE recipient_role = 'author')::int AS authors,
                count(*) FILTER (WHERE c.reference = $1)::int AS decided, count(*) FILTER (WHERE state = 'sent')::int AS sent
         FROM messages m LEFT JOIN cases c ON c.id = m.case_id`,
        [decided],
      );
      expect(rows[0].receipts).toBeGreaterThan(0);
      expect(await count('kind=receipt')).toBe(rows[0].receipts);
      expect(await count('recipient=author')).toBe(rows[0].authors);
      expect(await count(`case=${decided.toLowerCase()}`)).toBe(rows[0].decided);
      expect(await count('state=sent')).toBe(rows[0].sent);
      expect(await count('to=JANE.DOE@')).toBeGreaterThan(0);
      expect(await count('to=nobody@')).toBe(0);
      const html = await (await page('/admin/outbox?recipient=notifier&state=stored')).text();
      expect(html).toContain('<option value="notifier" selected>Notifier</option>');
    });

    it('pages newest first with a cursor', async () => {
      const html = await (await page('/admin/outbox?limit=1')).text();
      expect(rowsOf(html)).toBe(1);
      const next = /<a href="([^"]+)" rel="next">Next page<\/a>/.exec(html)![1].replace(/&amp;/g, '&');
      const second = await (await page(next)).text();
      expect(rowsOf(second)).toBe(1);
      const firstTime = /<td data-label="Created"><time datetime="([^"]+)"/.exec(html)![1];
      const secondTime = /<td data-label="Created"><time datetime="([^"]+)"/.exec(second)![1];
      expect(secondTime <= firstTime).toBe(true);
    });

    it('refuses a bad filter with 422 beside it', async () => {
      const response = await page('/admin/outbox?state=lost');
      expect(response.status).toBe(422);
      expect(await response.text()).toContain('There is a problem');
    });
  });
});

// Delivery is a change of the message too: its outcome is on record, and in the outbox.
describe('message delivery on record (SMTP_URL set)', () => {
  let smtp: SMTPServer;
  let t: TestApp;
  let admin: StaffMember;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        callback(address.address.startsWith('bounce') ? Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }) : undefined);
      },
      onData(stream, _session, callback) {
        stream.on('data', () => undefined);
        stream.on('end', () => callback());
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, SEAL_INTERVAL_SECONDS: '0' });
    admin = await createStaff(t, 'admin', 'Ada Admin');
  });
  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  async function deliveryEvent(reference: string): Promise<any> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const response = await fetch(`${t.baseUrl}/api/v1/events?case=${reference}&action=message.`, { headers: bearer(admin.token) });
      const found = (await response.json()).items.find((event: any) => event.action !== 'message.recorded');
      if (found) return found;
      if (Date.now() > deadline) throw new Error('no delivery event');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('records a sent message as an event on its case, and shows it as sent in the outbox', async () => {
    const { body } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const event = await deliveryEvent(body.reference);
    expect(event).toMatchObject({
      actor: { type: 'system', id: 'mailer' },
      action: 'message.sent',
      subject: { type: 'message' },
      caseReference: body.reference,
      changes: { state: { before: 'queued', after: 'sent' } },
      data: { attempts: 1, error: null },
    });
    const cookie = (await login(t, admin.email, admin.password)).cookie;
    const html = await (await fetch(`${t.baseUrl}/admin/outbox?case=${body.reference}&state=sent`, { headers: { cookie } })).text();
    expect(html).toContain('<span class="tag state-sent">Sent</span>');
    expect(html).toMatch(/<td data-label="Attempts">1<\/td>\n<td data-label="Next attempt">—<\/td>\n<td data-label="Sent"><time datetime=/);
  });

  it('records a refused message as failed, with the error, and shows it in the outbox', async () => {
    const notice = completeNotice('copyright');
    notice.notifier.email = 'bounce@example.org';
    const { body } = await fileAccepted(t.baseUrl, notice);
    const event = await deliveryEvent(body.reference);
    expect(event).toMatchObject({
      action: 'message.failed',
      changes: { state: { before: 'queued', after: 'failed' } },
      data: { attempts: 1, error: expect.stringContaining('mailbox unavailable') },
    });
    const cookie = (await login(t, admin.email, admin.password)).cookie;
    const html = await (await fetch(`${t.baseUrl}/admin/outbox?state=failed`, { headers: { cookie } })).text();
    expect(html).toContain('bounce@example.org');
    expect(html).toContain('<span class="tag state-failed">Failed</span><span class="hint field-error">Last error: ');
  });
});
