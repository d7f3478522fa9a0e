type Message = { subject: string; body: string };

// GDPR Art. 12(3): the person is told, inside the first month, that the answer takes up to
// two further months, and why.
export function gdprExtensionNotice(facts: { reference: string; reasons: string; dueLocal: string; publisherName: string }): Message {
  return {
    subject: `[${facts.reference}] We need more time to answer your request`,
    body: [
      `We are still working on your request ${facts.reference} to remove personal data (GDPR Art. 17).`,
      'The law gives us one month to answer, which we may extend by two further months where a request is complex',
      '(GDPR Art. 12(3)). We are using that extension, for these reasons:',
      '',
      facts.reasons,
      '',
      `We will answer by ${facts.dueLocal} at the latest.`,
      'If you disagree, you may complain to a data protection supervisory authority or go to court.',
      '',
      `${facts.publisherName} legal desk`,
    ].join('\n'),
  };
}
