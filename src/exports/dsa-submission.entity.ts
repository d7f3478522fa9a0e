import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { DecisionItem } from '../cases/decision-item.entity';
import { Decision } from '../cases/decision.entity';
import type { DsaStatement } from './dsa-statement';

export const DSA_SUBMISSION_STATES = ['pending', 'submitted', 'failed', 'invalid'] as const;
export type DsaSubmissionState = (typeof DSA_SUBMISSION_STATES)[number];

// A statement of reasons queued for, or sent to, the DSA Transparency Database (one per
// restricting decision item). `pending` until the database answers 201; `failed` after the
// last attempt or a refusal (422, with its errors); `invalid` when our own check refused it
// (never sent).
@Entity('dsa_submissions')
@Index('idx_dsa_submissions_due', { synchronize: false })
export class DsaSubmission {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_dsa_submissions' })
  id: string;

  @Index('uq_dsa_submissions_puid', { unique: true })
  @Column('text')
  puid: string;

  @Index('idx_dsa_submissions_case')
  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'decision_id' })
  decisionId: string;

  @ManyToOne(() => Decision)
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_dsa_submissions_decision' })
  decision: Relation<Decision>;

  @Index('uq_dsa_submissions_item', { unique: true })
  @Column('uuid', { name: 'decision_item_id' })
  decisionItemId: string;

  @ManyToOne(() => DecisionItem)
  @JoinColumn({ name: 'decision_item_id', foreignKeyConstraintName: 'fk_dsa_submissions_item' })
  decisionItem: Relation<DecisionItem>;

  // The statement as sent.
  @Column('jsonb')
  statement: DsaStatement;

  @Column('text')
  state: DsaSubmissionState;

  @Column('integer', { default: 0 })
  attempts: number;

  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
