import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

// A sender across filings (keyed by e-mail), so that reputation and misuse controls
// (DSA Art. 23) have somewhere to live. What a notice says about its sender is kept on
// the notice itself, as filed. A sender's notice count is derived (notices by notifier_id,
// idx_notices_notifier), not stored: see migration DeriveNotifierCount.
@Entity('notifiers')
export class Notifier {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_notifiers_email', { unique: true })
  @Column('text', { nullable: true })
  email: string | null;

  @Column('text')
  name: string;

  @Column('text', { nullable: true })
  organization: string | null;

  @Column('text')
  kind: string;

  @Column('text', { name: 'misuse_state', default: 'ok' })
  misuseState: 'ok' | 'warned' | 'suspended';

  // While a confirmed misuse suspension runs (src/misuse): filings are kept, not processed.
  @Column('timestamptz', { name: 'suspended_until', nullable: true })
  suspendedUntil: Date | null;

  // When the address was proven (a confirming link from a receipt was opened). Until then
  // messages to it carry fixed wording only, at most MESSAGES_PER_DAY_UNVERIFIED a day.
  @Column('timestamptz', { name: 'email_verified_at', nullable: true })
  emailVerifiedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
