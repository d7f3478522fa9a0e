import { DeskError } from '../common/desk-error';

// What may be attached (issue 12): images, PDFs, screenshots, licence documents.
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_NOTICE = 10;
export const MAX_DESCRIPTION_LENGTH = 500;
export const MAX_FILE_NAME_LENGTH = 200;

// Sniffed types only (file-type reads the first bytes): the name and the declared type
// are never believed.
export const ALLOWED_MEDIA_TYPES: Readonly<Record<string, { ext: string; label: string; image: boolean }>> = {
  'image/jpeg': { ext: 'jpg', label: 'JPEG image', image: true },
  'image/png': { ext: 'png', label: 'PNG image', image: true },
  'image/webp': { ext: 'webp', label: 'WebP image', image: true },
  'image/gif': { ext: 'gif', label: 'GIF image', image: true },
  'application/pdf': { ext: 'pdf', label: 'PDF document', image: false },
};

export const ALLOWED_LABEL = 'JPEG, PNG, WebP or GIF images, or PDF documents';

export function isAllowedMediaType(mediaType: string | undefined): mediaType is string {
  return !!mediaType && Object.hasOwn(ALLOWED_MEDIA_TYPES, mediaType);
}

export function isImage(mediaType: string): boolean {
  return ALLOWED_MEDIA_TYPES[mediaType]?.image ?? false;
}

// A file name fit to show and to offer on download: no path, no control characters, no
// quotes, not too long; the extension follows the sniffed type.
export function safeFileName(raw: string | undefined, mediaType: string): string {
  const ext = ALLOWED_MEDIA_TYPES[mediaType]?.ext ?? 'bin';
  const base = (raw ?? '')
    .split(/[\\/]/)
    .pop()!
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}"<>|:*?]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.[A-Za-z0-9]{1,5}$/, '')
    .slice(0, MAX_FILE_NAME_LENGTH - ext.length - 1)
    .trim();
  return `${base || 'evidence'}.${ext}`;
}

// Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266).
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

// The problems an upload can have, as problem documents naming the field.
export const AttachmentErrors = {
  tooLarge: () =>
    new DeskError(413, 'attachment_too_large', 'File too large', `Each file may be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`, [
      { field: 'file', message: `Must be at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.` },
    ]),
  wrongType: (found: string | undefined) =>
    new DeskError(
      415,
      'attachment_type_not_allowed',
      'File type not accepted',
      `We accept ${ALLOWED_LABEL}${found ? `; this file is ${found}` : '; this file is of no type we recognise'}.`,
      [{ field: 'file', message: `Must be one of: ${ALLOWED_LABEL}.` }],
    ),
  tooMany: () =>
    new DeskError(422, 'too_many_attachments', 'Too many files', `A notice may carry at most ${MAX_ATTACHMENTS_PER_NOTICE} files.`, [
      { field: 'file', message: `At most ${MAX_ATTACHMENTS_PER_NOTICE} files per notice.` },
    ]),
  noFile: () => DeskError.validation([{ field: 'file', message: 'Choose a file to attach.' }]),
  empty: () => DeskError.validation([{ field: 'file', message: 'The file is empty.' }]),
  unreadableImage: () => DeskError.validation([{ field: 'file', message: 'The image could not be read: it may be damaged.' }]),
  badField: (field: string, message: string) => DeskError.validation([{ field, message }]),
  notMultipart: () =>
    new DeskError(415, 'unsupported_media_type', 'Unsupported content type', 'Send the file as multipart/form-data, in a part named "file".', [
      { field: 'file', message: 'Send the file as multipart/form-data.' },
    ]),
  closed: () => DeskError.conflict('case_closed_for_evidence', 'This case no longer takes evidence.'),
};
