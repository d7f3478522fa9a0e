import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

export const SENDER_KINDS = ['trusted_flagger', 'agency', 'law_firm', 'other'] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];
// suspended: its keys file nothing until `suspendedUntil` (for good when none); closed: for good.
export const SENDER_STATUSES = ['active', 'suspended', 'closed'] as const;
export type SenderStatus = (typeof SENDER_STATUSES)[number];
export const DEFAULT_SENDER_RATE_PER_MINUTE = 600;

// An admin's suspension holds until its end has passed (for good when it has none).
export function isSuspendedAt(sender: { status: string; suspendedUntil: Date | null }, now: Date): boolean {
  return sender.status === 'suspended' && (!sender.suspendedUntil || sender.suspendedUntil > now);
}

// An organisation that files by machine (photo agency, anti-piracy vendor, law firm,
// trusted flagger under DSA Art. 22) with keys issued by an admin. Its filings name it as
// their notifier unless a notice names someone else.
@Entity('sender_organisations')
export class SenderOrganisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_sender_organisations_name', { unique: true })
  @Column('text')
  name: string;

  @Column('text')
  kind: SenderKind;

  @Column('text', { name: 'contact_name', nullable: true })
  contactName: string | null;

  @Column('text', { name: 'contact_email' })
  contactEmail: string;

  // Postal address and telephone: a DMCA notice names them (§512(c)(3)(A)(iv)).
  @Column('text', { name: 'contact_address', nullable: true })
  contactAddress: string | null;

  @Column('text', { name: 'contact_phone', nullable: true })
  contactPhone: string | null;

  @Column('text', { default: 'active' })
  status: SenderStatus;

  // Filings per minute, all its keys together (its own bucket in rate_limit_windows).
  @Column('integer', { name: 'rate_limit_per_minute', default: DEFAULT_SENDER_RATE_PER_MINUTE })
  rateLimitPerMinute: number;

  // The end of an admin's suspension (status `suspended`); null: until lifted.
  @Column('timestamptz', { name: 'suspended_until', nullable: true })
  suspendedUntil: Date | null;

  // The end of a confirmed misuse suspension of the whole organisation (DSA Art. 23, src/misuse):
  // until then every filing of its keys is kept `held`, not processed.
  @Column('timestamptz', { name: 'misuse_suspended_until', nullable: true })
  misuseSuspendedUntil: Date | null;

  // Optimistic locking: a change names the version it was made on.
  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
