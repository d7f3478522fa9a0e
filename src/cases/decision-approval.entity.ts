import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// The second person's answer to a decision that needs approval; immutable like decisions.
@Entity('decision_approvals')
export class DecisionApproval {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_decision_approvals_decision', { unique: true })
  @Column('uuid', { name: 'decision_id' })
  decisionId: string;

  @Column('uuid', { name: 'approver_id' })
  approverId: string;

  @Column('text')
  outcome: 'approved' | 'rejected';

  @Column('text', { nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
