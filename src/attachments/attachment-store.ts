import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable } from 'node:stream';

// Where attachment bytes live: files under DESK_DATA_DIR/attachments, or an S3-compatible
// bucket when ATTACHMENTS_S3_URL is set. Keys are the desk's own (no user input in them).
export interface AttachmentStore {
  readonly kind: 'local' | 's3';
  // Takes the finished temporary file at `sourcePath` (moved or copied, then it may go).
  put(key: string, sourcePath: string, size: number, contentType: string): Promise<void>;
  // Null when the object is missing.
  get(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
  destroy?(): void;
}

const SAFE_KEY = /^[a-z0-9][a-z0-9/._-]{0,200}$/;

export function checkKey(key: string): string {
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
