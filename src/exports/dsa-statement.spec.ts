import { buildDsaStatement, restrictsInEea, StatementSource, statementPuid } from './dsa-statement';
import { validateDsaStatement } from './dsa-validator';

const SOURCE: StatementSource = {
  caseReference: 'TD-2026-000042',
  noticeType: 'copyright',
  senderKind: 'rights_holder',
  ground: 'copyright_infringement',
  reasons: 'The article reproduces the photograph in full without a licence.',
  publicNote: null,
  decisionOrdinal: 1,
  appliedAt: new Date('2026-03-02T10:00:00Z'),
  item: { position: 0, action: 'remove', territories: [], until: null, media: null },
  contentPublishedAt: new Date('2025-06-02T08:00:00Z'),
  noticeReceivedAt: new Date('2026-03-01T09:00:00Z'),
};
const withItem = (item: Partial<StatementSource['item']>, rest: Partial<StatementSource> = {}): StatementSource => ({ ...SOURCE, ...rest, item: { ...SOURCE.item, ...item } });

describe('DSA statement of reasons', () => {
  it('maps a removal for copyright onto the schema, and the validator accepts it', () => {
    const statement = buildDsaStatement(SOURCE)!;
    expect(statement).toMatchObject({
      puid: 'TD-2026-000042-item1',
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'],
      decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
      category: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
      category_specification: ['KEYWORD_COPYRIGHT_INFRINGEMENT'],
      content_type: ['CONTENT_TYPE_TEXT'],
      content_date: '2025-06-02',
      application_date: '2026-03-02',
      source_type: 'SOURCE_ARTICLE_16',
      automated_detection: 'No',
      automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
    });
    expect(validateDsaStatement(statement as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('maps a restriction to disabled content with its EEA territories and end date, a redaction to "other"', () => {
    const restricted = buildDsaStatement(withItem({ action: 'restrict', territories: ['de', 'GB', 'FR'], until: '2026-12-31' }))!;
    expect(restricted).toMatchObject({
      decision_visibility: ['DECISION_VISIBILITY_CONTENT_DISABLED'],
      territorial_scope: ['DE', 'FR'],
      end_date_visibility_restriction: '2026-12-31',
    });
    const redacted = buildDsaStatement(withItem({ action: 'redact' }, { ground: 'defamation', noticeType: 'defamation' }))!;
    expect(redacted).toMatchObject({
      decision_visibility: ['DECISION_VISIBILITY_OTHER'],
      decision_visibility_other: 'Part of the text redacted',
      category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
    });
    for (const statement of [restricted, redacted]) expect(validateDsaStatement(statement as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('makes no statement for no action, a non-illegal ground, or a restriction outside the EEA only', () => {
    expect(buildDsaStatement(withItem({ action: 'no_action' }))).toBeNull();
    expect(buildDsaStatement({ ...SOURCE, ground: 'not_illegal' })).toBeNull();
    expect(buildDsaStatement(withItem({ action: 'restrict', territories: ['GB', 'US'] }))).toBeNull();
    expect(restrictsInEea({ action: 'restrict', territories: [] })).toBe(true);
  });

  it('names a trusted flagger as the source, an image as content, a later decision in the puid', () => {
    const statement = buildDsaStatement(withItem({ media: 'photo.jpg', position: 2 }, { senderKind: 'trusted_flagger', decisionOrdinal: 2 }))!;
    expect(statement.source_type).toBe('SOURCE_TRUSTED_FLAGGER');
    expect(statement.content_type).toEqual(['CONTENT_TYPE_TEXT', 'CONTENT_TYPE_IMAGE']);
    expect(statement.puid).toBe('TD-2026-000042-item3-d2');
    expect(statementPuid('TD-2026-000001', 0, 1)).toBe('TD-2026-000001-item1');
  });

  it('clips long reasons to the schema’s limits', () => {
    const statement = buildDsaStatement({ ...SOURCE, reasons: 'x'.repeat(6000) })!;
    expect(statement.illegal_content_explanation!.length).toBe(2000);
    expect(statement.decision_facts.length).toBe(5000);
    expect(validateDsaStatement(statement as unknown as Record<string, unknown>)).toEqual([]);
  });
});

describe('DSA statement validator', () => {
  const valid = () => buildDsaStatement(SOURCE) as unknown as Record<string, unknown>;
  const fieldsOf = (statement: Record<string, unknown>) => validateDsaStatement(statement).map((error) => error.field);

  it('names every missing required field', () => {
    expect(fieldsOf({}).sort()).toEqual(
      [
        'application_date',
        'automated_decision',
        'automated_detection',
        'category',
        'content_date',
        'content_type',
        'decision_facts',
        'decision_ground',
        'decision_visibility',
        'puid',
        'source_type',
      ].sort(),
    );
  });

  it('refuses values outside the enums, bad dates, bad puids and long texts', () => {
    expect(fieldsOf({ ...valid(), category: 'STATEMENT_CATEGORY_GOSSIP' })).toEqual(['category']);
    expect(fieldsOf({ ...valid(), content_type: ['CONTENT_TYPE_TEXT', 'CONTENT_TYPE_HOLOGRAM'] })).toEqual(['content_type']);
    expect(fieldsOf({ ...valid(), decision_visibility: ['DECISION_VISIBILITY_HIDDEN'] })).toEqual(['decision_visibility']);
    expect(fieldsOf({ ...valid(), source_type: 'SOURCE_RUMOUR', automated_detection: 'Maybe' })).toEqual(['source_type', 'automated_detection']);
    expect(fieldsOf({ ...valid(), content_date: '1999-12-31' })).toEqual(['content_date']);
    expect(fieldsOf({ ...valid(), application_date: '2019-06-01' })).toEqual(['application_date']);
    expect(fieldsOf({ ...valid(), application_date: '2026-02-30' })).toEqual(['application_date']);
    expect(fieldsOf({ ...valid(), puid: 'TD 2026/1' })).toEqual(['puid']);
    expect(fieldsOf({ ...valid(), puid: 'x'.repeat(501) })).toEqual(['puid']);
    expect(fieldsOf({ ...valid(), decision_facts: 'x'.repeat(5001) })).toEqual(['decision_facts']);
    expect(fieldsOf({ ...valid(), illegal_content_legal_ground: 'x'.repeat(501) })).toEqual(['illegal_content_legal_ground']);
    expect(fieldsOf({ ...valid(), territorial_scope: ['DE', 'GB'] })).toEqual(['territorial_scope']);
  });

  it('asks for what a choice makes required', () => {
    expect(fieldsOf({ ...valid(), illegal_content_explanation: undefined })).toEqual(['illegal_content_explanation']);
    expect(fieldsOf({ ...valid(), decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT' }).sort()).toEqual(['incompatible_content_explanation', 'incompatible_content_ground']);
    expect(fieldsOf({ ...valid(), decision_visibility: ['DECISION_VISIBILITY_OTHER'] })).toEqual(['decision_visibility_other']);
    expect(fieldsOf({ ...valid(), content_type: ['CONTENT_TYPE_OTHER'] })).toEqual(['content_type_other']);
    expect(fieldsOf({ ...valid(), decision_visibility: [], decision_account: 'DECISION_ACCOUNT_SUSPENDED' })).toEqual([]);
  });
});
