import { actionTaken, buildLumenNotice, LumenSource, redactContact } from './lumen-notice';

const SOURCE: LumenSource = {
  reference: 'TD-2026-000007',
  status: 'actioned',
  type: 'copyright',
  notifier: {
    name: 'Jane Doe',
    email: 'jane.doe@example.org',
    organization: null,
    kind: 'rights_holder',
    address: '1 High Street, London',
    phone: '+44 20 7946 0000',
    country: 'GB',
  },
  principalName: null,
  workDescription: 'My photograph "Istanbul talks".',
  workOriginalUrls: ['https://doe.example.org/istanbul'],
  explanation: 'The article copies my photo. Write to jane.doe@example.org, call +44 20 7946 0000, or 1 High Street, London.',
  jurisdiction: 'GB',
  language: 'en',
  details: {},
  receivedAt: new Date('2026-03-01T09:00:00Z'),
  items: [
    { url: 'https://freelanews.com/a/', state: 'removed' },
    { url: 'https://elsewhere.example/a', state: 'out_of_scope' },
  ],
  publisherName: 'Freelanews',
};

describe('Lumen notice', () => {
  it('maps a closed copyright notice onto the Lumen fields', () => {
    const notice = buildLumenNotice(SOURCE);
    expect(notice).toMatchObject({
      type: 'DMCA',
      title: 'Copyright (DMCA) notice to Freelanews (TD-2026-000007)',
      date_sent: '2026-03-01',
      date_received: '2026-03-01',
      jurisdiction_list: 'GB',
      case_id_number: 'TD-2026-000007',
      action_taken: 'Yes',
      works_attributes: [
        {
          description: 'My photograph "Istanbul talks".',
          infringing_urls_attributes: [{ url: 'https://freelanews.com/a/' }, { url: 'https://elsewhere.example/a' }],
          copyrighted_urls_attributes: [{ url: 'https://doe.example.org/istanbul' }],
        },
      ],
    });
    expect(notice.entity_notice_roles_attributes).toEqual([
      { name: 'sender', entity_attributes: { name: 'Jane Doe', kind: 'individual', country_code: 'GB' } },
      { name: 'recipient', entity_attributes: { name: 'Freelanews', kind: 'organization' } },
    ]);
  });

  it('redacts the notifier’s contact details everywhere, keeping the name', () => {
    const text = JSON.stringify(buildLumenNotice(SOURCE));
    expect(text).not.toContain('jane.doe@example.org');
    expect(text).not.toContain('7946');
    expect(text).not.toContain('High Street');
    expect(text).toContain('[REDACTED]');
    expect(text).toContain('Jane Doe');
    expect(redactContact('Call 020 7946 0000 today', SOURCE.notifier)).toBe('Call [REDACTED] today');
  });

  it('maps the other types, an organisation as sender and a principal', () => {
    const types = (['trademark', 'defamation', 'privacy', 'other'] as const).map((type) => buildLumenNotice({ ...SOURCE, type }).type);
    expect(types).toEqual(['Trademark', 'Defamation', 'DataProtection', 'Other']);
    const trademark = buildLumenNotice({
      ...SOURCE,
      type: 'trademark',
      workDescription: null,
      details: { mark: 'DOEPHOTO', registrationNumber: 'UK00003123456' },
      notifier: { ...SOURCE.notifier, organization: 'Doe Photography Ltd' },
      principalName: 'Doe Holdings',
    });
    expect(trademark.mark_registration_number).toBe('UK00003123456');
    expect(trademark.works_attributes[0].description).toBe('DOEPHOTO');
    expect(trademark.entity_notice_roles_attributes.map((role) => [role.name, role.entity_attributes.name, role.entity_attributes.kind])).toEqual([
      ['sender', 'Doe Photography Ltd', 'organization'],
      ['principal', 'Doe Holdings', 'organization'],
      ['recipient', 'Freelanews', 'organization'],
    ]);
  });

  it('says Yes, Partial or No for the action taken', () => {
    expect(actionTaken([{ state: 'removed' }, { state: 'no_action' }])).toBe('Partial');
    expect(actionTaken([{ state: 'no_action' }])).toBe('No');
    expect(actionTaken([{ state: 'pending' }])).toBe('No');
    expect(actionTaken([{ state: 'redacted' }, { state: 'out_of_scope' }])).toBe('Yes');
  });
});
