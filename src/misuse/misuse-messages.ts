type Message = { subject: string; body: string };

const day = (value: Date) => value.toISOString().slice(0, 10);

// DSA Art. 23(2)-(4): the notifier is told of the suspension, its reasons, its end and the appeal.
export function suspensionForNotifier(facts: { reference: string; until: Date; reasons: string; appealUrl: string; publisherName: string }): Message {
  return {
    subject: `[${facts.reference}] Your notices are suspended until ${day(facts.until)}`,
    body: [
      `We have suspended the processing of notices you file with us until ${day(facts.until)}.`,
      'You frequently submitted notices that were manifestly unfounded (EU Digital Services Act, Article 23(2)).',
      '',
      'Our reasons:',
      facts.reasons,
      '',
      `Until ${day(facts.until)} we keep any notice you file on record but do not process it; the receipt says so.`,
      '',
      'You may appeal this decision (Article 20). Open the private tracking link of your notice and add /suspension-appeal,',
      `for example: ${facts.appealUrl}`,
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
