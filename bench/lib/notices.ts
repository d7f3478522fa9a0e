// The request bodies of the intake benchmarks. The one-URL notice is the complete
// copyright notice of test/factories.ts (`completeNotice('copyright')`), repeated here so
// that the bench harness compiles without the app or jest.
export const DEMO_ARTICLE_URL = 'https://freelanews.com/2025/06/02/russia-ukraine-resume-peace-talks-in-istanbul-amid-escalating-air-attacks/';
const DEMO_PASSAGE = 'Kyiv has put forward a roadmap for lasting peace';

// Demo articles the desk loads on a first start: matched, not out of scope.
const OTHER_DEMO_URLS = [
  'https://freelanews.com/2025/05/28/mogadishu-helicopter-crash-ausom-leaves-multiple-feared-dead/',
  'https://freelanews.com/2025/05/30/russian-overnight-strikes-wound-over-30-in-ukraine-following-minerals-deal/',
  'https://freelanews.com/2025/06/01/heirs-insurance-essay-competition-opens-for-secondary-school-students/',
  'https://freelanews.com/2025/06/03/nato-eastern-flank-leaders-meet-in-vilnius/',
];

const notifier = {
  name: 'Jane Doe',
  email: 'jane.doe@example.org',
  organization: 'Doe Photography Ltd',
  kind: 'rights_holder',
  address: '1 High Street, London',
  phone: '+44 20 7946 0000',
  country: 'GB',
};

export function completeCopyrightNotice(): Record<string, unknown> {
  return {
    type: 'copyright',
    notifier: { ...notifier },
    items: [{ url: DEMO_ARTICLE_URL, passage: DEMO_PASSAGE }],
    jurisdiction: 'GB',
    language: 'en',
    work: { description: 'My photograph "Istanbul talks", first published on my site.', originalUrls: ['https://doe.example.org/istanbul'] },
    explanation: 'The article reproduces my photograph without a licence.',
    statements: { goodFaith: true, accuracy: true, authority: true },
    signature: 'Jane Doe',
  };
}

// A bulk filing by an enforcement agency (the "trusted sender": an agent for a rights
// holder, with the rate limit off): 1,000 URLs, the demo articles among them, the rest
// on the publisher's host and on other sites, as such lists are.
export function bulkCopyrightNotice(count: number, run: number): Record<string, unknown> {
  const urls = [DEMO_ARTICLE_URL, ...OTHER_DEMO_URLS];
  for (let i = urls.length; i < count; i++) {
    urls.push(i % 4 === 0 ? `https://mirror-${i % 37}.example.net/copy/${run}/${i}?utm_source=feed` : `https://freelanews.com/2099/01/01/unknown-story-${run}-${i}/`);
  }
  return {
    ...completeCopyrightNotice(),
    notifier: { ...notifier, name: 'Rights Desk Agency', email: 'takedowns@rights-desk.example', organization: 'Rights Desk Agency Ltd', kind: 'agent' },
    principal: { name: 'Doe Photography Ltd' },
    items: urls.map((url, i) => ({ url, passage: i % 3 === 0 ? DEMO_PASSAGE : undefined })),
  };
}
