import type { ArticleState } from '../articles/article.entity';
import { comparableLength, containsPassage } from '../articles/passage-match';
import type { FieldError } from '../common/desk-error';
import type { NoticeType } from '../notices/completeness';
import type { ItemState } from '../notices/notice-item.entity';
import type { DecisionOutcome, LegalGround } from './decision.entity';
import type { ItemAction, StateAction } from './decision-item.entity';
import { isStateAction, ITEM_ACTIONS } from './decision-item.entity';
import { remedyErrors, RemedyFields } from './remedy-rules';

// Grounds that justify acting, one per notice type, and grounds for taking no action.
export const ACTION_GROUND: Record<NoticeType, LegalGround> = {
  copyright: 'copyright_infringement',
  trademark: 'trademark_infringement',
  defamation: 'defamation',
  privacy: 'data_protection',
  other: 'other_illegal_content',
};
export const REJECTION_GROUNDS: readonly LegalGround[] = ['not_illegal', 'insufficient_information', 'out_of_scope'];

export function groundsFor(type: NoticeType): LegalGround[] {
  return [ACTION_GROUND[type], ...REJECTION_GROUNDS];
}

export const MIN_REASONS_LENGTH = 20;

// Four-eyes: whatever takes a public-interest article, or most of it, out of view for
// anyone waits for a second person (legal or admin). Thresholds of issue 10.
export const MANY_TERRITORIES = 50;
// The redacted passages' share of the article body (characters, spacing normalised).
export const LARGE_REDACTION_SHARE = 0.25;

export const APPROVAL_REASONS = {
  removal: 'it removes a public-interest article',
  main_market: 'it restricts a public-interest article in the main market',
  many_territories: `it restricts a public-interest article in ${MANY_TERRITORIES} or more territories`,
  large_redaction: 'it redacts more than a quarter of a public-interest article',
  already_restricted: 'it acts on a public-interest article that is already restricted',
  media_removal: 'it removes an image from a public-interest article',
  anonymisation: 'it replaces a name in a public-interest article',
  noindex: 'it hides a public-interest article from search engines',
} as const;
export type ApprovalReason = keyof typeof APPROVAL_REASONS;

export interface ProposedItem extends RemedyFields {
  itemId: string;
  action: ItemAction;
  territories?: string[];
  until?: string;
  passage?: string;
}

export interface CaseItemFacts {
  id: string;
  inScope: boolean;
  articleId: string | null;
  articlePublicInterest: boolean;
  articleTitle?: string | null;
  articleBody: string | null;
  articleState: ArticleState | null;
  // The article's images, when its import lists them (null: none listed).
  articleMedia?: string[] | null;
}

export interface DecisionPlan {
  errors: FieldError[];
  outcome: DecisionOutcome;
  requiresApproval: boolean;
  // Why it waits for a second person (empty when it does not).
  approvalReasons: ApprovalReason[];
  itemStates: Map<string, ItemState>;
  articleStates: Map<string, ArticleState>;
}

export const ITEM_STATE: Record<ItemAction, ItemState> = {
  remove: 'removed',
  restrict: 'restricted',
  redact: 'redacted',
  remove_media: 'media_removed',
  correct: 'corrected',
  right_of_reply: 'reply_published',
  anonymise: 'anonymised',
  noindex: 'noindexed',
  no_action: 'no_action',
};
// When items of one article get different actions, the article takes the strongest. The
// remedies leave the article's state as it is (they are shown on its public page).
const STRENGTH: Record<StateAction, number> = { redact: 1, restrict: 2, remove: 3 };
const ARTICLE_STATE: Record<StateAction, ArticleState> = { remove: 'removed', restrict: 'restricted', redact: 'redacted' };
// Remedies that add text and hide nothing: no second person, whatever the article.
const ADDS_TEXT_ONLY: readonly ItemAction[] = ['correct', 'right_of_reply'];

// What the chosen action of one item must carry; with the article at hand, also whether
// the passage or name is in it (`article` null: only what the fields themselves say).
export function itemFieldErrors(field: string, proposed: Omit<ProposedItem, 'itemId'>, article: CaseItemFacts | null, today: string): FieldError[] {
  const errors: FieldError[] = [];
  if (proposed.action === 'restrict') {
    if (!proposed.territories?.length) errors.push({ field: `${field}.territories`, message: 'Name the territories where access is restricted.' });
    if (proposed.until && proposed.until <= today) errors.push({ field: `${field}.until`, message: 'The end date must be in the future.' });
  }
  if (proposed.action === 'redact') {
    if (!proposed.passage?.trim()) errors.push({ field: `${field}.passage`, message: 'Quote the passage to redact.' });
    else if (article?.articleBody != null && !containsPassage(article.articleBody, proposed.passage)) {
      errors.push({ field: `${field}.passage`, message: 'The passage does not appear in the article.' });
    }
  }
  const facts = { articleTitle: article?.articleTitle ?? null, articleBody: article?.articleBody ?? null, articleMedia: article?.articleMedia ?? null };
  return [...errors, ...remedyErrors(field, proposed, facts)];
}

// A decision's body refused by its DTO: the per-action fields and the reasons it also
// lacks, read from the raw body, so that the form shows every error at once (the DTO's
// own error on a field wins).
export function withDecisionFieldErrors(errors: FieldError[], body: Record<string, unknown>, today: string): FieldError[] {
  const named = new Set(errors.map((error) => error.field));
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const extra: FieldError[] = [];
  (Array.isArray(body.items) ? body.items : []).forEach((raw, index) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return;
    const item = raw as Record<string, unknown>;
    if (typeof item.action !== 'string' || !(ITEM_ACTIONS as readonly string[]).includes(item.action)) return;
    const proposed = {
      action: item.action as ItemAction,
      territories: Array.isArray(item.territories) ? item.territories.filter((code): code is string => typeof code === 'string') : undefined,
      until: text(item.until),
      passage: text(item.passage),
      media: text(item.media),
      text: text(item.text),
      correctionKind: item.correctionKind === 'clarification' ? ('clarification' as const) : undefined,
      replyBy: text(item.replyBy),
      name: text(item.name),
      replacement: text(item.replacement),
    };
    extra.push(...itemFieldErrors(`items[${index}]`, proposed, null, today));
  });
  const reasons = text(body.reasons)?.trim() ?? '';
  if (reasons && reasons.length < MIN_REASONS_LENGTH) extra.push({ field: 'reasons', message: `Give a statement of reasons (at least ${MIN_REASONS_LENGTH} characters).` });
  return [...errors, ...extra.filter((error) => !named.has(error.field))];
}

// Checks a proposed decision against the case and works out what it does. Pure: the
// workflow service applies the plan in one transaction.
export function planDecision(
  // mainMarket: the outlet's main market (DESK_MAIN_MARKET), an ISO 3166-1 alpha-2 code.
  input: { noticeType: NoticeType; ground: LegalGround; reasons: string; items: ProposedItem[]; mainMarket: string },
  caseItems: CaseItemFacts[],
  today: string,
): DecisionPlan {
  const errors: FieldError[] = [];
  const byId = new Map(caseItems.map((item) => [item.id, item]));
  const seen = new Set<string>();

  input.items.forEach((proposed, index) => {
    const field = `items[${index}]`;
    const item = byId.get(proposed.itemId);
    if (!item) return errors.push({ field: `${field}.itemId`, message: 'This item is not part of the case.' });
    if (!item.inScope) return errors.push({ field: `${field}.itemId`, message: 'This URL is out of scope (another site or no such article): nothing to decide.' });
    if (seen.has(proposed.itemId)) return errors.push({ field: `${field}.itemId`, message: 'Each item may appear once.' });
    seen.add(proposed.itemId);
    errors.push(...itemFieldErrors(field, proposed, item, today));
  });
  for (const item of caseItems) {
    if (item.inScope && !seen.has(item.id) && !errors.some((e) => e.field.endsWith('.itemId'))) {
      errors.push({ field: 'items', message: 'Decide every item in scope: one is missing.' });
      break;
    }
  }

  const acting = input.items.filter((item) => item.action !== 'no_action');
  const outcome: DecisionOutcome = acting.length ? 'actioned' : 'rejected';
  const allowedGrounds = outcome === 'actioned' ? [ACTION_GROUND[input.noticeType]] : REJECTION_GROUNDS;
  if (!allowedGrounds.includes(input.ground)) {
    errors.push({
      field: 'ground',
      message:
        outcome === 'actioned'
          ? `Acting on a ${input.noticeType} notice needs the ground ${ACTION_GROUND[input.noticeType]}.`
          : `Taking no action needs one of: ${REJECTION_GROUNDS.join(', ')}.`,
    });
  }
  if (input.reasons.trim().length < MIN_REASONS_LENGTH) {
    errors.push({ field: 'reasons', message: `Give a statement of reasons (at least ${MIN_REASONS_LENGTH} characters).` });
  }

  const itemStates = new Map(input.items.map((item) => [item.itemId, ITEM_STATE[item.action]]));
  const strongest = new Map<string, StateAction>();
  for (const proposed of acting) {
    const articleId = byId.get(proposed.itemId)?.articleId;
    if (!articleId || !isStateAction(proposed.action)) continue;
    const current = strongest.get(articleId);
    if (!current || STRENGTH[proposed.action] > STRENGTH[current]) strongest.set(articleId, proposed.action);
  }
  const articleStates = new Map([...strongest].map(([articleId, action]) => [articleId, ARTICLE_STATE[action]]));
  const approvalReasons = fourEyesReasons(acting, byId, input.mainMarket);
  return { errors, outcome, requiresApproval: approvalReasons.length > 0, approvalReasons, itemStates, articleStates };
}

// Per public-interest article: restrictions count the union of their territories and
// redactions the sum of their passages, so splitting an action over items changes nothing.
// Removing an image, replacing a name and hiding from search engines hide or change a
// public-interest article too; a correction or a reply only adds text.
function fourEyesReasons(acting: ProposedItem[], byId: Map<string, CaseItemFacts>, mainMarket: string): ApprovalReason[] {
  const found = new Set<ApprovalReason>();
  const perArticle = new Map<string, { body: string; territories: Set<string>; redacted: number }>();
  for (const proposed of acting) {
    const facts = byId.get(proposed.itemId);
    if (!facts?.articleId || !facts.articlePublicInterest || ADDS_TEXT_ONLY.includes(proposed.action)) continue;
    const article = perArticle.get(facts.articleId) ?? { body: facts.articleBody ?? '', territories: new Set<string>(), redacted: 0 };
    perArticle.set(facts.articleId, article);
    if (facts.articleState === 'restricted') found.add('already_restricted');
    if (proposed.action === 'remove') found.add('removal');
    if (proposed.action === 'remove_media') found.add('media_removal');
    if (proposed.action === 'anonymise') found.add('anonymisation');
    if (proposed.action === 'noindex') found.add('noindex');
    if (proposed.action === 'restrict') for (const code of proposed.territories ?? []) article.territories.add(code.toUpperCase());
    if (proposed.action === 'redact' && proposed.passage) article.redacted += comparableLength(proposed.passage);
  }
  for (const article of perArticle.values()) {
    if (article.territories.has(mainMarket.toUpperCase())) found.add('main_market');
    if (article.territories.size >= MANY_TERRITORIES) found.add('many_territories');
    const length = comparableLength(article.body);
    if (length > 0 && article.redacted / length > LARGE_REDACTION_SHARE) found.add('large_redaction');
  }
  return (Object.keys(APPROVAL_REASONS) as ApprovalReason[]).filter((reason) => found.has(reason));
}
