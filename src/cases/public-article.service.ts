import { Injectable } from '@nestjs/common';
import type { RemedyInForce } from '../articles/article-remedy.repository';
import type { Article, ArticleState } from '../articles/article.entity';
import { replacePassages } from '../articles/passage-match';
import { DeskError } from '../common/desk-error';
import { Database } from '../database/database.service';
import { NOTICE_TYPE_INFO } from '../notices/notice-types';
import type { CorrectionKind, PageAction } from './decision-item.entity';
import { ITEM_ACTION_DONE } from './item-action-labels';
import { replaceName, sameMedia } from './remedy-rules';

// Where a redacted passage was: a marker the page renders as a note naming the case.
// Private-use characters, so neither the article nor a replaced name can contain them.
export const REDACTION_MARK = /\uE000(\d+)\uE001/g;

export interface PublicMedia {
  url: string;
  caption: string | null;
  credit: string | null;
  alt: string | null;
  // Set when the image was removed: the page shows a placeholder naming the case instead.
  removed: { caseReference: string; noticeTypeLabel: string; since: string } | null;
}

export interface PublicArticle {
  slug: string;
  title: string;
  byline: string | null;
  section: string | null;
  publishedAt: string | null;
  canonicalUrl: string;
  state: ArticleState;
  // Kept online but hidden from search engines (noindex meta and X-Robots-Tag).
  noindex: boolean;
  // The text as published: names replaced, redacted passages marked (REDACTION_MARK).
  body: string;
  redactions: Array<{ caseReference: string }>;
  media: PublicMedia[];
  corrections: Array<{ kind: CorrectionKind; text: string; date: string; caseReference: string }>;
  replies: Array<{ by: string; text: string; date: string; caseReference: string }>;
  // What was done to the article, in plain words (never the name that was replaced).
  actions: Array<{ action: PageAction; label: string; caseReference: string; noticeTypeLabel: string; since: string }>;
}

// The images an article carries in its import (media with caption and credit).
export function articleMediaOf(article: Article): Array<{ url: string; caption: string | null; credit: string | null; alt: string | null }> {
  return (article.media ?? []).map((item) => ({ url: item.url, caption: item.caption ?? null, credit: item.credit ?? null, alt: item.alt ?? null }));
}

// The article's public page as readers see it after the desk's decisions: the remedies in
// force applied (article-remedy.entity.ts).
@Injectable()
export class PublicArticleService {
  constructor(private readonly db: Database) {}

  async find(slug: string): Promise<PublicArticle> {
    const article = await this.db.repos.articles.findBySlug(slug);
    if (!article) throw DeskError.notFound('There is no article at this address.');
    return publicView(article, await this.db.repos.remedies.findInForce(article.id));
  }
}

export function publicView(article: Article, remedies: RemedyInForce[]): PublicArticle {
  const of = (kind: PageAction) => remedies.filter((remedy) => remedy.kind === kind);
  const day = (value: Date) => new Date(value).toISOString().slice(0, 10);
  const label = (remedy: RemedyInForce) => NOTICE_TYPE_INFO[remedy.noticeType]?.label ?? remedy.noticeType;
  const redacted = of('redact').filter((remedy) => remedy.passage);
  let body = replacePassages(
    article.body,
    redacted.map((remedy) => remedy.passage!),
    (index) => `\uE000${index}\uE001`,
  );
  let title = article.title;
  for (const remedy of of('anonymise')) {
    if (!remedy.name || !remedy.replacement) continue;
    body = replaceName(body, remedy.name, remedy.replacement);
    title = replaceName(title, remedy.name, remedy.replacement);
  }
  const removed = of('remove_media').filter((remedy) => remedy.media);
  const removal = (remedy: RemedyInForce) => ({ caseReference: remedy.caseReference, noticeTypeLabel: label(remedy), since: day(remedy.appliedAt) });
  const carried = articleMediaOf(article).map((media) => {
    const hit = removed.find((remedy) => sameMedia(remedy.media!, media.url));
    return { ...media, removed: hit ? removal(hit) : null };
  });
  // A removed image the article's list does not name is still shown as a placeholder.
  const extra = removed.filter((remedy) => !carried.some((media) => sameMedia(media.url, remedy.media!)));
  return {
    slug: article.slug,
    title,
    byline: article.byline,
    section: article.section,
    publishedAt: article.publishedAt ? new Date(article.publishedAt).toISOString() : null,
    canonicalUrl: article.canonicalUrl,
    state: article.state,
    noindex: of('noindex').length > 0,
    body,
    redactions: redacted.map((remedy) => ({ caseReference: remedy.caseReference })),
    media: [...carried, ...extra.map((remedy) => ({ url: remedy.media!, caption: null, credit: null, alt: null, removed: removal(remedy) }))],
    corrections: of('correct').map((remedy) => ({
      kind: remedy.correctionKind ?? 'correction',
      text: remedy.text ?? '',
      date: day(remedy.appliedAt),
      caseReference: remedy.caseReference,
    })),
    replies: of('right_of_reply').map((remedy) => ({ by: remedy.replyBy ?? '', text: remedy.text ?? '', date: day(remedy.appliedAt), caseReference: remedy.caseReference })),
    actions: remedies.map((remedy) => ({
      action: remedy.kind,
      label: ITEM_ACTION_DONE[remedy.kind],
      caseReference: remedy.caseReference,
      noticeTypeLabel: label(remedy),
      since: day(remedy.appliedAt),
    })),
  };
}
