import type { NoticeType } from '../src/notices/completeness';

export const DEMO_ARTICLE_URL =
  'https://freelanews.com/2025/06/02/russia-ukraine-resume-peace-talks-in-istanbul-amid-escalating-air-attacks/';
export const DEMO_PASSAGE = 'Kyiv has put forward a roadmap for lasting peace';

const notifier = {
  name: 'Jane Doe',
  email: 'jane.doe@example.org',
  organization: 'Doe Photography Ltd',
  kind: 'rights_holder',
  address: '1 High Street, London',
  phone: '+44 20 7946 0000',
  country: 'GB',
};

// A complete notice of each type, against the demo article; tests take one and break it.
export function completeNotice(type: NoticeType = 'copyright'): Record<string, any> {
  const base = { type, notifier: { ...notifier }, items: [{ url: DEMO_ARTICLE_URL, passage: DEMO_PASSAGE }], jurisdiction: 'GB', language: 'en' };
  switch (type) {
    case 'copyright':
      return {
        ...base,
        work: { description: 'My photograph "Istanbul talks", first published on my site.', originalUrls: ['https://doe.example.org/istanbul'] },
        explanation: 'The article reproduces my photograph without a licence.',
        statements: { goodFaith: true, accuracy: true, authority: true },
        signature: 'Jane Doe',
      };
    case 'trademark':
      return {
        ...base,
        explanation: 'The article uses our mark to suggest an endorsement we never gave.',
        statements: { goodFaith: true, accuracy: true },
        signature: 'Jane Doe',
        details: { mark: 'DOEPHOTO', registrationOffice: 'UKIPO', registrationNumber: 'UK00003123456', markOwner: 'Doe Photography Ltd' },
      };
    case 'defamation':
      return {
        ...base,
        notifier: { ...notifier, kind: 'individual' },
        details: {
          defamatoryMeaning: 'It suggests that I leaked the negotiating positions, which is false and harms my reputation.',
          inaccurateParts: 'The claim that I attended the talks is factually wrong.',
          lacksPosterInfo: true,
          consentToShare: false,
        },
      };
    case 'privacy':
      return {
        ...base,
        notifier: { ...notifier, kind: 'individual' },
        items: [{ url: DEMO_ARTICLE_URL, passage: DEMO_PASSAGE, reason: 'outdated' }],
        details: { subjectName: 'Jane Doe', identityConfirmed: true },
      };
    case 'other':
      return {
        ...base,
        explanation: 'The passage discloses details of an ongoing criminal trial that a court order forbids publishing.',
        statements: { accuracy: true },
      };
  }
}

export async function postJson(baseUrl: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function tokenFrom(trackingUrl: string): string {
  return trackingUrl.split('/track/')[1];
}
