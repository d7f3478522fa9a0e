import * as fs from 'node:fs';
import type { Pool } from 'pg';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../src/database/embedded-database';
import { completeNotice, NOTICES_PATH } from '../factories';
import { DeskProcess, embeddedDeskPool, killHard, makeDataDir, postmasterPid, requireBuiltDesk, spawnDesk, stopDesk, waitForHealth, waitUntil } from '../support/desk-process';

// The outbox survives `kill -9` of the desk: a receipt whose filing got its 201 is
// delivered after a restart, exactly once — whether the desk died before it tried to send
// it, or while it was handing it to the SMTP server (then another attempt is made once the
// dead instance's hold on it has run out).

const LEASE_SECONDS = '3';

describe('outbox durability (kill -9 between commit and delivery)', () => {
  let dataDir: string;
  let port: number;
  let smtpPort: number;
  let smtp: SMTPServer | null = null;
  let desk: DeskProcess | null = null;
  let pool: Pool | null = null;
  // What the SMTP server accepted (250 after DATA), by recipient and text.
  const accepted: Array<{ to: string; raw: string }> = [];
  // Recipients whose DATA the server holds without answering (the desk is mid-send).
  const hang = new Set<string>();
  let hanging = 0;

  beforeAll(async () => {
    requireBuiltDesk();
    dataDir = makeDataDir('desk-outbox-');
    port = await freePort();
    smtpPort = await freePort();
  });

  afterAll(async () => {
    await pool?.end();
    if (desk) await stopDesk(desk, 5_000);
    if (smtp) await new Promise<void>((resolve) => smtp!.close(() => resolve()));
    const orphan = dataDir ? postmasterPid(dataDir) : null;
    if (orphan) killHard(orphan);
    if (dataDir && !process.env.RELIABILITY_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (): Promise<DeskProcess> => {
    const started = spawnDesk(port, {
      DESK_DATA_DIR: dataDir,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_POLL_MS: '200',
      MAIL_RETRY_SECONDS: '1',
      MAIL_LEASE_SECONDS: LEASE_SECONDS,
      SEAL_INTERVAL_SECONDS: '0',
    });
    await waitForHealth(started);
    return started;
  };

  const startSmtp = async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const to = session.envelope.rcptTo.map((r) => r.address).join(',');
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
        stream.on('end', () => {
          // Never answered: the desk is killed while it waits for the 250.
          if (hang.has(to)) return void (hanging += 1);
          accepted.push({ to, raw: raw.replace(/=\r?\n/g, '') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp!.listen(smtpPort, '127.0.0.1', resolve));
  };

  const file = async (email: string): Promise<string> => {
    const notice = completeNotice('copyright');
    notice.notifier.email = email;
    const response = await fetch(`${desk!.baseUrl}${NOTICES_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(notice) });
    expect(response.status).toBe(201);
    return (await response.json()).reference;
  };

  const receiptsOf = async (references: string[]) => {
    const { rows } = await pool!.query(
      `SELECT c.reference, m.state, m.attempts, m.sealed_link FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.kind = 'receipt' AND c.reference = ANY($1)`,
      [references],
    );
    return rows;
  };

  const allSent = async (references: string[]) => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const rows = await receiptsOf(references);
      if (rows.length === references.length && rows.every((row) => row.state === 'sent')) return rows;
      if (Date.now() > deadline) throw new Error(`receipts not sent: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('delivers, after a restart, the receipts of filings answered just before the kill — once each', async () => {
    // No SMTP server yet: nothing can be delivered before the kill.
    desk = await start();
    const references: string[] = [];
    for (let i = 0; i < 5; i++) references.push(await file(`before-kill-${i}@example.org`));
    killHard(desk.child.pid!);
    await desk.exited;

    await startSmtp();
    desk = await start();
    pool = embeddedDeskPool(dataDir);
    const rows = await allSent(references);
    expect(rows.every((row) => row.sealed_link === null)).toBe(true);
    for (const reference of references) expect(accepted.filter((mail) => mail.raw.includes(reference))).toHaveLength(1);
  });

  it('sends again, once, a receipt whose delivery the kill cut off', async () => {
    const to = 'mid-send@example.org';
    hang.add(to);
    const reference = await file(to);
    await waitUntil(() => hanging > 0, 15_000, 'the desk to start sending');
    killHard(desk!.child.pid!);
    await desk!.exited;
    hang.delete(to);

    desk = await start();
    await pool?.end();
    pool = embeddedDeskPool(dataDir);
    // The first attempt was counted when the message was claimed, before the kill.
    const [row] = await allSent([reference]);
    expect(row.attempts).toBe(2);
    expect(accepted.filter((mail) => mail.raw.includes(reference))).toHaveLength(1);
  });
});
