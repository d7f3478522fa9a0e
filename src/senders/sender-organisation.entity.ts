import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const SENDER_KINDS = ['trusted_flagger', 'agency', 'law_firm', 'other'] as const;
export type SenderKind = (typeof SENDER_KINDS)[number];
export const SENDER_STATUSES = ['active', 'inactive'] as const;
export type SenderStatus = (typeof SENDER_STATUSES)[number];
export const DEFAULT_SENDER_RATE_PER_MINUTE = 600;

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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
