import type { SafeHtml } from '../common/html';
import { notifierMay } from '../cases/case-workflow';
import type { Database } from '../database/database.service';
import type { TrackingView } from '../notices/tracking-view';
import { AttachmentRepository } from './attachment.repository';
import { toAttachmentView } from './attachment-view';
import { trackingEvidenceSection, UploadFormState } from './evidence-pages';

// The tracking page's evidence section: what the notifier attached, and the upload form.
// A function over the database (not a provider), so the notices module can call it.
export async function trackingEvidence(db: Database, caseId: string, view: TrackingView, token: string, state?: UploadFormState): Promise<SafeHtml | null> {
  const rows = await new AttachmentRepository(db.repos.manager).findForCase(caseId);
  const attachments = rows.filter((row) => row.uploadedByType === 'notifier').map(toAttachmentView);
  return trackingEvidenceSection({ token, attachments, canAttach: notifierMay('attach_evidence', view.status), state });
}
