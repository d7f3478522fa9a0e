import { requiredStatements, type NoticeType } from './completeness';
import type { Attestation } from './notice.entity';

export interface NoticeTypeInfo {
  type: NoticeType;
  label: string;
  summary: string;
  legalBasis: string;
}

export const NOTICE_TYPE_INFO: Record<NoticeType, NoticeTypeInfo> = {
  copyright: {
    type: 'copyright',
    label: 'Copyright',
    summary: 'An article copies your text, photo, video or other work without permission.',
    legalBasis: 'US Copyright Act §512(c)(3) (DMCA) and equivalent laws',
  },
  trademark: {
    type: 'trademark',
    label: 'Trademark',
    summary: 'An article uses your registered mark in a way that infringes it.',
    legalBasis: 'Trademark law of the country where the mark is registered',
  },
  defamation: {
    type: 'defamation',
    label: 'Defamation',
    summary: 'One of our articles makes a false statement of fact about you that harms your reputation.',
    legalBasis: "The law of defamation; for contributors' articles we host, also the UK Defamation Act 2013 s.5 and the Defamation (Operators of Websites) Regulations 2013",
  },
  privacy: {
    type: 'privacy',
    label: 'Privacy / data protection',
    summary: 'One of our articles publishes information about you that is outdated, irrelevant, inaccurate or sensitive.',
    legalBasis: 'GDPR Article 17 (right to erasure)',
  },
  other: {
    type: 'other',
    label: 'Other illegal content',
    summary: 'An article is unlawful for another reason.',
    legalBasis: 'EU Digital Services Act Article 16',
  },
};

type StatementKey = 'goodFaith' | 'accuracy' | 'authority';

// The exact sworn-statement texts the form shows; the notice records which were shown
// and accepted (evidence under DMCA §512(f)). Changing a text changes what new notices
// record, never what old ones say.
const STATEMENT_TEXTS: Record<NoticeType, Partial<Record<StatementKey, string>>> = {
  copyright: {
    goodFaith: 'I have a good faith belief that use of the material in the manner complained of is not authorized by the copyright owner, its agent, or the law.',
    accuracy: 'The information in this notification is accurate.',
    authority: 'Under penalty of perjury, I am the owner, or authorized to act on behalf of the owner, of an exclusive right that is allegedly infringed.',
  },
  trademark: {
    goodFaith: 'I have a good faith belief that the use of the mark in the manner complained of is not authorized by the trademark owner, its agent, or the law.',
    accuracy: "The information in this notice is accurate, and I am the owner of the mark or authorized to act on the owner's behalf.",
  },
  defamation: {},
  privacy: {},
  other: {
    accuracy: 'I have a bona fide belief that the information and allegations contained in this notice are accurate and complete.',
  },
};

export const DETAIL_STATEMENT_TEXTS = {
  lacksPosterInfo: 'I do not know enough about the author of the article (the journalist or contributor who wrote it) to bring proceedings against them.',
  consentToShare: 'May we give your name and e-mail address to the author of the article (the journalist or contributor who wrote it)?',
  identityConfirmed: 'I confirm that I am the person named above, or authorised to act for them, and can prove it if asked.',
} as const;

export function statementsFor(type: NoticeType): Array<{ key: StatementKey; text: string }> {
  return requiredStatements(type).map((key) => ({ key, text: STATEMENT_TEXTS[type][key]! }));
}

export function attestationsFor(type: NoticeType, statements: Partial<Record<StatementKey, boolean>> | undefined, details: Record<string, unknown> | undefined): Attestation[] {
  const sworn = statementsFor(type).map(({ key, text }) => ({ key: `statements.${key}`, text, accepted: statements?.[key] === true }));
  const detailKeys: Array<keyof typeof DETAIL_STATEMENT_TEXTS> = type === 'defamation' ? ['lacksPosterInfo', 'consentToShare'] : type === 'privacy' ? ['identityConfirmed'] : [];
  return [...sworn, ...detailKeys.map((key) => ({ key: `details.${key}`, text: DETAIL_STATEMENT_TEXTS[key], accepted: details?.[key] === true }))];
}
