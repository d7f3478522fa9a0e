import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LinkSealer, loadSecretKey } from './link-sealer';

describe('LinkSealer', () => {
  const key = Buffer.alloc(32, 7);

  it('opens what it sealed; the sealed bytes do not hold the link', () => {
    const sealer = new LinkSealer(key);
    const sealed = sealer.seal('http://desk/track/secret?confirm=code');
    expect(sealed.toString('latin1')).not.toContain('secret');
    expect(sealer.open(sealed)).toBe('http://desk/track/secret?confirm=code');
  });

  it('refuses another key and a changed text', () => {
    const sealed = new LinkSealer(key).seal('link');
    expect(() => new LinkSealer(Buffer.alloc(32, 8)).open(sealed)).toThrow(/another key/);
    sealed[sealed.length - 1] ^= 1;
    expect(() => new LinkSealer(key).open(sealed)).toThrow();
  });
});

describe('loadSecretKey', () => {
  it('makes a key file readable by its owner only, and reads it back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-key-'));
    try {
      const made = loadSecretKey(null, dir);
      expect(made.source).toBe('new file');
      expect(fs.statSync(made.file!).mode & 0o777).toBe(0o600);
      const read = loadSecretKey(null, dir);
      expect(read).toMatchObject({ source: 'file' });
      expect(read.key.equals(made.key)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prefers DESK_SECRET_KEY', () => {
    expect(loadSecretKey(Buffer.alloc(32, 1), '/nonexistent').source).toBe('setting');
  });
});
