import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sha256 } from '../common/crypto';

// Seals the secret a queued message must carry until it is sent (the tracking link of a
// receipt) with AES-256-GCM under a key that is never in the database: a copy of the
// database alone does not open a case. The sealed text is erased once the message is sent
// (or given up). Layout: key id (4 bytes) | IV (12) | tag (16) | ciphertext.
export class LinkSealer {
  readonly keyId: Buffer;

  constructor(private readonly key: Buffer) {
    this.keyId = sha256(key).subarray(0, 4);
  }

  seal(secret: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([this.keyId, iv, cipher.getAuthTag(), body]);
  }

  open(sealed: Buffer): string {
    const keyId = sealed.subarray(0, 4);
    if (!keyId.equals(this.keyId)) {
      throw new Error(`sealed with another key (id ${keyId.toString('hex')}; this instance has ${this.keyId.toString('hex')}): give every instance the same DESK_SECRET_KEY`);
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(4, 16));
    decipher.setAuthTag(sealed.subarray(16, 32));
    return Buffer.concat([decipher.update(sealed.subarray(32)), decipher.final()]).toString('utf8');
  }
}

export const KEY_FILE = 'secret.key';

// DESK_SECRET_KEY when set; otherwise a key kept in DESK_DATA_DIR/secret.key (mode 600),
// made on first need. Several processes may start at once: the first to create the file
// wins and the others read its key.
export function loadSecretKey(configured: Buffer | null, dataDir: string): { key: Buffer; source: 'setting' | 'file' | 'new file'; file: string | null } {
  if (configured) return { key: configured, source: 'setting', file: null };
  const file = path.join(dataDir, KEY_FILE);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    const key = randomBytes(32);
    fs.writeFileSync(file, `${key.toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    return { key, source: 'new file', file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (let tries = 0; ; tries++) {
    const text = fs.readFileSync(file, 'utf8').trim();
    // Another process may have created the file and not yet written it.
    if (/^[0-9a-f]{64}$/.test(text)) return { key: Buffer.from(text, 'hex'), source: 'file', file };
    if (tries > 50) throw new Error(`${file} does not hold a key (64 hex digits)`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
}
