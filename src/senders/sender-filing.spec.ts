import { DeskError } from '../common/desk-error';
import { filingFromBody, filingSenderOf } from './sender-filing';
import type { SenderCaller } from './sender-key-guard';
import type { SenderKey } from './sender-key.entity';
import type { SenderOrganisation } from './sender-organisation.entity';

const URL = 'https://freelanews.com/2025/06/02/russia-ukraine-resume-peace-talks-in-istanbul-amid-escalating-air-attacks/';

function caller(kind: SenderOrganisation['kind'] = 'agency', allowedTypes: SenderKey['allowedTypes'] = ['copyright', 'trademark']): SenderCaller {
  return {
    organisation: {
      id: 'a5d3e9d2-6a43-4b7e-8f1e-7f1d3a1c2b10',
      name: 'Lens & Co',
      kind,
      contactName: 'Rights Desk',
      contactEmail: 'rights@lens.example',
      contactAddress: '2 Harbour Street, Leith',
      contactPhone: '+44 131 496 0000',
      status: 'active',
      rateLimitPerMinute: 600,
    } as SenderOrganisation,
    key: { id: 'e0b1c2d3-0000-4000-8000-000000000001', allowedTypes } as SenderKey,
  };
}

async function refusal(work: Promise<unknown>): Promise<DeskError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DeskError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('filingFromBody', () => {
  const notice = { type: 'copyright', items: [{ url: URL }], principal: { name: 'Doe Photography Ltd' } };

  it('makes the organisation the notifier when the notice names none', async () => {
    const dto = await filingFromBody(notice, 'application/json', caller());
    expect(dto.notifier).toMatchObject({
      name: 'Rights Desk',
      email: 'rights@lens.example',
      organization: 'Lens & Co',
      kind: 'agent',
      address: '2 Harbour Street, Leith',
      phone: '+44 131 496 0000',
    });
  });

  it('keeps a named notifier, filling in the organisation', async () => {
    const dto = await filingFromBody({ ...notice, notifier: { name: 'Jane', email: 'jane@example.org' } }, 'application/json', caller());
    expect(dto.notifier).toMatchObject({ name: 'Jane', email: 'jane@example.org', organization: 'Lens & Co' });
  });

  it('asks an anonymous caller for the notifier', async () => {
    const error = await refusal(filingFromBody(notice, 'application/json', undefined));
    expect(error.errors.map((e) => e.field)).toEqual(['notifier']);
  });

  it('refuses a type the key may not file, naming the field', async () => {
    const error = await refusal(filingFromBody({ ...notice, type: 'privacy' }, 'application/json', caller()));
    expect([error.status, error.code, error.errors.map((e) => e.field)]).toEqual([403, 'notice_type_not_allowed', ['type']]);
  });

  it('reads a Lumen notice by its media type, bare or wrapped, and `{ "notice" }` from a key', async () => {
    const lumen = {
      type: 'DMCA',
      works_attributes: [{ infringing_urls_attributes: [{ url: URL }] }],
      entity_notice_roles_attributes: [{ name: 'sender', entity_attributes: { name: 'Jane', email: 'jane@example.org' } }],
    };
    expect((await filingFromBody(lumen, 'application/vnd.lumen+json; charset=utf-8', undefined)).type).toBe('copyright');
    expect((await filingFromBody({ notice: lumen }, 'application/vnd.lumen+json', undefined)).items[0].url).toBe(URL);
    expect((await filingFromBody({ notice: { ...lumen, entity_notice_roles_attributes: undefined } }, 'application/json', caller())).notifier.organization).toBe('Lens & Co');
    // Without a key, `{ "notice" }` as JSON is not a desk notice.
    expect((await refusal(filingFromBody({ notice: lumen }, 'application/json', undefined))).status).toBe(422);
  });

  it('names a bad value by its Lumen field (a bare notice from the top)', async () => {
    const lumen = { type: 'DMCA', works_attributes: [{ infringing_urls_attributes: [{ url: 'nope' }] }] };
    const error = await refusal(filingFromBody(lumen, 'application/vnd.lumen+json', caller()));
    expect(error.errors.map((e) => e.field)).toEqual(['works_attributes[0].infringing_urls_attributes[0].url']);
  });
});

describe('filingSenderOf', () => {
  it('puts trusted flaggers in the priority lane, others not', () => {
    expect(filingSenderOf(caller('trusted_flagger'))).toEqual({ keyId: 'e0b1c2d3-0000-4000-8000-000000000001', priority: 'high', misuseSuspendedUntil: null });
    for (const kind of ['agency', 'law_firm', 'other'] as const) expect(filingSenderOf(caller(kind)).priority).toBe('normal');
  });

  it('carries the end of a misuse suspension of the whole organisation', () => {
    const suspended = caller();
    suspended.organisation.misuseSuspendedUntil = new Date('2030-01-31T00:00:00Z');
    expect(filingSenderOf(suspended).misuseSuspendedUntil).toEqual(new Date('2030-01-31T00:00:00Z'));
  });
});
