import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// A restriction with an end date, waiting to be lifted: written when a decision that
// restricts an article `until` a day takes effect, marked lifted by the due-clock sweep.
// (Decision items are insert-only; this row holds the clock.)
@Entity('restriction_ends')
// The sweep: a partial index over restrictions not yet lifted (made by the migration).
@Index('idx_restriction_ends_due', { synchronize: false })
// Unlifted restrictions of one case: its nearest clock (migration CaseClocks).
@Index('idx_restriction_ends_case', { synchronize: false })
export class RestrictionEnd {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_restriction_ends' })
  id: string;

  @Index('uq_restriction_ends_item', { unique: true })
  @Column('uuid', { name: 'decision_item_id' })
  decisionItemId: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'article_id' })
  articleId: string;

  // The end of the restriction's last day in the desk's time zone.
  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  @Column('timestamptz', { name: 'lifted_at', nullable: true })
  liftedAt: Date | null;
}
