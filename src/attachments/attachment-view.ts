import type { Attachment, AttachmentUploader } from './attachment.entity';

// An attachment as the API and the pages show it (the storage keys stay inside).
export interface AttachmentView {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  description: string | null;
  uploadedBy: AttachmentUploader;
  uploadedById: string | null;
  createdAt: Date;
  hasPreview: boolean;
}

export function toAttachmentView(row: Attachment): AttachmentView {
  return {
    id: row.id,
    fileName: row.fileName,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    description: row.description,
    uploadedBy: row.uploadedByType,
    uploadedById: row.uploadedBy,
    createdAt: row.createdAt,
    hasPreview: !!row.previewKey,
  };
}
