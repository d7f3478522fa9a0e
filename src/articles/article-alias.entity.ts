import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Article } from './article.entity';

@Entity('article_aliases')
export class ArticleAlias {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('idx_article_aliases_article')
  @Column('uuid', { name: 'article_id' })
  articleId: string;

  @ManyToOne(() => Article, (article) => article.aliases, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fk_article_aliases_article' })
  article: Relation<Article>;

  @Column('text')
  url: string;

  @Index('uq_article_aliases_normalized_url', { unique: true })
  @Column('text', { name: 'normalized_url' })
  normalizedUrl: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
