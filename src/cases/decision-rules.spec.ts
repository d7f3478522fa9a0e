import { CaseItemFacts, groundsFor, LARGE_REDACTION_SHARE, MANY_TERRITORIES, planDecision, ProposedItem } from './decision-rules';

const BODY = 'Kyiv has put forward a roadmap for lasting peace. Moscow’s demands remain.';
const items: CaseItemFacts[] = [
  { id: 'a', inScope: true, articleId: 'art-1', articlePublicInterest: false, articleBody: BODY, articleState: 'live' },
  { id: 'b', inScope: true, articleId: 'art-1', articlePublicInterest: false, articleBody: BODY, articleState: 'live' },
  { id: 'c', inScope: true, articleId: 'art-2', articlePublicInterest: true, articleBody: 'Public interest piece.', articleState: 'live' },
  { id: 'x', inScope: false, articleId: null, articlePublicInterest: false, articleBody: null, articleState: null },
];
const reasons = 'The photograph is reproduced without any licence from the rights holder.';
const today = '2026-11-28';

function plan(proposed: Parameters<typeof planDecision>[0]['items'], ground = 'copyright_infringement' as const, type = 'copyright' as const) {
  return planDecision({ noticeType: type, ground, reasons, items: proposed, mainMarket: 'GB' }, items, today);
}

describe('planDecision', () => {
  it('actions when any item is actioned, and the article takes the strongest action', () => {
    const result = plan([
      { itemId: 'a', action: 'redact', passage: 'Kyiv has put forward a roadmap' },
      { itemId: 'b', action: 'restrict', territories: ['DE', 'FR'] },
      { itemId: 'c', action: 'no_action' },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.outcome).toBe('actioned');
    expect(result.requiresApproval).toBe(false);
    expect(Object.fromEntries(result.itemStates)).toEqual({ a: 'redacted', b: 'restricted', c: 'no_action' });
    expect(Object.fromEntries(result.articleStates)).toEqual({ 'art-1': 'restricted' });
  });

  it('rejects when nothing is actioned, with a rejection ground', () => {
    const result = plan(
      [
        { itemId: 'a', action: 'no_action' },
        { itemId: 'b', action: 'no_action' },
        { itemId: 'c', action: 'no_action' },
      ],
      'not_illegal' as never,
    );
    expect(result.errors).toEqual([]);
    expect(result.outcome).toBe('rejected');
    expect(result.articleStates.size).toBe(0);
  });

  it('needs a second person to remove a public-interest article', () => {
    const result = plan([
      { itemId: 'a', action: 'no_action' },
      { itemId: 'b', action: 'no_action' },
      { itemId: 'c', action: 'remove' },
    ]);
    expect(result.requiresApproval).toBe(true);
    expect(result.approvalReasons).toEqual(['removal']);
    expect(Object.fromEntries(result.articleStates)).toEqual({ 'art-2': 'removed' });
  });

  it.each([
    [[{ itemId: 'zz', action: 'remove' }], 'items[0].itemId'],
    [[{ itemId: 'x', action: 'remove' }], 'items[0].itemId'],
    [
      [
        { itemId: 'a', action: 'remove' },
        { itemId: 'a', action: 'remove' },
        { itemId: 'b', action: 'remove' },
        { itemId: 'c', action: 'remove' },
      ],
      'items[1].itemId',
    ],
    [[{ itemId: 'a', action: 'remove' }], 'items'],
    [
      [
        { itemId: 'a', action: 'restrict' },
        { itemId: 'b', action: 'no_action' },
        { itemId: 'c', action: 'no_action' },
      ],
      'items[0].territories',
    ],
    [
      [
        { itemId: 'a', action: 'restrict', territories: ['DE'], until: '2026-01-01' },
        { itemId: 'b', action: 'no_action' },
        { itemId: 'c', action: 'no_action' },
      ],
      'items[0].until',
    ],
    [
      [
        { itemId: 'a', action: 'redact' },
        { itemId: 'b', action: 'no_action' },
        { itemId: 'c', action: 'no_action' },
      ],
      'items[0].passage',
    ],
    [
      [
        { itemId: 'a', action: 'redact', passage: 'not in the text' },
        { itemId: 'b', action: 'no_action' },
        { itemId: 'c', action: 'no_action' },
      ],
      'items[0].passage',
    ],
  ] as const)('refuses %j naming %s', (proposed, field) => {
    expect(plan(proposed as never).errors.map((error) => error.field)).toContain(field);
  });

  it('matches a redacted passage across curly quotes and spacing', () => {
    const result = plan([
      { itemId: 'a', action: 'redact', passage: "Moscow's   demands" },
      { itemId: 'b', action: 'no_action' },
      { itemId: 'c', action: 'no_action' },
    ]);
    expect(result.errors).toEqual([]);
  });

  it('needs the ground that matches the notice type, and reasons', () => {
    const all = [
      { itemId: 'a', action: 'remove' as const },
      { itemId: 'b', action: 'remove' as const },
      { itemId: 'c', action: 'no_action' as const },
    ];
    expect(plan(all, 'defamation' as never).errors.map((e) => e.field)).toEqual(['ground']);
    expect(
      plan(
        all.map((i) => ({ ...i, action: 'no_action' as const })),
        'copyright_infringement',
      ).errors.map((e) => e.field),
    ).toEqual(['ground']);
    const short = planDecision({ noticeType: 'copyright', ground: 'copyright_infringement', reasons: 'too short', items: all, mainMarket: 'GB' }, items, today);
    expect(short.errors.map((e) => e.field)).toEqual(['reasons']);
  });

  it.each([
    ['copyright', 'copyright_infringement'],
    ['trademark', 'trademark_infringement'],
    ['defamation', 'defamation'],
    ['privacy', 'data_protection'],
    ['other', 'other_illegal_content'],
  ] as const)('%s notices may be actioned on %s', (type, ground) => {
    expect(groundsFor(type)).toEqual([ground, 'not_illegal', 'insufficient_information', 'out_of_scope']);
  });
});

describe('planDecision: four-eyes on public-interest articles', () => {
  const QUARTER = ['Alpha alpha alpha alpha.', 'Bravo bravo bravo bravo.', 'Charlie charlie charlie.', 'Delta delta delta delta.'];
  const PI_BODY = QUARTER.join(' ');
  const facts = (state: 'live' | 'restricted' | 'redacted', publicInterest = true): CaseItemFacts[] => [
    { id: 'p', inScope: true, articleId: 'pi', articlePublicInterest: publicInterest, articleBody: PI_BODY, articleState: state },
    { id: 'q', inScope: true, articleId: 'pi', articlePublicInterest: publicInterest, articleBody: PI_BODY, articleState: state },
  ];
  const codes = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(65 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)));
  const decide = (proposed: ProposedItem[], options: { state?: 'live' | 'restricted' | 'redacted'; publicInterest?: boolean; mainMarket?: string } = {}) => {
    const result = planDecision(
      { noticeType: 'copyright', ground: 'copyright_infringement', reasons, items: proposed, mainMarket: options.mainMarket ?? 'GB' },
      facts(options.state ?? 'live', options.publicInterest ?? true),
      today,
    );
    expect(result.errors).toEqual([]);
    return result;
  };
  const none: ProposedItem = { itemId: 'q', action: 'no_action' };

  it('lets an editor alone restrict a few territories or redact a short passage', () => {
    expect(decide([{ itemId: 'p', action: 'restrict', territories: ['DE', 'FR'] }, none]).requiresApproval).toBe(false);
    expect(decide([{ itemId: 'p', action: 'redact', passage: QUARTER[0] }, none]).requiresApproval).toBe(false);
  });

  it('needs a second person to restrict in the main market, whatever the case of the code', () => {
    expect(decide([{ itemId: 'p', action: 'restrict', territories: ['DE', 'GB'] }, none]).approvalReasons).toEqual(['main_market']);
    expect(decide([{ itemId: 'p', action: 'restrict', territories: ['gb'] }, none]).approvalReasons).toEqual(['main_market']);
    expect(decide([{ itemId: 'p', action: 'restrict', territories: ['GB'] }, none], { mainMarket: 'US' }).requiresApproval).toBe(false);
    expect(decide([{ itemId: 'p', action: 'restrict', territories: ['US'] }, none], { mainMarket: 'US' }).approvalReasons).toEqual(['main_market']);
  });

  it(`needs a second person to restrict in ${MANY_TERRITORIES} territories or more, also split over items`, () => {
    expect(decide([{ itemId: 'p', action: 'restrict', territories: codes(MANY_TERRITORIES - 1) }, none]).requiresApproval).toBe(false);
    expect(decide([{ itemId: 'p', action: 'restrict', territories: codes(MANY_TERRITORIES) }, none]).approvalReasons).toEqual(['many_territories']);
    const all = codes(MANY_TERRITORIES);
    const split = decide([
      { itemId: 'p', action: 'restrict', territories: all.slice(0, 30) },
      { itemId: 'q', action: 'restrict', territories: all.slice(20) },
    ]);
    expect(split.approvalReasons).toEqual(['many_territories']);
  });

  it(`needs a second person to redact more than ${LARGE_REDACTION_SHARE * 100} % of the body, also split over items`, () => {
    expect(QUARTER[0].length / PI_BODY.length).toBeLessThanOrEqual(LARGE_REDACTION_SHARE);
    expect(decide([{ itemId: 'p', action: 'redact', passage: `${QUARTER[0]} Bravo` }, none]).approvalReasons).toEqual(['large_redaction']);
    expect(decide([{ itemId: 'p', action: 'redact', passage: PI_BODY }, none]).approvalReasons).toEqual(['large_redaction']);
    const split = decide([
      { itemId: 'p', action: 'redact', passage: QUARTER[0] },
      { itemId: 'q', action: 'redact', passage: 'Charlie' },
    ]);
    expect(split.approvalReasons).toEqual(['large_redaction']);
  });

  it('needs a second person for any action on an article already restricted, not for taking none', () => {
    expect(decide([{ itemId: 'p', action: 'redact', passage: 'Bravo' }, none], { state: 'restricted' }).approvalReasons).toEqual(['already_restricted']);
    expect(decide([{ itemId: 'p', action: 'restrict', territories: ['DE'] }, none], { state: 'restricted' }).approvalReasons).toEqual(['already_restricted']);
    expect(decide([{ itemId: 'p', action: 'redact', passage: 'Bravo' }, none], { state: 'redacted' }).requiresApproval).toBe(false);
    const nothing = planDecision(
      { noticeType: 'copyright', ground: 'not_illegal', reasons, items: [{ itemId: 'p', action: 'no_action' }, none], mainMarket: 'GB' },
      facts('restricted'),
      today,
    );
    expect(nothing.requiresApproval).toBe(false);
  });

  it('names every reason that applies, in a fixed order', () => {
    const result = decide(
      [
        { itemId: 'p', action: 'restrict', territories: [...codes(MANY_TERRITORIES), 'GB'] },
        { itemId: 'q', action: 'remove' },
      ],
      { state: 'restricted' },
    );
    expect(result.approvalReasons).toEqual(['removal', 'main_market', 'many_territories', 'already_restricted']);
  });

  it('leaves an article that is not of public interest to the editor', () => {
    const options = { publicInterest: false, state: 'restricted' as const };
    expect(decide([{ itemId: 'p', action: 'remove' }, none], options).requiresApproval).toBe(false);
    expect(decide([{ itemId: 'p', action: 'restrict', territories: [...codes(MANY_TERRITORIES), 'GB'] }, none], options).requiresApproval).toBe(false);
    expect(decide([{ itemId: 'p', action: 'redact', passage: PI_BODY }, none], options).requiresApproval).toBe(false);
  });
});
