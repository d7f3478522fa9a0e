import type { Article } from '../articles/article.entity';
import type { RemedyInForce } from '../articles/article-remedy.repository';
import { CaseItemFacts, planDecision, ProposedItem, withDecisionFieldErrors } from './decision-rules';
import { formErrorsOf, transitionBodyOf } from './desk-form';
import { decisionItemRow } from './decision-item-row';
import type { DecisionItemDto } from './dto/transition.dto';
import { publicView } from './public-article.service';
import { nameOccurs, remedyErrors, replaceName } from './remedy-rules';

const BODY = 'John Smith, 54, was fined in 2009. Mr John  Smith declined to comment. Johnsmithson is someone else.';
const items: CaseItemFacts[] = [
  { id: 'a', inScope: true, articleId: 'art-1', articlePublicInterest: false, articleTitle: 'Fine for John Smith', articleBody: BODY, articleState: 'live' },
  {
    id: 'p',
    inScope: true,
    articleId: 'art-2',
    articlePublicInterest: true,
    articleTitle: 'Council spending',
    articleBody: 'Councillor Jane Roe approved the budget.',
    articleState: 'live',
  },
];
const reasons = 'The story is true but old; the person’s privacy now outweighs the public interest.';

function plan(proposed: ProposedItem[], facts: CaseItemFacts[] = items) {
  return planDecision({ noticeType: 'privacy', ground: 'data_protection', reasons, items: proposed, mainMarket: 'GB' }, facts, '2026-12-04');
}

describe('newsroom remedies: what each action must carry', () => {
  const article = { articleTitle: 'Fine for John Smith', articleBody: BODY, articleMedia: null };

  it('names every missing field of each action at once', () => {
    expect(remedyErrors('items[0]', { action: 'remove_media' }, article).map((e) => e.field)).toEqual(['items[0].media']);
    expect(remedyErrors('items[0]', { action: 'correct', text: 'short' }, article).map((e) => e.field)).toEqual(['items[0].text']);
    expect(remedyErrors('items[0]', { action: 'right_of_reply' }, article).map((e) => e.field)).toEqual(['items[0].text', 'items[0].replyBy']);
    expect(remedyErrors('items[0]', { action: 'anonymise' }, article).map((e) => e.field)).toEqual(['items[0].name', 'items[0].replacement']);
    expect(remedyErrors('items[0]', { action: 'noindex' }, article)).toEqual([]);
  });

  it('anonymises only a name the article prints, and not with itself', () => {
    expect(remedyErrors('i', { action: 'anonymise', name: 'Jane Doe', replacement: 'a local woman' }, article)).toEqual([
      { field: 'i.name', message: 'This name does not appear in the article.' },
    ]);
    expect(remedyErrors('i', { action: 'anonymise', name: 'john smith', replacement: 'J. Smith' }, article)).toEqual([]);
    expect(remedyErrors('i', { action: 'anonymise', name: 'Smith', replacement: 'Mr Smith' }, article)).toEqual([
      { field: 'i.replacement', message: 'The replacement must not contain the name.' },
    ]);
  });

  it('checks a removed image against the article’s images when the article lists them', () => {
    const withMedia = { ...article, articleMedia: ['https://cdn.example/a.jpg'] };
    expect(remedyErrors('i', { action: 'remove_media', media: 'https://cdn.example/a.jpg/' }, withMedia)).toEqual([]);
    expect(remedyErrors('i', { action: 'remove_media', media: 'https://cdn.example/b.jpg' }, withMedia).map((e) => e.field)).toEqual(['i.media']);
  });

  it('replaces a name as whole words, whatever its case and spacing, and leaves longer words alone', () => {
    expect(nameOccurs(BODY, 'JOHN SMITH')).toBe(true);
    expect(nameOccurs('Johnsmithson', 'John Smith')).toBe(false);
    expect(replaceName(BODY, 'John Smith', 'a local man')).toBe('a local man, 54, was fined in 2009. Mr a local man declined to comment. Johnsmithson is someone else.');
  });

  it('keeps only the fields of the chosen action, and a correction defaults to a correction', () => {
    const row = decisionItemRow({ itemId: 'a', action: 'correct', text: ' The fine was in 2009, not 2019. ', media: 'x.jpg', name: 'John' } as DecisionItemDto);
    expect(row).toMatchObject({
      action: 'correct',
      text: 'The fine was in 2009, not 2019.',
      correctionKind: 'correction',
      media: null,
      name: null,
      replacement: null,
      passage: null,
    });
  });
});

describe('planDecision with remedies', () => {
  it('actions the item without changing the article’s state', () => {
    const result = plan([
      { itemId: 'a', action: 'anonymise', name: 'John Smith', replacement: 'a local man' },
      { itemId: 'p', action: 'no_action' },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.outcome).toBe('actioned');
    expect(Object.fromEntries(result.itemStates)).toEqual({ a: 'anonymised', p: 'no_action' });
    expect(result.articleStates.size).toBe(0);
    expect(result.requiresApproval).toBe(false);
  });

  it.each([
    ['remove_media', { media: 'https://cdn.example/photo.jpg' }, 'media_removal'],
    ['anonymise', { name: 'Jane Roe', replacement: 'a councillor' }, 'anonymisation'],
    ['noindex', {}, 'noindex'],
  ] as const)('needs a second person to %s on a public-interest article', (action, fields, reason) => {
    const result = plan([
      { itemId: 'a', action: 'no_action' },
      { itemId: 'p', action, ...fields },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.requiresApproval).toBe(true);
    expect(result.approvalReasons).toEqual([reason]);
  });

  it.each([
    ['correct', { text: 'The budget was approved in March, not May.' }],
    ['right_of_reply', { text: 'I voted against the budget, as the minutes show.', replyBy: 'Jane Roe' }],
  ] as const)('lets one person %s a public-interest article, even one already restricted (it adds text, hides nothing)', (action, fields) => {
    const restricted = items.map((item) => (item.id === 'p' ? { ...item, articleState: 'restricted' as const } : item));
    const result = plan(
      [
        { itemId: 'a', action: 'no_action' },
        { itemId: 'p', action, ...fields },
      ],
      restricted,
    );
    expect(result.errors).toEqual([]);
    expect(result.requiresApproval).toBe(false);
  });

  it('reports each bad remedy field with its item', () => {
    const result = plan([
      { itemId: 'a', action: 'correct' },
      { itemId: 'p', action: 'anonymise', name: 'Nobody Here', replacement: '' },
    ]);
    expect(result.errors.map((e) => e.field)).toEqual(['items[0].text', 'items[1].name', 'items[1].replacement']);
  });
});

describe('the public view of an article with remedies in force', () => {
  const article = {
    slug: 's',
    title: 'Fine for John Smith',
    byline: 'Ann Writer',
    section: null,
    publishedAt: null,
    canonicalUrl: 'https://x/s',
    state: 'live',
    body: BODY,
  } as unknown as Article;
  const remedy = (kind: RemedyInForce['kind'], fields: Partial<RemedyInForce>): RemedyInForce => ({
    id: kind,
    articleId: 'art-1',
    caseId: 'c',
    caseReference: 'TD-2026-000007',
    noticeType: 'privacy',
    decisionItemId: 'd',
    kind,
    appliedAt: new Date('2026-12-04T10:00:00Z'),
    passage: null,
    media: null,
    text: null,
    correctionKind: null,
    replyBy: null,
    name: null,
    replacement: null,
    ...fields,
  });

  it('replaces the name in title and text, and never tells the name', () => {
    const view = publicView(article, [remedy('anonymise', { name: 'John Smith', replacement: 'a local man' }), remedy('noindex', {})]);
    expect(view.title).toBe('Fine for a local man');
    expect(view.body).not.toMatch(/John\s+Smith/);
    expect(JSON.stringify(view)).not.toContain('John Smith');
    expect(view.noindex).toBe(true);
    expect(view.actions.map((a) => a.label)).toEqual(['name replaced in the article', 'kept online but hidden from search engines']);
  });

  it('shows a removed image as a placeholder naming the case, and the correction with its date', () => {
    const view = publicView(article, [
      remedy('remove_media', { media: 'https://cdn.example/p.jpg' }),
      remedy('correct', { text: 'The fine was in 2009.', correctionKind: 'clarification' }),
    ]);
    expect(view.media).toEqual([
      {
        url: 'https://cdn.example/p.jpg',
        caption: null,
        credit: null,
        alt: null,
        removed: { caseReference: 'TD-2026-000007', noticeTypeLabel: expect.any(String), since: '2026-12-04' },
      },
    ]);
    expect(view.corrections).toEqual([{ kind: 'clarification', text: 'The fine was in 2009.', date: '2026-12-04', caseReference: 'TD-2026-000007' }]);
  });
});

describe('the decision form and every error at once', () => {
  it('sends only the chosen remedy’s fields, a reply’s text from its own field', () => {
    const values = {
      action: 'decide',
      version: '3',
      'items[0].itemId': 'a',
      'items[0].action': 'right_of_reply',
      'items[0].replyBy': 'Allotment Society',
      'items[0].replyText': 'The shed was ours.',
      'items[0].text': 'left in the correction field',
      'items[0].territories': 'DE',
      'items[1].itemId': 'b',
      'items[1].action': 'correct',
      'items[1].correctionKind': 'clarification',
      'items[1].text': 'The vote was on Tuesday.',
      'items[1].name': 'Jane Roe',
    };
    expect(transitionBodyOf(values).items).toEqual([
      { itemId: 'a', action: 'right_of_reply', replyBy: 'Allotment Society', text: 'The shed was ours.' },
      { itemId: 'b', action: 'correct', text: 'The vote was on Tuesday.', correctionKind: 'clarification' },
    ]);
    expect(
      formErrorsOf(values, [
        { field: 'items[0].text', message: 'x' },
        { field: 'items[1].text', message: 'y' },
      ]).map((e) => e.field),
    ).toEqual(['items[0].replyText', 'items[1].text']);
  });

  it('adds the per-action fields a refused body also lacks, without naming a field twice', () => {
    const body = { action: 'decide', items: [{ itemId: 'a', action: 'anonymise', name: 'John Smith' }, { itemId: 'b', action: 'restrict' }, 'junk'], reasons: 'too short' };
    const errors = withDecisionFieldErrors(
      [
        { field: 'ground', message: 'Must be one of …' },
        { field: 'items[1].territories', message: 'DTO' },
      ],
      body,
      '2026-12-04',
    );
    expect(errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      'ground: Must be one of …',
      'items[1].territories: DTO',
      'items[0].replacement: Say what replaces the name, for example “a local man” or “M.”.',
      'reasons: Give a statement of reasons (at least 20 characters).',
    ]);
  });
});
