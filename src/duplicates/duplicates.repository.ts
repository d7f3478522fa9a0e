import { EntityManager } from 'typeorm';
import type { CaseStatus } from '../cases/case.entity';

export interface LinkedCase {
  id: string;
  reference: string;
  status: CaseStatus;
  receivedAt: Date;
  link: 'open' | 'kept_apart' | 'merged' | null;
}

export interface DuplicateLinks {
  // The earlier case this one probably repeats (with what staff made of the link).
  earlier: LinkedCase | null;
  // Later cases linked to this one as its probable duplicates.
  later: LinkedCase[];
}

const COLUMNS = `c.id, c.reference, c.status, c.received_at AS "receivedAt", c.duplicate_link AS link`;

export class DuplicatesRepository {
  constructor(private readonly manager: EntityManager) {}

  // Both directions, through idx_cases_probable_duplicate_of and the primary key.
  async findLinks(caseId: string): Promise<DuplicateLinks> {
    const [earlier] = (await this.manager.query(
      `SELECT d.id, d.reference, d.status, d.received_at AS "receivedAt", c.duplicate_link AS link
       FROM cases c JOIN cases d ON d.id = c.probable_duplicate_of WHERE c.id = $1`,
      [caseId],
    )) as LinkedCase[];
    const later = (await this.manager.query(`SELECT ${COLUMNS} FROM cases c WHERE c.probable_duplicate_of = $1 ORDER BY c.received_at, c.id LIMIT 100`, [caseId])) as LinkedCase[];
    return { earlier: earlier ?? null, later };
  }
}

export interface ArticleCaseRow {
  id: string;
  reference: string;
  status: CaseStatus;
  type: string;
  receivedAt: Date;
  notifierName: string | null;
  notifierEmail: string | null;
  probableDuplicateOf: string | null;
  duplicateLink: string | null;
}

export interface ArticleDecisionRow {
  caseReference: string;
  decisionId: string;
  outcome: string;
  ground: string;
  decidedAt: Date;
  effective: boolean;
  actions: string[];
}

export const ARTICLE_CASES_LIMIT = 200;

// Every case and decision about one article (the staff article page), newest first.
export class ArticleCasesRepository {
  constructor(private readonly manager: EntityManager) {}

  findCases(articleId: string): Promise<ArticleCaseRow[]> {
    return this.manager.query(
      `SELECT c.id, c.reference, c.status, n.type, c.received_at AS "receivedAt", n.notifier->>'name' AS "notifierName",
              n.notifier->>'email' AS "notifierEmail", c.probable_duplicate_of AS "probableDuplicateOf", c.duplicate_link AS "duplicateLink"
       FROM cases c JOIN notices n ON n.id = c.notice_id
       WHERE n.id IN (SELECT i.notice_id FROM notice_items i WHERE i.article_id = $1)
       ORDER BY c.received_at DESC, c.id LIMIT ${ARTICLE_CASES_LIMIT}`,
      [articleId],
    );
  }

  // Decisions of those cases with what each did to this article's items.
  findDecisions(articleId: string, caseIds: string[]): Promise<ArticleDecisionRow[]> {
    if (!caseIds.length) return Promise.resolve([]);
    return this.manager.query(
      `SELECT c.reference AS "caseReference", d.id AS "decisionId", d.outcome, d.ground, d.created_at AS "decidedAt",
              (NOT d.requires_approval OR a.outcome = 'approved') AS effective,
              array_agg(di.action ORDER BY i.position) AS actions
       FROM decisions d JOIN cases c ON c.id = d.case_id
       JOIN decision_items di ON di.decision_id = d.id JOIN notice_items i ON i.id = di.notice_item_id AND i.article_id = $1
       LEFT JOIN decision_approvals a ON a.decision_id = d.id
       WHERE d.case_id = ANY($2)
       GROUP BY c.reference, d.id, a.outcome ORDER BY d.created_at DESC`,
      [articleId, caseIds],
    );
  }
}
