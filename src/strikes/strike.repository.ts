import { EntityManager } from 'typeorm';
import { AccountReview } from './account-review.entity';
import { Strike, StrikeWithdrawalCause } from './strike.entity';

export interface ContributorRow {
  authorEmail: string;
  activeStrikes: number;
  allStrikes: number;
  withdrawnStrikes: number;
  lastStrikeAt: Date;
}

export type WithdrawnStrike = Pick<Strike, 'id' | 'authorEmail' | 'articleId' | 'createdAt' | 'expiresAt'>;

export class StrikeRepository {
  constructor(private readonly manager: EntityManager) {}

  // Once per decision and article (a re-applied decision does not strike twice).
  async insertStrike(strike: Pick<Strike, 'authorEmail' | 'articleId' | 'caseId' | 'decisionId' | 'expiresAt'>): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `INSERT INTO contributor_strikes (author_email, article_id, case_id, decision_id, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (decision_id, article_id) DO NOTHING RETURNING id`,
      [strike.authorEmail, strike.articleId, strike.caseId, strike.decisionId, strike.expiresAt],
    );
    return rows[0]?.id ?? null;
  }

  // Active: not expired and not withdrawn.
  async countActive(authorEmail: string, now: Date): Promise<number> {
    const [row] = await this.manager.query(`SELECT count(*)::int AS n FROM contributor_strikes WHERE author_email = $1 AND expires_at > $2 AND withdrawn_at IS NULL`, [
      authorEmail,
      now,
    ]);
    return row.n;
  }

  // A case's removal of an article already counts (a later decision that still removes it strikes no more).
  async hasStandingStrike(caseId: string, articleId: string): Promise<boolean> {
    const rows = await this.manager.query(`SELECT 1 FROM contributor_strikes WHERE case_id = $1 AND article_id = $2 AND withdrawn_at IS NULL LIMIT 1`, [caseId, articleId]);
    return rows.length > 0;
  }

  // The case's standing strikes, except on the articles named, are withdrawn (kept, with when and why).
  withdrawCaseStrikes(caseId: string, keepArticleIds: string[], at: Date, cause: StrikeWithdrawalCause): Promise<WithdrawnStrike[]> {
    return this.manager
      .query(
        `UPDATE contributor_strikes SET withdrawn_at = $3, withdrawn_reason = $4
         WHERE case_id = $1 AND withdrawn_at IS NULL AND NOT (article_id = ANY($2::uuid[]))
         RETURNING id, author_email AS "authorEmail", article_id AS "articleId", created_at AS "createdAt", expires_at AS "expiresAt"`,
        [caseId, keepArticleIds, at, cause],
      )
      .then(([rows]: [WithdrawnStrike[]]) => rows.sort((a, b) => (a.id < b.id ? -1 : 1)));
  }

  // The reviews that counted a strike (opened while it was active) note that it was withdrawn.
  noteWithdrawnStrike(strike: WithdrawnStrike): Promise<Array<Pick<AccountReview, 'id' | 'outcome' | 'activeStrikes' | 'withdrawnStrikes'>>> {
    return this.manager
      .query(
        `UPDATE contributor_account_reviews SET withdrawn_strikes = withdrawn_strikes + 1
         WHERE author_email = $1 AND created_at >= $2 AND created_at < $3
         RETURNING id, outcome, active_strikes AS "activeStrikes", withdrawn_strikes AS "withdrawnStrikes"`,
        [strike.authorEmail, strike.createdAt, strike.expiresAt],
      )
      .then(([rows]) => rows);
  }

  findOpenReview(authorEmail: string): Promise<AccountReview | null> {
    return this.manager.createQueryBuilder(AccountReview, 'r').where('r.author_email = :authorEmail AND r.outcome IS NULL', { authorEmail }).getOne();
  }

  insertReview(review: Pick<AccountReview, 'authorEmail' | 'activeStrikes'>): Promise<AccountReview> {
    return this.manager.save(AccountReview, this.manager.create(AccountReview, review));
  }

  findReviewForUpdate(id: string): Promise<AccountReview | null> {
    return this.manager.findOne(AccountReview, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async decideReview(id: string, fields: Pick<AccountReview, 'outcome' | 'reasons' | 'decidedBy' | 'decidedAt'>): Promise<void> {
    await this.manager.update(AccountReview, { id }, fields);
  }

  // Contributors with any strike, most active strikes first; a page at a time.
  findContributors(now: Date, limit: number, offset: number): Promise<ContributorRow[]> {
    return this.manager.query(
      `SELECT author_email AS "authorEmail", count(*) FILTER (WHERE expires_at > $1 AND withdrawn_at IS NULL)::int AS "activeStrikes",
              count(*)::int AS "allStrikes", count(*) FILTER (WHERE withdrawn_at IS NOT NULL)::int AS "withdrawnStrikes",
              max(created_at) AS "lastStrikeAt"
       FROM contributor_strikes GROUP BY author_email
       ORDER BY "activeStrikes" DESC, "lastStrikeAt" DESC, author_email LIMIT $2 OFFSET $3`,
      [now, limit, offset],
    );
  }

  async findStrikesOf(emails: string[]): Promise<Array<Strike & { reference: string; articleTitle: string; articleSlug: string }>> {
    if (!emails.length) return [];
    return this.manager.query(
      `SELECT s.id, s.author_email AS "authorEmail", s.article_id AS "articleId", s.case_id AS "caseId", s.decision_id AS "decisionId",
              s.expires_at AS "expiresAt", s.created_at AS "createdAt", s.withdrawn_at AS "withdrawnAt",
              s.withdrawn_reason AS "withdrawnReason", c.reference, a.title AS "articleTitle", a.slug AS "articleSlug"
       FROM contributor_strikes s JOIN cases c ON c.id = s.case_id JOIN articles a ON a.id = s.article_id
       WHERE s.author_email = ANY($1) ORDER BY s.created_at DESC`,
      [emails],
    );
  }

  findReviewsOf(emails: string[]): Promise<AccountReview[]> {
    if (!emails.length) return Promise.resolve([]);
    return this.manager.createQueryBuilder(AccountReview, 'r').where('r.author_email IN (:...emails)', { emails }).orderBy('r.created_at', 'DESC').getMany();
  }
}
