import { CaseItemFacts, groundsFor, planDecision } from './decision-rules';

const BODY = 'Kyiv has put forward a roadmap for lasting peace. Moscow’s demands remain.';
const items: CaseItemFacts[] = [
  { id: 'a', inScope: true, articleId: 'art-1', articlePublicInterest: false, articleBody: BODY },
  { id: 'b', inScope: true, articleId: 'art-1', articlePublicInterest: false, articleBody: BODY },
  { id: 'c', inScope: true, articleId: 'art-2', articlePublicInterest: true, articleBody: 'Public interest piece.' },
  { id: 'x', inScope: false, articleId: null, articlePublicInterest: false, articleBody: null },
];
const reasons = 'The photograph is reproduced without any licence from the rights holder.';
const today = '2026-11-28';

function plan(proposed: Parameters<typeof planDecision>[0]['items'], ground = 'copyright_infringement' as const, type = 'copyright' as const) {
  return planDecision({ noticeType: type, ground, reasons, items: proposed }, items, today);
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
    const short = planDecision({ noticeType: 'copyright', ground: 'copyright_infringement', reasons: 'too short', items: all }, items, today);
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
