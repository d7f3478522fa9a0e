import { Injectable } from '@nestjs/common';
import { ORIGIN_LABELS } from '../articles/article-origin';
import { DeskError } from '../common/desk-error';
import { Database } from '../database/database.service';
import { requireAccess } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { STATUS_LABELS } from '../cases/case-workflow';

// The staff article page: the article, every case about it and every decision on it.
@Injectable()
export class ArticleCasesService {
  constructor(private readonly db: Database) {}

  async forArticle(actor: StaffActor, slug: string) {
    requireAccess(actor, 'articles.read');
    const article = slug.length <= 300 ? await this.db.repos.articles.findBySlug(slug) : null;
    if (!article) throw DeskError.notFound(`There is no article ${slug}.`);
    const cases = await this.db.repos.articleCases.findCases(article.id);
    const decisions = await this.db.repos.articleCases.findDecisions(
      article.id,
      cases.map((row) => row.id),
    );
    const references = new Map(cases.map((row) => [row.id, row.reference]));
    return {
      article: {
        id: article.id,
        slug: article.slug,
        title: article.title,
        canonicalUrl: article.canonicalUrl,
        byline: article.byline,
        authorEmail: article.authorEmail,
        state: article.state,
        origin: article.origin,
        originLabel: ORIGIN_LABELS[article.origin],
        publicInterest: article.publicInterest,
      },
      cases: cases.map((row) => ({
        reference: row.reference,
        status: row.status,
        statusLabel: STATUS_LABELS[row.status],
        type: row.type,
        receivedAt: row.receivedAt,
        notifier: { name: row.notifierName, email: row.notifierEmail },
        probableDuplicateOf: row.probableDuplicateOf ? { reference: references.get(row.probableDuplicateOf) ?? null, link: row.duplicateLink } : null,
      })),
      decisions: decisions.map((row) => ({
        caseReference: row.caseReference,
        outcome: row.outcome,
        ground: row.ground,
        decidedAt: row.decidedAt,
        effective: row.effective,
        actions: row.actions,
      })),
    };
  }
}
