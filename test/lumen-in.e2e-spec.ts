import { bearer, countRows, createSender, createStaff, DEMO_ARTICLE_URL, expectProblem, NOTICES_PATH, postJson, SenderWithKey } from './factories';
import { startTestApp, TestApp } from './support/test-app';

const LUMEN = { 'content-type': 'application/vnd.lumen+json' };

// A Lumen submission as an anti-piracy vendor's tooling sends it.
function lumenNotice(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'DMCA',
    title: 'Copyright infringement notice',
    body: 'The article reproduces our client’s photograph without a licence.',
    date_sent: new Date().toISOString().slice(0, 10),
    language: 'en',
    jurisdiction_list: ['GB'],
    works_attributes: [
      {
        description: 'Photograph "Istanbul talks" by Jane Doe',
        infringing_urls_attributes: [{ url: DEMO_ARTICLE_URL }, { url: 'https://elsewhere.example/copy' }],
        copyrighted_urls_attributes: [{ url: 'https://doe.example.org/istanbul' }],
      },
    ],
    entity_notice_roles_attributes: [
      {
        name: 'agent',
        entity_attributes: {
          name: 'Lens & Co Rights Desk',
          kind: 'organization',
          email: 'rights@lens.example',
          address_line_1: '2 Harbour Street',
          city: 'Leith',
          country_code: 'GB',
          phone: '+44 131 496 0000',
        },
      },
      { name: 'principal', entity_attributes: { name: 'Doe Photography Ltd', kind: 'organization' } },
      { name: 'recipient', entity_attributes: { name: 'Freela News', kind: 'organization' } },
    ],
    ...overrides,
  };
}

describe('Lumen notices in, on POST /api/v1/notices', () => {
  let t: TestApp;
  let sender: SenderWithKey;

  beforeAll(async () => {
    t = await startTestApp();
    sender = await createSender(t.baseUrl, await createStaff(t, 'admin'));
  });
  afterAll(() => t.close());

  const stored = async (reference: string) =>
    (
      await t.db.pool.query(
        `SELECT n.type, n.notifier, n.principal_name, n.work_description, n.work_original_urls, n.explanation, n.jurisdiction, n.sender_key_id,
                array(SELECT url FROM notice_items i WHERE i.notice_id = n.id ORDER BY position) AS urls
         FROM cases c JOIN notices n ON n.id = c.notice_id WHERE c.reference = $1`,
        [reference],
      )
    ).rows[0];

  it('files a Lumen notice sent as application/vnd.lumen+json, mapped to the desk’s fields', async () => {
    const response = await postJson(t.baseUrl, NOTICES_PATH, { notice: lumenNotice() }, LUMEN);
    expect(response.status).toBe(201);
    const body = await response.json();
    const notice = await stored(body.reference);
    expect(notice).toMatchObject({
      type: 'copyright',
      notifier: { name: 'Lens & Co Rights Desk', email: 'rights@lens.example', organization: 'Lens & Co Rights Desk', kind: 'agent', country: 'GB', phone: '+44 131 496 0000' },
      principal_name: 'Doe Photography Ltd',
      work_description: 'Photograph "Istanbul talks" by Jane Doe',
      work_original_urls: ['https://doe.example.org/istanbul'],
      explanation: 'The article reproduces our client’s photograph without a licence.',
      jurisdiction: 'GB',
      sender_key_id: null,
      urls: [DEMO_ARTICLE_URL, 'https://elsewhere.example/copy'],
    });
    // Lumen carries no sworn statements or signature: the case asks for them, nothing is assumed.
    expect(body.status).toBe('awaiting_info');
    expect(body.missing.map((element: { field: string }) => element.field)).toEqual(
      expect.arrayContaining(['signature', 'statements.goodFaith', 'statements.accuracy', 'statements.authority']),
    );
  });

  it('takes `{ "notice": … }` as JSON from a sender key, the organisation filing when no sender role is given', async () => {
    const notice = lumenNotice({ type: 'Trademark', entity_notice_roles_attributes: [{ name: 'principal', entity_attributes: { name: 'Doe Photography Ltd' } }] });
    const response = await postJson(t.baseUrl, NOTICES_PATH, { notice }, bearer(sender.key));
    expect(response.status).toBe(201);
    const filed = await stored((await response.json()).reference);
    expect(filed).toMatchObject({ type: 'trademark', sender_key_id: sender.keyId, notifier: { organization: sender.name, kind: 'agent' }, principal_name: 'Doe Photography Ltd' });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['DataProtection', { type: 'DataProtection' }, []],
    ['PrivateInformation', { type: 'PrivateInformation' }, []],
    ['Defamation', { type: 'Defamation' }, []],
    ['LocalLaw', { type: 'LocalLaw' }, []],
  ])('maps a %s notice', async (_, overrides) => {
    const response = await postJson(t.baseUrl, NOTICES_PATH, { notice: lumenNotice(overrides) }, LUMEN);
    expect(response.status).toBe(201);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a counter-notice', { type: 'Counternotice' }, 'notice.type'],
    ['a role with no place here', { entity_notice_roles_attributes: [{ name: 'plaintiff', entity_attributes: { name: 'X' } }] }, 'notice.entity_notice_roles_attributes[0].name'],
    ['a field the desk does not know', { sha1: 'abc' }, 'notice.sha1'],
    ['two jurisdictions', { jurisdiction_list: ['US', 'GB'] }, 'notice.jurisdiction_list'],
    [
      'an infringing URL that is not a web address',
      { works_attributes: [{ infringing_urls_attributes: [{ url: 'ftp://nope' }] }] },
      'notice.works_attributes[0].infringing_urls_attributes[0].url',
    ],
    [
      'a bad e-mail on the agent',
      { entity_notice_roles_attributes: [{ name: 'agent', entity_attributes: { name: 'X', email: 'not-an-address' } }] },
      'notice.entity_notice_roles_attributes[0].entity_attributes.email',
    ],
  ])('refuses %s with a 422 naming the Lumen field, storing nothing', async (_, overrides, field) => {
    const before = await countRows(t.db.pool);
    await expectProblem(await postJson(t.baseUrl, NOTICES_PATH, { notice: lumenNotice(overrides) }, LUMEN), 422, [field]);
    expect(await countRows(t.db.pool)).toEqual(before);
  });

  it('refuses a type the key may not file', async () => {
    const limited = await createSender(t.baseUrl, await createStaff(t, 'admin'), { allowedTypes: ['copyright'] });
    const problem = await expectProblem(await postJson(t.baseUrl, NOTICES_PATH, { notice: lumenNotice({ type: 'Defamation' }) }, bearer(limited.key)), 403, ['notice.type']);
    expect(problem.code).toBe('notice_type_not_allowed');
  });

  it('files Lumen notices in a batch', async () => {
    const response = await postJson(t.baseUrl, '/api/v1/notices:batch', { notices: [{ notice: lumenNotice() }, { notice: lumenNotice({ type: 'Nope' }) }] }, bearer(sender.key));
    expect(response.status).toBe(207);
    const body = await response.json();
    expect(body.results.map((entry: { status: number }) => entry.status)).toEqual([201, 422]);
    expect(body.results[1].problem.errors[0].field).toBe('notices[1].notice.type');
  });

  it('refuses a Lumen body that is not JSON with 400', async () => {
    const response = await fetch(`${t.baseUrl}${NOTICES_PATH}`, { method: 'POST', headers: LUMEN, body: '{"notice": ' });
    await expectProblem(response, 400);
  });
});
