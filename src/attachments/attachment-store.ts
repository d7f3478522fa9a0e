import { createReadStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Location } from './s3-location';

// Where attachment bytes live: files under DESK_DATA_DIR/attachments, or an S3-compatible
// bucket when ATTACHMENTS_S3_URL is set. Keys are the desk's own (no user input in them).
export interface AttachmentStore {
  readonly kind: 'local' | 's3';
  // Takes the finished temporary file at `sourcePath` (moved or copied, then it may go).
  put(key: string, sourcePath: string, size: number, contentType: string): Promise<void>;
  // Null when the object is missing.
  get(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/._-]{0,200}$/;

function checkKey(key: string): string {
  if (!SAFE_KEY.test(key) || key.includes('..')) throw new Error(`bad attachment key ${key}`);
  return key;
}

export class LocalAttachmentStore implements AttachmentStore {
  readonly kind = 'local' as const;

  constructor(readonly root: string) {}

  async put(key: string, sourcePath: string): Promise<void> {
    const target = this.pathOf(key);
    await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    try {
      // The temporary folder is inside the root: a rename, atomic, no copy.
      await fs.rename(sourcePath, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await fs.copyFile(sourcePath, `${target}.part`);
      await fs.rename(`${target}.part`, target);
    }
  }

  async get(key: string): Promise<Readable | null> {
    const file = this.pathOf(key);
    try {
      const handle = await fs.open(file, 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    return path.join(this.root, ...checkKey(key).split('/'));
  }
}

export class S3AttachmentStore implements AttachmentStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly location: S3Location) {
    this.client = new S3Client({
      region: location.region,
      ...(location.endpoint ? { endpoint: location.endpoint, forcePathStyle: true } : {}),
      ...(location.credentials ? { credentials: location.credentials } : {}),
      // Checksums only where S3 demands them: many S3-compatible servers refuse the
      // newer streaming-trailer uploads.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, sourcePath: string, size: number, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.location.bucket, Key: this.objectKey(key), Body: createReadStream(sourcePath), ContentLength: size, ContentType: contentType }),
    );
  }

  async get(key: string): Promise<Readable | null> {
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.objectKey(key) }));
      return object.Body as Readable;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.objectKey(key) }));
  }

  destroy(): void {
    this.client.destroy();
  }

  private objectKey(key: string): string {
    return this.location.prefix ? `${this.location.prefix}/${checkKey(key)}` : checkKey(key);
  }
}
