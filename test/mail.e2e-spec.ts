import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { completeNotice, postJson, tokenFrom } from './factories';
import { startTestApp, TestApp } from './support/test-app';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

// A real SMTP server on loopback: the desk must hand the receipt to it, and record that.
describe('receipt by e-mail (SMTP_URL set)', () => {
  let smtp: SMTPServer;
  let t: TestApp;
  const inbox: Received[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          inbox.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'legal@freelanews.com' });
  });

  afterAll(async () => {
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends the receipt with the tracking link and records it as sent', async () => {
    const response = await postJson(t.baseUrl, '/api/v1/notices', completeNotice('copyright'));
    expect(response.status).toBe(201);
    const { reference, trackingUrl } = await response.json();

    const message = await waitFor(async () => {
      const { rows } = await t.db.pool.query(`SELECT m.* FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1`, [reference]);
      return rows[0]?.state === 'sent' ? rows[0] : null;
    });
    expect(message).toMatchObject({ kind: 'receipt', recipient_role: 'notifier', to_address: 'jane.doe@example.org', attempts: 1 });
    expect(message.sent_at).not.toBeNull();
    // The stored copy keeps the text but not the secret link.
    expect(message.body).toContain(reference);
    expect(message.body).not.toContain(tokenFrom(trackingUrl));

    const mail = inbox.find((m) => m.raw.includes(reference))!;
    expect(mail.to).toEqual(['jane.doe@example.org']);
    expect(mail.from).toBe('legal@freelanews.com');
    expect(mail.raw.replace(/=\r?\n/g, '')).toContain(tokenFrom(trackingUrl));
  });
});

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
