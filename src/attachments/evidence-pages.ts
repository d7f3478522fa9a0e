import type { FieldError } from '../common/desk-error';
import { html, SafeHtml, userText } from '../common/html';
import { CSRF_FIELD } from '../staff/csrf';
import type { NoticePhoto } from './article-media';
import { ALLOWED_LABEL, ALLOWED_MEDIA_TYPES, MAX_ATTACHMENTS_PER_NOTICE, MAX_DESCRIPTION_LENGTH } from './attachment-rules';
import type { AttachmentView } from './attachment-view';
import type { EvidenceView } from './attachments.service';

// The evidence parts of the notifier's tracking page and of the staff case page.

export interface UploadFormState {
  errors: FieldError[];
  description?: string;
}

const FIELD_LABELS: Record<string, string> = { file: 'File', description: 'What the files show' };

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function kindOf(attachment: AttachmentView): string {
  return ALLOWED_MEDIA_TYPES[attachment.mediaType]?.label ?? attachment.mediaType;
}

// Errors first (each links to its field), then the two fields; the CSRF field, when
// there is one, comes first in the body so the server can check it before any file.
function uploadForm(action: string, state: UploadFormState, csrfToken: string | null, button: string): SafeHtml {
  const fileErrors = state.errors.filter((error) => error.field !== 'description').map((error) => error.message);
  const descriptionErrors = state.errors.filter((error) => error.field === 'description').map((error) => error.message);
  return html`${
    state.errors.length
      ? html`<div class="error-summary" role="alert" aria-labelledby="evidence-errors-title" tabindex="-1" autofocus>
<h3 id="evidence-errors-title">There is a problem with the upload</h3>
<ul>${state.errors.map((error) => html`<li><a href="#${error.field === 'description' ? 'f-evidence-description' : 'f-evidence-file'}">${FIELD_LABELS[error.field] ?? 'Upload'}: ${error.message}</a></li>`)}</ul>
</div>`
      : null
  }
<form method="post" action="${action}" enctype="multipart/form-data" class="evidence-form">
${csrfToken !== null ? html`<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}">` : null}
<div class="field${fileErrors.length ? ' has-error' : ''}">
<label for="f-evidence-file">File</label>
<span class="hint" id="f-evidence-file-hint">${ALLOWED_LABEL}; up to 10 MB each, ${MAX_ATTACHMENTS_PER_NOTICE} per notice. You may choose several.</span>
${fileErrors.length ? html`<span class="field-error" id="f-evidence-file-error"><span class="visually-hidden">Error: </span>${fileErrors.join(' ')}</span>` : null}
<input type="file" id="f-evidence-file" name="file" multiple accept="image/jpeg,image/png,image/webp,image/gif,application/pdf" aria-describedby="f-evidence-file-hint${fileErrors.length ? ' f-evidence-file-error' : ''}"${fileErrors.length ? html` aria-invalid="true"` : null}>
</div>
<div class="field${descriptionErrors.length ? ' has-error' : ''}">
<label for="f-evidence-description">What the files show <span class="optional">(optional)</span></label>
${descriptionErrors.length ? html`<span class="field-error" id="f-evidence-description-error"><span class="visually-hidden">Error: </span>${descriptionErrors.join(' ')}</span>` : null}
<textarea id="f-evidence-description" name="description" rows="2" maxlength="${MAX_DESCRIPTION_LENGTH}">
${state.description ?? ''}</textarea>
</div>
<button type="submit">${button}</button>
</form>`;
}

// --- the notifier's tracking page ---

export interface TrackingEvidenceOptions {
  token: string;
  attachments: AttachmentView[];
  canAttach: boolean;
  state?: UploadFormState;
}

export function trackingEvidenceSection(options: TrackingEvidenceOptions): SafeHtml | null {
  const { attachments, canAttach } = options;
  if (!canAttach && !attachments.length) return null;
  const room = MAX_ATTACHMENTS_PER_NOTICE - attachments.length;
  return html`<section id="evidence" aria-labelledby="evidence-title">
<h2 id="evidence-title">Your evidence</h2>
${
  attachments.length
    ? html`<ul class="evidence-list">${attachments.map(
        (file) =>
          html`<li><strong>${userText(file.fileName)}</strong> <span class="muted">(${kindOf(file)}, ${formatBytes(file.sizeBytes)})</span>${
            file.description ? html`<span class="hint">${file.description}</span>` : null
          }</li>`,
      )}</ul>`
    : html`<p class="muted">You have not attached any files yet.</p>`
}
${
  canAttach && room > 0
    ? html`<p>Attach screenshots, the original photo, a licence or other documents that support your notice. Only our staff can open them.</p>
${uploadForm(`/track/${options.token}/attachments`, options.state ?? { errors: [] }, null, 'Attach files')}`
    : canAttach
      ? html`<p class="muted">You have attached the most files a notice may carry (${MAX_ATTACHMENTS_PER_NOTICE}).</p>`
      : null
}
</section>`;
}

// The receipt, right after filing: evidence can go with the notice at once.
export function receiptEvidenceSection(trackingUrl: string | null): SafeHtml | null {
  const token = trackingUrl ? /\/track\/([A-Za-z0-9_-]+)$/.exec(trackingUrl)?.[1] : undefined;
  return token ? trackingEvidenceSection({ token, attachments: [], canAttach: true }) : null;
}

// --- the staff case page ---

export interface CaseEvidenceOptions {
  reference: string;
  evidence: EvidenceView;
  csrfToken: string;
  // Staff names by id, for "attached by".
  names: Map<string, string>;
  canAttach: boolean;
  state?: UploadFormState;
}

function photoFigure(photo: NoticePhoto): SafeHtml {
  return html`<figure class="notice-photo">
<img src="${photo.url}" alt="${photo.alt}" loading="lazy" referrerpolicy="no-referrer">
<figcaption>${photo.caption ? html`${photo.caption} ` : null}${photo.credit ? html`<span class="muted">Credit: ${photo.credit}</span>` : null}
<span class="hint">${photo.targeted ? 'Named in the notice' : 'In the article'}${photo.articleTitle ? html` "${photo.articleTitle}"` : null} · <a class="url" href="${photo.url}" rel="noreferrer noopener">${photo.url}</a></span></figcaption>
</figure>`;
}

function attachmentCard(file: AttachmentView, names: Map<string, string>): SafeHtml {
  const download = `/api/v1/attachments/${file.id}/file`;
  const who = file.uploadedBy === 'notifier' ? 'the notifier' : (names.get(file.uploadedById ?? '') ?? 'staff');
  return html`<li class="evidence-card">
${file.hasPreview ? html`<img src="/api/v1/attachments/${file.id}/preview" alt="Preview of ${file.fileName}" loading="lazy">` : html`<span class="evidence-icon" aria-hidden="true">PDF</span>`}
<a href="${download}" download>${userText(file.fileName)}</a>
<span class="hint">${kindOf(file)}, ${formatBytes(file.sizeBytes)} · from ${who}</span>
${file.description ? html`<span class="hint">${file.description}</span>` : null}
<span class="hint sha">SHA-256 <code>${file.sha256.slice(0, 16)}…</code></span>
</li>`;
}

function attachmentList(files: AttachmentView[], names: Map<string, string>, empty: string): SafeHtml {
  return files.length ? html`<ul class="evidence-thumbs">${files.map((file) => attachmentCard(file, names))}</ul>` : html`<p class="muted">${empty}</p>`;
}

export function caseEvidencePanel(options: CaseEvidenceOptions): SafeHtml {
  const { evidence, names } = options;
  const fromNotifier = evidence.attachments.filter((file) => file.uploadedBy === 'notifier');
  const fromStaff = evidence.attachments.filter((file) => file.uploadedBy === 'staff');
  const room = MAX_ATTACHMENTS_PER_NOTICE - evidence.attachments.length;
  return html`<section id="evidence" class="evidence" aria-labelledby="evidence-title">
<h2 id="evidence-title">Photos and evidence</h2>
<div class="case-columns">
<div class="case-column">
<h3>What the notice is about</h3>
${evidence.photos.length ? evidence.photos.map(photoFigure) : html`<p class="muted">The notice names no image, and the article has no photos on record.</p>`}
</div>
<div class="case-column">
<h3>Evidence from the notifier</h3>
${attachmentList(fromNotifier, names, 'The notifier attached no files.')}
${fromStaff.length ? html`<h3>Attached by staff</h3>${attachmentList(fromStaff, names, '')}` : null}
</div>
</div>
${
  options.canAttach
    ? html`<details${options.state?.errors.length ? html` open` : null}>
<summary>Attach a file</summary>
${room > 0 ? uploadForm(`/desk/cases/${encodeURIComponent(options.reference)}/attachments`, options.state ?? { errors: [] }, options.csrfToken, 'Attach') : html`<p class="muted">This case holds the most files a notice may carry (${MAX_ATTACHMENTS_PER_NOTICE}).</p>`}
</details>`
    : null
}
</section>`;
}
