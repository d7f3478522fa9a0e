import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ACCOUNT_OUTCOMES = ['terminate', 'keep'] as const;
export type AccountOutcome = (typeof ACCOUNT_OUTCOMES)[number];

// Legal's task when a contributor reaches the strike threshold: end their account or not,
// with reasons. One open review per contributor at a time.
@Entity('contributor_account_reviews')
@Index('idx_contributor_account_reviews_author', ['authorEmail', 'createdAt'])
export class AccountReview {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_contributor_account_reviews' })
  id: string;

  @Column('text', { name: 'author_email' })
  authorEmail: string;

  @Column('integer', { name: 'active_strikes' })
  activeStrikes: number;

  // Strikes it counted that were withdrawn since (the review stays as it was opened or decided).
  @Column('integer', { name: 'withdrawn_strikes', default: 0 })
  withdrawnStrikes: number;

  @Column('text', { nullable: true })
  outcome: AccountOutcome | null;

  @Column('text', { nullable: true })
  reasons: string | null;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
