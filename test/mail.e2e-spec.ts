import { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SMTPServer } from 'smtp-server';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/desk-config';
import { completeNotice, createStaff, decideNoAction, fileAccepted, login, NO_ACTION_REASONS, postJson, tokenFrom } from './factories';
import { startTestApp, TestApp } from './support/test-app';

interface Received {
  from: string;
  to: string[];
  raw: string;
  // The text as a reader sees it (quoted-printable undone).
  text: string;
}

export const TEST_SECRET_KEY = 'a1'.repeat(32);

// The delivery settings of these tests: a look every 100 ms, a retry after 1 s.
const FAST_DELIVERY = { MAIL_POLL_MS: '100', MAIL_RETRY_SECONDS: '1', SEAL_INTERVAL_SECONDS: '0', DESK_SECRET_KEY: TEST_SECRET_KEY };

// A real SMTP server on loopback: the desk must hand its messages to it, and record that.
// Recipients starting with `flaky` are refused for now (421) `flakyRefusals` times.
describe('messages by e-mail (SMTP_URL set)', () => {
  let smtp: SMTPServer;
  let t: TestApp;
  let adminCookie: string;
  let flakyRefusals = 0;
  const inbox: Received[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('flaky') && flakyRefusals > 0) {
          flakyRefusals -= 1;
          return callback(Object.assign(new Error('try again later'), { responseCode: 421 }));
        }
        callback();
      },
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          const text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
          inbox.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw, text });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'legal@freelanews.com', ...FAST_DELIVERY });
    const admin = await createStaff(t, 'admin', 'Ada Admin');
    adminCookie = (await login(t, admin.email, admin.password)).cookie;
  });

  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const messageOf = async (reference: string) =>
    (await t.db.pool.query(`SELECT m.* FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1 AND m.kind = 'receipt'`, [reference])).rows[0];
  const settled = (reference: string) =>
    waitFor(async () => {
      const message = await messageOf(reference);
      return ['sent', 'failed', 'suppressed'].includes(message?.state) ? message : null;
    });
  const mailsFor = (reference: string) => inbox.filter((mail) => mail.text.includes(reference));
  const outboxPage = async (query: string) => (await fetch(`${t.baseUrl}/admin/outbox?${query}`, { headers: { cookie: adminCookie } })).text();
  const noticeTo = (email: string, name = 'Jane Doe') => {
    const notice = completeNotice('copyright');
    notice.notifier.email = email;
    notice.notifier.name = name;
    return notice;
  };

  it('sends the receipt with the tracking link and records it as sent, the link erased', async () => {
    const response = await postJson(t.baseUrl, '/api/v1/notices', completeNotice('copyright'));
    expect(response.status).toBe(201);
    const { reference, trackingUrl } = await response.json();

    const message = await settled(reference);
    expect(message).toMatchObject({ state: 'sent', kind: 'receipt', recipient_role: 'notifier', to_address: 'jane.doe@example.org', attempts: 1, sealed_link: null });
    expect(message.sent_at).not.toBeNull();
    // The stored copy keeps the text but not the secret link.
    expect(message.body).toContain(reference);
    expect(message.body).not.toContain(tokenFrom(trackingUrl));

    const [mail] = mailsFor(reference);
    expect(mail.to).toEqual(['jane.doe@example.org']);
    expect(mail.from).toBe('legal@freelanews.com');
    expect(mail.text).toContain(tokenFrom(trackingUrl));
    // A retry of the same row would carry the same Message-ID.
    expect(mail.raw).toMatch(new RegExp(`Message-ID: <${message.id}@127\\.0\\.0\\.1>`, 'i'));
  });

  it('retries a delivery the server refuses for now, and shows the attempts and the last error', async () => {
    flakyRefusals = 2;
    const { body } = await fileAccepted(t.baseUrl, noticeTo('flaky.one@example.org'));
    const message = await settled(body.reference);
    expect(message).toMatchObject({ state: 'sent', attempts: 3, last_error: null });
    expect(mailsFor(body.reference)).toHaveLength(1);
    const { rows } = await t.db.pool.query(`SELECT action, data FROM events WHERE subject_type = 'message' AND subject_id = $1 AND action <> 'message.recorded' ORDER BY id`, [
      message.id,
    ]);
    expect(rows.map((row) => row.action)).toEqual(['message.retry_scheduled', 'message.retry_scheduled', 'message.sent']);
    expect(rows[0].data).toMatchObject({ attempts: 1, error: expect.stringContaining('try again later'), retryInSeconds: 1 });
    expect(await outboxPage(`case=${body.reference}`)).toMatch(/<span class="tag state-sent">Sent<\/span><\/td>\n<td data-label="Attempts">3<\/td>/);
    // Nothing woke the desk for the retries: they went out in delivery runs of the job queue.
    const runs = await t.db.pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'message-delivery' AND state = 'completed'`);
    expect(runs.rows[0].n).toBeGreaterThan(0);
  });

  it('shows a message waiting for its retry with its last error and next attempt, and filters failed ones', async () => {
    flakyRefusals = 1;
    const { body } = await fileAccepted(t.baseUrl, noticeTo('flaky.two@example.org'));
    await waitFor(async () => ((await messageOf(body.reference))?.attempts === 1 && (await messageOf(body.reference)).state === 'queued' ? true : null));
    const waiting = await outboxPage(`case=${body.reference}`);
    expect(waiting).toContain('<span class="tag state-queued">Queued</span><span class="hint field-error">Last error: ');
    expect(waiting).toMatch(/<td data-label="Attempts">1<\/td>\n<td data-label="Next attempt"><time datetime=/);
    await settled(body.reference);
    expect(await outboxPage('state=failed')).not.toContain(body.reference);
  });

  it('delivers each message once when two instances share the database', async () => {
    const second = await startInstance(t, smtp);
    try {
      const filed = await Promise.all(Array.from({ length: 8 }, (_, i) => fileAccepted(t.baseUrl, noticeTo(`twice.${i}@example.org`))));
      for (const { body } of filed) expect(await settled(body.reference)).toMatchObject({ state: 'sent', attempts: 1 });
      for (const { body } of filed) expect(mailsFor(body.reference)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  describe('an address nobody has verified', () => {
    const stranger = 'stranger@example.org';

    it('gets fixed wording only: no name, no text the filer typed', async () => {
      const { body } = await fileAccepted(t.baseUrl, noticeTo(stranger, 'Click http://evil.example now'));
      const message = await settled(body.reference);
      expect(message.state).toBe('sent');
      const [mail] = mailsFor(body.reference);
      for (const text of [mail.text, message.body]) {
        expect(text).not.toContain('evil.example');
        expect(text).toContain('Hello,');
        expect(text).toContain('If that was not you, ignore this message');
      }
      expect(mail.text).toContain(tokenFrom(body.trackingUrl));
    });

    it('gets at most 3 messages a day; the 4th is kept as not sent and shown in the outbox', async () => {
      // One went in the test before.
      const filed = [];
      for (let i = 0; i < 3; i++) filed.push((await fileAccepted(t.baseUrl, noticeTo(stranger, 'Click http://evil.example now'))).body);
      const states = [];
      for (const body of filed) states.push((await settled(body.reference)).state);
      expect(states).toEqual(['sent', 'sent', 'suppressed']);
      const suppressed = filed[2].reference;
      expect(mailsFor(suppressed)).toHaveLength(0);
      expect((await messageOf(suppressed)).sealed_link).toBeNull();
      expect(await outboxPage(`case=${suppressed}`)).toContain('<span class="tag state-suppressed">Not sent (daily limit of an unverified address)</span>');
    });

    it('gets a decision in fixed words: no URL and no reasons, only the reference and where to read it', async () => {
      const { body } = await fileAccepted(t.baseUrl, noticeTo('decided.stranger@example.org', 'Click http://evil.example now'));
      await settled(body.reference);
      const editor = await createStaff(t, 'editor');
      expect((await decideNoAction(t.baseUrl, body.reference, editor)).status).toBe(200);
      const decision = await waitFor(async () => {
        const { rows } = await t.db.pool.query(`SELECT m.* FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1 AND m.kind = 'decision'`, [body.reference]);
        return rows[0]?.state === 'sent' ? rows[0] : null;
      });
      expect(decision.subject).toBe(`[${body.reference}] Decision on your notice`);
      expect(decision.body).toContain(`We have decided on your notice ${body.reference}.`);
      expect(decision.body).not.toContain(NO_ACTION_REASONS);
      expect(decision.body).not.toContain('freelanews.com/2025');
      expect(inbox.find((mail) => mail.text.includes('We have decided on your notice') && mail.text.includes(body.reference))).toBeDefined();
    });

    it('is verified by the link from the receipt, not by the link the API answered with; then messages are normal', async () => {
      const owner = 'owner@example.org';
      const { body } = await fileAccepted(t.baseUrl, noticeTo(owner, 'Olive Owner'));
      await settled(body.reference);
      const verifiedAt = async () => (await t.db.pool.query('SELECT email_verified_at FROM notifiers WHERE email = $1', [owner])).rows[0].email_verified_at;

      // The filer's own link (from the 201) and a made-up code prove nothing.
      expect((await fetch(body.trackingUrl)).status).toBe(200);
      const guessed = await fetch(`${body.trackingUrl}?confirm=${'x'.repeat(43)}`, { redirect: 'manual' });
      expect(guessed.headers.get('location')).toBe(`/track/${tokenFrom(body.trackingUrl)}`);
      expect(await verifiedAt()).toBeNull();

      const mailed = /(http:\/\/\S+\?confirm=[A-Za-z0-9_-]{43})/.exec(mailsFor(body.reference)[0].text)![1];
      const opened = await fetch(mailed, { redirect: 'manual' });
      expect(opened.status).toBe(303);
      expect(opened.headers.get('location')).toBe(`/track/${tokenFrom(body.trackingUrl)}?done=confirmed`);
      expect(await verifiedAt()).not.toBeNull();
      const { rows } = await t.db.pool.query(`SELECT actor_type FROM events WHERE action = 'notifier.email_verified' AND case_reference = $1`, [body.reference]);
      expect(rows).toEqual([{ actor_type: 'notifier' }]);

      const next = (await fileAccepted(t.baseUrl, noticeTo(owner, 'Olive Owner'))).body;
      await settled(next.reference);
      const [mail] = mailsFor(next.reference);
      expect(mail.text).toContain('Dear Olive Owner,');
      expect(mail.text).not.toContain('?confirm=');
      expect(mail.text).not.toContain('If that was not you');
    });
  });
});

// Another instance of the desk on the same database and SMTP server.
async function startInstance(t: TestApp, smtp: SMTPServer): Promise<NestFastifyApplication> {
  const { port } = smtp.server.address() as AddressInfo;
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: t.db.url,
    PUBLIC_BASE_URL: t.baseUrl,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    ...FAST_DELIVERY,
  });
  const app = await createApp(config, t.db.url);
  await app.init();
  return app;
}

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
