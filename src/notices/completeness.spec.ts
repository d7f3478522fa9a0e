import { checkCompleteness, NOTICE_TYPES, NoticeDraft, NoticeType, requiredStatements } from './completeness';

const completeNotices: Record<NoticeType, NoticeDraft> = {
  copyright: {
    type: 'copyright',
    notifier: {
      name: 'Ada Lens',
      email: 'ada@lens.example',
      kind: 'rights_holder',
      address: '1 Shutter Street, Leeds',
      phone: '+44 113 000 0000',
    },
    work: { description: 'Photograph "Harbour at dawn", 2024', originalUrls: ['https://lens.example/harbour'] },
    items: [{ url: 'https://news.example/2025/harbour-story' }],
    statements: { goodFaith: true, accuracy: true, authority: true },
    signature: 'Ada Lens',
  },
  trademark: {
    type: 'trademark',
    notifier: {
      name: 'Bo Brand',
      email: 'legal@acme.example',
      kind: 'rights_holder',
      address: '2 Mark Road, Dublin',
      phone: '+353 1 000 0000',
    },
    items: [{ url: 'https://news.example/ads/acme-lookalike' }],
    explanation: 'The page sells counterfeit goods under our registered name and logo.',
    statements: { goodFaith: true, accuracy: true },
    signature: 'Bo Brand',
    details: {
      mark: 'ACME',
      registrationOffice: 'EUIPO',
      registrationNumber: '018000000',
      markOwner: 'Acme Ltd',
    },
  },
  defamation: {
    type: 'defamation',
    notifier: { name: 'Cy Claimant', email: 'cy@example.org', kind: 'individual' },
    items: [{ url: 'https://news.example/comments/123', passage: 'Cy Claimant stole from the charity.' }],
    details: {
      defamatoryMeaning: 'It says I am a thief who took charity money.',
      inaccurateParts: 'I never handled the charity accounts; nothing was stolen.',
      lacksPosterInfo: true,
      consentToShare: true,
    },
  },
  privacy: {
    type: 'privacy',
    notifier: { name: 'Dee Private', email: 'dee@example.org', kind: 'individual' },
    items: [{ url: 'https://news.example/2009/local-court-roundup', reason: 'outdated' }],
    jurisdiction: 'DE',
    details: { subjectName: 'Dee Private', identityConfirmed: true },
  },
  other: {
    type: 'other',
    notifier: { name: 'Eve Reporter', email: 'eve@example.org', kind: 'individual' },
    items: [{ url: 'https://news.example/forum/thread-9' }],
    explanation: 'The post offers illegal weapons for sale, banned under national law.',
    statements: { accuracy: true },
  },
};

// A fresh copy each time, so one test's change never leaks into another.
function noticeOf(type: NoticeType, change: (notice: NoticeDraft) => void = () => {}): NoticeDraft {
  const notice = structuredClone(completeNotices[type]);
  change(notice);
  return notice;
}

function codesOf(notice: NoticeDraft): string[] {
  return checkCompleteness(notice).missing.map((element) => element.code);
}

type Removal = [description: string, change: (notice: NoticeDraft) => void, code: string, field: string];

const removals: Record<NoticeType, Removal[]> = {
  copyright: [
    ['signature', (n) => delete n.signature, 'signature', 'signature'],
    ['work description', (n) => (n.work = null), 'work_description', 'work.description'],
    ['item URLs', (n) => (n.items = []), 'item_urls', 'items'],
    ['address', (n) => delete n.notifier!.address, 'contact_address', 'notifier.address'],
    ['phone', (n) => delete n.notifier!.phone, 'contact_phone', 'notifier.phone'],
    ['e-mail', (n) => delete n.notifier!.email, 'contact_email', 'notifier.email'],
    ['good-faith statement', (n) => delete n.statements!.goodFaith, 'statement_good_faith', 'statements.goodFaith'],
    ['accuracy statement', (n) => delete n.statements!.accuracy, 'statement_accuracy', 'statements.accuracy'],
    ['authority statement', (n) => delete n.statements!.authority, 'statement_authority', 'statements.authority'],
  ],
  trademark: [
    ['mark', (n) => delete n.details!.mark, 'trademark_mark', 'details.mark'],
    ['registration office', (n) => delete n.details!.registrationOffice, 'trademark_registration_office', 'details.registrationOffice'],
    ['registration number', (n) => delete n.details!.registrationNumber, 'trademark_registration_number', 'details.registrationNumber'],
    ['mark owner', (n) => delete n.details!.markOwner, 'trademark_owner', 'details.markOwner'],
    ['item URLs', (n) => (n.items = null), 'item_urls', 'items'],
    ['explanation', (n) => delete n.explanation, 'explanation', 'explanation'],
    ['name', (n) => delete n.notifier!.name, 'notifier_name', 'notifier.name'],
    ['e-mail', (n) => delete n.notifier!.email, 'contact_email', 'notifier.email'],
    ['address', (n) => delete n.notifier!.address, 'contact_address', 'notifier.address'],
    ['phone', (n) => delete n.notifier!.phone, 'contact_phone', 'notifier.phone'],
    ['good-faith statement', (n) => delete n.statements!.goodFaith, 'statement_good_faith', 'statements.goodFaith'],
    ['accuracy statement', (n) => delete n.statements!.accuracy, 'statement_accuracy', 'statements.accuracy'],
    ['signature', (n) => delete n.signature, 'signature', 'signature'],
  ],
  defamation: [
    ['name', (n) => delete n.notifier!.name, 'notifier_name', 'notifier.name'],
    ['e-mail', (n) => delete n.notifier!.email, 'contact_email', 'notifier.email'],
    ['item URL', (n) => delete n.items![0].url, 'item_urls', 'items'],
    ['statement complained of', (n) => delete n.items![0].passage, 'defamation_statement', 'details.statement'],
    ['defamatory meaning', (n) => delete n.details!.defamatoryMeaning, 'defamatory_meaning', 'details.defamatoryMeaning'],
    ['inaccurate parts', (n) => delete n.details!.inaccurateParts, 'inaccurate_parts', 'details.inaccurateParts'],
    ['lack of poster information', (n) => delete n.details!.lacksPosterInfo, 'lacks_poster_info', 'details.lacksPosterInfo'],
    ['consent answer', (n) => delete n.details!.consentToShare, 'consent_to_share', 'details.consentToShare'],
  ],
  privacy: [
    [
      "person's name",
      (n) => {
        delete n.details!.subjectName;
        delete n.notifier!.name;
      },
      'subject_name',
      'details.subjectName',
    ],
    // The item's reason stays, so only the URL is reported.
    ['item URL', (n) => delete n.items![0].url, 'item_urls', 'items'],
    ['reason for the item', (n) => delete n.items![0].reason, 'privacy_reason', 'items[0].reason'],
    ['jurisdiction', (n) => delete n.jurisdiction, 'jurisdiction', 'jurisdiction'],
    ['identity confirmation', (n) => delete n.details!.identityConfirmed, 'identity_confirmed', 'details.identityConfirmed'],
  ],
  other: [
    ['explanation', (n) => delete n.explanation, 'explanation', 'explanation'],
    ['item URLs', (n) => delete n.items, 'item_urls', 'items'],
    ['name', (n) => delete n.notifier!.name, 'notifier_name', 'notifier.name'],
    ['e-mail', (n) => delete n.notifier!.email, 'contact_email', 'notifier.email'],
    ['accuracy statement', (n) => delete n.statements!.accuracy, 'statement_accuracy', 'statements.accuracy'],
  ],
};

describe.each(NOTICE_TYPES)('%s notice', (type) => {
  it('is complete when every required element is there', () => {
    const result = checkCompleteness(noticeOf(type));
    expect(result.complete).toBe(true);
    expect(result.missing).toEqual([]);
  });

  it.each(removals[type])('reports only the %s when it is removed', (_description, change, code, field) => {
    const result = checkCompleteness(noticeOf(type, change));
    expect(result.complete).toBe(false);
    expect(result.missing.map(({ code, field }) => ({ code, field }))).toEqual([{ code, field }]);
  });

  it('asks an agent for the rights holder they act for', () => {
    const notice = noticeOf(type, (n) => (n.notifier!.kind = 'agent'));
    expect(checkCompleteness(notice).missing.map(({ code, field }) => ({ code, field }))).toEqual([{ code: 'principal_name', field: 'principal.name' }]);
  });

  it('accepts an agent who names the rights holder', () => {
    const notice = noticeOf(type, (n) => {
      n.notifier!.kind = 'agent';
      n.principal = { name: 'Rights Holder Ltd' };
    });
    expect(checkCompleteness(notice).complete).toBe(true);
  });

  it('writes messages for the public, without field paths', () => {
    const { missing } = checkCompleteness({ type, notifier: { kind: 'agent' }, items: [{}] });
    expect(missing.length).toBeGreaterThan(0);
    for (const element of missing) {
      expect(element.message).toMatch(/^[A-Z].*\.$/);
      expect(element.message).not.toMatch(/\w+\.\w+|\[\d+\]/);
    }
  });
});

describe('lists missing elements in the order of the legal list', () => {
  it.each([
    [
      'copyright' as const,
      [
        'signature',
        'work_description',
        'item_urls',
        'contact_address',
        'contact_phone',
        'contact_email',
        'statement_good_faith',
        'statement_accuracy',
        'statement_authority',
        'principal_name',
      ],
    ],
    [
      'trademark' as const,
      [
        'trademark_mark',
        'trademark_registration_office',
        'trademark_registration_number',
        'trademark_owner',
        'item_urls',
        'explanation',
        'notifier_name',
        'contact_email',
        'contact_address',
        'contact_phone',
        'statement_good_faith',
        'statement_accuracy',
        'signature',
        'principal_name',
      ],
    ],
    [
      'defamation' as const,
      ['notifier_name', 'contact_email', 'item_urls', 'defamation_statement', 'defamatory_meaning', 'inaccurate_parts', 'lacks_poster_info', 'consent_to_share', 'principal_name'],
    ],
    ['privacy' as const, ['subject_name', 'item_urls', 'jurisdiction', 'identity_confirmed', 'principal_name']],
    ['other' as const, ['explanation', 'item_urls', 'notifier_name', 'contact_email', 'statement_accuracy', 'principal_name']],
  ])('%s', (type, codes) => {
    expect(codesOf({ type, notifier: { kind: 'agent' } })).toEqual(codes);
  });
});

describe('DMCA state', () => {
  const stateOf = (change?: (notice: NoticeDraft) => void) => checkCompleteness(noticeOf('copyright', change)).dmcaState;

  it('is valid when all six elements are there', () => {
    expect(stateOf()).toBe('valid');
  });

  it('is curable when only the signature is missing', () => {
    expect(stateOf((n) => delete n.signature)).toBe('curable');
  });

  it('is curable when the statements are missing', () => {
    expect(stateOf((n) => (n.statements = null))).toBe('curable');
  });

  it('is curable when only the phone is missing, and still names the phone', () => {
    const notice = noticeOf('copyright', (n) => delete n.notifier!.phone);
    const result = checkCompleteness(notice);
    expect(result.dmcaState).toBe('curable');
    expect(result.missing.map((element) => element.code)).toEqual(['contact_phone']);
  });

  it('is curable with e-mail as the only means of contact', () => {
    expect(
      stateOf((n) => {
        delete n.notifier!.address;
        delete n.notifier!.phone;
      }),
    ).toBe('curable');
  });

  it('is curable when an agent does not name the rights holder', () => {
    expect(stateOf((n) => (n.notifier!.kind = 'agent'))).toBe('curable');
  });

  it('is ineffective when the work is missing', () => {
    expect(stateOf((n) => (n.work = { description: '  ' }))).toBe('ineffective');
  });

  it('is ineffective when no item is given', () => {
    expect(stateOf((n) => (n.items = []))).toBe('ineffective');
  });

  it('is ineffective when items have no URL', () => {
    expect(stateOf((n) => (n.items = [{ passage: 'the photo at the top' }]))).toBe('ineffective');
  });

  it('is ineffective with no contact at all, and names address, phone and e-mail', () => {
    const notice = noticeOf('copyright', (n) => (n.notifier = { name: 'Ada Lens' }));
    const result = checkCompleteness(notice);
    expect(result.dmcaState).toBe('ineffective');
    expect(result.missing.map((element) => element.code)).toEqual(['contact_address', 'contact_phone', 'contact_email']);
  });

  it.each(NOTICE_TYPES.filter((type) => type !== 'copyright'))('is null for %s notices', (type) => {
    expect(checkCompleteness(noticeOf(type)).dmcaState).toBeNull();
    expect(checkCompleteness({ type }).dmcaState).toBeNull();
  });
});

describe('what counts as present', () => {
  it.each<[string, NoticeType, (notice: NoticeDraft) => void, string]>([
    ['signature', 'copyright', (n) => (n.signature = '   '), 'signature'],
    ['work description', 'copyright', (n) => (n.work!.description = '\n\t'), 'work_description'],
    ['item URL', 'copyright', (n) => (n.items![0].url = ' '), 'item_urls'],
    ['phone', 'copyright', (n) => (n.notifier!.phone = '  '), 'contact_phone'],
    ['mark', 'trademark', (n) => (n.details!.mark = ' '), 'trademark_mark'],
    ['statement passage', 'defamation', (n) => (n.items![0].passage = '\u00a0 '), 'defamation_statement'],
    ['jurisdiction', 'privacy', (n) => (n.jurisdiction = ''), 'jurisdiction'],
    [
      'principal name',
      'other',
      (n) => {
        n.notifier!.kind = 'agent';
        n.principal = { name: '  ' };
      },
      'principal_name',
    ],
  ])('a whitespace-only %s is missing', (_description, type, change, code) => {
    expect(codesOf(noticeOf(type, change))).toEqual([code]);
  });

  it.each([
    ['goodFaith', 'statement_good_faith'],
    ['accuracy', 'statement_accuracy'],
    ['authority', 'statement_authority'],
  ] as const)('a %s statement that is false is missing', (statement, code) => {
    expect(codesOf(noticeOf('copyright', (n) => (n.statements![statement] = false)))).toEqual([code]);
  });

  it('a statement counts only when it is exactly true', () => {
    const notice = noticeOf('other', (n) => (n.statements = { accuracy: 'yes' as unknown as boolean }));
    expect(codesOf(notice)).toEqual(['statement_accuracy']);
  });

  it('a non-text value for a detail is missing', () => {
    expect(codesOf(noticeOf('trademark', (n) => (n.details!.registrationNumber = 18000000)))).toEqual(['trademark_registration_number']);
  });

  it('a notice with no details at all still reports each detail', () => {
    expect(codesOf(noticeOf('trademark', (n) => (n.details = null)))).toEqual([
      'trademark_mark',
      'trademark_registration_office',
      'trademark_registration_number',
      'trademark_owner',
    ]);
  });
});

describe('defamation specifics', () => {
  it('is complete when the complainant refuses consent to share', () => {
    const result = checkCompleteness(noticeOf('defamation', (n) => (n.details!.consentToShare = false)));
    expect(result).toEqual({ complete: true, missing: [], dmcaState: null });
  });

  it.each([null, 'yes'])('treats a consent answer of %p as missing', (answer) => {
    expect(codesOf(noticeOf('defamation', (n) => (n.details!.consentToShare = answer)))).toEqual(['consent_to_share']);
  });

  it('accepts the statement in details instead of a passage', () => {
    const notice = noticeOf('defamation', (n) => {
      delete n.items![0].passage;
      n.details!.statement = 'Cy Claimant stole from the charity.';
    });
    expect(checkCompleteness(notice).complete).toBe(true);
  });

  it('accepts a passage on any item', () => {
    const notice = noticeOf('defamation', (n) => {
      n.items = [{ url: 'https://news.example/a' }, { url: 'https://news.example/b', passage: 'The words.' }];
    });
    expect(checkCompleteness(notice).complete).toBe(true);
  });

  it('treats lacksPosterInfo false as missing', () => {
    expect(codesOf(noticeOf('defamation', (n) => (n.details!.lacksPosterInfo = false)))).toEqual(['lacks_poster_info']);
  });
});

describe('privacy specifics', () => {
  const threeItems = (reasons: Array<string | null | undefined>) => (n: NoticeDraft) => {
    n.items = reasons.map((reason, index) => ({ url: `https://news.example/page-${index + 1}`, reason }));
  };

  it('names the item that lacks a reason: item 2 of 3 is items[1].reason', () => {
    const { missing } = checkCompleteness(noticeOf('privacy', threeItems(['outdated', undefined, 'sensitive'])));
    expect(missing).toEqual([{ code: 'privacy_reason', field: 'items[1].reason', message: expect.stringContaining('link 2') }]);
  });

  it('names every item without a reason, in item order', () => {
    const { missing } = checkCompleteness(noticeOf('privacy', threeItems([null, 'irrelevant', ' '])));
    expect(missing.map((element) => element.field)).toEqual(['items[0].reason', 'items[2].reason']);
  });

  it('treats a reason outside the allowed list as missing', () => {
    const { missing } = checkCompleteness(noticeOf('privacy', threeItems(['outdated', 'embarrassing', 'inaccurate'])));
    expect(missing.map(({ code, field }) => ({ code, field }))).toEqual([{ code: 'privacy_reason', field: 'items[1].reason' }]);
  });

  it.each(['outdated', 'irrelevant', 'inaccurate', 'sensitive'])('accepts the reason %s', (reason) => {
    expect(checkCompleteness(noticeOf('privacy', (n) => (n.items![0].reason = reason))).complete).toBe(true);
  });

  it("uses an individual notifier's own name as the person's name", () => {
    const notice = noticeOf('privacy', (n) => delete n.details!.subjectName);
    expect(checkCompleteness(notice).complete).toBe(true);
  });

  it("does not take an agent's own name as the person's name", () => {
    const notice = noticeOf('privacy', (n) => {
      delete n.details!.subjectName;
      n.notifier!.kind = 'agent';
      n.principal = { name: 'Dee Private' };
    });
    expect(codesOf(notice)).toEqual(['subject_name']);
  });

  it('treats identityConfirmed other than true as missing', () => {
    expect(codesOf(noticeOf('privacy', (n) => (n.details!.identityConfirmed = 'true')))).toEqual(['identity_confirmed']);
  });
});

describe('other (DSA) specifics', () => {
  it('needs at least 20 non-space characters of explanation', () => {
    // Spaces do not count towards the minimum: 19 letters are too short however padded.
    expect(codesOf(noticeOf('other', (n) => (n.explanation = ' abcdefghij   klmnopqrs \n')))).toEqual(['explanation']);
    expect(codesOf(noticeOf('other', (n) => (n.explanation = 'abcdefghij klmnopqrst')))).toEqual([]);
  });
});

describe('requiredStatements', () => {
  it.each<[NoticeType, string[]]>([
    ['copyright', ['goodFaith', 'accuracy', 'authority']],
    ['trademark', ['goodFaith', 'accuracy']],
    ['defamation', []],
    ['privacy', []],
    ['other', ['accuracy']],
  ])('%s needs %j', (type, statements) => {
    expect(requiredStatements(type)).toEqual(statements);
  });
});
