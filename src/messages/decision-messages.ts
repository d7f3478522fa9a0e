import type { ArticleOrigin } from '../articles/article-origin';
import type { ItemAction } from '../cases/decision-item.entity';
import type { LegalGround } from '../cases/decision.entity';
import type { NoticeType } from '../notices/completeness';
import { NOTICE_TYPE_INFO } from '../notices/notice-types';

export interface DecidedItem {
  url: string;
  action: ItemAction;
  territories: string[];
  until: string | null;
  passage: string | null;
  // The remedies' fields (decision-item.entity.ts); absent or null for the other actions.
  media?: string | null;
  text?: string | null;
  correctionKind?: string | null;
  replyBy?: string | null;
  name?: string | null;
  replacement?: string | null;
  // The origin of the article at this URL (null: not one of ours); chooses the regime.
  origin: ArticleOrigin | null;
}

export interface DecisionFacts {
  reference: string;
  noticeType: NoticeType;
  decidedAt: Date;
  ground: LegalGround;
  reasons: string;
  items: DecidedItem[];
  publisherName: string;
}

const GROUND_TEXT: Record<LegalGround, string> = {
  copyright_infringement: 'infringement of copyright',
  trademark_infringement: 'infringement of a registered trademark',
  defamation: 'defamation',
  data_protection: 'data protection law (GDPR Article 17, right to erasure)',
  other_illegal_content: 'other illegal content',
  not_illegal: 'the content was not found to be illegal',
  insufficient_information: 'the notice did not give enough information to act on',
  out_of_scope: 'the content is not ours or not covered by the notice',
};

export const APPEAL_WINDOW_MONTHS = 6;

function describeAction(item: DecidedItem): string {
  switch (item.action) {
    case 'remove':
      return 'removed';
    case 'restrict':
      return `access restricted in ${item.territories.join(', ')}${item.until ? ` until ${item.until}` : ' until further notice'}`;
    case 'redact':
      return `the passage "${item.passage}" redacted`;
    case 'remove_media':
      return `the image ${item.media} removed; the article shows a placeholder naming the case in its place`;
    case 'correct':
      return `a ${item.correctionKind ?? 'correction'} published at the end of the article: "${item.text}"`;
    case 'right_of_reply':
      return `a reply by ${item.replyBy} published with the article: "${item.text}"`;
    case 'anonymise':
      return `the name "${item.name}" replaced by "${item.replacement}" wherever it appears in the article`;
    case 'noindex':
      return 'kept online but hidden from search engines (the page asks them not to index it)';
    case 'no_action':
      return 'no action taken';
  }
}

function date(value: Date): string {
  return value.toISOString().slice(0, 10);
}

// Plain words, per regime, of what happens next (LEGAL.md "Regimes by the article's origin").
const REGIME_FOR_NOTIFIER: Record<ArticleOrigin, string> = {
  staff:
    'Regime: our own journalism (a staff article). We are its publisher, so there is no counter-notice; the decision was taken after editorial and legal review and the journalist is informed internally.',
  contributor:
    "Regime: a contributor's article that we host. Its author may file a counter-notice; if they do we will send you a copy, and the material is restored after 10 business days unless you tell us you have filed a court action.",
  syndicated: 'Regime: syndicated copy licensed to us. The licensor is told of the decision and the licence terms apply; there is no counter-notice.',
};

function regimeLines(items: DecidedItem[]): string[] {
  const origins = [...new Set(items.map((item) => item.origin).filter((origin): origin is ArticleOrigin => origin !== null))];
  return origins.map((origin) => REGIME_FOR_NOTIFIER[origin]);
}

// To the notifier: the decision, its reasons, the regime, and how to contest it (DSA Art. 20).
export function decisionForNotifier(facts: DecisionFacts): { subject: string; body: string } {
  const lines = [
    `We have decided on your ${NOTICE_TYPE_INFO[facts.noticeType].label.toLowerCase()} notice ${facts.reference} (${date(facts.decidedAt)}).`,
    '',
    ...facts.items.map((item) => `  - ${item.url}: ${describeAction(item)}`),
    '',
    `Legal ground: ${GROUND_TEXT[facts.ground]}.`,
    '',
    'Our reasons:',
    facts.reasons,
    '',
    ...regimeLines(facts.items).flatMap((line) => [line, '']),
    `If you disagree you may ask us to review this decision within ${APPEAL_WINDOW_MONTHS} months through your tracking link,`,
    'use an out-of-court dispute settlement body, or go to court.',
    '',
    `${facts.publisherName} legal desk`,
  ];
  return { subject: `[${facts.reference}] Decision on your notice`, body: lines.join('\n') };
}

export interface AuthorFacts extends DecisionFacts {
  articleTitle: string;
  authorName: string | null;
  origin: ArticleOrigin;
  licensor: string | null;
  // Contributor articles: the private link to respond (counter-notice, appeal).
  respondUrl: string | null;
}

// What the recipient may do, per regime: a counter-notice only where it applies.
function redressLines(facts: AuthorFacts): string[] {
  switch (facts.origin) {
    case 'contributor':
      return [
        "Regime: your article is a contributor's piece that we host, so the notice-and-takedown rules for hosted content apply.",
        'Your options: you may file a counter-notice (if you believe the material was removed by mistake or misidentification)',
        `or an internal complaint within ${APPEAL_WINDOW_MONTHS} months, through your private response link:`,
        facts.respondUrl ?? '(ask the legal desk for your response link)',
        'You may also use an out-of-court dispute settlement body, or go to court.',
      ];
    case 'staff':
      return [
        'Regime: this is a staff article, published by us as its author. There is no counter-notice; you are informed internally.',
        'The decision was taken after editorial and legal review; raise any disagreement with the legal desk and your editor.',
      ];
    case 'syndicated':
      return [
        `Regime: syndicated copy licensed to us${facts.licensor ? ` by ${facts.licensor}` : ''}. The licensor is told and the licence terms decide;`,
        'there is no counter-notice. Raise any disagreement with the legal desk under the licence, or go to court.',
      ];
  }
}

// To the author (or, for syndicated copy, the licensor), when their article is actioned:
// a statement of reasons with the fields of DSA Art. 17(3) and the routes that apply.
export function statementOfReasonsForAuthor(facts: AuthorFacts): { subject: string; body: string } {
  const acted = facts.items.filter((item) => item.action !== 'no_action');
  const addressee = facts.origin === 'syndicated' ? (facts.licensor ?? facts.authorName) : facts.authorName;
  const lines = [
    `Dear ${addressee ?? 'author'},`,
    '',
    `${facts.origin === 'syndicated' ? 'The article' : 'Your article'} "${facts.articleTitle}" was actioned on ${date(facts.decidedAt)} (case ${facts.reference}).`,
    '',
    'What was done:',
    ...acted.map((item) => `  - ${item.url}: ${describeAction(item)}`),
    '',
    `The facts: we acted on a ${NOTICE_TYPE_INFO[facts.noticeType].label.toLowerCase()} notice from a third party, not on our own initiative.`,
    'Automated means: none were used, neither to detect the content nor to decide.',
    `Legal ground: ${GROUND_TEXT[facts.ground]}.`,
    '',
    'Why:',
    facts.reasons,
    '',
    ...redressLines(facts),
    '',
    `${facts.publisherName} legal desk`,
  ];
  return { subject: `[${facts.reference}] Statement of reasons: your article was actioned`, body: lines.join('\n') };
}

export function infoRequestForNotifier(reference: string, question: string, publisherName: string): { subject: string; body: string } {
  return {
    subject: `[${reference}] We need more information about your notice`,
    body: [
      `To review your notice ${reference} we need more information:`,
      '',
      question,
      '',
      'Please answer through the private tracking link in your receipt. The review clock is paused until you answer.',
      '',
      `${publisherName} legal desk`,
    ].join('\n'),
  };
}
