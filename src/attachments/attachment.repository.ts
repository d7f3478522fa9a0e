import { EntityManager } from 'typeorm';
import { Attachment } from './attachment.entity';
import type { ArticleMedia } from './article-media';

export type NewAttachment = Pick<
  Attachment,
  'id' | 'caseId' | 'uploadedByType' | 'uploadedBy' | 'fileName' | 'mediaType' | 'sizeBytes' | 'sha256' | 'storageKey' | 'previewKey' | 'description'
>;

export interface ArticleWithMedia {
  id: string;
  title: string;
  canonicalUrl: string;
  media: ArticleMedia[];
}

export class AttachmentRepository {
  constructor(private readonly manager: EntityManager) {}

  // Taken before counting: two uploads to one case cannot both pass the limit.
  async lockCase(caseId: string): Promise<void> {
    await this.manager.query('SELECT id FROM cases WHERE id = $1 FOR UPDATE', [caseId]);
  }

  countForCase(caseId: string): Promise<number> {
    return this.manager.count(Attachment, { where: { caseId } });
  }

  async insert(rows: NewAttachment[]): Promise<Attachment[]> {
    await this.manager.insert(Attachment, rows);
    return this.manager.find(Attachment, { where: rows.map((row) => ({ id: row.id })), order: { createdAt: 'ASC', id: 'ASC' } });
  }

  findForCase(caseId: string): Promise<Attachment[]> {
    return this.manager.find(Attachment, { where: { caseId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async findWithCase(id: string): Promise<(Attachment & { caseReference: string }) | null> {
    const found = await this.manager.findOne(Attachment, { where: { id }, relations: { case: true } });
    return found ? Object.assign(found, { caseReference: found.case.reference }) : null;
  }

  async findArticlesWithMedia(articleIds: string[]): Promise<ArticleWithMedia[]> {
    if (!articleIds.length) return [];
    const rows: Array<{ id: string; title: string; canonical_url: string; media: ArticleMedia[] }> = await this.manager.query(
      'SELECT id, title, canonical_url, media FROM articles WHERE id = ANY($1::uuid[]) ORDER BY title',
      [articleIds],
    );
    return rows.map((row) => ({ id: row.id, title: row.title, canonicalUrl: row.canonical_url, media: row.media ?? [] }));
  }
}
