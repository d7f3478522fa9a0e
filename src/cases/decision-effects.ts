import { issueRespondLink, WITHHELD_RESPOND_LINK } from '../aftercare/respond-link';
import type { Article, ArticleState } from '../articles/article.entity';
import { counterNoticeApplies } from '../articles/article-origin';
import { endOfLocalDay } from '../clocks';
import { DeskError } from '../common/desk-error';
import type { Repositories } from '../database/database.service';
import { decisionForNotifier, DecisionFacts, statementOfReasonsForAuthor } from '../messages/decision-messages';
import type { Notice } from '../notices/notice.entity';
import { recordStrikes } from '../strikes/strike-effects';
import { decisionItemRow } from './decision-item-row';
import { isStateAction } from './decision-item.entity';
import type { Decision } from './decision.entity';
import { ITEM_STATE, planDecision } from './decision-rules';
import type { ApproveDto, DecideDto, ReasonDto } from './dto/transition.dto';
import { applyRemedies } from './remedy-effects';
import { reviewDueAt } from './sla';
import { Effect, EffectContext, EffectEvent, pendingApproval, queueCaseMessage } from './workflow-effect';

type NoticeItem = Notice['items'][number];

const articleIdsOf = (notice: Notice) => [...new Set(notice.items.map((item) => item.articleId).filter((id): id is string => !!id))];

async function articlesOf(tx: Repositories, notice: Notice): Promise<Map<string, Article>> {
  return new Map((await tx.articles.findByIds(articleIdsOf(notice))).map((article) => [article.id, article]));
}

// A decision is recorded; it takes effect now unless it waits for a second person.
export async function decide(ctx: EffectContext, dto: DecideDto): Promise<Effect> {
  const { tx, filed, notice } = ctx;
  const articles = await articlesOf(tx, notice);
  const plan = planDecision(
    { noticeType: notice.type, ground: dto.ground, reasons: dto.reasons, items: dto.items, mainMarket: ctx.config.mainMarket },
    notice.items.map((item) => {
      const article = item.articleId ? articles.get(item.articleId) : undefined;
      return {
        id: item.id,
        inScope: item.state !== 'out_of_scope',
        articleId: item.articleId,
        articlePublicInterest: article?.publicInterest ?? false,
        articleTitle: article?.title ?? null,
        articleBody: article?.body ?? null,
        articleState: article?.state ?? null,
        articleMedia: article?.media?.length ? article.media.map((media) => media.url) : null,
      };
    }),
    new Date().toISOString().slice(0, 10),
  );
  if (plan.errors.length) throw DeskError.validation(plan.errors, 'The decision is incomplete or inconsistent.');
  // Read before the insert below: the decision this one replaces (actionedBefore reuses the list).
  const previous = (await ctx.decisions())[0];
  const supersedesId = previous?.id ?? null;
  const decision = await tx.decisions.insert({
    caseId: filed.id,
    decidedBy: ctx.actor.id,
    ground: dto.ground,
    reasons: dto.reasons,
    publicNote: dto.publicNote ?? null,
    outcome: plan.outcome,
    requiresApproval: plan.requiresApproval,
    supersedesId,
    items: dto.items.map(decisionItemRow),
  });
  const { outcome, requiresApproval, approvalReasons } = plan;
  const recorded: EffectEvent = {
    action: 'decision.recorded',
    subject: { type: 'decision', id: decision.id },
    data: { outcome, ground: dto.ground, requiresApproval, approvalReasons, items: dto.items, supersedes: supersedesId },
    visibility: 'internal',
  };
  if (plan.requiresApproval) return { status: 'pending_approval', events: [recorded] };
  return { status: plan.outcome, fields: { dueAt: null }, events: [recorded, ...(await applyDecision(ctx, decision, articles))] };
}

// A second person approves the decision waiting for it (it takes effect) or sends it back.
export async function approveOrReject(ctx: EffectContext, approved: boolean, dto: ApproveDto | ReasonDto): Promise<Effect> {
  const { tx, filed } = ctx;
  const pending = pendingApproval(await ctx.decisions());
  if (!pending) throw new DeskError(409, 'nothing_to_approve', 'Nothing to approve', 'This case has no decision waiting for approval.');
  const reason = approved ? null : (dto as ReasonDto).reason;
  const comment = approved ? ((dto as ApproveDto).comment ?? null) : null;
  await tx.decisions.insertApproval({ decisionId: pending.id, approverId: ctx.actor.id, outcome: approved ? 'approved' : 'rejected', reason, comment });
  const events: EffectEvent[] = [
    {
      action: approved ? 'decision.approved' : 'decision.approval_rejected',
      subject: { type: 'decision', id: pending.id },
      data: { reason, comment },
      visibility: 'internal',
    },
  ];
  if (!approved) return { events, fields: { dueAt: filed.dueAt ?? reviewDueAt(ctx.notice.type, filed.priority, new Date(), ctx.config.sla) } };
  events.push(...(await applyDecision(ctx, pending)));
  return { events, status: pending.outcome };
}

// A decision takes effect: items and articles change state, the notifier and the
// authors are told. Runs inside the transition's transaction. `known`: the notice's
// articles when the caller has them already (nothing here changes them before use).
export async function applyDecision(ctx: EffectContext, decision: Decision, known?: Map<string, Article>): Promise<EffectEvent[]> {
  const { tx, filed, notice } = ctx;
  const itemsById = new Map(notice.items.map((item) => [item.id, item]));
  for (const decided of decision.items) await tx.notices.updateItemState(decided.noticeItemId, ITEM_STATE[decided.action]);
  const articles = known ?? (await articlesOf(tx, notice));
  const events = await setArticleStates(ctx, decision, itemsById, articles);
  // The newsroom remedies (image placeholder, correction, reply, name, noindex) on the public page.
  events.push(...(await applyRemedies(tx, filed.id, decision, (noticeItemId) => itemsById.get(noticeItemId)?.articleId ?? null)));
  await replaceRestrictionEnds(ctx, decision, itemsById);
  const facts = decisionFacts(ctx, decision, itemsById, articles);
  await queueCaseMessage(ctx, 'decision', 'notifier', notice.notifier.email, decisionForNotifier(facts));
  await tellAuthors(ctx, decision, facts, itemsById, articles);
  // A copyright removal of a contributor's article is a strike against them (src/strikes).
  events.push(...(await recordStrikes(tx, ctx.config.strikes, filed, notice, decision, articles)));
  events.push({
    action: 'case.decided',
    subject: { type: 'decision', id: decision.id },
    data: {
      outcome: decision.outcome,
      ground: decision.ground,
      reasons: decision.reasons,
      publicNote: decision.publicNote,
      items: facts.items.map((item) => ({ url: item.url, action: item.action, territories: item.territories, until: item.until })),
    },
    visibility: 'notifier',
  });
  return events;
}

const STATE = { remove: 'removed', restrict: 'restricted', redact: 'redacted' } as const;
const RANK = { redacted: 1, restricted: 2, removed: 3 };

// Each article takes the strongest state the decision names; what an earlier decision of
// this case took down and this one no longer acts on is put back.
async function setArticleStates(ctx: EffectContext, decision: Decision, itemsById: Map<string, NoticeItem>, articles: Map<string, Article>): Promise<EffectEvent[]> {
  const strongest = new Map<string, 'removed' | 'restricted' | 'redacted'>();
  for (const decided of decision.items) {
    const articleId = itemsById.get(decided.noticeItemId)?.articleId;
    if (!articleId || !isStateAction(decided.action)) continue;
    const state = STATE[decided.action];
    const current = strongest.get(articleId);
    if (!current || RANK[state] > RANK[current]) strongest.set(articleId, state);
  }
  const target = new Map<string, ArticleState>(strongest);
  for (const articleId of await actionedBefore(ctx, decision, itemsById)) {
    if (!target.has(articleId) && articles.get(articleId)?.state !== 'live') target.set(articleId, 'live');
  }
  const events: EffectEvent[] = [];
  // Articles are locked in id order: two decisions naming the same articles in other
  // orders would otherwise each hold one and wait for the other (a deadlock, then a 500).
  for (const [articleId, state] of [...target].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const { before } = await ctx.tx.articles.setState(articleId, state);
    events.push({
      action: 'article.state_changed',
      subject: { type: 'article', id: articleId },
      changes: { state: { before, after: state } },
      data: { decisionId: decision.id, ...(state === 'live' ? { restored: true } : {}) },
      visibility: 'public',
    });
  }
  return events;
}

// The articles an earlier effective decision of this case acted on. The transition's list
// of decisions was read before it inserted anything; the only rows it adds before this runs
// are `decision` itself and its approval, which this leaves out anyway.
async function actionedBefore(ctx: EffectContext, decision: Decision, itemsById: Map<string, NoticeItem>): Promise<Set<string>> {
  const earlier = (await ctx.decisions()).filter((previous) => previous.id !== decision.id && (!previous.requiresApproval || previous.approval?.outcome === 'approved'));
  // Only removals, restrictions and redactions change an article's state (remedies are lifted on their own).
  const ids = earlier.flatMap((previous) => previous.items.filter((item) => isStateAction(item.action)).map((item) => itemsById.get(item.noticeItemId)?.articleId));
  return new Set(ids.filter((id): id is string => !!id));
}

// A restriction with a last day is lifted by the due-clock sweep after that day ends; the
// end dates of the decision this one replaces (an appeal reversed) no longer run.
async function replaceRestrictionEnds(ctx: EffectContext, decision: Decision, itemsById: Map<string, NoticeItem>): Promise<void> {
  await ctx.tx.aftercare.liftCaseRestrictionEnds(ctx.filed.id, new Date());
  await ctx.tx.aftercare.insertRestrictionEnds(
    decision.items
      .filter((decided) => decided.action === 'restrict' && decided.until && itemsById.get(decided.noticeItemId)?.articleId)
      .map((decided) => ({
        decisionItemId: decided.id,
        caseId: ctx.filed.id,
        articleId: itemsById.get(decided.noticeItemId)!.articleId!,
        dueAt: endOfLocalDay(decided.until!, ctx.config.calendar.timeZone),
      })),
  );
}

function decisionFacts(ctx: EffectContext, decision: Decision, itemsById: Map<string, NoticeItem>, articles: Map<string, Article>): DecisionFacts {
  return {
    reference: ctx.filed.reference,
    noticeType: ctx.notice.type,
    decidedAt: new Date(),
    ground: decision.ground,
    reasons: decision.reasons,
    publisherName: ctx.config.publisherName,
    items: decision.items.map((decided) => {
      const articleId = itemsById.get(decided.noticeItemId)?.articleId;
      return {
        url: itemsById.get(decided.noticeItemId)?.url ?? '',
        action: decided.action,
        territories: decided.territories,
        until: decided.until,
        passage: decided.passage,
        media: decided.media,
        text: decided.text,
        correctionKind: decided.correctionKind,
        replyBy: decided.replyBy,
        name: decided.name,
        replacement: decided.replacement,
        origin: (articleId && articles.get(articleId)?.origin) || null,
      };
    }),
  };
}

// Every article actioned (its state changed, or a remedy) gets a statement of reasons.
async function tellAuthors(ctx: EffectContext, decision: Decision, facts: DecisionFacts, itemsById: Map<string, NoticeItem>, articles: Map<string, Article>): Promise<void> {
  const articleOfItem = (index: number) => itemsById.get(decision.items[index].noticeItemId)?.articleId;
  const actioned = new Set(decision.items.filter((decided) => decided.action !== 'no_action').map((decided) => itemsById.get(decided.noticeItemId)?.articleId));
  for (const articleId of [...actioned].filter((id): id is string => !!id && articles.has(id)).sort()) {
    const article = articles.get(articleId)!;
    const respondUrl = counterNoticeApplies(article.origin) ? await issueRespondLink(ctx.tx, ctx.filed.id, articleId, ctx.config.publicBaseUrl) : null;
    const statement = statementOfReasonsForAuthor({
      ...facts,
      items: facts.items.filter((_, index) => articleOfItem(index) === articleId),
      articleTitle: article.title,
      authorName: article.byline,
      origin: article.origin,
      licensor: article.licensor,
      respondUrl,
    });
    // The stored copy keeps the text but not the private link (only its hash is kept).
    const stored = respondUrl ? { ...statement, body: statement.body.replace(respondUrl, WITHHELD_RESPOND_LINK), link: respondUrl } : statement;
    await queueCaseMessage(ctx, 'statement_of_reasons', 'author', article.authorEmail, stored);
  }
}
