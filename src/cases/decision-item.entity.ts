import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { NoticeItem } from '../notices/notice-item.entity';
import { Decision } from './decision.entity';

export const ITEM_ACTIONS = ['remove', 'restrict', 'redact', 'no_action'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

@Entity('decision_items')
@Index('idx_decision_items_decision', ['decisionId'])
// Items decided in a period (transparency report): a covering index (migration ReportCoveringIndexes).
@Index('idx_decision_items_report', { synchronize: false })
export class DecisionItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'decision_id' })
  decisionId: string;

  @ManyToOne(() => Decision, (decision) => decision.items)
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'fk_decision_items_decision' })
  decision: Relation<Decision>;

  @Column('uuid', { name: 'notice_item_id' })
  noticeItemId: string;

  @ManyToOne(() => NoticeItem)
  @JoinColumn({ name: 'notice_item_id', foreignKeyConstraintName: 'fk_decision_items_notice_item' })
  noticeItem: Relation<NoticeItem>;

  @Column('text')
  action: ItemAction;

  // ISO 3166-1 alpha-2 codes where a restriction applies.
  @Column('jsonb', { default: () => "'[]'" })
  territories: string[];

  @Column('date', { nullable: true })
  until: string | null;

  // Copies of the decision's time, ground and approval flag, stamped by a BEFORE INSERT
  // trigger for the transparency report (migration ReportCoveringIndexes).
  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true, insert: false, update: false })
  decidedAt?: Date | null;

  @Column({ type: 'text', nullable: true, insert: false, update: false })
  ground?: string | null;

  @Column({ type: 'boolean', name: 'requires_approval', nullable: true, insert: false, update: false })
  requiresApproval?: boolean | null;

  // The passage redacted.
  @Column('text', { nullable: true })
  passage: string | null;
}
