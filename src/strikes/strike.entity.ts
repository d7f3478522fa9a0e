import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// Why a strike was withdrawn: the removal it counted was undone.
export const STRIKE_WITHDRAWAL_CAUSES = ['appeal_reversed', 'decision_reversed', 'content_restored'] as const;
export type StrikeWithdrawalCause = (typeof STRIKE_WITHDRAWAL_CAUSES)[number];

// A strike against a contributor (DMCA §512(i)): a copyright removal of their article that
// took effect. Active until `expires_at`, unless withdrawn first: the removal was undone
// (reversed on appeal or by a later decision, or the content restored after a counter-notice).
@Entity('contributor_strikes')
@Index('idx_contributor_strikes_author', ['authorEmail', 'expiresAt'])
@Index('idx_contributor_strikes_case', ['caseId'])
@Index('uq_contributor_strikes_decision_article', ['decisionId', 'articleId'], { unique: true })
export class Strike {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_contributor_strikes' })
  id: string;

  @Column('text', { name: 'author_email' })
  authorEmail: string;

  @Column('uuid', { name: 'article_id' })
  articleId: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'decision_id' })
  decisionId: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  @Column('text', { name: 'withdrawn_reason', nullable: true })
  withdrawnReason: StrikeWithdrawalCause | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
