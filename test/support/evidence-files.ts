import { createHash } from 'node:crypto';
import sharp from 'sharp';

// Real files for upload tests, made here (no fixtures on disk).
export async function pngImage(width = 800, height = 600, colour = '#b03030'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

export async function jpegImage(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#2060a0' } })
    .jpeg()
    .toBuffer();
}

// A small valid PDF, padded with a comment to `size` bytes when asked.
export function pdfDocument(size = 0): Buffer {
  const body = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
  if (size <= body.length) return body;
  return Buffer.concat([body, Buffer.from('%'), Buffer.alloc(size - body.length - 1, 0x20)]);
}

export function sha256Hex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface UploadFile {
  name: string;
  data: Buffer;
  // What the sender claims (never believed).
  type?: string;
}

// A multipart body as a browser or curl would send it.
export function uploadForm(files: UploadFile[], fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('file', new Blob([new Uint8Array(file.data)], { type: file.type ?? 'application/octet-stream' }), file.name);
  return form;
}
