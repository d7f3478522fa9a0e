import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Article } from '../articles/article.entity';
import { Case } from '../cases/case.entity';

// The author's private link to respond to a decision on their contributed article
// (counter-notice, appeal). Only the SHA-256 of the 256-bit token is kept, like tracking links.
@Entity('respond_links')
@Index('idx_respond_links_case', ['caseId'])
export class RespondLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @ManyToOne(() => Case)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_respond_links_case' })
  case: Relation<Case>;

  @Column('uuid', { name: 'article_id' })
  articleId: string;

  @ManyToOne(() => Article)
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fk_respond_links_article' })
  article: Relation<Article>;

  @Index('uq_respond_links_token_hash', { unique: true })
  @Column('bytea', { name: 'token_hash' })
  tokenHash: Buffer;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
