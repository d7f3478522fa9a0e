import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { NoticeItem } from '../notices/notice-item.entity';
import { Decision } from './decision.entity';

export const ITEM_ACTIONS = ['remove', 'restrict', 'redact', 'remove_media', 'correct', 'right_of_reply', 'anonymise', 'noindex', 'no_action'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

// The newsroom remedies: the article stays online and the public page shows what was done
// (article-remedy.entity.ts). The other actions change the article's state.
export const REMEDY_ACTIONS = ['remove_media', 'correct', 'right_of_reply', 'anonymise', 'noindex'] as const;
export type RemedyAction = (typeof REMEDY_ACTIONS)[number];
export const STATE_ACTIONS = ['remove', 'restrict', 'redact'] as const;
export type StateAction = (typeof STATE_ACTIONS)[number];

export function isRemedy(action: ItemAction): action is RemedyAction {
  return (REMEDY_ACTIONS as readonly string[]).includes(action);
}

// What the article's public page changes for (article-remedy.entity.ts): the remedies, and
// the redactions (whose passages the page leaves out).
export type PageAction = RemedyAction | 'redact';

export function isPageAction(action: ItemAction): action is PageAction {
  return action === 'redact' || isRemedy(action);
}

export function isStateAction(action: ItemAction): action is StateAction {
  return (STATE_ACTIONS as readonly string[]).includes(action);
}

export const CORRECTION_KINDS = ['correction', 'clarification'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

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

  // remove_media: the image's URL or identifier, replaced by a placeholder naming the case.
  @Column('text', { nullable: true })
  media: string | null;

  // correct: the correction or clarification; right_of_reply: the reply.
  @Column('text', { nullable: true })
  text: string | null;

  @Column('text', { name: 'correction_kind', nullable: true })
  correctionKind: CorrectionKind | null;

  // right_of_reply: who replies (printed above the reply).
  @Column('text', { name: 'reply_by', nullable: true })
  replyBy: string | null;

  // anonymise: the name taken out of the article and what stands in its place.
  @Column('text', { nullable: true })
  name: string | null;

  @Column('text', { nullable: true })
  replacement: string | null;
}
