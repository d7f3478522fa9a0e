import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Case } from '../cases/case.entity';

// The notifier's report that it filed a court action (§512(g)(2)(C)): restoration stops.
@Entity('court_actions')
@Index('idx_court_actions_case', ['caseId'])
export class CourtAction {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @ManyToOne(() => Case)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_court_actions_case' })
  case: Relation<Case>;

  @Column('text')
  court: string;

  @Column('text', { name: 'case_number' })
  caseNumber: string;

  @Column('date', { name: 'filed_on' })
  filedOn: string;

  @CreateDateColumn({ name: 'reported_at', type: 'timestamptz' })
  reportedAt: Date;
}
