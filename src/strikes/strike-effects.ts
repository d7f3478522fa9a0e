import type { Article } from '../articles/article.entity';
import type { Case } from '../cases/case.entity';
import type { Decision } from '../cases/decision.entity';
import type { StrikeSettings } from '../config/desk-config';
import type { Repositories } from '../database/database.service';
import type { NewEvent } from '../events/event.repository';
import type { Notice } from '../notices/notice.entity';
import { isStrike, needsReview, strikeExpiry } from './strike-rules';

type CaseEvent = Omit<NewEvent, 'caseId' | 'caseReference' | 'requestId' | 'clientNetwork' | 'actor'>;

// Inside the transaction in which a decision takes effect (case-workflow.service.ts): each
// copyright removal of a contributor's article strikes its author; at the threshold of active
// strikes legal gets a review to decide on the account.
export async function recordStrikes(
  tx: Repositories,
  settings: StrikeSettings,
  filed: Case,
  notice: Notice,
  decision: Decision,
  articles: Map<string, Article>,
): Promise<CaseEvent[]> {
  const events: CaseEvent[] = [];
  const itemArticle = new Map(notice.items.map((item) => [item.id, item.articleId]));
  const now = new Date();
  const struck = new Set<string>();
  for (const decided of decision.items) {
    const articleId = itemArticle.get(decided.noticeItemId) ?? null;
    const article = articleId ? articles.get(articleId) : undefined;
    const facts = { noticeType: notice.type, action: decided.action, articleId, articleOrigin: article?.origin ?? null, authorEmail: article?.authorEmail ?? null };
    if (!article || !isStrike(facts) || struck.has(article.id)) continue;
    struck.add(article.id);
    const authorEmail = article.authorEmail!.trim().toLowerCase();
    const id = await tx.strikes.insertStrike({
      authorEmail,
      articleId: article.id,
      caseId: filed.id,
      decisionId: decision.id,
      expiresAt: strikeExpiry(now, settings.expiryMonths),
    });
    if (!id) continue;
    const active = await tx.strikes.countActive(authorEmail, now);
    events.push({
      action: 'strike.recorded',
      subject: { type: 'contributor_strike', id },
      data: { authorEmail, articleId: article.id, activeStrikes: active },
      visibility: 'internal',
    });
    if (needsReview(active, settings.threshold, !!(await tx.strikes.findOpenReview(authorEmail)))) {
      const review = await tx.strikes.insertReview({ authorEmail, activeStrikes: active });
      events.push({ action: 'strike.review_opened', subject: { type: 'contributor_review', id: review.id }, data: { authorEmail, activeStrikes: active }, visibility: 'internal' });
    }
  }
  return events;
}
