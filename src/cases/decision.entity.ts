import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from '../staff/user.entity';
import { Case } from './case.entity';
import { DecisionItem } from './decision-item.entity';

export const LEGAL_GROUNDS = [
  'copyright_infringement',
  'trademark_infringement',
  'defamation',
  'data_protection',
  'other_illegal_content',
  'not_illegal',
  'insufficient_information',
  'out_of_scope',
] as const;
export type LegalGround = (typeof LEGAL_GROUNDS)[number];

export type DecisionOutcome = 'actioned' | 'rejected';

// Immutable (a trigger refuses UPDATE and DELETE): a later decision supersedes an earlier
// one; an approval is a row of its own.
@Entity('decisions')
@Index('idx_decisions_case', ['caseId', 'createdAt'])
// Decisions of a period (transparency report, exports): a covering index (migration ReportCoveringIndexes).
@Index('idx_decisions_report', { synchronize: false })
export class Decision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @ManyToOne(() => Case)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_decisions_case' })
  case: Relation<Case>;

  @Column('uuid', { name: 'decided_by' })
  decidedBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'fk_decisions_decided_by' })
  decider: Relation<User>;

  @Column('text')
  ground: LegalGround;

  @Column('text')
  reasons: string;

  @Column('text', { name: 'public_note', nullable: true })
  publicNote: string | null;

  @Column('text')
  outcome: DecisionOutcome;

  // Taking a public-interest article (or most of it) out of view waits for a second person
  // (four-eyes; the thresholds are in decision-rules.ts).
  @Column('boolean', { name: 'requires_approval', default: false })
  requiresApproval: boolean;

  @Column('uuid', { name: 'supersedes_id', nullable: true })
  supersedesId: string | null;

  // The case's receipt, stamped by a BEFORE INSERT trigger: the transparency report's time
  // to decision without a join over all cases (migration ReportCoveringIndexes).
  @Column({ type: 'timestamptz', name: 'case_received_at', nullable: true, insert: false, update: false })
  caseReceivedAt?: Date | null;

  @OneToMany(() => DecisionItem, (item) => item.decision)
  items: DecisionItem[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
