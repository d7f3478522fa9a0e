import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import type { BenchContext } from './lib/context';
import { round, sampleRss } from './lib/desk-process';
import { completeCopyrightNotice } from './lib/notices';
import { fmt, median } from './lib/report';

const MB = 1024 * 1024;
const SIZE = 10 * MB;
const CONCURRENT = 20;
// The desk's heap may grow while 20 files stream through; 20 files held in memory would
// be 200 MB on top. Flat: the rise stays well under that.
const FLAT_LIMIT_MB = 100;

// Upload: a 10 MB file end to end (request sent → 201 with the file stored, hashed,
// previewed and recorded), a PDF and a JPEG (the JPEG pays for its sharp preview); then
// 20 such uploads at once, with the desk's resident memory sampled every 20 ms.
export async function benchUpload(ctx: BenchContext): Promise<void> {
  const { report, settings, progress } = ctx;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-upload-'));
  try {
    const pdf = path.join(dir, 'scan.pdf');
    fs.writeFileSync(pdf, pdfOfSize(SIZE));
    const jpeg = path.join(dir, 'photo.jpg');
    fs.writeFileSync(jpeg, await jpegNear(SIZE));
    const jpegBytes = fs.statSync(jpeg).size;
    const runs = settings.quick ? 3 : 7;

    progress(`upload: ${runs} single uploads of a 10 MB PDF and a ${fmt(jpegBytes / MB, 1)} MB JPEG`);
    // One case each for the PDFs, the JPEGs and the warm-up; 10 files per case for the rest.
    const tokens = await fileNotices(ctx, 3 + Math.ceil(CONCURRENT / 10));
    const pdfMs: number[] = [];
    const jpegMs: number[] = [];
    // One warm-up of each (first use loads file-type and sharp), on another case.
    await upload(ctx, tokens[2], pdf, 'scan.pdf');
    await upload(ctx, tokens[2], jpeg, 'photo.jpg');
    for (let run = 0; run < runs; run++) {
      pdfMs.push(await upload(ctx, tokens[0], pdf, 'scan.pdf'));
      jpegMs.push(await upload(ctx, tokens[1], jpeg, 'photo.jpg'));
    }

    progress(`upload: ${CONCURRENT} × 10 MB at once, sampling the desk's RSS`);
    await sleep(500);
    const before = sampleRss(ctx.desk.pid, 20);
    await sleep(300);
    const baseline = before.stop().peakMb;
    const sampler = sampleRss(ctx.desk.pid, 20);
    const started = process.hrtime.bigint();
    const concurrentTokens = tokens.slice(3);
    const results = await Promise.all(Array.from({ length: CONCURRENT }, (_, index) => upload(ctx, concurrentTokens[index % concurrentTokens.length], pdf, `page-${index}.pdf`)));
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const { peakMb, lastMb } = sampler.stop();
    const riseMb = round(peakMb - baseline, 1);

    const pdfMedian = round(median(pdfMs));
    const jpegMedian = round(median(jpegMs));
    report.set('upload.pdf10MbMs', pdfMedian);
    report.set('upload.jpeg10MbMs', jpegMedian);
    report.set('upload.concurrent.count', CONCURRENT);
    report.set('upload.concurrent.wallMs', round(wallMs));
    report.set('upload.concurrent.baselineRssMb', baseline);
    report.set('upload.concurrent.peakRssMb', peakMb);
    report.set('upload.concurrent.riseMb', riseMb);
    report.row({
      part: 'upload',
      measure: `10 MB PDF, end to end (median of ${runs})`,
      value: `${fmt(pdfMedian)} ms`,
      baseline: '',
      target: '≤ 1,000 ms',
      pass: pdfMedian <= 1000,
    });
    report.row({
      part: 'upload',
      measure: `${fmt(jpegBytes / MB, 1)} MB JPEG with its preview, end to end (median of ${runs})`,
      value: `${fmt(jpegMedian)} ms`,
      baseline: '',
      target: '≤ 1,000 ms',
      pass: jpegMedian <= 1000,
    });
    report.row({
      part: 'upload',
      measure: `${CONCURRENT} × 10 MB at once: desk RSS peak (rise over ${fmt(baseline)} MB idle)`,
      value: `${fmt(peakMb)} MB (+${fmt(riseMb)} MB)`,
      baseline: `all ${CONCURRENT} in ${fmt(wallMs)} ms, ${fmt((CONCURRENT * SIZE) / MB / (wallMs / 1000))} MB/s`,
      target: `rise < ${FLAT_LIMIT_MB} MB (200 MB of files)`,
      pass: riseMb < FLAT_LIMIT_MB,
    });
    report.detail(
      [
        '## Upload',
        '',
        'Each upload is a multipart POST to `/api/v1/track/{token}/attachments` from the bench process (the file read from disk), timed to the 201: streamed to a temporary file, sniffed, hashed, previewed (images), moved into the store under DESK_DATA_DIR and recorded with its event.',
        '',
        `- 10 MB PDF (ms): ${pdfMs.map((ms) => fmt(ms)).join(', ')}`,
        `- ${fmt(jpegBytes / MB, 1)} MB JPEG, 4000×3000 (ms): ${jpegMs.map((ms) => fmt(ms)).join(', ')}`,
        `- ${CONCURRENT} at once: ${fmt(wallMs)} ms in all; each (ms): ${results.map((ms) => fmt(ms)).join(', ')}`,
        `- desk RSS: ${fmt(baseline)} MB idle, ${fmt(peakMb)} MB peak, ${fmt(lastMb)} MB after`,
      ].join('\n'),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function fileNotices(ctx: BenchContext, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${ctx.desk.baseUrl}/api/v1/notices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(completeCopyrightNotice()),
    });
    const body = (await response.json()) as { trackingUrl?: string };
    if (response.status !== 201 || !body.trackingUrl) throw new Error(`filing failed with ${response.status}: ${JSON.stringify(body)}`);
    tokens.push(body.trackingUrl.split('/track/')[1]);
  }
  return tokens;
}

// Milliseconds from sending to the 201; the file is read from disk as it is sent.
async function upload(ctx: BenchContext, token: string, file: string, name: string): Promise<number> {
  const form = new FormData();
  form.append('file', await fs.openAsBlob(file), name);
  const started = process.hrtime.bigint();
  const response = await fetch(`${ctx.desk.baseUrl}/api/v1/track/${token}/attachments`, { method: 'POST', body: form });
  await response.arrayBuffer();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (response.status !== 201) throw new Error(`upload failed with ${response.status}`);
  return ms;
}

function pdfOfSize(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n%');
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
}

// A 12-megapixel photo-like JPEG (noise compresses badly) just under 10 MB.
async function jpegNear(limit: number): Promise<Buffer> {
  for (const quality of [92, 85, 75, 60]) {
    const data = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .jpeg({ quality })
      .toBuffer();
    if (data.length <= limit) return data;
  }
  throw new Error('could not make a JPEG under 10 MB');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
