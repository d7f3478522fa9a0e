import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { bearer, completeNotice, createStaff, expectProblem, fileAccepted, StaffMember } from './factories';
import { pdfDocument, pngImage, sha256Hex, uploadForm, UploadFile } from './support/evidence-files';
import { startS3Server, TestS3 } from './support/s3-server';
import { startTestApp, TestApp } from './support/test-app';

// The same uploads with ATTACHMENTS_S3_URL set: the files go to an S3-compatible server
// (s3rver, over HTTP on loopback) and nothing stays on local disk.
describe('evidence in an S3-compatible store', () => {
  let s3: TestS3;
  let t: TestApp;
  let dataDir: string;
  let editor: StaffMember;

  beforeAll(async () => {
    s3 = await startS3Server();
    dataDir = mkdtempSync(path.join(tmpdir(), 'desk-evidence-s3-'));
    t = await startTestApp({ DESK_DATA_DIR: dataDir, ATTACHMENTS_S3_URL: s3.url });
    editor = await createStaff(t, 'editor');
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const notifierUpload = (token: string, files: UploadFile[]) =>
    fetch(`${t.baseUrl}/api/v1/track/${token}/attachments`, { method: 'POST', body: uploadForm(files), headers: { accept: 'application/json' } });

  it('stores the file and its preview in the bucket under the prefix, and serves them back to staff', async () => {
    const { body, token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const photo = await pngImage(1000, 500);
    const response = await notifierUpload(token, [{ name: 'photo.png', data: photo }]);
    expect(response.status).toBe(201);
    const [attachment] = (await response.json()).attachments;
    const { rows } = await t.db.pool.query('SELECT case_id, storage_key, preview_key FROM attachments WHERE id = $1', [attachment.id]);
    expect(await s3.keys()).toEqual([`takedown/${rows[0].storage_key}`, `takedown/${rows[0].preview_key}`].sort());

    const object = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `takedown/${rows[0].storage_key}` }));
    expect(sha256Hex(Buffer.from(await object.Body!.transformToByteArray()))).toBe(sha256Hex(photo));
    expect(object.ContentType).toBe('image/png');

    const download = await fetch(`${t.baseUrl}/api/v1/attachments/${attachment.id}/file`, { headers: bearer(editor.token) });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="photo.png"/);
    expect(sha256Hex(Buffer.from(await download.arrayBuffer()))).toBe(sha256Hex(photo));
    const preview = await fetch(`${t.baseUrl}/api/v1/attachments/${attachment.id}/preview`, { headers: bearer(editor.token) });
    expect(preview.headers.get('content-type')).toBe('image/webp');

    // Only the (empty) temporary folder is on local disk.
    expect(readdirSync(path.join(dataDir, 'attachments'))).toEqual(['.incoming']);
    expect(readdirSync(path.join(dataDir, 'attachments', '.incoming'))).toEqual([]);
    expect(body.reference).toMatch(/^TD-/);
  });

  it('takes the loser’s object out of the bucket again when two uploads race for the tenth place', async () => {
    const { body, token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const pdf = pdfDocument();
    expect(
      (
        await notifierUpload(
          token,
          Array.from({ length: 9 }, (_, index) => ({ name: `p${index}.pdf`, data: pdf })),
        )
      ).status,
    ).toBe(201);
    const before = await s3.keys();
    const racing = await Promise.all([notifierUpload(token, [{ name: 'a.pdf', data: pdf }]), notifierUpload(token, [{ name: 'b.pdf', data: pdf }])]);
    expect(racing.map((response) => response.status).sort()).toEqual([201, 422]);
    await expectProblem(
      racing.find((response) => response.status === 422)!,
      422,
      ['file'],
    );
    expect((await s3.keys()).length).toBe(before.length + 1);
    const { rows } = await t.db.pool.query('SELECT count(*)::int AS n FROM attachments a JOIN cases c ON c.id = a.case_id WHERE c.reference = $1', [body.reference]);
    expect(rows[0].n).toBe(10);
  });

  it('puts nothing in the bucket for a refused file', async () => {
    const { token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const before = await s3.keys();
    await expectProblem(await notifierUpload(token, [{ name: 'fake.png', data: Buffer.from('<html><script>alert(1)</script></html>') }]), 415, ['file']);
    expect(await s3.keys()).toEqual(before);
  });
});
