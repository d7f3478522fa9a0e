import { decisionForNotifier, infoRequestForNotifier, statementOfReasonsForAuthor } from './decision-messages';

const facts = {
  reference: 'TD-2026-000007',
  noticeType: 'copyright' as const,
  decidedAt: new Date('2026-11-28T12:00:00Z'),
  ground: 'copyright_infringement' as const,
  reasons: 'The photograph is reproduced without a licence.',
  publisherName: 'Freelanews',
  items: [
    { url: 'https://freelanews.com/a', action: 'remove' as const, territories: [], until: null, passage: null, origin: 'contributor' as const },
    { url: 'https://freelanews.com/b', action: 'restrict' as const, territories: ['DE', 'FR'], until: '2027-01-01', passage: null, origin: 'contributor' as const },
    { url: 'https://freelanews.com/c', action: 'no_action' as const, territories: [], until: null, passage: null, origin: 'contributor' as const },
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
    expect(body).toContain("Regime: a contributor's article");
  });

  it('never promises a counter-notice for staff or syndicated articles, and names the regime', () => {
    for (const origin of ['staff', 'syndicated'] as const) {
      const items = facts.items.map((item) => ({ ...item, origin }));
      const notifier = decisionForNotifier({ ...facts, items }).body;
      const author = statementOfReasonsForAuthor({ ...facts, items, articleTitle: 'Peace talks', authorName: 'P. A.', origin, licensor: 'Wire Co', respondUrl: null }).body;
      for (const body of [notifier, author]) {
        expect(body).toContain('Regime:');
        expect(body).not.toMatch(/may file a counter-notice|author may file/i);
      }
      expect(notifier).toContain(origin === 'staff' ? 'editorial and legal review' : 'licensor is told');
      expect(author).toContain(origin === 'staff' ? 'informed internally' : 'The licensor is told');
    }
  });

  it('gives the author a statement of reasons with the DSA Art. 17 fields', () => {
    const { body } = statementOfReasonsForAuthor({
      ...facts,
      articleTitle: 'Peace talks',
      authorName: 'Peculiar Adirika',
      origin: 'contributor',
      licensor: null,
      respondUrl: 'https://desk.example/respond/abc',
    });
    expect(body).toContain('Dear Peculiar Adirika');
    expect(body).toContain('"Peace talks"');
    expect(body).toContain('https://freelanews.com/a: removed');
    expect(body).not.toContain('https://freelanews.com/c');
    expect(body).toContain('not on our own initiative');
    expect(body).toContain('Automated means: none');
    expect(body).toContain('Legal ground');
    expect(body).toContain('you may file a counter-notice');
    expect(body).toContain('https://desk.example/respond/abc');
    expect(body).toContain('out-of-court');
  });

  it('asks the notifier a question', () => {
    expect(infoRequestForNotifier('TD-2026-000001', 'Which photo?', 'Freelanews').body).toContain('Which photo?');
  });
});
