import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_NOTICE } from './attachment-rules';

// The only routes that take multipart/form-data; everywhere else it stays a 415.
const UPLOAD_ROUTES = new Set(['/api/v1/cases/:reference/attachments', '/api/v1/track/:token/attachments', '/desk/cases/:reference/attachments', '/track/:token/attachments']);

export function acceptsUploads(routeUrl: string | undefined): boolean {
  return !!routeUrl && UPLOAD_ROUTES.has(routeUrl);
}

// The parser stops a file one byte past our limit (so that "too large" can be told from
// "exactly 10 MB"); a request holds the CSRF token, a description and the files.
export const UPLOAD_LIMITS = {
  fileSize: MAX_ATTACHMENT_BYTES + 1,
  files: MAX_ATTACHMENTS_PER_NOTICE,
  fields: 4,
  parts: MAX_ATTACHMENTS_PER_NOTICE + 4,
  fieldSize: 16 * 1024,
  headerPairs: 20,
};
