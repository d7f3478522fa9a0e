type Message = { subject: string; body: string };

const day = (value: Date) => value.toISOString().slice(0, 10);

// DSA Art. 23(2)-(4): the notifier is told of the suspension, its reasons, its end and the appeal.
// An organisation's suspension covers every notice filed with any of its keys.
export function suspensionForNotifier(facts: { reference: string; until: Date; reasons: string; appealUrl: string; publisherName: string; organisation?: string | null }): Message {
  const whose = facts.organisation ? `notices filed with any of the keys of ${facts.organisation}` : 'notices you file with us';
  return {
    subject: `[${facts.reference}] Your notices are suspended until ${day(facts.until)}`,
    body: [
      `We have suspended the processing of ${whose} until ${day(facts.until)}.`,
      'You frequently submitted notices that were manifestly unfounded (EU Digital Services Act, Article 23(2)).',
      '',
      'Our reasons:',
      facts.reasons,
      '',
      `Until ${day(facts.until)} we keep any notice you file on record but do not process it; the receipt says so.`,
      '',
      'You may appeal this decision (Article 20): the tracking page of any of your notices links to the appeal form while the',
      `suspension runs (the link ends in /suspension-appeal: ${facts.appealUrl}).`,
      '',
      `${facts.publisherName} legal desk`,
    ].join('\n'),
  };
}

export function suspensionAppealAnswer(facts: { reference: string; outcome: 'upheld' | 'lifted'; answer: string; publisherName: string }): Message {
  return {
    subject: `[${facts.reference}] Answer to your appeal against the suspension`,
    body: [
      facts.outcome === 'lifted'
        ? 'We have reviewed your appeal and lifted the suspension: we process your notices again.'
        : 'We have reviewed your appeal. The suspension stands until its end date.',
      '',
      facts.answer,
      '',
      `${facts.publisherName} legal desk`,
    ].join('\n'),
  };
}
