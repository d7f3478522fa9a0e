import { plainToInstance } from 'class-transformer';
import { UpdateSenderDto } from './dto/sender.dto';
import { changedFields, onlyChanged, senderChange } from './sender-change';
import type { SenderOrganisation } from './sender-organisation.entity';

const NOW = new Date('2026-12-04T12:00:00Z');
const current = (fields: Partial<SenderOrganisation> = {}) =>
  ({
    name: 'Lens & Co',
    kind: 'agency',
    contactName: 'Rights Desk',
    contactEmail: 'rights@lens.example',
    contactAddress: null,
    contactPhone: '+44 131 496 0000',
    status: 'active',
    suspendedUntil: null,
    rateLimitPerMinute: 600,
    version: 3,
    ...fields,
  }) as SenderOrganisation;
const dto = (plain: Record<string, unknown>) => plainToInstance(UpdateSenderDto, { version: 3, ...plain });

describe('senderChange and changedFields', () => {
  it('changes only what is given and differs, e-mail lower-cased', () => {
    const { change, errors } = senderChange(current(), dto({ contactEmail: 'Rights@Lens.example', rateLimitPerMinute: 60, contactPhone: null }), NOW);
    expect(errors).toEqual([]);
    const changes = changedFields(current(), change);
    expect(changes).toEqual({ contactPhone: { before: '+44 131 496 0000', after: null }, rateLimitPerMinute: { before: 600, after: 60 } });
    expect(onlyChanged(change, changes)).toEqual({ contactPhone: null, rateLimitPerMinute: 60 });
  });

  it('keeps a suspension’s end with the suspension, and clears it with any other status', () => {
    const until = '2027-01-01T00:00:00.000Z';
    const suspend = senderChange(current(), dto({ status: 'suspended', suspendedUntil: until }), NOW);
    expect(changedFields(current(), suspend.change)).toEqual({
      status: { before: 'active', after: 'suspended' },
      suspendedUntil: { before: null, after: until },
    });
    const suspended = current({ status: 'suspended', suspendedUntil: new Date(until) });
    expect(changedFields(suspended, senderChange(suspended, dto({ name: 'Lens' }), NOW).change)).toEqual({ name: { before: 'Lens & Co', after: 'Lens' } });
    expect(changedFields(suspended, senderChange(suspended, dto({ status: 'closed' }), NOW).change)).toEqual({
      status: { before: 'suspended', after: 'closed' },
      suspendedUntil: { before: until, after: null },
    });
  });

  it('refuses an end for an organisation that is not suspended, or one in the past', () => {
    expect(senderChange(current(), dto({ suspendedUntil: '2027-01-01' }), NOW).errors.map((e) => e.field)).toEqual(['suspendedUntil']);
    expect(senderChange(current({ status: 'suspended' }), dto({ suspendedUntil: '2026-01-01' }), NOW).errors).toEqual([
      { field: 'suspendedUntil', message: 'Must be in the future.' },
    ]);
  });
});
