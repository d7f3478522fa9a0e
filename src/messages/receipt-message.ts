import type { MissingElement, NoticeType } from '../notices/completeness';
import { NOTICE_TYPE_INFO } from '../notices/notice-types';
import { UNVERIFIED_NOTE } from './unverified-address';

export interface ReceiptFacts {
  reference: string;
  type: NoticeType;
  receivedAt: Date;
  notifierName: string | null;
  publisherName: string;
  items: Array<{ url: string; inScope: boolean }>;
  missing: MissingElement[];
  trackingUrl: string;
  // To an address nobody has verified: no name (the notifier's own words stay out; the
  // rest is counts, fixed texts and the link), and a word on why it came.
  unverified?: boolean;
  // Filed while the sender is suspended for misuse (src/misuse): kept, not processed.
  heldUntil?: Date | null;
}

export const WITHHELD_LINK = '[private link: shown on your receipt page and sent to you; not kept in our records]';

// The receipt of DSA Art. 16(4): sent to anyone who gave contact details, on filing.
export function receiptMessage(facts: ReceiptFacts): { subject: string; body: string } {
  const inScope = facts.items.filter((item) => item.inScope).length;
  const outOfScope = facts.items.length - inScope;
  const lines = [
    facts.unverified ? 'Hello,' : `Dear ${facts.notifierName ?? 'sender'},`,
    '',
    `We received your ${NOTICE_TYPE_INFO[facts.type].label.toLowerCase()} notice on ${facts.receivedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC.`,
    `Your case reference is ${facts.reference}.`,
    '',
    `It lists ${facts.items.length} web address${facts.items.length === 1 ? '' : 'es'}: ${inScope} on ${facts.publisherName}` +
      (outOfScope ? `, ${outOfScope} that we cannot act on (another site, or no such article).` : '.'),
    '',
  ];
  if (facts.heldUntil) {
    lines.push(...heldLines(facts.heldUntil));
  } else if (facts.missing.length) {
    lines.push('Your notice is missing some information we need before we can review it:');
    for (const element of facts.missing) lines.push(`  - ${element.message}`);
    lines.push('', 'Please supply it through your tracking link below.', '');
  } else {
    lines.push('Your notice is complete. An editor will review it and you will hear from us with our decision and its reasons.', '');
  }
  lines.push(
    'Follow your case, answer questions or withdraw the notice here (keep this link private: anyone who has it can see the case):',
    facts.trackingUrl,
    '',
    'This message confirms receipt of your notice (EU Digital Services Act, Article 16(4)).',
    ...(facts.unverified ? ['', ...UNVERIFIED_NOTE, ''] : []),
    `${facts.publisherName} legal desk`,
  );
  return { subject: `[${facts.reference}] We received your notice`, body: lines.join('\n') };
}

// The words of DSA Art. 23(2) as the sender reads them: kept on record, not processed, until when.
export function heldLines(until: Date): string[] {
  const day = until.toISOString().slice(0, 10);
  return [
    `We will not process this notice. The processing of your notices is suspended until ${day} because you frequently`,
    'submitted notices that were manifestly unfounded (EU Digital Services Act, Article 23). We have kept this notice on',
    `record. You were told of the suspension and how to appeal it. After ${day} you may file again.`,
    '',
  ];
}
