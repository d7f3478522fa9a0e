import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { User } from '../staff/user.entity';
import { Case } from './case.entity';

// A question to the notifier; their answer through the tracking link closes it.
@Entity('info_requests')
@Index('idx_info_requests_case', ['caseId', 'createdAt'])
export class InfoRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @ManyToOne(() => Case)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_info_requests_case' })
  case: Relation<Case>;

  @Column('uuid', { name: 'requested_by' })
  requestedBy: string;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'fk_info_requests_requested_by' })
  requester: Relation<User>;

  @Column('text')
  message: string;

  @Column('text', { nullable: true })
  answer: string | null;

  @Column('timestamptz', { name: 'answered_at', nullable: true })
  answeredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
