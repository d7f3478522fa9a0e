import { completeNotice, fileAccepted, postJson } from './factories';
import { confirmAddressFromReceipt, ReceivedMail, startInbox, waitForMail } from './support/inbox';
import { startTestApp, TestApp } from './support/test-app';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

// "Lost your link?": fresh tracking links by mail for the open cases of a verified address,
// the same answer for every address, limited per address and per client.
describe('asking for a lost tracking link', () => {
  let t: TestApp;
  let inbox: Awaited<ReturnType<typeof startInbox>>;
  let addressCount = 0;

  beforeAll(async () => {
    inbox = await startInbox();
    t = await startTestApp({ SMTP_URL: inbox.smtpUrl, MAIL_POLL_MS: '200' });
  });
  afterAll(async () => {
    await t.close();
    await inbox.close();
  });

  const newAddress = () => `lost.${++addressCount}.${Date.now().toString(36)}@example.org`;

  async function formToken(): Promise<string> {
    const html = await (await fetch(`${t.baseUrl}/track/lost`)).text();
    return /name="formToken" value="([^"]+)"/.exec(html)![1];
  }

  async function ask(email: string, token?: string): Promise<{ status: number; html: string }> {
    const response = await fetch(`${t.baseUrl}/track/lost`, { method: 'POST', headers: FORM, body: new URLSearchParams({ email, formToken: token ?? (await formToken()) }) });
    return { status: response.status, html: await response.text() };
  }

  // A notice filed from `email`, whose address is verified by opening the receipt's link.
  async function fileVerified(email: string): Promise<{ reference: string; token: string }> {
    const notice = completeNotice('copyright');
    notice.notifier.email = email;
    const { body, token } = await fileAccepted(t.baseUrl, notice);
    await confirmAddressFromReceipt(inbox.mails, body.reference);
    return { reference: body.reference, token };
  }

  const mailsTo = (email: string, subject: RegExp): ReceivedMail[] => inbox.mails.filter((mail) => mail.to.includes(email) && subject.test(mail.text));
  const linkIn = (mail: ReceivedMail) => /(https?:\/\/\S+\/track\/[A-Za-z0-9_-]{43})\s/.exec(mail.text)![1];
  const messagesOf = async (kind: string) => (await t.db.pool.query('SELECT count(*)::int AS n FROM messages WHERE kind = $1', [kind])).rows[0].n as number;

  it('shows the page at /track and /track/lost instead of a 404', async () => {
    for (const path of ['/track', '/track/lost']) {
      const response = await fetch(`${t.baseUrl}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const html = await response.text();
      expect(html).toContain('<h1>Lost your tracking link?</h1>');
      expect(html).toContain('<form method="post" action="/track/lost" novalidate>');
      expect(html).toContain('the old link no longer works');
    }
  });

  it('mails a fresh link for each open case of a verified address; the old links stop working', async () => {
    const email = newAddress();
    const first = await fileVerified(email);
    const second = await fileVerified(email);
    // A withdrawn case is over: no link for it.
    const closed = await fileVerified(email);
    expect((await postJson(t.baseUrl, `/api/v1/track/${closed.token}/withdraw`, { confirm: true })).status).toBe(200);

    const answer = await ask(email.toUpperCase());
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('<h1>Check your e-mail</h1>');

    for (const filed of [first, second]) {
      const mail = await waitForMail(() => mailsTo(email, new RegExp(`\\[${filed.reference}\\] Your new tracking link`))[0], `new link for ${filed.reference}`);
      const link = linkIn(mail);
      expect(link).not.toContain(filed.token);
      const fresh = await fetch(link);
      expect(fresh.status).toBe(200);
      const page = await fresh.text();
      expect(page).toContain(`Case <span class="reference">${filed.reference}</span>`);
      expect(page).toContain('We e-mailed you a new tracking link; the earlier link stopped working.');
      expect((await fetch(`${t.baseUrl}/track/${filed.token}`)).status).toBe(404);
    }
    expect(mailsTo(email, new RegExp(`\\[${closed.reference}\\] Your new tracking link`))).toEqual([]);
    const events = await t.db.pool.query(`SELECT case_reference FROM events WHERE action = 'notifier.tracking_link_reissued' AND case_reference = ANY($1) ORDER BY id`, [
      [first.reference, second.reference, closed.reference],
    ]);
    expect(events.rows.map((row) => row.case_reference).sort()).toEqual([first.reference, second.reference].sort());
    // The outbox keeps the text without the link.
    const stored = await t.db.pool.query(`SELECT body FROM messages WHERE kind = 'tracking_link' AND to_address = $1`, [email]);
    expect(stored.rows).toHaveLength(2);
    for (const row of stored.rows) expect(row.body).not.toMatch(/\/track\/[A-Za-z0-9_-]{43}/);
  });

  it('answers an unknown address and an unverified one exactly as a known one, and mails nothing', async () => {
    const known = newAddress();
    await fileVerified(known);
    const unverified = newAddress();
    const notice = completeNotice('copyright');
    notice.notifier.email = unverified;
    await fileAccepted(t.baseUrl, notice);
    const before = await messagesOf('tracking_link');

    const answers = await Promise.all([ask(known), ask(newAddress()), ask(unverified)]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(answers[1].html).toBe(answers[0].html);
    expect(answers[2].html).toBe(answers[0].html);
    await waitForMail(() => mailsTo(known, /Your new tracking link/)[0], 'the known address’s link');
    expect(await messagesOf('tracking_link')).toBe(before + 1);
    expect(mailsTo(unverified, /Your new tracking link/)).toEqual([]);
  });

  it('sends one address fresh links at most three times an hour, whoever asks', async () => {
    const email = newAddress();
    await fileVerified(email);
    for (let i = 0; i < 5; i += 1) expect((await ask(email)).status).toBe(200);
    await waitForMail(() => (mailsTo(email, /Your new tracking link/).length >= 3 ? true : null), 'three links');
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM messages WHERE kind = 'tracking_link' AND to_address = $1`, [email]);
    expect(rows[0].n).toBe(3);
  });

  it('keeps a bad address with the error beside the field, and refuses a post without the form’s token', async () => {
    const bad = await ask('jane at example');
    expect(bad.status).toBe(422);
    expect(bad.html).toContain('There is a problem');
    expect(bad.html).toContain('id="f-email-error"');
    expect(bad.html).toContain('value="jane at example"');
    const forged = await ask(newAddress(), 'not-a-token');
    expect(forged.status).toBe(422);
    expect(forged.html).toContain('We could not confirm that this form came from our site.');
  });

  it('limits each client to a few requests a minute', async () => {
    const limited = await startTestApp({ RATE_LIMIT_PER_MINUTE: '60' });
    try {
      const html = await (await fetch(`${limited.baseUrl}/track/lost`)).text();
      const token = /name="formToken" value="([^"]+)"/.exec(html)![1];
      const statuses: number[] = [];
      // Twelve: a new minute may start in between (its window counts afresh).
      for (let i = 0; i < 12; i += 1) {
        const response = await fetch(`${limited.baseUrl}/track/lost`, {
          method: 'POST',
          headers: FORM,
          body: new URLSearchParams({ email: `client.${i}@example.org`, formToken: token }),
        });
        statuses.push(response.status);
        await response.text();
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses).toContain(429);
    } finally {
      await limited.close();
    }
  });
});
