import { lumenField, mapLumenNotice } from './lumen-in';

const NOW = new Date('2026-12-04T08:00:00Z');

function lumenNotice(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'DMCA',
    title: 'DMCA notice to Freela News',
    body: 'The article reproduces our photograph without a licence.',
    date_sent: '2026-12-01',
    language: 'en',
    jurisdiction_list: 'GB',
    works_attributes: [
      {
        description: 'Photograph "Istanbul talks"',
        kind: 'photograph',
        infringing_urls_attributes: [{ url: 'https://freelanews.com/a/' }, { url: 'https://freelanews.com/b/' }],
        copyrighted_urls_attributes: [{ url: 'https://agency.example/istanbul' }],
      },
    ],
    entity_notice_roles_attributes: [
      { name: 'recipient', entity_attributes: { name: 'Freela News', kind: 'organization' } },
      {
        name: 'agent',
        entity_attributes: {
          name: 'Lens & Co',
          kind: 'organization',
          email: 'rights@lens.example',
          address_line_1: '2 Harbour St',
          city: 'Leith',
          zip: 'EH6',
          country_code: 'gb',
          phone: '+44 131 496 0000',
        },
      },
      { name: 'principal', entity_attributes: { name: 'Doe Photography Ltd', kind: 'organization' } },
    ],
    ...overrides,
  };
}

describe('mapLumenNotice', () => {
  it('maps works, roles and fields to a desk notice', () => {
    const result = mapLumenNotice({ ...lumenNotice() }, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.mapping.notice).toEqual({
      type: 'copyright',
      items: [{ url: 'https://freelanews.com/a/' }, { url: 'https://freelanews.com/b/' }],
      work: { description: 'Photograph "Istanbul talks"', originalUrls: ['https://agency.example/istanbul'] },
      notifier: {
        name: 'Lens & Co',
        kind: 'agent',
        organization: 'Lens & Co',
        email: 'rights@lens.example',
        address: '2 Harbour St, Leith, EH6',
        phone: '+44 131 496 0000',
        country: 'GB',
      },
      principal: { name: 'Doe Photography Ltd' },
      explanation: 'The article reproduces our photograph without a licence.',
      language: 'en',
      jurisdiction: 'GB',
    });
  });

  it.each([
    ['DMCA', 'copyright'],
    ['Trademark', 'trademark'],
    ['Defamation', 'defamation'],
    ['DataProtection', 'privacy'],
    ['PrivateInformation', 'privacy'],
    ['CourtOrder', 'other'],
    ['LawEnforcementRequest', 'other'],
    ['GovernmentRequest', 'other'],
    ['Counterfeit', 'other'],
    ['LocalLaw', 'other'],
    ['Other', 'other'],
  ])('maps the type %s to %s', (lumen, ours) => {
    const result = mapLumenNotice(lumenNotice({ type: lumen, mark_registration_number: undefined }), NOW);
    expect(result.ok && result.mapping.notice.type).toBe(ours);
  });

  it('reads the public records’ renamed URL lists and plain URL strings', () => {
    const result = mapLumenNotice(lumenNotice({ type: 'Defamation', works_attributes: undefined, works: [{ defamatory_urls: ['https://freelanews.com/c/'] }] }), NOW);
    expect(result.ok && result.mapping.notice.items).toEqual([{ url: 'https://freelanews.com/c/' }]);
  });

  it('makes a trademark notice’s work its mark, with the registration number', () => {
    const result = mapLumenNotice(lumenNotice({ type: 'Trademark', mark_registration_number: 'UK00003123456' }), NOW);
    expect(result.ok && result.mapping.notice.details).toEqual({ mark: 'Photograph "Istanbul talks"', registrationNumber: 'UK00003123456' });
  });

  it('files a sender with no principal as the rights holder', () => {
    const roles = [{ name: 'sender', entity_attributes: { name: 'Jane Doe', kind: 'individual', email: 'jane@example.org' } }];
    const result = mapLumenNotice(lumenNotice({ entity_notice_roles_attributes: roles }), NOW);
    expect(result.ok && result.mapping.notice.notifier).toEqual({ name: 'Jane Doe', kind: 'rights_holder', email: 'jane@example.org' });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a counter-notice', { type: 'Counternotice' }, 'notice.type'],
    ['an unknown type', { type: 'Spam' }, 'notice.type'],
    ['no type', { type: undefined }, 'notice.type'],
    ['a counter-notice reference', { counternotice_for_id: 12 }, 'notice.counternotice_for_id'],
    ['an unknown field', { flavour: 'x' }, 'notice.flavour'],
    ['no works', { works_attributes: [] }, 'notice.works_attributes'],
    ['a work without infringing URLs', { works_attributes: [{ description: 'x' }] }, 'notice.works_attributes[0].infringing_urls_attributes'],
    ['an unknown work field', { works_attributes: [{ infringing_urls_attributes: [{ url: 'https://freelanews.com/a/' }], colour: 'red' }] }, 'notice.works_attributes[0].colour'],
    [
      'a role that has no place here',
      { entity_notice_roles_attributes: [{ name: 'issuing_court', entity_attributes: { name: 'High Court' } }] },
      'notice.entity_notice_roles_attributes[0].name',
    ],
    ['two jurisdictions', { jurisdiction_list: 'US, GB' }, 'notice.jurisdiction_list'],
    ['a date before the DMCA', { date_sent: '1990-01-01' }, 'notice.date_sent'],
    ['a date after tomorrow', { date_received: '2027-01-01' }, 'notice.date_received'],
    ['a registration number on a copyright notice', { mark_registration_number: 'X1' }, 'notice.mark_registration_number'],
  ])('refuses %s by its Lumen field', (_, overrides, field) => {
    const result = mapLumenNotice(lumenNotice(overrides), NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((error) => error.field)).toContain(field);
  });

  it('refuses something that is not an object', () => {
    expect(mapLumenNotice(['DMCA'], NOW)).toEqual({ ok: false, errors: [{ field: 'notice', message: expect.any(String) }] });
  });
});

describe('lumenField', () => {
  const result = mapLumenNotice(lumenNotice(), NOW);
  const paths = result.ok ? result.mapping.paths : {};

  it.each([
    ['items[1].url', 'notice.works_attributes[0].infringing_urls_attributes[1].url'],
    ['work.originalUrls[0]', 'notice.works_attributes[0].copyrighted_urls_attributes[0].url'],
    ['notifier.email', 'notice.entity_notice_roles_attributes[1].entity_attributes.email'],
    ['notifier.kind', 'notice.entity_notice_roles_attributes[1].entity_attributes.kind'],
    ['principal.name', 'notice.entity_notice_roles_attributes[2].entity_attributes.name'],
    ['explanation', 'notice.body'],
    ['signature', 'signature'],
  ])('names %s as %s', (field, lumen) => {
    expect(lumenField(field, paths)).toBe(lumen);
  });
});
