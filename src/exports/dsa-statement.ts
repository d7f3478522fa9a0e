import type { ItemAction } from '../cases/decision-item.entity';
import type { LegalGround } from '../cases/decision.entity';
import type { NoticeType } from '../notices/completeness';
import { DsaStatement, EEA_COUNTRIES, LIMITS } from './dsa-schema';

export type { DsaStatement } from './dsa-schema';

// What a statement is made of: one restricting item of a decision that took effect.
export interface StatementSource {
  caseReference: string;
  noticeType: NoticeType;
  // How the notice came: a trusted flagger's (Art. 22) or anyone else's (Art. 16).
  senderKind: string;
  ground: LegalGround;
  reasons: string;
  publicNote: string | null;
  // The decision's ordinal on its case (1 for the first): a later decision on the same
  // item gets a puid of its own.
  decisionOrdinal: number;
  // When it took effect (the approval's day when it needed one).
  appliedAt: Date;
  item: { position: number; action: ItemAction; territories: string[]; until: string | null; media: string | null };
  // The article's publication, when the item is on one.
  contentPublishedAt: Date | null;
  noticeReceivedAt: Date;
}

// Our grounds as the Transparency Database's legal ground, category and keywords.
const GROUNDS: Partial<Record<LegalGround, { legalGround: string; category: string; keyword?: string }>> = {
  copyright_infringement: {
    legalGround: 'Copyright infringement (national copyright law implementing Directive 2001/29/EC)',
    category: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
    keyword: 'KEYWORD_COPYRIGHT_INFRINGEMENT',
  },
  trademark_infringement: {
    legalGround: 'Trade mark infringement (Regulation (EU) 2017/1001 and national trade mark law)',
    category: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
    keyword: 'KEYWORD_TRADEMARK_INFRINGEMENT',
  },
  defamation: { legalGround: 'Defamation (national law)', category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH', keyword: 'KEYWORD_DEFAMATION' },
  data_protection: {
    legalGround: 'Data protection: right to erasure (GDPR Art. 17)',
    category: 'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
    keyword: 'KEYWORD_RIGHT_TO_BE_FORGOTTEN',
  },
  other_illegal_content: { legalGround: 'Illegal content under national law (notice under DSA Art. 16)', category: 'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE' },
};

const NOTICE_LABELS: Record<NoticeType, string> = {
  copyright: 'copyright',
  trademark: 'trade mark',
  defamation: 'defamation',
  privacy: 'privacy (data protection)',
  other: 'illegal content',
};

const EEA = new Set<string>(EEA_COUNTRIES);
const day = (date: Date) => date.toISOString().slice(0, 10);
const clip = (value: string, limit: number) => (value.length <= limit ? value : `${value.slice(0, limit - 1)}…`);

// The statement's unique id on this platform: the case reference and the item (its
// position in the notice, from 1), and the decision when it is not the case's first.
export function statementPuid(reference: string, position: number, decisionOrdinal: number): string {
  return `${reference}-item${position + 1}${decisionOrdinal > 1 ? `-d${decisionOrdinal}` : ''}`;
}

// Whether an item's action restricts content in the EEA (what needs a statement, DSA Art.
// 17 and 24(5)): removal and redaction everywhere; a restriction when it covers an EEA
// country or has no territories (everywhere). A restriction only outside the EEA does not.
export function restrictsInEea(item: { action: ItemAction; territories: string[] }): boolean {
  if (item.action === 'remove' || item.action === 'redact') return true;
  if (item.action !== 'restrict') return false;
  return item.territories.length === 0 || item.territories.some((code) => EEA.has(code.toUpperCase()));
}

// The statement of reasons for one restricting decision item. No personal data: the
// notifier is named only by the source type, the facts are the decision's reasons.
export function buildDsaStatement(source: StatementSource): DsaStatement | null {
  const ground = GROUNDS[source.ground];
  if (!ground || !restrictsInEea(source.item)) return null;
  const { item } = source;
  const visibility: Pick<DsaStatement, 'decision_visibility' | 'decision_visibility_other' | 'territorial_scope' | 'end_date_visibility_restriction'> =
    item.action === 'remove'
      ? { decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'] }
      : item.action === 'redact'
        ? { decision_visibility: ['DECISION_VISIBILITY_OTHER'], decision_visibility_other: 'Part of the text redacted' }
        : {
            decision_visibility: ['DECISION_VISIBILITY_CONTENT_DISABLED'],
            territorial_scope: [...new Set(item.territories.map((code) => code.toUpperCase()).filter((code) => EEA.has(code)))].sort(),
            ...(item.until ? { end_date_visibility_restriction: item.until } : {}),
          };
  const facts = [
    `A ${NOTICE_LABELS[source.noticeType]} notice received on ${day(source.noticeReceivedAt)} (case ${source.caseReference}) named this content.`,
    source.publicNote ? `${source.publicNote}` : null,
    `Reasons: ${source.reasons}`,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    puid: statementPuid(source.caseReference, item.position, source.decisionOrdinal),
    ...visibility,
    decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT',
    illegal_content_legal_ground: clip(ground.legalGround, LIMITS.illegal_content_legal_ground),
    illegal_content_explanation: clip(source.reasons, LIMITS.illegal_content_explanation),
    // Articles are text; a named image or media item is the object too.
    content_type: item.media ? ['CONTENT_TYPE_TEXT', 'CONTENT_TYPE_IMAGE'] : ['CONTENT_TYPE_TEXT'],
    category: ground.category,
    ...(ground.keyword ? { category_specification: [ground.keyword] } : {}),
    content_date: day(source.contentPublishedAt ?? source.noticeReceivedAt),
    application_date: day(source.appliedAt),
    decision_facts: clip(facts, LIMITS.decision_facts),
    source_type: source.senderKind === 'trusted_flagger' ? 'SOURCE_TRUSTED_FLAGGER' : 'SOURCE_ARTICLE_16',
    automated_detection: 'No',
    automated_decision: 'AUTOMATED_DECISION_NOT_AUTOMATED',
  };
}
