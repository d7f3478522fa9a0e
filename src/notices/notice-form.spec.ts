import { validateAs } from '../common/validation';
import { NOTICE_TYPES, type NoticeType } from './completeness';
import { FileNoticeDto, MAX_ITEMS } from './dto/file-notice.dto';
import { formValuesToNotice, noticeToFormValues, readNoticeForm, readSupplementForm, readWithdrawForm, supplementErrors, toFormErrors } from './notice-form';
import { noticeFormFields, noticeFormSections, supplementFields } from './notice-form-fields';
import { DETAIL_STATEMENT_TEXTS, statementsFor } from './notice-types';

const ARTICLE = 'https://freelanews.com/2025/06/02/russia-ukraine-resume-peace-talks-in-istanbul-amid-escalating-air-attacks/';

describe('the notice form catalogue', () => {
  it.each(NOTICE_TYPES.map((type) => [type]))('%s: asks for each sworn statement with its exact text', (type) => {
    const fields = noticeFormFields(type);
    for (const { key, text } of statementsFor(type)) {
      expect(fields).toContainEqual({ name: `statements.${key}`, kind: 'checkbox', label: text });
    }
    expect(fields.filter((field) => field.name.startsWith('statements.'))).toHaveLength(statementsFor(type).length);
    expect(fields.map((field) => field.name)).toEqual(expect.arrayContaining(['notifier.name', 'notifier.email', 'signature', 'items[0].url', 'items[2].passage', 'moreUrls']));
  });

  it('adds the sections of each type, with the exact texts of the detail statements', () => {
    const names = (type: NoticeType) => noticeFormFields(type).map((field) => field.name);
    expect(names('copyright')).toEqual(expect.arrayContaining(['work.description', 'work.originalUrls']));
    expect(names('trademark')).toEqual(expect.arrayContaining(['details.mark', 'details.registrationOffice', 'details.registrationNumber', 'details.markOwner']));
    expect(names('privacy')).toEqual(expect.arrayContaining(['details.subjectName', 'items[0].reason', 'items[2].reason']));
    expect(names('other')).not.toContain('work.description');
    expect(names('copyright')).not.toContain('items[0].reason');
    const defamation = noticeFormFields('defamation');
    expect(defamation).toContainEqual(expect.objectContaining({ name: 'details.lacksPosterInfo', kind: 'checkbox', label: DETAIL_STATEMENT_TEXTS.lacksPosterInfo }));
    expect(defamation).toContainEqual(expect.objectContaining({ name: 'details.consentToShare', kind: 'yesno', label: DETAIL_STATEMENT_TEXTS.consentToShare }));
    expect(noticeFormFields('privacy')).toContainEqual(
      expect.objectContaining({ name: 'details.identityConfirmed', kind: 'checkbox', label: DETAIL_STATEMENT_TEXTS.identityConfirmed }),
    );
  });

  it('marks as optional only the text fields a complete notice of the type can do without', () => {
    const optional = (type: NoticeType) =>
      noticeFormFields(type)
        .filter((field) => field.optional)
        .map((field) => field.name);
    expect(optional('copyright')).toEqual(expect.arrayContaining(['notifier.organization', 'work.originalUrls', 'explanation']));
    expect(optional('copyright')).not.toContain('notifier.phone');
    expect(optional('copyright')).not.toContain('signature');
    expect(optional('other')).not.toContain('explanation');
    expect(optional('defamation')).toContain('signature');
    expect(optional('defamation')).not.toContain('notifier.name');
  });

  it('orders the sections as the form shows them', () => {
    expect(noticeFormSections('copyright').map((section) => section.id)).toEqual(['about-you', 'work', 'content', 'explanation', 'declaration']);
    expect(noticeFormSections('defamation').find((section) => section.id === 'declaration')!.title).toBe('Signature');
  });
});

describe('reading the filing form', () => {
  const base = { type: 'copyright', formToken: 'tok', 'notifier.name': 'Jane Doe', 'items[0].url': ARTICLE };

  it('maps flat names to the nested DTO, trims text and leaves empty inputs out', () => {
    const form = readNoticeForm({
      ...base,
      'notifier.email': '  jane@example.org ',
      'notifier.organization': '   ',
      'principal.name': '',
      'notifier.country': 'gb',
      jurisdiction: 'de',
      language: 'en',
    });
    expect(form.type).toBe('copyright');
    expect(form.formToken).toBe('tok');
    expect(form.notice).toEqual({
      type: 'copyright',
      notifier: { name: 'Jane Doe', email: 'jane@example.org', country: 'GB' },
      items: [{ url: ARTICLE }],
      statements: { goodFaith: false, accuracy: false, authority: false },
      jurisdiction: 'DE',
      language: 'en',
    });
    // What was typed is kept as typed, for a re-render.
    expect(form.values['notifier.email']).toBe('  jane@example.org ');
    expect(form.values).not.toHaveProperty('notifier.organization');
  });

  it('turns ticked boxes into true and unticked ones into false', () => {
    const { notice } = readNoticeForm({ ...base, 'statements.goodFaith': 'true', 'statements.authority': 'on' });
    expect(notice.statements).toEqual({ goodFaith: true, accuracy: false, authority: true });
  });

  it('reads only the fields of the posted type', () => {
    const { notice } = readNoticeForm({ ...base, 'details.mark': 'ACME', 'statements.goodFaith': 'true', 'items[0].reason': 'outdated' });
    expect(notice).not.toHaveProperty('details');
    expect(notice.items).toEqual([{ url: ARTICLE }]);
  });

  it('knows no fields of an unknown type', () => {
    expect(readNoticeForm({ type: 'patent', 'notifier.name': 'x' })).toMatchObject({ type: null, values: {}, notice: {} });
  });

  it('takes the first value of a repeated name', () => {
    expect(readNoticeForm({ ...base, 'notifier.name': ['First', 'Second'] }).values['notifier.name']).toBe('First');
  });

  it('spots a filled honeypot', () => {
    expect(readNoticeForm(base).honeypotFilled).toBe(false);
    expect(readNoticeForm({ ...base, website: ' ' }).honeypotFilled).toBe(false);
    expect(readNoticeForm({ ...base, website: 'http://spam.example' }).honeypotFilled).toBe(true);
  });

  it('skips item rows with neither URL nor passage and remembers where each item came from', () => {
    const { notice, itemSources } = formValuesToNotice('copyright', {
      'items[0].url': '',
      'items[1].url': ` ${ARTICLE} `,
      'items[1].passage': 'the passage',
      'items[2].passage': 'a passage without its URL',
    });
    expect(notice.items).toEqual([{ url: ARTICLE, passage: 'the passage' }, { passage: 'a passage without its URL' }]);
    expect(itemSources).toEqual([{ row: 1 }, { row: 2 }]);
  });

  it('appends the lines of moreUrls, skipping blank lines but counting them', () => {
    const { notice, itemSources } = formValuesToNotice('other', { 'items[0].url': ARTICLE, moreUrls: 'https://a.example/1\r\n\r\n  https://a.example/2  \n' });
    expect(notice.items).toEqual([{ url: ARTICLE }, { url: 'https://a.example/1' }, { url: 'https://a.example/2' }]);
    expect(itemSources).toEqual([{ row: 0 }, { line: 1 }, { line: 3 }]);
  });

  it('stops reading URLs one past the limit, so the limit is reported without reading a huge list', () => {
    const moreUrls = Array.from({ length: MAX_ITEMS + 50 }, (_, i) => `https://a.example/${i}`).join('\n');
    expect((formValuesToNotice('other', { moreUrls }).notice.items as unknown[]).length).toBe(MAX_ITEMS + 1);
  });

  it('leaves the list out when no URL was given, so the DTO reports it', () => {
    expect(formValuesToNotice('other', { 'items[0].passage': '' }).notice).not.toHaveProperty('items');
  });

  it('reads privacy reasons per row', () => {
    const { notice } = formValuesToNotice('privacy', { 'items[0].url': ARTICLE, 'items[0].reason': 'outdated', 'items[1].url': ARTICLE, 'items[1].reason': '' });
    expect(notice.items).toEqual([{ url: ARTICLE, reason: 'outdated' }, { url: ARTICLE }]);
  });

  it('reads the type-specific details: trademark registration, defamation answers, privacy confirmation', () => {
    expect(formValuesToNotice('trademark', { 'details.mark': 'ACME', 'details.registrationNumber': ' 123 ' }).notice.details).toEqual({ mark: 'ACME', registrationNumber: '123' });
    expect(formValuesToNotice('defamation', { 'details.lacksPosterInfo': 'true', 'details.consentToShare': 'no', 'details.inaccurateParts': 'All of it' }).notice.details).toEqual({
      inaccurateParts: 'All of it',
      lacksPosterInfo: true,
      consentToShare: false,
    });
    expect(formValuesToNotice('defamation', { 'details.consentToShare': 'yes' }).notice.details).toEqual({ lacksPosterInfo: false, consentToShare: true });
    // No answer is not an answer.
    expect(formValuesToNotice('defamation', { 'details.consentToShare': 'maybe' }).notice.details).toEqual({ lacksPosterInfo: false });
    expect(formValuesToNotice('privacy', { 'details.subjectName': 'J. Doe', 'details.identityConfirmed': 'true' }).notice.details).toEqual({
      subjectName: 'J. Doe',
      identityConfirmed: true,
    });
  });

  it('reads the original URLs of a copyright work one per line', () => {
    expect(formValuesToNotice('copyright', { 'work.originalUrls': 'https://a.example\n\nhttps://b.example' }).notice.work).toEqual({
      originalUrls: ['https://a.example', 'https://b.example'],
    });
  });
});

describe('filling the form from a notice', () => {
  const notice = {
    type: 'defamation' as const,
    notifier: { name: 'Jane', email: 'j@example.org', kind: 'individual' },
    items: [1, 2, 3, 4, 5].map((n) => ({ url: `https://freelanews.com/a/${n}`, passage: n === 1 ? 'the words' : undefined })),
    details: { defamatoryMeaning: 'It says I lied.', lacksPosterInfo: true, consentToShare: false },
    signature: 'Jane',
  };

  it('writes every field as the form names it, spilling items past the rows into moreUrls', () => {
    expect(noticeToFormValues(notice)).toEqual({
      type: 'defamation',
      'notifier.name': 'Jane',
      'notifier.email': 'j@example.org',
      'notifier.kind': 'individual',
      'details.defamatoryMeaning': 'It says I lied.',
      'details.lacksPosterInfo': 'true',
      'details.consentToShare': 'no',
      signature: 'Jane',
      'items[0].url': 'https://freelanews.com/a/1',
      'items[0].passage': 'the words',
      'items[1].url': 'https://freelanews.com/a/2',
      'items[2].url': 'https://freelanews.com/a/3',
      moreUrls: 'https://freelanews.com/a/4\nhttps://freelanews.com/a/5',
    });
  });

  it.each(NOTICE_TYPES.map((type) => [type]))('%s: a complete notice survives the round trip through the form and validates', async (type) => {
    const complete = completeNoticeOf(type);
    const { notice } = formValuesToNotice(type, noticeToFormValues(complete));
    const { value, errors } = await validateAs(FileNoticeDto, notice);
    expect(errors).toEqual([]);
    expect(JSON.parse(JSON.stringify(value))).toMatchObject(JSON.parse(JSON.stringify(complete)));
  });
});

describe('errors named after the form inputs', () => {
  it('puts item errors on the row they came from, and moreUrls errors on the textarea with their lines', () => {
    const errors = toFormErrors(
      [
        { field: 'notifier.email', message: 'Bad e-mail.' },
        { field: 'items[0].url', message: 'Give the web address.' },
        { field: 'items[1].url', message: 'Not a URL.' },
        { field: 'items[2].url', message: 'Not a URL.' },
        { field: 'items[3].passage', message: 'Too long.' },
      ],
      [{ row: 2 }, { line: 1 }, { line: 4 }, { line: 7 }],
    );
    expect(errors).toEqual([
      { field: 'notifier.email', message: 'Bad e-mail.' },
      { field: 'items[2].url', message: 'Give the web address.' },
      { field: 'moreUrls', message: 'Lines 1 and 4: Not a URL.' },
      { field: 'moreUrls', message: 'Line 7: Too long.' },
    ]);
  });

  it('names at most ten lines', () => {
    const sources = Array.from({ length: 30 }, (_, i) => ({ line: i + 1 }));
    const errors = toFormErrors(
      sources.map((_, i) => ({ field: `items[${i}].url`, message: 'Not a URL.' })),
      sources,
    );
    expect(errors).toEqual([{ field: 'moreUrls', message: 'Lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 20 more: Not a URL.' }]);
  });

  it('puts an error about the whole list where the URLs were typed', () => {
    expect(toFormErrors([{ field: 'items', message: 'List them.' }], [])).toEqual([{ field: 'items[0].url', message: 'List them.' }]);
    expect(toFormErrors([{ field: 'items', message: 'Too many.' }], [{ row: 0 }, { line: 1 }])).toEqual([{ field: 'moreUrls', message: 'Too many.' }]);
  });

  it('maps the validator errors of a real form post', async () => {
    const form = readNoticeForm({ type: 'copyright', 'notifier.email': 'nope', 'items[1].url': 'not a url', moreUrls: '\nftp://x.example' });
    const { errors } = await validateAs(FileNoticeDto, form.notice);
    expect(toFormErrors(errors, form.itemSources).map((error) => error.field)).toEqual(['notifier.email', 'items[1].url', 'moreUrls']);
    expect(toFormErrors(errors, form.itemSources)[2].message).toMatch(/^Line 2: Must be a web address/);
  });
});

describe('the supplement form', () => {
  const items = [
    { index: 0, url: ARTICLE },
    { index: 1, url: 'https://freelanews.com/other' },
  ];

  it('asks only for what is missing, with the same fields and exact texts as the filing form', () => {
    const fields = supplementFields(
      'privacy',
      [
        { code: 'privacy_reason', field: 'items[1].reason', message: 'Why link 2…' },
        { code: 'identity_confirmed', field: 'details.identityConfirmed', message: 'Confirm…' },
        { code: 'jurisdiction', field: 'jurisdiction', message: 'The country…' },
      ],
      items,
    );
    expect(fields.map((field) => [field.name, field.kind])).toEqual([
      ['items[1].reason', 'select'],
      ['details.identityConfirmed', 'checkbox'],
      ['jurisdiction', 'text'],
    ]);
    expect(fields[0]).toMatchObject({ label: 'Why link 2 should be removed', hint: 'https://freelanews.com/other' });
    expect(fields[1].label).toBe(DETAIL_STATEMENT_TEXTS.identityConfirmed);
  });

  it('asks for URLs in a textarea when the notice has none, and for statements as checkboxes', () => {
    const fields = supplementFields(
      'copyright',
      [
        { code: 'item_urls', field: 'items', message: 'Where…' },
        { code: 'statement_authority', field: 'statements.authority', message: 'A statement…' },
        { code: 'signature', field: 'signature', message: 'Your signature…' },
      ],
      [],
    );
    expect(fields.map((field) => field.name)).toEqual(['moreUrls', 'statements.authority', 'signature']);
    expect(fields[1].label).toBe(statementsFor('copyright').find((s) => s.key === 'authority')!.text);
  });

  it('maps the post to the supplement DTO: reasons by item, URLs by line, unticked boxes left out', () => {
    const fields = supplementFields(
      'privacy',
      [
        { code: 'privacy_reason', field: 'items[1].reason', message: '' },
        { code: 'identity_confirmed', field: 'details.identityConfirmed', message: '' },
        { code: 'item_urls', field: 'items', message: '' },
        { code: 'contact_phone', field: 'notifier.phone', message: '' },
      ],
      items,
    );
    const form = readSupplementForm({ 'items[1].reason': 'sensitive', moreUrls: `\n${ARTICLE}`, 'notifier.phone': ' +44 1 ', signature: 'not asked' }, fields);
    expect(form.supplement).toEqual({ itemReasons: [{ index: 1, reason: 'sensitive' }], items: [{ url: ARTICLE }], notifier: { phone: '+44 1' } });
    expect(form.itemSources).toEqual([{ line: 2 }]);
    expect(form.reasonIndexes).toEqual([1]);
    expect(form.empty).toBe(false);
    expect(readSupplementForm({ 'details.identityConfirmed': 'true' }, fields).supplement).toEqual({ details: { identityConfirmed: true } });
  });

  it('reports an empty supplement, and maps reason errors back to their item', () => {
    const fields = supplementFields('privacy', [{ code: 'privacy_reason', field: 'items[3].reason', message: '' }], []);
    const empty = readSupplementForm({ 'items[3].reason': '' }, fields);
    expect(supplementErrors(empty, [])).toEqual([{ field: '', message: 'Fill in at least one of the fields below before you send the form.' }]);
    const filled = readSupplementForm({ 'items[3].reason': 'bogus' }, fields);
    expect(supplementErrors(filled, [{ field: 'itemReasons[0].reason', message: 'Must be one of…' }])).toEqual([{ field: 'items[3].reason', message: 'Must be one of…' }]);
  });
});

describe('the withdraw form', () => {
  it('needs the box ticked to confirm', () => {
    expect(readWithdrawForm({ reason: ' ' }).withdrawal).toEqual({ confirm: false });
    expect(readWithdrawForm({ confirm: 'true', reason: ' Settled. ' }).withdrawal).toEqual({ confirm: true, reason: 'Settled.' });
  });
});

// The factories of test/ describe complete notices of each type; this spec keeps its own
// minimal ones so that unit tests do not reach into test/.
function completeNoticeOf(type: NoticeType): { type: NoticeType } & Record<string, unknown> {
  const notifier = { name: 'Jane Doe', email: 'jane@example.org', kind: 'individual', address: '1 High Street', phone: '+44 20 7946 0000', country: 'GB' };
  const items = [{ url: ARTICLE, passage: 'the words', ...(type === 'privacy' ? { reason: 'outdated' } : {}) }];
  const statements = Object.fromEntries(statementsFor(type).map(({ key }) => [key, true]));
  const details: Record<NoticeType, Record<string, unknown> | undefined> = {
    copyright: undefined,
    trademark: { mark: 'ACME', registrationOffice: 'UKIPO', registrationNumber: 'UK1', markOwner: 'Acme Ltd' },
    defamation: { defamatoryMeaning: 'It says I lied.', inaccurateParts: 'All.', lacksPosterInfo: true, consentToShare: false },
    privacy: { subjectName: 'Jane Doe', identityConfirmed: true },
    other: undefined,
  };
  return {
    type,
    notifier,
    items,
    explanation: 'A long enough explanation of why this is unlawful.',
    jurisdiction: 'GB',
    language: 'en',
    signature: 'Jane Doe',
    ...(type === 'copyright' ? { work: { description: 'My photo', originalUrls: ['https://doe.example/photo'] } } : {}),
    ...(Object.keys(statements).length ? { statements } : {}),
    ...(details[type] ? { details: details[type] } : {}),
  };
}
