import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { receiveFile } from './attachment-intake';

describe('receiveFile', () => {
  let tempDir: string;
  beforeEach(() => {
    tempDir = mkdtempSync(path.join(tmpdir(), 'desk-intake-'));
  });
  afterEach(() => rmSync(tempDir, { recursive: true, force: true }));

  // A refusal can reject the stream pipeline before the temporary file has been opened;
  // removing it then, without waiting for the file to close, left it behind (about one
  // refusal in five here). Many tries in a row make the race show if it comes back.
  it('leaves no temporary file behind once a refused file has been answered', async () => {
    const refusals: unknown[] = [];
    for (let attempt = 0; attempt < 1000; attempt++) {
      const text = Readable.from([Buffer.from('just some text, not an image\n'.repeat(300))]);
      await receiveFile(text, 'evidence.png', tempDir).catch((error: unknown) => refusals.push(error));
      expect(readdirSync(tempDir)).toEqual([]);
    }
    expect(refusals).toHaveLength(1000);
    expect(refusals[0]).toMatchObject({ status: 415, code: 'attachment_type_not_allowed' });
  });

  it('keeps an accepted file, named by a fresh id, with its size, type and SHA-256', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(6000, 32), Buffer.from('\n%%EOF\n')]);
    const received = await receiveFile(Readable.from([pdf]), 'scan.pdf', tempDir);
    expect(received).toMatchObject({ fileName: 'scan.pdf', mediaType: 'application/pdf', sizeBytes: pdf.length, previewPath: null });
    expect(received.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(tempDir)).toEqual([path.basename(received.tempPath)]);
  });
});
