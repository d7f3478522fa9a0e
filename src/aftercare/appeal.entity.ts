import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Case, CaseStatus } from '../cases/case.entity';
import { Decision } from '../cases/decision.entity';
import { User } from '../staff/user.entity';

export const APPELLANTS = ['notifier', 'author'] as const;
export type Appellant = (typeof APPELLANTS)[number];
export type AppealOutcome = 'upheld' | 'reversed';

// An internal complaint against a decision (DSA Art. 20), by the notifier or the author.
@Entity('appeals')
@Index('idx_appeals_case', ['caseId', 'createdAt'])
export class Appeal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @ManyToOne(() => Case)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_appeals_case' })
  case: Relation<Case>;

  @Column('text')
  appellant: Appellant;

  @Column('uuid', { name: 'decision_id' })
  decisionId: string;

  @ManyToOne(() => Decision)
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_appeals_decision' })
  decision: Relation<Decision>;

  @Column('text')
  grounds: string;

  // Where the case returns when the appeal is upheld.
  @Column('text', { name: 'status_before' })
  statusBefore: CaseStatus;

  @Column('text', { nullable: true })
  outcome: AppealOutcome | null;

  @Column('text', { nullable: true })
  answer: string | null;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @ManyToOne(() => User, { nullable: true })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'fk_appeals_decided_by' })
  decider: Relation<User> | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
