import { Injectable, Logger } from '@nestjs/common';
import { DeskError, FieldError } from '../common/desk-error';
import { validateAs } from '../common/validation';
import { ADVISORY_LOCK } from '../database/advisory-locks';
import { Database } from '../database/database.service';
import type { Actor } from '../events/event.repository';
import { ArticleUpsert } from './article.repository';
import { DEMO_ARTICLES } from './demo-articles';
import { ArticleImportDto } from './dto/article-import.dto';
import { lastPathSegment, normalizeUrl } from './url-normalizer';

export interface ImportReport {
  created: number;
  updated: number;
}

@Injectable()
export class ArticlesService {
  private readonly logger = new Logger(ArticlesService.name);

  constructor(private readonly db: Database) {}

  // All or nothing: every record is checked first and one bad record names itself and
  // imports nothing.
  async importArticles(records: unknown, actor: Actor): Promise<ImportReport> {
    if (!Array.isArray(records)) throw DeskError.validation([{ field: '(file)', message: 'Must be a JSON array of articles.' }]);
    const errors: FieldError[] = [];
    const upserts: ArticleUpsert[] = [];
    for (const [index, record] of records.entries()) {
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        errors.push({ field: `[${index}]`, message: 'Must be an object.' });
        continue;
      }
      const { value, errors: fieldErrors } = await validateAs(ArticleImportDto, record);
      const recordErrors = [...fieldErrors];
      if (!recordErrors.length && value.origin === 'syndicated' && !value.licensor) recordErrors.push({ field: 'licensor', message: 'Name the licensor of syndicated copy.' });
      errors.push(...recordErrors.map((error) => ({ field: `[${index}].${error.field}`, message: error.message })));
      if (!recordErrors.length) upserts.push(toUpsert(value));
    }
    if (errors.length) throw DeskError.validation(errors, 'The import file has invalid records; nothing was imported.');

    return this.db.transaction(async (tx) => {
      const report: ImportReport = { created: 0, updated: 0 };
      for (const [index, article] of upserts.entries()) {
        const conflicts = await tx.articles.findConflicts(article);
        if (conflicts.length) {
          throw DeskError.validation(
            conflicts.map((message) => ({ field: `[${index}]`, message })),
            'The import conflicts with existing articles; nothing was imported.',
          );
        }
        const { id, created } = await tx.articles.upsert(article);
        report[created ? 'created' : 'updated'] += 1;
        await tx.events.append({
          actor,
          action: created ? 'article.created' : 'article.updated',
          subject: { type: 'article', id },
          data: { canonicalUrl: article.canonicalUrl, slug: article.slug, aliases: article.aliases.length },
          visibility: 'internal',
        });
      }
      return report;
    });
  }

  // First start with an empty database: load the demo articles (once, even when several
  // instances start together).
  async seedDemoArticlesIfEmpty(): Promise<boolean> {
    const seeded = await this.db.transaction(async (tx) => {
      await tx.manager.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCK.demoArticles]);
      return (await tx.articles.count()) === 0;
    });
    if (!seeded) return false;
    const report = await this.importArticles(DEMO_ARTICLES, { type: 'system', id: null });
    this.logger.log({ msg: 'demo articles loaded', ...report });
    return true;
  }
}

function toUpsert(dto: ArticleImportDto): ArticleUpsert {
  const canonical = normalizeUrl(dto.url);
  const aliases = [...new Set((dto.aliases ?? []).map((url) => normalizeUrl(url).url))]
    .filter((normalized) => normalized !== canonical.url)
    .map((normalized) => ({ url: (dto.aliases ?? []).find((url) => normalizeUrl(url).url === normalized)!, normalizedUrl: normalized }));
  return {
    canonicalUrl: dto.url,
    normalizedUrl: canonical.url,
    slug: dto.slug ?? slugFrom(canonical.url),
    title: dto.title.trim(),
    byline: dto.byline ?? null,
    authorEmail: dto.authorEmail ?? null,
    section: dto.section ?? null,
    publishedAt: dto.publishedAt ? new Date(dto.publishedAt) : null,
    body: dto.body,
    publicInterest: dto.publicInterest ?? false,
    origin: dto.origin ?? 'staff',
    licensor: dto.origin === 'syndicated' ? (dto.licensor ?? null) : null,
    media: (dto.media ?? []).map((media) => ({ url: media.url, caption: media.caption ?? null, credit: media.credit ?? null, alt: media.alt ?? null })),
    aliases,
  };
}

function slugFrom(url: string): string {
  const segment = lastPathSegment(url)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return segment.slice(0, 200) || 'article';
}
