// Until a notifier's address is verified (a confirming link from a receipt was opened),
// anyone could have typed it: messages to it carry no text from the notice or from staff
// answers to it — no name, no URLs, no free text — only the case reference, the link and
// the fixed words below. So the desk cannot be used to mail a stranger chosen words.

export const UNVERIFIED_NOTE = [
  'You receive this because your e-mail address was given on a notice filed with us.',
  'If that was not you, ignore this message; we send at most 3 messages a day to an address until its owner opens the link in one of them.',
];

const SUBJECTS: Record<string, string> = {
  info_request: 'We need more information about your notice',
  decision: 'Decision on your notice',
  counter_notice_copy: 'A counter-notice was filed',
  restoration: 'The material was restored',
  appeal_answer: 'Answer to the appeal',
};

const WHAT: Record<string, string> = {
  info_request: 'We have a question about your notice',
  decision: 'We have decided on your notice',
  counter_notice_copy: 'The author filed a counter-notice against the decision on your notice',
  restoration: 'The material your notice was about has been restored under case',
  appeal_answer: 'We have answered the appeal about your notice',
};

// A message of `kind` (other than the receipt, which has its own) in fixed words.
export function fixedWordingFor(kind: string, reference: string, publisherName: string): { subject: string; body: string } {
  const what = WHAT[kind] ?? 'There is news about your notice';
  return {
    subject: `[${reference}] ${SUBJECTS[kind] ?? 'News about your notice'}`,
    body: [
      `${what} ${reference}.`,
      '',
      'Open the private tracking link in the receipt we sent you to read it and to answer.',
      '',
      ...UNVERIFIED_NOTE,
      '',
      `${publisherName} legal desk`,
    ].join('\n'),
  };
}
