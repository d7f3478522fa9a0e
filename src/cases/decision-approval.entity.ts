import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from '../staff/user.entity';
import { Decision } from './decision.entity';

// The second person's answer to a decision that needs approval; immutable like decisions.
@Entity('decision_approvals')
export class DecisionApproval {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_decision_approvals_decision', { unique: true })
  @Column('uuid', { name: 'decision_id' })
  decisionId: string;

  @ManyToOne(() => Decision)
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_decision_approvals_decision' })
  decision: Relation<Decision>;

  @Column('uuid', { name: 'approver_id' })
  approverId: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'approver_id', foreignKeyConstraintName: 'fk_decision_approvals_approver' })
  approver: Relation<User>;

  @Column('text')
  outcome: 'approved' | 'rejected';

  // Why the decision was sent back (rejected).
  @Column('text', { nullable: true })
  reason: string | null;

  // The approver's optional comment (approved).
  @Column('text', { nullable: true })
  comment: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
