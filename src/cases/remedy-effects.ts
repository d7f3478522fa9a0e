import type { RemedyInForce } from '../articles/article-remedy.repository';
import type { Repositories } from '../database/database.service';
import type { Actor, NewEvent } from '../events/event.repository';
import { DecisionItem, isPageAction, PageAction } from './decision-item.entity';

type RemedyEvent = Omit<NewEvent, 'caseId' | 'caseReference' | 'requestId' | 'clientNetwork' | 'actor'> & { actor?: Actor };

// What a remedy says, to compare one already in force with one a new decision carries.
const SAYS = ['passage', 'media', 'text', 'correctionKind', 'replyBy', 'name', 'replacement'] as const;

function sameRemedy(inForce: RemedyInForce, articleId: string, item: DecisionItem): boolean {
  return inForce.articleId === articleId && inForce.kind === item.action && SAYS.every((field) => (inForce[field] ?? null) === (item[field] ?? null));
}

// A decision takes effect: its remedies are in force on their articles, and what an
// earlier decision of the same case put there and this one no longer carries is lifted
// (a remedy it carries unchanged stays, with its first date). Inside the transaction.
export async function applyRemedies(
  tx: Repositories,
  caseId: string,
  decision: { id: string; items: DecisionItem[] },
  articleOf: (noticeItemId: string) => string | null,
): Promise<RemedyEvent[]> {
  const inForce = await tx.remedies.findInForceForCase(caseId);
  const kept = new Set<string>();
  const added: Array<{ articleId: string; caseId: string; decisionItemId: string; kind: PageAction }> = [];
  for (const item of decision.items) {
    const articleId = articleOf(item.noticeItemId);
    if (!articleId || !isPageAction(item.action)) continue;
    const same = inForce.find((remedy) => !kept.has(remedy.id) && sameRemedy(remedy, articleId, item));
    if (same) kept.add(same.id);
    else added.push({ articleId, caseId, decisionItemId: item.id, kind: item.action });
  }
  const lifted = inForce.filter((remedy) => !kept.has(remedy.id));
  await tx.remedies.lift(lifted.map((remedy) => remedy.id));
  const ids = await tx.remedies.insert(added);
  return [
    ...lifted.map((remedy) => liftedEvent(remedy, { decisionId: decision.id })),
    ...added.map((remedy, index) => ({
      action: 'article.remedy_applied' as const,
      subject: { type: 'article', id: remedy.articleId },
      data: { remedyId: ids[index], kind: remedy.kind, decisionId: decision.id },
      visibility: 'public' as const,
    })),
  ];
}

// A restoration undoes every remedy of the case: the image is back, the correction and
// the reply are gone, the name is printed again, search engines may index the page.
export async function liftCaseRemedies(tx: Repositories, caseId: string, actor: Actor): Promise<RemedyEvent[]> {
  const inForce = await tx.remedies.findInForceForCase(caseId);
  await tx.remedies.lift(inForce.map((remedy) => remedy.id));
  return inForce.map((remedy) => ({ ...liftedEvent(remedy, { restored: true }), actor }));
}

function liftedEvent(remedy: RemedyInForce, data: Record<string, unknown>): RemedyEvent {
  return {
    action: 'article.remedy_lifted',
    subject: { type: 'article', id: remedy.articleId },
    data: { remedyId: remedy.id, kind: remedy.kind, ...data },
    visibility: 'public',
  };
}
