import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

// A strike against a contributor (DMCA §512(i)): a copyright removal of their article that
// took effect. Active until `expires_at`.
@Entity('contributor_strikes')
@Index('idx_contributor_strikes_author', ['authorEmail', 'expiresAt'])
@Index('uq_contributor_strikes_decision_article', ['decisionId', 'articleId'], { unique: true })
export class Strike {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_contributor_strikes' })
  id: string;

  @Column('text', { name: 'author_email' })
  authorEmail: string;

  @Column('uuid', { name: 'article_id' })
  articleId: string;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @Column('uuid', { name: 'decision_id' })
  decisionId: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
