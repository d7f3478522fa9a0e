import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// proposed (by the desk, at the threshold) → active (legal confirmed with reasons) or
// declined; active → ended (its time ran out) or lifted (on appeal).
export const SUSPENSION_STATES = ['proposed', 'active', 'declined', 'lifted', 'ended'] as const;
export type SuspensionState = (typeof SUSPENSION_STATES)[number];

// A suspension of a notifier for misuse (DSA Art. 23(2)), with its appeal (Art. 23(4) via Art. 20).
@Entity('misuse_suspensions')
@Index('idx_misuse_suspensions_email', ['notifierEmail', 'createdAt'])
@Index('idx_misuse_suspensions_organisation', ['senderOrganisationId', 'createdAt'])
export class Suspension {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_misuse_suspensions' })
  id: string;

  @Column('text', { name: 'notifier_email' })
  notifierEmail: string;

  // The notifier's organisation as written on the notice (shown, not enforced).
  @Column('text', { nullable: true })
  organization: string | null;

  // The sender organisation whose key filed the notice: then counted and suspended by
  // organisation (all its keys), not by e-mail.
  @Column('uuid', { name: 'sender_organisation_id', nullable: true })
  senderOrganisationId: string | null;

  @Column('text')
  state: SuspensionState;

  // The case whose mark reached the threshold (messages are filed on it).
  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('integer', { name: 'mark_count' })
  markCount: number;

  @Column('integer', { name: 'days' })
  days: number;

  @Column('text', { nullable: true })
  reasons: string | null;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('timestamptz', { name: 'ends_at', nullable: true })
  endsAt: Date | null;

  // The sender's appeal: through a private link (its hash only), answered by legal.
  @Index('uq_misuse_suspensions_appeal_token', { unique: true })
  @Column('bytea', { name: 'appeal_token_hash', nullable: true })
  appealTokenHash: Buffer | null;

  @Column('text', { name: 'appeal_grounds', nullable: true })
  appealGrounds: string | null;

  @Column('timestamptz', { name: 'appealed_at', nullable: true })
  appealedAt: Date | null;

  @Column('text', { name: 'appeal_outcome', nullable: true })
  appealOutcome: 'upheld' | 'lifted' | null;

  @Column('text', { name: 'appeal_answer', nullable: true })
  appealAnswer: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
