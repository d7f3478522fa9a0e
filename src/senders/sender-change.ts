import type { FieldError } from '../common/desk-error';
import type { FieldChanges } from '../events/event.entity';
import { END_WITHOUT_SUSPENSION, type UpdateSenderDto } from './dto/sender.dto';
import type { SenderOrganisation } from './sender-organisation.entity';
import type { SenderOrganisationChange } from './sender.repository';

const PLAIN_FIELDS = ['name', 'kind', 'contactName', 'contactAddress', 'contactPhone', 'rateLimitPerMinute'] as const;
const TRACKED_FIELDS = [...PLAIN_FIELDS, 'contactEmail', 'status', 'suspendedUntil'] as const;

// What a PATCH changes of an organisation: only the fields given. A suspension's end goes
// with the status: it must lie ahead, and any other status clears it.
export function senderChange(current: SenderOrganisation, dto: UpdateSenderDto, now: Date): { change: SenderOrganisationChange; errors: FieldError[] } {
  const change: SenderOrganisationChange = {};
  const errors: FieldError[] = [];
  for (const field of PLAIN_FIELDS) if (dto[field] !== undefined) Object.assign(change, { [field]: dto[field] });
  if (dto.contactEmail !== undefined) change.contactEmail = dto.contactEmail.toLowerCase();
  const status = dto.status ?? current.status;
  if (dto.status !== undefined) change.status = dto.status;
  const until: Date | null | undefined = dto.suspendedUntil ? new Date(dto.suspendedUntil) : (dto.suspendedUntil as null | undefined);
  if (until && status !== 'suspended') errors.push({ field: 'suspendedUntil', message: END_WITHOUT_SUSPENSION });
  else if (until && until.getTime() <= now.getTime()) errors.push({ field: 'suspendedUntil', message: 'Must be in the future.' });
  if (status !== 'suspended') change.suspendedUntil = null;
  else if (until !== undefined) change.suspendedUntil = until;
  else if (current.status !== 'suspended') change.suspendedUntil = null;
  return { change, errors };
}

// Each field that really changes, before and after (dates as ISO text), for the event.
export function changedFields(current: SenderOrganisation, change: SenderOrganisationChange): FieldChanges {
  const changes: FieldChanges = {};
  for (const field of TRACKED_FIELDS) {
    if (!(field in change)) continue;
    const before = comparable(current[field]);
    const after = comparable(change[field]);
    if (before !== after) changes[field] = { before, after };
  }
  return changes;
}

// Only the fields that change, for the UPDATE.
export function onlyChanged(change: SenderOrganisationChange, changes: FieldChanges): SenderOrganisationChange {
  return Object.fromEntries(Object.entries(change).filter(([field]) => field in changes)) as SenderOrganisationChange;
}

function comparable(value: unknown): string | number | null {
  if (value instanceof Date) return value.toISOString();
  return (value ?? null) as string | number | null;
}
