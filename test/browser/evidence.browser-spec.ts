import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { ArticlesService } from '../../src/articles/articles.service';
import { completeNotice, fileAccepted } from '../factories';
import { browserSuite, expectFits, WIDTHS } from '../support/browser-suite';
import { jpegImage, pngImage, sha256Hex } from '../support/evidence-files';

const SCREENSHOTS = process.env.DESK_SCREENSHOTS === '1';
const ARTICLE_URL = 'https://freelanews.com/2025/07/09/harbour-fire/';
const PHOTO_URL = 'https://freelanews.com/wp-content/uploads/2025/07/harbour-fire.jpg';

describe('evidence in a browser: the notifier attaches a file, staff see its preview and download it', () => {
  const suite = browserSuite({ staff: { editor: ['editor', 'Erin Editor'] } });
  let context: BrowserContext;
  let page: Page;
  let photo: Buffer;
  let reference: string;
  let token: string;

  beforeAll(async () => {
    const t = suite.t;
    photo = await jpegImage(1600, 1200);
    await t.app.get(ArticlesService).importArticles(
      [
        {
          url: ARTICLE_URL,
          title: 'Fire at the harbour',
          body: 'A fire broke out at the harbour.',
          media: [{ url: PHOTO_URL, caption: 'The harbour at dawn', credit: 'Jane Photographer' }],
        },
      ],
      { type: 'system', id: null },
    );
    const notice = completeNotice('copyright');
    notice.items = [{ url: ARTICLE_URL, media: PHOTO_URL }];
    ({
      body: { reference },
      token,
    } = await fileAccepted(t.baseUrl, notice));
  });

  for (const viewport of WIDTHS) {
    const { width } = viewport;
    describe(`at ${width} px`, () => {
      beforeEach(async () => {
        ({ context, page } = await suite.open({ viewport, acceptDownloads: true }));
        // The article's photo lives on the publisher's site: served here, never fetched.
        const published = await pngImage(900, 600, '#336699');
        await context.route('https://freelanews.com/**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: published }));
      });

      it('the notifier attaches a photo on the tracking page; a wrong file is refused beside the field', async () => {
        await page.goto(`${suite.t.baseUrl}/track/${token}`);
        const section = page.getByRole('region', { name: 'Your evidence' });
        await section.waitFor();

        // A text file named like an image comes back with the error beside the field.
        await section.getByLabel('File', { exact: true }).setInputFiles({ name: 'not-a-photo.png', mimeType: 'image/png', buffer: Buffer.from('<html>hello</html>'.repeat(300)) });
        const [refused] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/attachments')), section.getByRole('button', { name: 'Attach files' }).click()]);
        expect(refused.status()).toBe(415);
        await page.getByRole('alert').waitFor();
        expect(await page.getByRole('alert').textContent()).toContain('File: Must be one of: JPEG, PNG, WebP or GIF images, or PDF documents.');
        expect(await page.locator('#f-evidence-file').getAttribute('aria-invalid')).toBe('true');
        await expectFits(page, 'the tracking page with the refused file');
        await page.getByRole('link', { name: /^File: / }).click();
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-evidence-file');

        await page.getByLabel('File', { exact: true }).setInputFiles({ name: `original-${width}.jpg`, mimeType: 'image/jpeg', buffer: photo });
        await page.getByLabel(/What the files show/).fill('My original, straight from the camera.');
        const [sent] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/attachments')), page.getByRole('button', { name: 'Attach files' }).click()]);
        expect(sent.status()).toBe(303);
        await page.getByText('Thank you: your files are attached to your notice.').waitFor();
        expect(await page.getByRole('region', { name: 'Your evidence' }).textContent()).toContain(`original-${width}.jpg`);
        expect(await page.locator(`a[href*="/api/v1/attachments/"]`).count()).toBe(0);
        await expectFits(page, 'the tracking page with the attached file');
      });

      it('staff see the photo the notice is about beside the preview, and download the file', async () => {
        await suite.signIn(page, suite.staff.editor, `/desk/cases/${reference}`);
        const panel = page.getByRole('region', { name: 'Photos and evidence' });
        await panel.waitFor();
        const published = panel.getByRole('img', { name: 'The harbour at dawn' });
        await published.scrollIntoViewIfNeeded();
        await page.waitForFunction((src) => {
          const image = document.querySelector<HTMLImageElement>(`img[src="${src}"]`);
          return !!image && image.complete && image.naturalWidth > 0;
        }, PHOTO_URL);
        expect(await panel.textContent()).toContain('Credit: Jane Photographer');

        const preview = panel.getByRole('img', { name: `Preview of original-${width}.jpg` });
        await preview.scrollIntoViewIfNeeded();
        await page.waitForFunction((alt) => {
          const image = [...document.querySelectorAll('img')].find((candidate) => candidate.alt === alt);
          return !!image && image.complete && image.naturalWidth > 0;
        }, `Preview of original-${width}.jpg`);
        const size = await preview.evaluate((image: HTMLImageElement) => ({ width: image.naturalWidth, height: image.naturalHeight }));
        expect(size).toEqual({ width: 480, height: 360 });
        await expectFits(page, 'the case page with the preview beside the article’s photo');

        const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('link', { name: `original-${width}.jpg` }).click()]);
        expect(download.suggestedFilename()).toBe(`original-${width}.jpg`);
        expect(sha256Hex(readFileSync((await download.path())!))).toBe(sha256Hex(photo));
        if (SCREENSHOTS) await page.screenshot({ path: `/tmp/desk-evidence-case-${width}.png`, fullPage: true });
      });

      it('staff attach a licence from the case page; a form without a file says so beside the field', async () => {
        await suite.signIn(page, suite.staff.editor, `/desk/cases/${reference}`);
        const panel = page.getByRole('region', { name: 'Photos and evidence' });
        await panel.getByText('Attach a file').click();
        await expectFits(page, 'the case page with the attach form open');
        const [empty] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/attachments')), panel.getByRole('button', { name: 'Attach', exact: true }).click()]);
        expect(empty.status()).toBe(422);
        expect(await page.getByRole('alert').first().textContent()).toContain('Choose a file to attach.');
        await expectFits(page, 'the case page with the attach form’s error');

        const licence = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
        await page.getByLabel('File', { exact: true }).setInputFiles({ name: `licence-${width}.pdf`, mimeType: 'application/pdf', buffer: licence });
        const [sent] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/attachments')), page.getByRole('button', { name: 'Attach', exact: true }).click()]);
        expect(sent.status()).toBe(303);
        await page.getByText('The file was attached to the case.').waitFor();
        const evidence = page.getByRole('region', { name: 'Photos and evidence' });
        expect(await evidence.textContent()).toContain('from Erin Editor');
        expect(await evidence.textContent()).toContain(`licence-${width}.pdf`);
        await expectFits(page, 'the case page with the staff’s file');
      });
    });
  }
});
