import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DeskError } from '../common/desk-error';
import { hasControlCharacters } from '../common/validation';
import { CSRF_FIELD } from '../staff/csrf';
import { StaffErrors } from '../staff/staff-errors';
import { discard, receiveFile, ReceivedFile } from './attachment-intake';
import { AttachmentErrors, MAX_DESCRIPTION_LENGTH } from './attachment-rules';

export interface ReceivedUpload {
  files: ReceivedFile[];
  description: string | null;
}

export interface PartsOptions {
  // Room left on the case: one file more is refused before it is read.
  room: number;
  tempDir: string;
  // A cookie form posted as multipart: its first field must be a valid CSRF token.
  checkCsrf?: (token: unknown) => Promise<boolean>;
}

// Reads a multipart upload one part at a time: each file is streamed to disk as it
// arrives (never two at once, never whole in memory). Everything received is discarded
// when any part is refused.
export async function receiveParts(request: FastifyRequest, options: PartsOptions): Promise<ReceivedUpload> {
  if (!request.isMultipart()) throw AttachmentErrors.notMultipart();
  const upload: ReceivedUpload = { files: [], description: null };
  let csrfChecked = !options.checkCsrf;
  try {
    for await (const part of request.parts()) {
      if (!csrfChecked) {
        const token = part.type === 'field' && part.fieldname === CSRF_FIELD ? (part as MultipartValue).value : undefined;
        if (!(await options.checkCsrf!(token))) throw StaffErrors.csrf();
        csrfChecked = true;
        continue;
      }
      if (part.type === 'field') readField(part as MultipartValue, upload);
      else await readFile(part as MultipartFile, upload, options);
    }
  } catch (error) {
    await discard(...upload.files.flatMap((file) => [file.tempPath, file.previewPath]));
    throw asUploadError(error);
  }
  if (!csrfChecked) throw StaffErrors.csrf();
  if (!upload.files.length) throw AttachmentErrors.noFile();
  return upload;
}

function readField(part: MultipartValue, upload: ReceivedUpload): void {
  if (part.fieldname !== 'description') throw AttachmentErrors.badField(part.fieldname, 'This field is not accepted here.');
  const text = typeof part.value === 'string' ? part.value.trim() : '';
  if (text.length > MAX_DESCRIPTION_LENGTH) throw AttachmentErrors.badField('description', `Must be at most ${MAX_DESCRIPTION_LENGTH} characters.`);
  if (hasControlCharacters(text, true)) throw AttachmentErrors.badField('description', 'Must not contain control characters.');
  upload.description = text || null;
}

async function readFile(part: MultipartFile, upload: ReceivedUpload, options: PartsOptions): Promise<void> {
  if (part.fieldname !== 'file') throw AttachmentErrors.badField(part.fieldname, 'Send files in a part named "file".');
  // A form sent with no file chosen carries an empty, nameless part.
  if (!part.filename) {
    part.file.resume();
    return;
  }
  if (upload.files.length >= options.room) throw AttachmentErrors.tooMany();
  upload.files.push(await receiveFile(part.file, part.filename, options.tempDir));
}

// The parser's own refusals, as the same problem documents.
function asUploadError(error: unknown): unknown {
  if (error instanceof DeskError) return error;
  switch ((error as { code?: string }).code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return AttachmentErrors.tooLarge();
    case 'FST_FILES_LIMIT':
      return AttachmentErrors.tooMany();
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new DeskError(413, 'too_many_parts', 'Too many fields', 'The upload has more fields than a file and its description.');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return AttachmentErrors.notMultipart();
    case 'FST_PROTO_VIOLATION':
      return AttachmentErrors.badField('(body)', 'This field name is not accepted.');
    default:
      // Busboy's "Unexpected end of form", a cut-off request, a malformed boundary.
      return new DeskError(400, 'malformed_upload', 'Malformed upload', 'The multipart body could not be read to its end.');
  }
}
