import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Case } from '../cases/case.entity';
import { DecisionItem, PageAction } from '../cases/decision-item.entity';
import { Article } from './article.entity';

// A newsroom remedy in force on an article (an image replaced by a placeholder, a
// correction, a reply, a name replaced, hidden from search engines) or a redaction: what
// the article's public page shows or leaves out. Written when a
// decision takes effect, marked lifted by a restoration or by a later decision of the
// same case that no longer carries it. What it says is on its decision item (insert-only).
@Entity('article_remedies')
// The public page reads the remedies in force (a partial index made by the migration).
@Index('idx_article_remedies_in_force', { synchronize: false })
@Index('idx_article_remedies_case', ['caseId'])
export class ArticleRemedy {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_article_remedies' })
  id: string;

  @Column('uuid', { name: 'article_id' })
  articleId: string;

  @ManyToOne(() => Article)
  @JoinColumn({ name: 'article_id', foreignKeyConstraintName: 'fk_article_remedies_article' })
  article: Relation<Article>;

  @Column('uuid', { name: 'case_id' })
  caseId: string;

  @ManyToOne(() => Case)
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_article_remedies_case' })
  case: Relation<Case>;

  @Column('uuid', { name: 'decision_item_id' })
  decisionItemId: string;

  @ManyToOne(() => DecisionItem)
  @JoinColumn({ name: 'decision_item_id', foreignKeyConstraintName: 'fk_article_remedies_decision_item' })
  decisionItem: Relation<DecisionItem>;

  @Column('text')
  kind: PageAction;

  @Column('timestamptz', { name: 'applied_at', default: () => 'now()' })
  appliedAt: Date;

  @Column('timestamptz', { name: 'lifted_at', nullable: true })
  liftedAt: Date | null;
}
