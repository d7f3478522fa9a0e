import type { SafeHtml } from '../common/html';
import type { Database } from '../database/database.service';
import { can } from '../staff/policy';
import type { StaffActor } from '../staff/staff-actor';
import { AttachmentRepository } from './attachment.repository';
import { toAttachmentView } from './attachment-view';
import { noticePhotos } from './article-media';
import { caseEvidencePanel, UploadFormState } from './evidence-pages';

export interface CaseForEvidence {
  id: string;
  reference: string;
  items: Array<{ url: string; media: string | null; articleId: string | null }>;
}

// The case page's "Photos and evidence" panel. A function over the database (not a
// provider) so that the desk pages can call it without a module cycle.
export async function caseEvidence(
  db: Database,
  actor: StaffActor,
  detail: CaseForEvidence,
  csrfToken: string,
  names: Map<string, string>,
  state?: UploadFormState,
): Promise<SafeHtml | null> {
  if (!can(actor, 'evidence.read')) return null;
  const repository = new AttachmentRepository(db.repos.manager);
  const articleIds = [...new Set(detail.items.map((item) => item.articleId).filter((id): id is string => !!id))];
  const [rows, articles] = await Promise.all([repository.findForCase(detail.id), repository.findArticlesWithMedia(articleIds)]);
  const evidence = { attachments: rows.map(toAttachmentView), photos: noticePhotos(detail.items, articles) };
  return caseEvidencePanel({ reference: detail.reference, evidence, csrfToken, names, state, canAttach: can(actor, 'evidence.attach') });
}
