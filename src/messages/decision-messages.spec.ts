import { decisionForNotifier, infoRequestForNotifier, statementOfReasonsForAuthor } from './decision-messages';

const facts = {
  reference: 'TD-2026-000007',
  noticeType: 'copyright' as const,
  decidedAt: new Date('2026-11-28T12:00:00Z'),
  ground: 'copyright_infringement' as const,
  reasons: 'The photograph is reproduced without a licence.',
  publisherName: 'Freelanews',
  items: [
    { url: 'https://freelanews.com/a', action: 'remove' as const, territories: [], until: null, passage: null },
    { url: 'https://freelanews.com/b', action: 'restrict' as const, territories: ['DE', 'FR'], until: '2027-01-01', passage: null },
    { url: 'https://freelanews.com/c', action: 'no_action' as const, territories: [], until: null, passage: null },
  ],
};

describe('decision messages', () => {
  it('tells the notifier the outcome per URL, the ground, the reasons and how to appeal', () => {
    const { subject, body } = decisionForNotifier(facts);
    expect(subject).toBe('[TD-2026-000007] Decision on your notice');
    expect(body).toContain('https://freelanews.com/a: removed');
    expect(body).toContain('https://freelanews.com/b: access restricted in DE, FR until 2027-01-01');
    expect(body).toContain('https://freelanews.com/c: no action taken');
    expect(body).toContain('Legal ground: infringement of copyright.');
    expect(body).toContain(facts.reasons);
    expect(body).toContain('within 6 months');
  });

  it('gives the author a statement of reasons with the DSA Art. 17 fields', () => {
    const { body } = statementOfReasonsForAuthor({ ...facts, articleTitle: 'Peace talks', authorName: 'Peculiar Adirika' });
    expect(body).toContain('Dear Peculiar Adirika');
    expect(body).toContain('"Peace talks"');
    expect(body).toContain('https://freelanews.com/a: removed');
    expect(body).not.toContain('https://freelanews.com/c');
    expect(body).toContain('not on our own initiative');
    expect(body).toContain('Automated means: none');
    expect(body).toContain('Legal ground');
    expect(body).toContain('counter-notice');
    expect(body).toContain('out-of-court');
  });

  it('asks the notifier a question', () => {
    expect(infoRequestForNotifier('TD-2026-000001', 'Which photo?', 'Freelanews').body).toContain('Which photo?');
  });
});
