import { ClockReminderJob } from '../src/notifications/clock-reminder.job';
import {
  bearer,
  COMPLETE_COUNTER_NOTICE,
  completeNotice,
  createStaff,
  fileAccepted,
  login,
  postJson,
  PUBLIC_INTEREST_URL,
  REMOVAL_REASONS,
  removedContribution,
  StaffMember,
  transition,
} from './factories';
import { pdfDocument, uploadForm } from './support/evidence-files';
import { startTestApp, TestApp } from './support/test-app';

// Staff notifications: who is told of what (notification-rules.ts), in the transaction of
// the cause, with an e-mail copy in the outbox; the clock reminders; the API and the page.
describe('staff notifications', () => {
  let t: TestApp;
  let erin: StaffMember;
  let otto: StaffMember;
  let lena: StaffMember;
  let leo: StaffMember;
  let ada: StaffMember;

  beforeAll(async () => {
    t = await startTestApp();
    erin = await createStaff(t, 'editor', 'Erin Editor');
    otto = await createStaff(t, 'editor', 'Otto Editor');
    lena = await createStaff(t, 'legal', 'Lena Legal');
    leo = await createStaff(t, 'legal', 'Leo Legal');
    ada = await createStaff(t, 'admin', 'Ada Admin');
  });
  afterAll(() => t.close());

  const act = async (reference: string, body: Record<string, unknown>, who: StaffMember) => {
    const response = await transition(t.baseUrl, reference, body, who);
    expect(response.status).toBe(200);
    return response.json();
  };
  const notesOf = async (reference: string) =>
    (await t.db.pool.query(`SELECT n.recipient_id AS "to", n.kind, n.text, n.read_at AS "readAt" FROM notifications n WHERE n.case_reference = $1 ORDER BY n.id`, [reference]))
      .rows;
  const mailsOf = async (reference: string) =>
    (
      await t.db.pool.query(
        `SELECT m.to_address AS "to", m.subject, m.body, m.recipient_role AS role FROM messages m JOIN cases c ON c.id = m.case_id
         WHERE c.reference = $1 AND m.kind = 'staff_notification' ORDER BY m.created_at, m.to_address`,
        [reference],
      )
    ).rows;
  const list = async (who: StaffMember, query = '') => {
    const response = await fetch(`${t.baseUrl}/api/v1/notifications${query}`, { headers: bearer(who.token) });
    expect(response.status).toBe(200);
    return response.json();
  };

  it('tells the assignee when someone else assigns a case, with an e-mail linking to it; not the one who assigned', async () => {
    const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    // Filing notifies nobody.
    expect(await notesOf(filed.reference)).toEqual([]);
    await act(filed.reference, { action: 'assign', assigneeId: erin.id }, lena);
    expect(await notesOf(filed.reference)).toEqual([{ to: erin.id, kind: 'assigned', text: `Lena Legal assigned case ${filed.reference} to you.`, readAt: null }]);
    const mails = await mailsOf(filed.reference);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: erin.email, role: 'staff', subject: `[${filed.reference}] Lena Legal assigned case ${filed.reference} to you.` });
    expect(mails[0].body).toContain(`${t.baseUrl}/desk/cases/${filed.reference}`);

    // Taking a case oneself notifies nobody.
    const { body: other } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    await act(other.reference, { action: 'start_review' }, otto);
    await act(other.reference, { action: 'assign', assigneeId: otto.id }, otto);
    expect(await notesOf(other.reference)).toEqual([]);
  });

  it('asks every approver but the decider when a decision needs a second person', async () => {
    const { body: filed } = await fileAccepted(t.baseUrl, { ...completeNotice('copyright'), items: [{ url: PUBLIC_INTEREST_URL }] });
    const current = await (await fetch(`${t.baseUrl}/api/v1/cases/${filed.reference}`, { headers: bearer(lena.token) })).json();
    const decided = await act(
      filed.reference,
      { action: 'decide', version: current.version, items: [{ itemId: current.items[0].id, action: 'remove' }], ground: 'copyright_infringement', reasons: REMOVAL_REASONS },
      lena,
    );
    expect(decided.status).toBe('pending_approval');
    const notes = await notesOf(filed.reference);
    expect(notes.map((note) => note.to).sort()).toEqual([leo.id, ada.id].sort());
    expect(notes.every((note) => note.kind === 'approval_needed')).toBe(true);
    expect(notes[0].text).toBe(`Lena Legal proposed a decision on case ${filed.reference} that needs a second person's approval.`);
    expect((await mailsOf(filed.reference)).map((mail) => mail.to).sort()).toEqual([leo.email, ada.email].sort());
  });

  it('tells the holder when the notifier answers a question or corrects the notice, and the former holder of an appealed case', async () => {
    const { body: filed, token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    await act(filed.reference, { action: 'start_review' }, erin);
    await act(filed.reference, { action: 'request_info', message: 'Which photograph exactly?' }, erin);
    const answered = await postJson(t.baseUrl, `/api/v1/track/${token}/supplement`, { answer: 'The one at the top of the article.' });
    expect(answered.status).toBe(200);
    const corrected = await fetch(`${t.baseUrl}/api/v1/track/${token}/notice`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ notifier: { name: 'Jane Q. Doe' } }),
    });
    expect(corrected.status).toBe(200);
    // Two files at once: one notification.
    const files = [
      { name: 'licence.pdf', data: pdfDocument() },
      { name: 'invoice.pdf', data: pdfDocument(400) },
    ];
    const sent = await fetch(`${t.baseUrl}/api/v1/track/${token}/attachments`, { method: 'POST', body: uploadForm(files, {}) });
    expect(sent.status).toBe(201);
    expect(await notesOf(filed.reference)).toEqual([
      { to: erin.id, kind: 'notifier_answered', text: `The notifier answered or supplied information on case ${filed.reference}.`, readAt: null },
      { to: erin.id, kind: 'notifier_answered', text: `The notifier corrected the notice on case ${filed.reference}.`, readAt: null },
      { to: erin.id, kind: 'notifier_answered', text: `The notifier sent evidence on case ${filed.reference}.`, readAt: null },
    ]);

    const { reference, respond } = await removedContribution(t, otto);
    const appealed = await postJson(t.baseUrl, `/api/v1/respond/${respond}/appeal`, { grounds: 'The photograph is mine: I took it and licensed nothing.' });
    expect(appealed.status).toBe(200);
    expect(await notesOf(reference)).toEqual([expect.objectContaining({ to: otto.id, kind: 'notifier_answered' })]);
  });

  it('tells the holder of a removal when the author counter-notices and the notifier reports a court action', async () => {
    const { reference, respond, tracking } = await removedContribution(t, otto);
    expect((await postJson(t.baseUrl, `/api/v1/respond/${respond}/counter-notice`, COMPLETE_COUNTER_NOTICE)).status).toBe(200);
    const court = await postJson(t.baseUrl, `/api/v1/track/${tracking}/court-action`, { court: 'S.D.N.Y.', caseNumber: '1:26-cv-1', filedOn: '2026-12-01' });
    expect(court.status).toBe(200);
    expect((await notesOf(reference)).map((note) => [note.to, note.text])).toEqual([
      [otto.id, `The author filed a counter-notice on case ${reference}.`],
      [otto.id, `The notifier reported a court action on case ${reference}.`],
    ]);
  });

  it('reminds of a clock falling due within a day once per clock and due time, to the assignee or the roles that can act', async () => {
    const { body: held } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    await act(held.reference, { action: 'start_review' }, erin);
    const { body: open } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const { body: later } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    await t.db.pool.query(`UPDATE cases SET due_at = now() + interval '3 hours' WHERE reference = ANY($1)`, [[held.reference, open.reference]]);
    await t.db.pool.query(`UPDATE cases SET due_at = now() + interval '3 days' WHERE reference = $1`, [later.reference]);
    const job = t.app.get(ClockReminderJob);
    const [a, b] = await Promise.all([job.run(), job.run()]);
    expect(a + b).toBeGreaterThanOrEqual(5);
    expect(await job.run()).toBe(0);

    const heldNotes = await notesOf(held.reference);
    expect(heldNotes).toEqual([expect.objectContaining({ to: erin.id, kind: 'clock_due' })]);
    expect(heldNotes[0].text).toMatch(new RegExp(`^Review deadline on case ${held.reference} falls due at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\.$`));
    // Unassigned: the editors and legal, not the admin.
    expect((await notesOf(open.reference)).map((note) => note.to).sort()).toEqual([erin.id, otto.id, lena.id, leo.id].sort());
    expect(await notesOf(later.reference)).toEqual([]);
    expect(await mailsOf(held.reference)).toHaveLength(1);

    // A new due time is a new reminder.
    await t.db.pool.query(`UPDATE cases SET due_at = now() + interval '5 hours' WHERE reference = $1`, [held.reference]);
    expect(await job.run()).toBe(1);
    expect(await notesOf(held.reference)).toHaveLength(2);
  });

  it('reminds once, as "was due", of a clock that fell due within a day without a reminder; not of older ones', async () => {
    const { body: missed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    await act(missed.reference, { action: 'start_review' }, erin);
    const { body: old } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    await act(old.reference, { action: 'start_review' }, erin);
    // Moved to a due time already past (as a backfill or a short clock would leave it).
    await t.db.pool.query(`UPDATE cases SET due_at = now() - interval '2 hours' WHERE reference = $1`, [missed.reference]);
    await t.db.pool.query(`UPDATE cases SET due_at = now() - interval '3 days' WHERE reference = $1`, [old.reference]);
    const job = t.app.get(ClockReminderJob);
    await job.run();
    expect(await job.run()).toBe(0);
    const notes = await notesOf(missed.reference);
    expect(notes).toEqual([expect.objectContaining({ to: erin.id, kind: 'clock_due' })]);
    expect(notes[0].text).toMatch(new RegExp(`^Review deadline on case ${missed.reference} was due at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\.$`));
    expect(await mailsOf(missed.reference)).toHaveLength(1);
    expect(await notesOf(old.reference)).toEqual([]);
  });

  it('lists only one’s own notifications, a page at a time, and marks them read by id or all at once', async () => {
    const before = await list(otto);
    for (let i = 0; i < 3; i += 1) {
      const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
      await act(filed.reference, { action: 'assign', assigneeId: otto.id }, lena);
    }
    const all = await list(otto, '?limit=2');
    expect(all).toMatchObject({ page: 1, hasMore: true, unread: before.unread + 3 });
    expect(all.notifications).toHaveLength(2);
    expect(all.notifications[0].text).toMatch(/^Lena Legal assigned case TD-/);
    expect(Number(all.notifications[0].id)).toBeGreaterThan(Number(all.notifications[1].id));
    const second = await list(otto, '?limit=2&page=2');
    expect(second.notifications[0].id).not.toBe(all.notifications[1].id);

    // Someone else's ids mark nothing.
    const foreign = await postJson(t.baseUrl, '/api/v1/notifications/read', { ids: [all.notifications[0].id] }, bearer(erin.token));
    expect(await foreign.json()).toMatchObject({ marked: 0 });
    expect((await list(erin)).notifications.map((note: { id: string }) => note.id)).not.toContain(all.notifications[0].id);

    const one = await postJson(t.baseUrl, '/api/v1/notifications/read', { ids: [all.notifications[0].id] }, bearer(otto.token));
    expect(await one.json()).toEqual({ marked: 1, unread: before.unread + 2 });
    const unread = await list(otto, '?unread=true&limit=100');
    expect(unread.notifications.map((note: { id: string }) => note.id)).not.toContain(all.notifications[0].id);
    const everything = await postJson(t.baseUrl, '/api/v1/notifications/read', { all: true }, bearer(otto.token));
    expect(await everything.json()).toMatchObject({ unread: 0 });
    expect((await list(otto, '?unread=true')).notifications).toEqual([]);

    const empty = await postJson(t.baseUrl, '/api/v1/notifications/read', {}, bearer(otto.token));
    expect(empty.status).toBe(422);
    expect(empty.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await empty.json()).errors.map((error: { field: string }) => error.field)).toEqual(['ids']);
    const bad = await fetch(`${t.baseUrl}/api/v1/notifications?limit=0&unread=maybe`, { headers: bearer(otto.token) });
    expect(bad.status).toBe(422);
  });

  it('shows the page with the unread count in the header, opens a case from a notification and marks it read', async () => {
    const { cookie } = await login(t, leo.email, leo.password);
    const open = (path: string) => fetch(`${t.baseUrl}${path}`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
    const postForm = (path: string, fields: Record<string, string>) =>
      fetch(`${t.baseUrl}${path}`, {
        method: 'POST',
        headers: { cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
        redirect: 'manual',
      });
    const { body: filed } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    await act(filed.reference, { action: 'assign', assigneeId: leo.id }, lena);
    const { unread, notifications } = await list(leo);
    expect(unread).toBeGreaterThan(0);

    const queue = await (await open('/desk')).text();
    expect(queue).toContain(`aria-label="Notifications: ${unread} unread notification${unread === 1 ? '' : 's'}"`);
    const page = await (await open('/desk/notifications')).text();
    expect(page).toContain(`Lena Legal assigned case ${filed.reference} to you.`);
    expect(page).toContain(`<a href="/desk/notifications/${notifications[0].id}">Open case ${filed.reference}</a>`);

    const followed = await open(`/desk/notifications/${notifications[0].id}`);
    expect(followed.status).toBe(303);
    expect(followed.headers.get('location')).toBe(`/desk/cases/${filed.reference}`);
    expect((await notesOf(filed.reference))[0].readAt).not.toBeNull();
    // Not someone else's.
    const otherId = (await list(otto)).notifications[0].id;
    expect((await open(`/desk/notifications/${otherId}`)).status).toBe(404);

    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1];
    expect((await postForm('/desk/notifications/read', { all: 'true' })).status).toBe(403);
    const marked = await postForm('/desk/notifications/read', { _csrf: csrf, all: 'true' });
    expect(marked.status).toBe(303);
    const after = await (await open('/desk/notifications?done=all_read')).text();
    expect(after).toContain('All your notifications are marked read.');
    expect(after).toContain('You have no unread notifications.');
    expect(after).not.toContain('unread-count');

    // E-mail copies off: the next notification is on the page only.
    const refused = await postForm('/desk/notifications/email', { _csrf: csrf, email: 'sometimes' });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('Choose whether to receive e-mails.');
    expect((await postForm('/desk/notifications/email', { _csrf: csrf, email: 'off' })).status).toBe(303);
    const { body: quiet } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    await act(quiet.reference, { action: 'assign', assigneeId: leo.id }, lena);
    expect(await notesOf(quiet.reference)).toHaveLength(1);
    expect(await mailsOf(quiet.reference)).toEqual([]);
  });

  it('says so in words when there is nothing', async () => {
    const newcomer = await createStaff(t, 'editor', 'Nina New');
    const { cookie } = await login(t, newcomer.email, newcomer.password);
    const page = await (await fetch(`${t.baseUrl}/desk/notifications`, { headers: { cookie, accept: 'text/html' } })).text();
    expect(page).toContain('You have no notifications yet.');
    expect(await list(newcomer)).toEqual({ notifications: [], page: 1, hasMore: false, unread: 0 });
  });
});
