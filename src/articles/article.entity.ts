import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ArticleAlias } from './article-alias.entity';
import type { ArticleOrigin } from './article-origin';
import type { ArticleMedia } from '../attachments/article-media';

export const ARTICLE_STATES = ['live', 'restricted', 'redacted', 'removed'] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];

@Entity('articles')
// Trigram index on the title (queue text search; migration QueueIndexes).
@Index('idx_articles_title_trgm', { synchronize: false })
export class Article {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text', { name: 'canonical_url' })
  canonicalUrl: string;

  @Index('uq_articles_normalized_url', { unique: true })
  @Column('text', { name: 'normalized_url' })
  normalizedUrl: string;

  @Index('uq_articles_slug', { unique: true })
  @Column('text')
  slug: string;

  @Column('text')
  title: string;

  @Column('text', { nullable: true })
  byline: string | null;

  @Column('text', { name: 'author_email', nullable: true })
  authorEmail: string | null;

  @Column('text', { nullable: true })
  section: string | null;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column('text')
  body: string;

  @Column('text', { default: 'live' })
  state: ArticleState;

  // Kept so that a later decision (restoration after a counter-notice) can put it back.
  @Column('text', { name: 'previous_state', nullable: true })
  previousState: ArticleState | null;

  // staff | contributor | syndicated: chooses the regime after a decision (article-origin.ts).
  @Column('text', { default: 'staff' })
  origin: ArticleOrigin;

  // Syndicated copy: who licensed it to us (told of decisions on it).
  @Column('text', { nullable: true })
  licensor: string | null;

  // Its images, with caption and credit (the import format's `media`): the case page
  // shows the photo a notice is about.
  @Column('jsonb', { default: () => "'[]'" })
  media: ArticleMedia[];

  @Column('boolean', { name: 'public_interest', default: false })
  publicInterest: boolean;

  @OneToMany(() => ArticleAlias, (alias) => alias.article)
  aliases: ArticleAlias[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
