import type { FastifyReply } from 'fastify';
import type { AttachmentFile } from './attachments.service';
import { contentDisposition } from './attachment-rules';

// Whatever a file holds, the browser must neither run it nor render it in the desk's
// origin: a download, in a sandbox with nothing allowed, never sniffed, never cached.
const FILE_CSP = "sandbox; default-src 'none'; frame-ancestors 'none'";

// Previews too: an <img> shows an attachment-disposition image all the same.
export function sendAttachmentFile(reply: FastifyReply, file: AttachmentFile): void {
  reply
    .status(200)
    .header('content-type', file.mediaType)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('content-security-policy', FILE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store');
  if (file.sizeBytes !== null) reply.header('content-length', String(file.sizeBytes));
  reply.send(file.stream);
}
