import type { CounterNoticeFiling } from '../aftercare/counter-notice-completeness';
import { COUNTER_NOTICE_STATEMENTS } from '../aftercare/counter-notice-completeness';

type Message = { subject: string; body: string };

function day(value: Date): string {
  return value.toISOString().slice(0, 10);
}

// To the notifier, promptly (§512(g)(2)(B)): a copy of the counter-notice with the
// author's details the statute asks for, and when the material returns.
export function counterNoticeCopyForNotifier(facts: { reference: string; filing: CounterNoticeFiling; earliest: Date; latest: Date; publisherName: string }): Message {
  const { filing } = facts;
  return {
    subject: `[${facts.reference}] Counter-notice received: the material will be restored`,
    body: [
      `The author of the material removed on your notice ${facts.reference} has sent us a counter-notice (17 U.S.C. §512(g)). A copy:`,
      '',
      `  Material removed: ${filing.material?.description ?? ''}`,
      `  Where it appeared: ${filing.material?.location ?? ''}`,
      `  Name: ${filing.subscriber?.name ?? ''}`,
      `  Address: ${filing.subscriber?.address ?? ''}`,
      `  Telephone: ${filing.subscriber?.phone ?? ''}`,
      `  Statement under penalty of perjury: ${COUNTER_NOTICE_STATEMENTS.mistake}`,
      `  Consent to jurisdiction: ${COUNTER_NOTICE_STATEMENTS.jurisdiction}`,
      `  Service of process: ${COUNTER_NOTICE_STATEMENTS.service}`,
      `  Signature: ${filing.signature ?? ''}`,
      '',
      `We will restore the material in 10 business days: not before ${day(facts.earliest)} and no later than ${day(facts.latest)},`,
      'unless you first tell us that you have filed an action seeking a court order against the author.',
      'Report a court action through your tracking link (court, case number and filing date).',
      '',
      `${facts.publisherName} legal desk`,
    ].join('\n'),
  };
}

export function counterNoticeReceiptForAuthor(facts: { reference: string; earliest: Date; latest: Date; publisherName: string }): Message {
  return {
    subject: `[${facts.reference}] Your counter-notice was received`,
    body: [
      `We received your counter-notice on case ${facts.reference} and sent a copy to the person who gave the notice.`,
      `Unless they tell us they have filed a court action, we will restore the material between ${day(facts.earliest)} and ${day(facts.latest)}.`,
      '',
      `${facts.publisherName} legal desk`,
    ].join('\n'),
  };
}

// To both parties when the material is back.
export function restorationNotice(facts: { reference: string; by: 'system' | 'staff'; reason: string | null; publisherName: string }): Message {
  return {
    subject: `[${facts.reference}] The material has been restored`,
    body: [
      facts.by === 'system'
        ? `The material removed on case ${facts.reference} has been restored: the counter-notice period ended without a report of a court action.`
        : `The material removed on case ${facts.reference} has been restored by our legal desk.`,
      ...(facts.reason ? ['', 'Reason:', facts.reason] : []),
      '',
      `${facts.publisherName} legal desk`,
    ].join('\n'),
  };
}

// To both parties when a restriction with an end date ends and the article is live again.
export function restrictionEndNotice(facts: { reference: string; url: string; publisherName: string }): Message {
  return {
    subject: `[${facts.reference}] A restriction has ended`,
    body: [
      `The restriction decided on case ${facts.reference} has reached its end date. This article is available again everywhere:`,
      facts.url,
      '',
      `${facts.publisherName} legal desk`,
    ].join('\n'),
  };
}

// To the notifier when a notice waiting for information lapses (fixed words: it names no
// route but filing again, which the desk always offers).
export function lapseNotice(facts: { reference: string; publisherName: string }): Message {
  return {
    subject: `[${facts.reference}] Your notice has lapsed`,
    body: [
      `Your notice on case ${facts.reference} has lapsed: the information it was missing was not supplied within 14 days.`,
      'We will take no action on it. You may file a new, complete notice at any time.',
      '',
      `${facts.publisherName} legal desk`,
    ].join('\n'),
  };
}

// To both parties, when an appeal is decided: the outcome, the reasons, and where to go next.
export function appealAnswer(facts: { reference: string; outcome: 'upheld' | 'reversed'; answer: string; publisherName: string }): Message {
  return {
    subject: `[${facts.reference}] Decision on the appeal`,
    body: [
      facts.outcome === 'upheld'
        ? `We reviewed the appeal on case ${facts.reference} and upheld the decision.`
        : `We reviewed the appeal on case ${facts.reference} and reversed the decision; the new decision has taken effect.`,
      'The review was made by a person who took no part in the original decision.',
      '',
      'Our reasons:',
      facts.answer,
      '',
      'If you disagree, you may refer the dispute to a certified out-of-court dispute settlement body (DSA Article 21),',
      'or go to court. Neither route depends on this appeal.',
      '',
      `${facts.publisherName} legal desk`,
    ].join('\n'),
  };
}
