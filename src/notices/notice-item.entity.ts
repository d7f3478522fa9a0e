import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Article } from '../articles/article.entity';
import { Notice } from './notice.entity';

// How a notice URL relates to the publisher's articles. Nothing is dropped: a URL of
// another site or of no known article is kept and shown as out of scope.
export const ITEM_MATCHES = ['article', 'alias', 'other_site', 'not_found'] as const;
export type ItemMatch = (typeof ITEM_MATCHES)[number];

// `pending` until a decision; out-of-scope items never get one.
export const ITEM_STATES = [
  'pending',
  'out_of_scope',
  'removed',
  'restricted',
  'redacted',
  'media_removed',
  'corrected',
  'reply_published',
  'anonymised',
  'noindexed',
  'no_action',
] as const;
export type ItemState = (typeof ITEM_STATES)[number];

@Entity('notice_items')
// Trigram index over the URL and its normalised form (queue text search; migration QueueIndexes).
@Index('idx_notice_items_url_trgm', { synchronize: false })
@Index('uq_notice_items_position', ['noticeId', 'position'], { unique: true })
export class NoticeItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'notice_id' })
  noticeId: string;

  @ManyToOne(() => Notice, (notice) => notice.items, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notice_id', foreignKeyConstraintName: 'fk_notice_items_notice' })
  notice: Relation<Notice>;

  @Column('integer')
  position: number;

  @Column('text')
  url: string;

  @Index('idx_notice_items_normalized_url')
  @Column('text', { name: 'normalized_url' })
  normalizedUrl: string;

  @Index('idx_notice_items_article')
  @Column('uuid', { name: 'article_id', nullable: true })
  articleId: string | null;

  @ManyToOne(() => Article, { nullable: true })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fk_notice_items_article' })
  article: Relation<Article> | null;

  @Column('text')
  match: ItemMatch;

  @Column('text')
  state: ItemState;

  @Column('text', { nullable: true })
  passage: string | null;

  @Column('text', { nullable: true })
  media: string | null;

  // Privacy notices: why this URL should go (outdated, irrelevant, inaccurate, sensitive).
  @Column('text', { nullable: true })
  reason: string | null;
}
