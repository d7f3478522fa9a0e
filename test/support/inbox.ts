import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  // The raw message with quoted-printable soft line breaks joined.
  text: string;
}

// A real SMTP server on loopback that keeps what the desk sends (start the app with `smtpUrl`).
export async function startInbox(): Promise<{ smtpUrl: string; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), text: raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  return { smtpUrl: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((resolve) => smtp.close(() => resolve())) };
}

// Polls until `find` returns something (mail is handed over after the commit).
export async function waitForMail<T>(find: () => T | undefined | null, what: string, attempts = 200): Promise<T> {
  for (let i = 0; i < attempts; i += 1) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no mail: ${what}`);
}

// The notifier opens the tracking link of their receipt, which verifies their address:
// messages to it then carry the notice's details. (Once verified, receipts carry no
// ?confirm= any more, and there is nothing to open.)
export async function confirmAddressFromReceipt(mails: ReceivedMail[], reference: string): Promise<void> {
  const receipt = await waitForMail(() => mails.find((mail) => mail.text.includes(reference) && mail.text.includes('/track/')), `receipt of ${reference}`);
  const link = /(https?:\/\/\S+\?confirm=[A-Za-z0-9_-]{43})/.exec(receipt.text)?.[1];
  if (!link) return;
  const opened = await fetch(link, { redirect: 'manual' });
  if (opened.status !== 303) throw new Error(`confirming ${reference}: expected 303, got ${opened.status}`);
}
