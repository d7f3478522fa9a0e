import { createStaff, postJson, StaffMember } from './factories';
import { startTestApp, TestApp } from './support/test-app';

// Nobody can lock someone else out by failing their sign-in a few times. Client addresses
// come from X-Forwarded-For (TRUST_PROXY), as behind the desk's reverse proxy.
describe('sign-in lockout', () => {
  let t: TestApp;
  const LOCK_AFTER = 12;

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true', LOGIN_LOCK_FAILURES: String(LOCK_AFTER) });
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await t.db.pool.query('DELETE FROM login_throttles');
  });

  const signIn = (from: string, email: string, password: string) => postJson(t.baseUrl, '/api/v1/auth/login', { email, password }, { 'x-forwarded-for': from });
  const lockMessages = async (to: string) =>
    (await t.db.pool.query(`SELECT subject, body, recipient_role FROM messages WHERE kind = 'account_locked' AND to_address = $1`, [to])).rows;

  it('blocks the failing address after 5 failures, not the account: its owner signs in from elsewhere', async () => {
    const victim: StaffMember = await createStaff(t, 'editor');
    for (let i = 0; i < 5; i++) expect((await signIn('203.0.113.5', victim.email, `wrong guess ${i}`)).status).toBe(401);
    expect((await signIn('203.0.113.5', victim.email, victim.password)).status).toBe(429);
    expect((await signIn('198.51.100.7', victim.email, victim.password)).status).toBe(200);
    // The attacker's address stays blocked.
    expect((await signIn('203.0.113.5', victim.email, victim.password)).status).toBe(429);
  });

  it('locks the account past a much higher threshold, e-mails its owner once, and lets a known network lift the lock', async () => {
    const owner = await createStaff(t, 'legal');
    // The owner has signed in from 192.0.2.0/24 before.
    expect((await signIn('192.0.2.10', owner.email, owner.password)).status).toBe(200);

    // Guessing from many addresses, a few tries each.
    for (let i = 0; i < LOCK_AFTER; i++) expect((await signIn(`10.${i}.0.1`, owner.email, `distributed guess ${i}`)).status).toBe(401);
    const locked = await signIn('10.200.0.1', owner.email, owner.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await signIn('10.201.0.1', owner.email, 'one more guess!!')).status).toBe(429);

    const messages = await lockMessages(owner.email);
    expect(messages).toEqual([
      { subject: 'Sign-in to your takedown desk account is locked', body: expect.stringContaining('a network you have used before'), recipient_role: 'staff' },
    ]);
    const { rows } = await t.db.pool.query(`SELECT count(*)::int AS n FROM events WHERE action = 'auth.account_locked' AND subject_id = $1`, [owner.id]);
    expect(rows[0].n).toBe(1);

    // Another address of the known network: signed in, and the lock is lifted for all.
    expect((await signIn('192.0.2.77', owner.email, owner.password)).status).toBe(200);
    expect((await signIn('10.202.0.1', owner.email, owner.password)).status).toBe(200);
    expect(await lockMessages(owner.email)).toHaveLength(1);
  });
});
