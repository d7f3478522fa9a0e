import { EntityManager, In } from 'typeorm';
import { ArticleAlias } from './article-alias.entity';
import { Article, ArticleState } from './article.entity';

export interface ArticleMatch {
  articleId: string;
  via: 'article' | 'alias';
}

export type ArticleUpsert = Pick<
  Article,
  'canonicalUrl' | 'normalizedUrl' | 'slug' | 'title' | 'byline' | 'authorEmail' | 'section' | 'publishedAt' | 'body' | 'publicInterest' | 'origin' | 'licensor' | 'media'
> & { aliases: Array<{ url: string; normalizedUrl: string }> };

export interface ArticleMatchRow {
  normalized_url: string;
  article_id: string;
  via: 'article' | 'alias';
}

// The articles and aliases at the normalised URLs in `urlsParam` (a text[] parameter):
// rows of ArticleMatchRow. Also read as part of a filing's first statement (FilingRepository).
export const articleMatchesSql = (urlsParam: string) =>
  `SELECT normalized_url, id AS article_id, 'article' AS via FROM articles WHERE normalized_url = ANY(${urlsParam})
   UNION ALL
   SELECT normalized_url, article_id, 'alias' AS via FROM article_aliases WHERE normalized_url = ANY(${urlsParam})`;

// An article's own URL wins over another article's alias.
export function toArticleMatches(rows: ArticleMatchRow[]): Map<string, ArticleMatch> {
  const matches = new Map<string, ArticleMatch>();
  for (const row of rows) {
    if (!matches.has(row.normalized_url) || row.via === 'article') {
      matches.set(row.normalized_url, { articleId: row.article_id, via: row.via });
    }
  }
  return matches;
}

export class ArticleRepository {
  constructor(private readonly manager: EntityManager) {}

  // Canonical URLs first, then aliases: one round trip for a notice of any size.
  async findMatches(normalizedUrls: string[]): Promise<Map<string, ArticleMatch>> {
    if (!normalizedUrls.length) return new Map();
    const rows: ArticleMatchRow[] = await this.manager.query(articleMatchesSql('$1'), [normalizedUrls]);
    return toArticleMatches(rows);
  }

  // Upsert by canonical URL; the article's aliases are replaced by the given list.
  async upsert(article: ArticleUpsert): Promise<{ id: string; created: boolean }> {
    const { aliases, ...fields } = article;
    const rows: Array<{ id: string; created: boolean }> = await this.manager.query(
      `INSERT INTO articles (canonical_url, normalized_url, slug, title, byline, author_email, section, published_at, body, public_interest, origin, licensor, media)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (normalized_url) DO UPDATE SET
         canonical_url = EXCLUDED.canonical_url, slug = EXCLUDED.slug, title = EXCLUDED.title, byline = EXCLUDED.byline,
         author_email = EXCLUDED.author_email, section = EXCLUDED.section, published_at = EXCLUDED.published_at,
         body = EXCLUDED.body, public_interest = EXCLUDED.public_interest, origin = EXCLUDED.origin,
         licensor = EXCLUDED.licensor, media = EXCLUDED.media, updated_at = now()
       RETURNING id, (xmax = 0) AS created`,
      [
        fields.canonicalUrl,
        fields.normalizedUrl,
        fields.slug,
        fields.title,
        fields.byline,
        fields.authorEmail,
        fields.section,
        fields.publishedAt,
        fields.body,
        fields.publicInterest,
        fields.origin,
        fields.licensor,
        JSON.stringify(fields.media),
      ],
    );
    const { id, created } = rows[0];
    await this.manager.delete(ArticleAlias, { articleId: id });
    if (aliases.length) {
      await this.manager.insert(
        ArticleAlias,
        aliases.map((alias) => ({ articleId: id, url: alias.url, normalizedUrl: alias.normalizedUrl })),
      );
    }
    return { id, created };
  }

  // A decision's effect on the article; the state before is kept for a later restoration.
  async setState(id: string, state: ArticleState): Promise<{ before: ArticleState }> {
    const rows: Array<{ before: ArticleState }> = await this.manager.query(
      `UPDATE articles a SET previous_state = old.state, state = $2, updated_at = now()
       FROM (SELECT id, state FROM articles WHERE id = $1 FOR UPDATE) old
       WHERE a.id = old.id RETURNING old.state AS before`,
      [id, state],
    );
    return rows[0];
  }

  count(): Promise<number> {
    return this.manager.count(Article);
  }

  findByIds(ids: string[]): Promise<Article[]> {
    return ids.length ? this.manager.find(Article, { where: { id: In(ids) } }) : Promise.resolve([]);
  }

  findBySlug(slug: string): Promise<Article | null> {
    return this.manager.findOne(Article, { where: { slug }, relations: { aliases: true } });
  }

  // A slug or alias URL owned by another article would make the upsert fail; say which.
  async findConflicts(article: ArticleUpsert): Promise<string[]> {
    const conflicts: string[] = [];
    const slugOwner = await this.manager.findOne(Article, { where: { slug: article.slug } });
    if (slugOwner && slugOwner.normalizedUrl !== article.normalizedUrl) conflicts.push(`slug "${article.slug}" belongs to ${slugOwner.canonicalUrl}`);
    const urls = article.aliases.map((alias) => alias.normalizedUrl);
    if (urls.length) {
      const rows: Array<{ normalized_url: string; owner: string }> = await this.manager.query(
        `SELECT al.normalized_url, a.canonical_url AS owner FROM article_aliases al JOIN articles a ON a.id = al.article_id
         WHERE al.normalized_url = ANY($1) AND a.normalized_url <> $2
         UNION ALL
         SELECT normalized_url, canonical_url FROM articles WHERE normalized_url = ANY($1) AND normalized_url <> $2`,
        [urls, article.normalizedUrl],
      );
      for (const row of rows) conflicts.push(`alias ${row.normalized_url} belongs to ${row.owner}`);
    }
    return conflicts;
  }
}
