import { EntityManager } from 'typeorm';
import type { CorrectionKind, PageAction } from '../cases/decision-item.entity';
import type { NoticeType } from '../notices/completeness';
import { ArticleRemedy } from './article-remedy.entity';

// A remedy in force, with what its decision item says and the case it came from.
export interface RemedyInForce {
  id: string;
  articleId: string;
  caseId: string;
  caseReference: string;
  noticeType: NoticeType;
  decisionItemId: string;
  kind: PageAction;
  passage: string | null;
  appliedAt: Date;
  media: string | null;
  text: string | null;
  correctionKind: CorrectionKind | null;
  replyBy: string | null;
  name: string | null;
  replacement: string | null;
}

const IN_FORCE = `SELECT r.id, r.article_id AS "articleId", r.case_id AS "caseId", c.reference AS "caseReference", n.type AS "noticeType",
       r.decision_item_id AS "decisionItemId", r.kind, r.applied_at AS "appliedAt", di.passage, di.media, di.text,
       di.correction_kind AS "correctionKind", di.reply_by AS "replyBy", di.name, di.replacement
  FROM article_remedies r
  JOIN decision_items di ON di.id = r.decision_item_id
  JOIN cases c ON c.id = r.case_id
  JOIN notices n ON n.id = c.notice_id
 WHERE r.lifted_at IS NULL`;

export class ArticleRemedyRepository {
  constructor(private readonly manager: EntityManager) {}

  async insert(rows: Array<Pick<ArticleRemedy, 'articleId' | 'caseId' | 'decisionItemId' | 'kind'>>): Promise<string[]> {
    if (!rows.length) return [];
    const result = await this.manager.insert(ArticleRemedy, rows);
    return result.identifiers.map((identifier) => identifier.id as string);
  }

  // Oldest first: corrections are printed in the order they were made.
  findInForce(articleId: string): Promise<RemedyInForce[]> {
    return this.manager.query(`${IN_FORCE} AND r.article_id = $1 ORDER BY r.applied_at, r.id`, [articleId]);
  }

  findInForceForCase(caseId: string): Promise<RemedyInForce[]> {
    return this.manager.query(`${IN_FORCE} AND r.case_id = $1 ORDER BY r.applied_at, r.id`, [caseId]);
  }

  async lift(ids: string[]): Promise<void> {
    if (ids.length) await this.manager.query(`UPDATE article_remedies SET lifted_at = now() WHERE id = ANY($1) AND lifted_at IS NULL`, [ids]);
  }
}
