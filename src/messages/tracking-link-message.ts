import type { NoticeType } from '../notices/completeness';
import { NOTICE_TYPE_INFO } from '../notices/notice-types';

// A fresh tracking link for one open case, asked for on the "Lost your link?" page. Only
// sent to an address its owner has verified, so it may name the case.
export function trackingLinkMessage(facts: { reference: string; type: NoticeType; trackingUrl: string; publisherName: string }): { subject: string; body: string } {
  return {
    subject: `[${facts.reference}] Your new tracking link`,
    body: [
      'Hello,',
      '',
      `Someone (we hope you) asked for a new link to follow your ${NOTICE_TYPE_INFO[facts.type].label.toLowerCase()} notice, case ${facts.reference}.`,
      '',
      'Here it is. Keep it private: anyone who has it can see the case.',
      facts.trackingUrl,
      '',
      'This link replaces the earlier one: the old link no longer works.',
      'If you did not ask for it, you need not do anything. Only this mailbox receives the new link.',
      '',
      `${facts.publisherName} legal desk`,
    ].join('\n'),
  };
}
