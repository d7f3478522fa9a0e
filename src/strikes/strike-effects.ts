import type { Article } from '../articles/article.entity';
import type { Case } from '../cases/case.entity';
import type { Decision } from '../cases/decision.entity';
import type { StrikeSettings } from '../config/desk-config';
import type { Repositories } from '../database/database.service';
import type { NewEvent } from '../events/event.repository';
import type { Notice } from '../notices/notice.entity';
import type { StrikeWithdrawalCause } from './strike.entity';
import type { WithdrawnStrike } from './strike.repository';
import { isStrike, needsReview, strikeExpiry } from './strike-rules';

type CaseEvent = Omit<NewEvent, 'caseId' | 'caseReference' | 'requestId' | 'clientNetwork' | 'actor'>;

// The articles a decision strikes: copyright removals of contributors' articles.
function struckArticles(notice: Notice, decision: Decision, articles: Map<string, Article>): Article[] {
  const itemArticle = new Map(notice.items.map((item) => [item.id, item.articleId]));
  const struck = new Map<string, Article>();
  for (const decided of decision.items) {
    const articleId = itemArticle.get(decided.noticeItemId) ?? null;
    const article = articleId ? articles.get(articleId) : undefined;
    const facts = { noticeType: notice.type, action: decided.action, articleId, articleOrigin: article?.origin ?? null, authorEmail: article?.authorEmail ?? null };
    if (article && isStrike(facts)) struck.set(article.id, article);
  }
  return [...struck.values()];
}

// Inside the transaction in which a decision takes effect (decision-effects.ts): each
// copyright removal of a contributor's article strikes its author; at the threshold of active
// strikes legal gets a review to decide on the account. A decision that replaces an earlier
// one (an appeal reversed, a reopened case decided again) withdraws the strikes of the
// removals it no longer makes; a removal it makes again keeps its first strike.
export async function recordStrikes(
  tx: Repositories,
  settings: StrikeSettings,
  filed: Case,
  notice: Notice,
  decision: Decision,
  articles: Map<string, Article>,
): Promise<CaseEvent[]> {
  const struck = struckArticles(notice, decision, articles);
  const cause = (await reversedOnAppeal(tx, filed, decision)) ? 'appeal_reversed' : 'decision_reversed';
  const events = await withdrawStrikes(
    tx,
    settings,
    filed.id,
    cause,
    struck.map((article) => article.id),
  );
  const now = new Date();
  for (const article of struck) {
    if (await tx.strikes.hasStandingStrike(filed.id, article.id)) continue;
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

// The decision replaces the one an appeal was filed against, and that appeal is being
// decided now (still open) or was reversed (this decision waited for approval).
async function reversedOnAppeal(tx: Repositories, filed: Case, decision: Decision): Promise<boolean> {
  if (!decision.supersedesId) return false;
  const appeals = await tx.aftercare.findAppeals(filed.id);
  return appeals.some((appeal) => appeal.decisionId === decision.supersedesId && appeal.outcome !== 'upheld');
}

// The removal a strike counted was undone: the strike is withdrawn (kept, with when and why)
// and no longer counts. An account review that counted it keeps its state: an open one shows
// the lower count (legal decides, knowing it may now be below the threshold); a decision legal
// already took stays as taken, with the withdrawal beside it for legal to revisit.
export async function withdrawStrikes(
  tx: Repositories,
  settings: StrikeSettings,
  caseId: string,
  cause: StrikeWithdrawalCause,
  keepArticleIds: string[] = [],
): Promise<CaseEvent[]> {
  const now = new Date();
  const events: CaseEvent[] = [];
  for (const strike of await tx.strikes.withdrawCaseStrikes(caseId, keepArticleIds, now, cause)) {
    const active = await tx.strikes.countActive(strike.authorEmail, now);
    const reviews = await tx.strikes.noteWithdrawnStrike(strike);
    events.push({
      action: 'strike.withdrawn',
      subject: { type: 'contributor_strike', id: strike.id },
      data: { authorEmail: strike.authorEmail, articleId: strike.articleId, cause, activeStrikes: active, reviews: reviews.map((review) => review.id) },
      visibility: 'internal',
    });
    events.push(...reviews.filter((review) => !review.outcome).map((review) => countDropped(strike, review, active, settings.threshold)));
  }
  return events;
}

function countDropped(strike: WithdrawnStrike, review: { id: string; activeStrikes: number; withdrawnStrikes: number }, active: number, threshold: number): CaseEvent {
  return {
    action: 'strike.review_count_dropped',
    subject: { type: 'contributor_review', id: review.id },
    data: {
      authorEmail: strike.authorEmail,
      countedAtOpening: review.activeStrikes,
      withdrawn: review.withdrawnStrikes,
      activeStrikes: active,
      belowThreshold: active < threshold,
    },
    visibility: 'internal',
  };
}
