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
    case 'no_action':
      return 'no action taken';
  }
}

function date(value: Date): string {
  return value.toISOString().slice(0, 10);
}

// To the notifier: the decision, its reasons, and how to contest it (DSA Art. 20).
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
    `If you disagree you may ask us to review this decision within ${APPEAL_WINDOW_MONTHS} months through your tracking link,`,
    'use an out-of-court dispute settlement body, or go to court.',
    '',
    `${facts.publisherName} legal desk`,
  ];
  return { subject: `[${facts.reference}] Decision on your notice`, body: lines.join('\n') };
}

// To the author, when their article is actioned: a statement of reasons with the fields
// of DSA Art. 17(3).
export function statementOfReasonsForAuthor(facts: DecisionFacts & { articleTitle: string; authorName: string | null }): { subject: string; body: string } {
  const acted = facts.items.filter((item) => item.action !== 'no_action');
  const lines = [
    `Dear ${facts.authorName ?? 'author'},`,
    '',
    `Your article "${facts.articleTitle}" was actioned on ${date(facts.decidedAt)} (case ${facts.reference}).`,
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
    'Your options: you may file a counter-notice or an internal complaint with the legal desk,',
    `within ${APPEAL_WINDOW_MONTHS} months, use an out-of-court dispute settlement body, or go to court.`,
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
