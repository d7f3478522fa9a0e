import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { AttachmentErrors, isAllowedMediaType, isImage, MAX_ATTACHMENT_BYTES } from './attachment-rules';

// How many leading bytes file-type needs to tell every type we accept.
const SNIFF_BYTES = 4100;
// A 10 MB PNG can hold a gigapixel of one colour: refuse to decode more than this.
const MAX_PREVIEW_INPUT_PIXELS = 50_000_000;
export const PREVIEW_SIZE = 480;

// One uploaded file on local disk, checked: its sniffed type, size and hash.
export interface ReceivedFile {
  tempPath: string;
  previewPath: string | null;
  fileName: string | undefined;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

type Sniffer = (head: Uint8Array) => Promise<{ mime: string } | undefined>;

let sniffer: Promise<Sniffer> | null = null;
// file-type is ESM-only; loaded once, the first time a file arrives.
function loadSniffer(): Promise<Sniffer> {
  sniffer ??= import('file-type').then((module) => module.fileTypeFromBuffer);
  return sniffer;
}

// Counts, hashes and sniffs the bytes as they pass: memory holds the first 4 KB at most.
class Inspector extends Transform {
  readonly hash = createHash('sha256');
  size = 0;
  mediaType: string | undefined;
  private head: Buffer[] = [];
  private headLength = 0;
  private sniffed = false;

  constructor(private readonly sniff: Sniffer) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > MAX_ATTACHMENT_BYTES) return done(AttachmentErrors.tooLarge());
    this.hash.update(chunk);
    if (this.sniffed) return done(null, chunk);
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) return done(null, chunk);
    this.checkType()
      .then(() => done(null, chunk))
      .catch((error: Error) => done(error));
  }

  override _flush(done: TransformCallback): void {
    if (this.sniffed) return done();
    this.checkType()
      .then(() => done())
      .catch((error: Error) => done(error));
  }

  // The type is judged as soon as enough bytes are in: a wrong one stops the upload early.
  private async checkType(): Promise<void> {
    this.sniffed = true;
    const head = Buffer.concat(this.head).subarray(0, SNIFF_BYTES);
    this.head = [];
    if (!head.length) throw AttachmentErrors.empty();
    const found = await this.sniff(head);
    if (!isAllowedMediaType(found?.mime)) throw AttachmentErrors.wrongType(found?.mime);
    this.mediaType = found.mime;
  }
}

// Streams one file part to a temporary file under `tempDir`. On any failure nothing is
// left behind.
export async function receiveFile(source: Readable & { truncated?: boolean }, fileName: string | undefined, tempDir: string): Promise<ReceivedFile> {
  await fs.mkdir(tempDir, { recursive: true, mode: 0o700 });
  const tempPath = path.join(tempDir, randomUUID());
  const inspector = new Inspector(await loadSniffer());
  const sink = createWriteStream(tempPath, { mode: 0o600 });
  let previewPath: string | null = null;
  try {
    await pipeline(source, inspector, sink);
    // The parser stops at the limit (one byte over ours) and marks the stream truncated.
    if (source.truncated) throw AttachmentErrors.tooLarge();
    const mediaType = inspector.mediaType!;
    if (isImage(mediaType)) previewPath = await makePreview(tempPath);
    return { tempPath, previewPath, fileName, mediaType, sizeBytes: inspector.size, sha256: inspector.hash.digest('hex') };
  } catch (error) {
    // A refusal can reject the pipeline before the file is even opened: wait for it to
    // close, or the file would appear after it was removed.
    if (!sink.closed) await new Promise<void>((resolve) => sink.once('close', () => resolve()));
    await discard(tempPath, previewPath);
    // The rest of the part must still be read, or the request never ends.
    source.resume();
    throw error;
  }
}

// A WebP thumbnail, decoded from the file on disk (an image that sharp cannot read is refused).
async function makePreview(imagePath: string): Promise<string> {
  const previewPath = `${imagePath}.preview.webp`;
  try {
    // Loaded on the first image, not at start-up.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sharp = require('sharp') as typeof import('sharp');
    await sharp(imagePath, { limitInputPixels: MAX_PREVIEW_INPUT_PIXELS, animated: false })
      .rotate()
      .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toFile(previewPath);
    return previewPath;
  } catch {
    await discard(previewPath);
    throw AttachmentErrors.unreadableImage();
  }
}

export async function discard(...paths: Array<string | null>): Promise<void> {
  await Promise.all(paths.map((file) => (file ? fs.rm(file, { force: true }) : undefined)));
}
