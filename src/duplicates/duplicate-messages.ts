// To the notifier when staff merge their notice into an earlier one of theirs.
export function mergedForNotifier(facts: { reference: string; earlierReference: string; publisherName: string }): { subject: string; body: string } {
  return {
    subject: `[${facts.reference}] Your notice is handled under ${facts.earlierReference}`,
    body: [
      `Your notice ${facts.reference} names the same web addresses and the same work as your earlier notice ${facts.earlierReference},`,
      'which we are already handling. We have closed it as a duplicate and will answer both under that case.',
      '',
      `You will hear from us under ${facts.earlierReference}. If this notice asks for something different, reply through its tracking link and quote both references.`,
      '',
      `${facts.publisherName} legal desk`,
    ].join('\n'),
  };
}
