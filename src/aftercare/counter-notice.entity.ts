import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Case } from '../cases/case.entity';
import type { CounterNoticeCheck, CounterNoticeFiling } from './counter-notice-completeness';
import { RespondLink } from './respond-link.entity';

// A DMCA §512(g)(3) counter-notice as the author filed it (complete or not).
@Entity('counter_notices')
@Index('idx_counter_notices_case', ['caseId', 'receivedAt'])
export class CounterNotice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @ManyToOne(() => Case)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_counter_notices_case' })
  case: Relation<Case>;

  @Column('uuid', { name: 'respond_link_id' })
  respondLinkId: string;

  @ManyToOne(() => RespondLink)
  @JoinColumn({ name: 'respond_link_id', foreignKeyConstraintName: 'fk_counter_notices_respond_link' })
  respondLink: Relation<RespondLink>;

  @Column('jsonb')
  filing: CounterNoticeFiling;

  @Column('jsonb')
  completeness: CounterNoticeCheck;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;
}
