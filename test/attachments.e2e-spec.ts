import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { ArticlesService } from '../src/articles/articles.service';
import type { NoticeType } from '../src/notices/completeness';
import { noticeToFormValues } from '../src/notices/notice-form';
import { bearer, completeNotice, createStaff, expectProblem, fileAccepted, login, StaffMember } from './factories';
import { jpegImage, pdfDocument, pngImage, sha256Hex, uploadForm, UploadFile } from './support/evidence-files';
import { startTestApp, TestApp } from './support/test-app';

const MB = 1024 * 1024;

describe('evidence attached to a case', () => {
  let t: TestApp;
  let dataDir: string;
  let editor: StaffMember;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'desk-evidence-'));
    t = await startTestApp({ DESK_DATA_DIR: dataDir });
    editor = await createStaff(t, 'editor');
  });
  afterAll(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const store = () => path.join(dataDir, 'attachments');
  // Every stored file (and anything left in the temporary folder).
  function storedFiles(): string[] {
    const files: string[] = [];
    const walk = (dir: string) => {
      if (!existsSync(dir)) return;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files.push(path.relative(store(), full));
      }
    };
    walk(store());
    return files.sort();
  }

  async function rowsOf(reference: string) {
    const { rows } = await t.db.pool.query(`SELECT a.* FROM attachments a JOIN cases c ON c.id = a.case_id WHERE c.reference = $1 ORDER BY a.created_at, a.id`, [reference]);
    return rows;
  }

  async function eventsOf(reference: string, action: string) {
    const { rows } = await t.db.pool.query(`SELECT actor_type, data, visibility, subject_id FROM events WHERE case_reference = $1 AND action = $2 ORDER BY occurred_at`, [
      reference,
      action,
    ]);
    return rows;
  }

  const notifierUpload = (token: string, files: UploadFile[], fields: Record<string, string> = {}) =>
    fetch(`${t.baseUrl}/api/v1/track/${token}/attachments`, { method: 'POST', body: uploadForm(files, fields), headers: { accept: 'application/json' } });
  const staffUpload = (reference: string, files: UploadFile[], headers: Record<string, string> = bearer(editor.token)) =>
    fetch(`${t.baseUrl}/api/v1/cases/${reference}/attachments`, { method: 'POST', body: uploadForm(files), headers: { accept: 'application/json', ...headers } });

  it('takes a notifier’s image: stored under DESK_DATA_DIR with a preview, its SHA-256 in the event log', async () => {
    const { body, token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const photo = await pngImage(1600, 1200);
    const response = await notifierUpload(token, [{ name: 'my photo.png', data: photo, type: 'image/png' }], { description: 'The original, from my camera.' });
    expect(response.status).toBe(201);
    const { attachments } = await response.json();
    expect(attachments).toEqual([
      expect.objectContaining({ fileName: 'my photo.png', mediaType: 'image/png', sizeBytes: photo.length, sha256: sha256Hex(photo), hasPreview: true, uploadedBy: 'notifier' }),
    ]);

    const [row] = await rowsOf(body.reference);
    expect(row).toMatchObject({ file_name: 'my photo.png', description: 'The original, from my camera.', uploaded_by_type: 'notifier', uploaded_by: null });
    expect(storedFiles()).toEqual(expect.arrayContaining([row.storage_key, row.preview_key]));
    expect(storedFiles().filter((file) => file.startsWith('.incoming'))).toEqual([]);

    const events = await eventsOf(body.reference, 'attachment.added');
    expect(events).toEqual([
      {
        actor_type: 'notifier',
        visibility: 'notifier',
        subject_id: row.id,
        data: expect.objectContaining({ sha256: sha256Hex(photo), sizeBytes: photo.length, mediaType: 'image/png' }),
      },
    ]);
    // The notifier sees it on their page, in words; the file itself stays with staff.
    const page = await (await fetch(`${t.baseUrl}/track/${token}`)).text();
    expect(page).toContain('You attached my photo.png.');
    expect(page).toContain('my photo.png');
    expect(page).not.toContain(`/api/v1/attachments/${row.id}`);
  });

  it('offers the upload on the receipt of the public form, right after filing', async () => {
    const formPage = await (await fetch(`${t.baseUrl}/notices/new?type=copyright`)).text();
    const formToken = /name="formToken" value="([^"]+)"/.exec(formPage)![1];
    const values = { ...noticeToFormValues(completeNotice('copyright') as { type: NoticeType }), formToken };
    const receipt = await fetch(`${t.baseUrl}/notices`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      body: new URLSearchParams(values).toString(),
    });
    expect(receipt.status).toBe(201);
    const html = await receipt.text();
    const action = /<form method="post" action="(\/track\/[A-Za-z0-9_-]+\/attachments)" enctype="multipart\/form-data"/.exec(html)?.[1];
    expect(action).toBeDefined();
    const sent = await fetch(`${t.baseUrl}${action}`, { method: 'POST', redirect: 'manual', body: uploadForm([{ name: 'licence.pdf', data: pdfDocument() }]) });
    expect(sent.status).toBe(303);
    const tracking = await (await fetch(`${t.baseUrl}${sent.headers.get('location')}`)).text();
    expect(tracking).toContain('Thank you: your files are attached to your notice.');
    expect(tracking).toContain('licence.pdf');
  });

  it('serves the file to staff only, as a download in a sandbox, and a small WebP preview', async () => {
    const { body, token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const photo = await jpegImage(1200, 900);
    const { attachments } = await (await notifierUpload(token, [{ name: 'shot.jpg', data: photo }])).json();
    const id = attachments[0].id;

    const anonymous = await fetch(`${t.baseUrl}/api/v1/attachments/${id}/file`, { headers: { accept: 'application/json' } });
    await expectProblem(anonymous, 401);

    const download = await fetch(`${t.baseUrl}/api/v1/attachments/${id}/file`, { headers: bearer(editor.token) });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="shot.jpg"; filename*=UTF-8''shot.jpg`);
    expect(download.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(photo)).toBe(true);
    expect(await eventsOf(body.reference, 'attachment.downloaded')).toEqual([expect.objectContaining({ actor_type: 'staff', subject_id: id })]);

    const preview = await fetch(`${t.baseUrl}/api/v1/attachments/${id}/preview`, { headers: bearer(editor.token) });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/webp');
    expect(preview.headers.get('content-disposition')).toMatch(/^attachment;/);
    const meta = await sharp(Buffer.from(await preview.arrayBuffer())).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'webp', width: 480, height: 360 });

    const list = await (await fetch(`${t.baseUrl}/api/v1/cases/${body.reference}/attachments`, { headers: bearer(editor.token) })).json();
    expect(list.attachments.map((file: { id: string }) => file.id)).toEqual([id]);
  });

  it('judges the type by content, never by the name: a text file called .png is refused and leaves nothing', async () => {
    const { body, token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const before = storedFiles();
    const problem = await expectProblem(
      await notifierUpload(token, [{ name: 'evidence.png', data: Buffer.from('just some text, not an image\n'.repeat(300)), type: 'image/png' }]),
      415,
      ['file'],
    );
    expect(problem.code).toBe('attachment_type_not_allowed');
    // An executable renamed to .pdf, and an SVG (markup) are refused too.
    await expectProblem(await notifierUpload(token, [{ name: 'licence.pdf', data: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(5000, 1)]) }]), 415, ['file']);
    await expectProblem(await notifierUpload(token, [{ name: 'logo.svg', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }]), 415, [
      'file',
    ]);
    expect(await rowsOf(body.reference)).toEqual([]);
    expect(await eventsOf(body.reference, 'attachment.added')).toEqual([]);
    expect(storedFiles()).toEqual(before);
  });

  it('takes a file of exactly 10 MB and refuses one byte more (413), leaving no row and no file', async () => {
    const { body, token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const before = storedFiles();
    const tooBig = await notifierUpload(token, [{ name: 'scan.pdf', data: pdfDocument(10 * MB + 1) }]);
    expect((await expectProblem(tooBig, 413, ['file'])).code).toBe('attachment_too_large');
    expect(await rowsOf(body.reference)).toEqual([]);
    expect(storedFiles()).toEqual(before);

    const exact = pdfDocument(10 * MB);
    const accepted = await notifierUpload(token, [{ name: 'scan.pdf', data: exact }]);
    expect(accepted.status).toBe(201);
    const [row] = await rowsOf(body.reference);
    expect(row).toMatchObject({ size_bytes: 10 * MB, media_type: 'application/pdf', preview_key: null, sha256: sha256Hex(exact) });
  });

  it('takes at most 10 files per notice (422), counted under the case lock when two uploads race', async () => {
    const { body, token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const pdf = pdfDocument();
    const nine = Array.from({ length: 9 }, (_, index) => ({ name: `page-${index + 1}.pdf`, data: pdf }));
    expect((await notifierUpload(token, nine)).status).toBe(201);
    const before = storedFiles();

    const racing = await Promise.all([notifierUpload(token, [{ name: 'a.pdf', data: pdf }]), staffUpload(body.reference, [{ name: 'b.pdf', data: pdf }])]);
    expect(racing.map((response) => response.status).sort()).toEqual([201, 422]);
    const refused = racing.find((response) => response.status === 422)!;
    expect((await expectProblem(refused, 422, ['file'])).code).toBe('too_many_attachments');
    expect(await rowsOf(body.reference)).toHaveLength(10);
    // Only the winner's file was added; the loser's stored file was taken away again.
    expect(storedFiles().length).toBe(before.length + 1);

    await expectProblem(await notifierUpload(token, [{ name: 'c.pdf', data: pdf }]), 422, ['file']);
  });

  it('refuses 11 files in one request before storing any', async () => {
    const { body, token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const before = storedFiles();
    const eleven = Array.from({ length: 11 }, (_, index) => ({ name: `p${index}.pdf`, data: pdfDocument() }));
    expect((await expectProblem(await notifierUpload(token, eleven), 422, ['file'])).code).toBe('too_many_attachments');
    expect(await rowsOf(body.reference)).toEqual([]);
    expect(storedFiles()).toEqual(before);
  });

  it('names each bad part: no file, an unknown field, a long description, a damaged image, not multipart', async () => {
    const { body, token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    await expectProblem(await notifierUpload(token, [], { description: 'Nothing attached' }), 422, ['file']);
    await expectProblem(await notifierUpload(token, [{ name: 'a.pdf', data: pdfDocument() }], { owner: 'me' }), 422, ['owner']);
    await expectProblem(await notifierUpload(token, [{ name: 'a.pdf', data: pdfDocument() }], { description: 'x'.repeat(501) }), 422, ['description']);
    const png = await pngImage();
    const damaged = Buffer.concat([png.subarray(0, 200), Buffer.alloc(5000, 7)]);
    await expectProblem(await notifierUpload(token, [{ name: 'broken.png', data: damaged }]), 422, ['file']);
    const json = await fetch(`${t.baseUrl}/api/v1/track/${token}/attachments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    await expectProblem(json, 415, ['file']);
    expect(await rowsOf(body.reference)).toEqual([]);
    // Elsewhere multipart is still refused as before.
    const elsewhere = await fetch(`${t.baseUrl}/api/v1/track/${token}/supplement`, { method: 'POST', body: uploadForm([{ name: 'a.pdf', data: pdfDocument() }]) });
    await expectProblem(elsewhere, 415);
  });

  it('takes no evidence on a withdrawn case (409), and answers an unknown token with 404', async () => {
    const { token } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const withdrawn = await fetch(`${t.baseUrl}/api/v1/track/${token}/withdraw`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ confirm: true, reason: 'Settled.' }),
    });
    expect(withdrawn.status).toBe(200);
    expect((await expectProblem(await notifierUpload(token, [{ name: 'a.pdf', data: pdfDocument() }]), 409)).code).toBe('case_closed_for_evidence');
    await expectProblem(await notifierUpload('x'.repeat(43), [{ name: 'a.pdf', data: pdfDocument() }]), 404);
  });

  it('lets staff attach by API (recorded as theirs, internal) and by the case page form with its CSRF token', async () => {
    const { body } = await fileAccepted(t.baseUrl, completeNotice('copyright'));
    const licence = pdfDocument();
    const response = await staffUpload(body.reference, [{ name: '../../etc/licence agreement.pdf', data: licence }]);
    expect(response.status).toBe(201);
    const [row] = await rowsOf(body.reference);
    expect(row).toMatchObject({ file_name: 'licence agreement.pdf', uploaded_by_type: 'staff', uploaded_by: editor.id });
    expect(await eventsOf(body.reference, 'attachment.added')).toEqual([expect.objectContaining({ actor_type: 'staff', visibility: 'internal' })]);

    const { cookie } = await login(t, editor.email, editor.password);
    const page = await (await fetch(`${t.baseUrl}/desk/cases/${body.reference}`, { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1];
    const form = (fields: Record<string, string>) =>
      fetch(`${t.baseUrl}/desk/cases/${body.reference}/attachments`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, accept: 'text/html' },
        body: uploadForm([{ name: 'screenshot.png', data: licence }], fields),
      });
    const forged = await form({});
    expect(forged.status).toBe(403);
    const sent = await form({ _csrf: csrf });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/desk/cases/${body.reference}?done=attached#evidence`);
    // The content is a PDF whatever its name said: stored and offered as one.
    expect((await rowsOf(body.reference)).map((r) => r.file_name)).toEqual(['licence agreement.pdf', 'screenshot.pdf']);
  });

  it('shows the case page the photo the notice is about beside the notifier’s evidence', async () => {
    const url = 'https://freelanews.com/2025/07/09/harbour-fire/';
    const imageUrl = 'https://freelanews.com/wp-content/uploads/2025/07/harbour-fire.jpg';
    await t.app.get(ArticlesService).importArticles(
      [
        {
          url,
          title: 'Fire at the harbour',
          body: 'A fire broke out at the harbour on Tuesday.',
          media: [{ url: imageUrl, caption: 'The harbour at dawn', credit: 'Jane Photographer' }],
        },
      ],
      { type: 'system', id: null },
    );
    const notice = completeNotice('copyright');
    notice.items = [{ url, media: imageUrl }];
    const { body, token } = await fileAccepted(t.baseUrl, notice);
    await notifierUpload(token, [{ name: 'original.png', data: await pngImage() }]);

    const page = await (await fetch(`${t.baseUrl}/desk/cases/${body.reference}`, { headers: bearer(editor.token) })).text();
    expect(page).toContain(`<img src="${imageUrl}"`);
    expect(page).toContain('The harbour at dawn');
    expect(page).toContain('Credit: Jane Photographer');
    expect(page).toContain('Named in the notice');
    const [row] = await rowsOf(body.reference);
    expect(page).toContain(`<img src="/api/v1/attachments/${row.id}/preview"`);
    expect(page).toContain(`href="/api/v1/attachments/${row.id}/file"`);
  });

  it('refuses bad media in the import format, naming the field', async () => {
    const error = await t.app
      .get(ArticlesService)
      .importArticles([{ url: 'https://freelanews.com/x/', title: 'X', body: 'Body.', media: [{ url: 'not a url', caption: 'c' }] }], { type: 'system', id: null })
      .then(
        () => null,
        (caught: { errors: unknown[] }) => caught,
      );
    expect(error?.errors).toEqual([expect.objectContaining({ field: '[0].media[0].url' })]);
  });
});
