import { receiptMessage } from './receipt-message';

describe('receiptMessage', () => {
  const base = {
    reference: 'TD-2026-000001',
    type: 'copyright' as const,
    receivedAt: new Date('2026-11-28T09:30:00Z'),
    notifierName: 'Jane Doe',
    publisherName: 'Freelanews',
    items: [
      { url: 'https://freelanews.com/a', inScope: true },
      { url: 'https://example.org/b', inScope: false },
    ],
    missing: [],
    trackingUrl: 'http://localhost:3000/track/abc',
  };

  it('names the reference, the link and the legal basis', () => {
    const { subject, body } = receiptMessage(base);
    expect(subject).toBe('[TD-2026-000001] We received your notice');
    expect(body).toContain('Your case reference is TD-2026-000001.');
    expect(body).toContain('http://localhost:3000/track/abc');
    expect(body).toContain('Article 16(4)');
    expect(body).toContain('1 on Freelanews, 1 that we cannot act on');
    expect(body).toContain('Your notice is complete.');
  });

  it('lists what is missing in plain language', () => {
    const { body } = receiptMessage({
      ...base,
      missing: [{ code: 'signature', field: 'signature', message: 'Your signature: type your full name.' }],
    });
    expect(body).toContain('  - Your signature: type your full name.');
    expect(body).not.toContain('Your notice is complete.');
  });

  it('to an unverified address: no name, and why it came', () => {
    const { body } = receiptMessage({ ...base, notifierName: 'Click http://evil.example', unverified: true });
    expect(body).not.toContain('evil.example');
    expect(body).toContain('Hello,');
    expect(body).toContain('If that was not you, ignore this message');
    expect(body).toContain('http://localhost:3000/track/abc');
  });
});
