import type { Page } from 'playwright-core';
import { ArticlesService } from '../../src/articles/articles.service';
import { completeNotice, fileAccepted, withValue } from '../factories';
import { browserSuite, expectFits, WIDTHS } from '../support/browser-suite';

const SCREENSHOTS = process.env.DESK_SCREENSHOTS === '1';
const REASONS = 'The article misstated the amount of the fine; a correction answers the complaint in full.';
// Each width has articles of its own (a decided article is not decided again).
const articlesAt = (width: number) => [
  {
    slug: `allotment-fine-${width}`,
    url: `https://freelanews.com/2016/03/01/allotment-fine-${width}/`,
    title: 'Magistrates fine allotment holder',
    body: 'An allotment holder was fined £2,000 by magistrates on Monday.\n\nThe fine was for damage to a shed.',
  },
  {
    slug: `old-court-report-${width}`,
    url: `https://freelanews.com/2009/05/04/old-court-report-${width}/`,
    title: 'Driver banned after village crash',
    body: 'A driver was banned for a year after a crash in the village. Nobody was hurt.',
  },
  {
    slug: `council-row-${width}`,
    url: `https://freelanews.com/2012/10/10/council-row-${width}/`,
    title: 'Councillors trade insults over bins',
    body: 'Councillor Jane Smith called the bin plan a disgrace at Tuesday’s meeting.',
  },
  {
    slug: `shed-dispute-${width}`,
    url: `https://freelanews.com/2016/03/08/shed-dispute-${width}/`,
    title: 'Council and allotment holders argue over a shed',
    body: 'The council says the shed on plot 14 was built without permission.',
  },
  {
    slug: `teacher-caution-${width}`,
    url: `https://freelanews.com/2011/02/14/teacher-caution-${width}/`,
    title: 'Tom Baker cautioned after school trip',
    body: 'Tom Baker, a teacher at the village school, was cautioned by police.\n\nParents said Tom Baker had always been careful.',
  },
  {
    slug: `clinic-visit-${width}`,
    url: `https://freelanews.com/2018/07/02/clinic-visit-${width}/`,
    title: 'Queues at the new clinic',
    body: 'Patients queued for an hour on Monday. One patient, treated for a rare illness, said the wait was fine.\n\nThe clinic opens at eight.',
  },
  {
    slug: `harbour-fair-${width}`,
    url: `https://freelanews.com/2019/08/19/harbour-fair-${width}/`,
    title: 'Thousands at the harbour fair',
    body: 'Thousands came to the harbour fair on Saturday.',
    media: [{ url: `https://freelanews.com/media/harbour-fair-${width}.jpg`, caption: 'The fair from the pier', credit: 'Sam Snapper' }],
  },
];
// The newsroom remedies, each with the fields the form shows for it alone.
const REMEDIES = [
  'Restrict access in some countries',
  'Redact a passage',
  'Remove one image (a placeholder names the case)',
  'Publish a correction or clarification',
  'Publish a reply with the article',
  'Replace a name in the article',
  'Keep online, hide from search engines',
  'Remove the article',
];

// The decision form walked by keyboard: only the chosen action's fields, every error at once,
// a date picker for a restriction's end; then the public page shows the correction, is hidden
// from search engines, or is a tombstone. At a laptop's and a phone's width.
describe('an editor records a newsroom remedy in the browser', () => {
  const suite = browserSuite({ staff: { editor: ['editor', 'Erin Editor'] } });
  let page: Page;

  beforeAll(async () => {
    for (const { width } of WIDTHS) await suite.t.app.get(ArticlesService).importArticles(articlesAt(width), { type: 'system', id: null });
  });

  async function openCase(url: string, passage: string, width: number): Promise<string> {
    ({ page } = await suite.open({ viewport: WIDTHS.find((viewport) => viewport.width === width) }));
    const { body } = await fileAccepted(suite.t.baseUrl, withValue(completeNotice('defamation'), 'items', [{ url, passage }]));
    await suite.signIn(page, suite.staff.editor, `/desk/cases/${body.reference}`);
    await page.getByRole('heading', { name: 'Record a decision' }).waitFor();
    return body.reference;
  }
  // Chooses an action of item 1 with the keyboard: focus the group's first option, then arrows.
  async function chooseByKeyboard(label: string): Promise<void> {
    const group = page.getByRole('group', { name: 'Decision for item 1' });
    await group.getByRole('radio').first().focus();
    for (let step = 0; step < 12 && !(await group.getByRole('radio', { name: label }).isChecked()); step++) await page.keyboard.press('ArrowDown');
    expect(await group.getByRole('radio', { name: label }).isChecked()).toBe(true);
  }

  async function submit(): Promise<number> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/transitions') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Record decision' }).click(),
    ]);
    return response.status();
  }

  // Ground and reasons for item 1's chosen remedy, then the decision takes effect at once.
  async function decideOnDefamation(reasons: string): Promise<void> {
    await page.getByLabel('Legal ground').selectOption('defamation');
    await page.getByLabel('Statement of reasons').fill(reasons);
    expect(await submit()).toBe(303);
    await page.getByText('The decision was recorded and has taken effect.').waitFor();
  }

  describe.each(WIDTHS)('at $width px', ({ width }) => {
    const ARTICLES = articlesAt(width);

    it('shows each remedy’s fields alone, all errors at once, and publishes the correction', async () => {
      await openCase(ARTICLES[0].url, 'was fined £2,000 by magistrates', width);
      await expectFits(page, 'the decision form');
      const text = page.getByLabel('Text of the correction (item 1)');
      expect(await text.isVisible()).toBe(false);
      expect(await page.getByLabel('Territories for item 1').isVisible()).toBe(false);

      // Each remedy shows its own fields (if any) and hides the others'.
      for (const remedy of REMEDIES) {
        await chooseByKeyboard(remedy);
        for (const other of REMEDIES) {
          const fields = page.getByRole('group', { name: `${other}: item 1` });
          if (await fields.count())
            expect({ chosen: remedy, fieldsOf: other, visible: await fields.isVisible() }).toEqual({ chosen: remedy, fieldsOf: other, visible: other === remedy });
        }
        await expectFits(page, `the decision form with “${remedy}” chosen`);
      }

      await chooseByKeyboard('Restrict access in some countries');
      const until = page.getByLabel('Restricted until (item 1)');
      await until.waitFor({ state: 'visible' });
      expect(await until.getAttribute('type')).toBe('date');

      await chooseByKeyboard('Publish a correction or clarification');
      await text.waitFor({ state: 'visible' });
      expect(await until.isVisible()).toBe(false);
      expect(
        await page
          .getByRole('group', { name: 'Correction or clarification (item 1)' })
          .getByRole('radio', { name: /^Correction/ })
          .isChecked(),
      ).toBe(true);

      // Nothing else filled in: the text, the ground and the reasons are named together.
      expect(await submit()).toBe(422);
      const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
      await summary.waitFor();
      for (const link of ['Text of the correction (item 1)', 'Legal ground', 'Statement of reasons'])
        await summary.getByRole('link', { name: new RegExp(`^${link.replace(/[()]/g, '\\$&')}`) }).waitFor();
      await text.waitFor({ state: 'visible' });
      expect(await text.getAttribute('aria-invalid')).toBe('true');
      await expectFits(page, 'the decision form with its errors');

      await summary.getByRole('link', { name: /^Text of the correction/ }).click();
      await page.keyboard.type('The fine was £200, not £2,000 as first reported.');
      await page.getByLabel('Legal ground').selectOption('defamation');
      await page.getByLabel('Statement of reasons').fill(REASONS);
      expect(await submit()).toBe(303);
      await page.getByText('The decision was recorded and has taken effect.').waitFor();
      await page.getByRole('region', { name: 'Decisions' }).getByText('The fine was £200, not £2,000 as first reported.').waitFor();
      await expectFits(page, 'the case page with the decision');

      await page.goto(`${suite.t.baseUrl}/articles/${ARTICLES[0].slug}`);
      const corrections = page.getByRole('region', { name: 'Correction' });
      await corrections.getByText('The fine was £200, not £2,000 as first reported.').waitFor();
      await corrections.locator(`time[datetime="${new Date().toISOString().slice(0, 10)}"]`).waitFor();
      expect(await page.locator('meta[name="robots"]').count()).toBe(0);
      await expectFits(page, 'the article page with its correction');
    });

    it('hides an article from search engines', async () => {
      const reference = await openCase(ARTICLES[1].url, 'banned for a year', width);
      await chooseByKeyboard('Keep online, hide from search engines');
      await page.getByText('its page asks search engines not to index it').waitFor();
      await expectFits(page, 'the decision form with noindex chosen');
      await page.getByLabel('Legal ground').selectOption('defamation');
      await page.getByLabel('Statement of reasons').fill('A true report of 2009; the driver’s privacy now outweighs its findability.');
      expect(await submit()).toBe(303);
      await page.getByText('The decision was recorded and has taken effect.').waitFor();
      if (SCREENSHOTS) await page.screenshot({ path: `/tmp/remedies-noindex-case-${width}.png`, fullPage: true });

      const response = await page.goto(`${suite.t.baseUrl}/articles/${ARTICLES[1].slug}`);
      expect(response!.headers()['x-robots-tag']).toBe('noindex');
      expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
      await page.getByText('A driver was banned for a year').waitFor();
      await page.getByText(`kept online but hidden from search engines after a defamation notice (case ${reference})`).waitFor();
      await expectFits(page, 'the article page, hidden from search engines');
    });

    it('publishes a reply with the article', async () => {
      const reference = await openCase(ARTICLES[3].url, 'built without permission', width);
      await chooseByKeyboard('Publish a reply with the article');
      await page.getByLabel('Reply from (item 1)').fill('Allotment Holders’ Association of Lower Wensleydale');
      await page.getByLabel('Text of the reply (item 1)').fill('The shed was built in 1987 with the written permission of the parish council, which we hold.');
      await expectFits(page, 'the decision form with the reply filled in');
      await page.getByLabel('Legal ground').selectOption('defamation');
      await page.getByLabel('Statement of reasons').fill('The article gave one side only; the association’s reply sets out its permission.');
      expect(await submit()).toBe(303);
      await page.getByText('The decision was recorded and has taken effect.').waitFor();

      await page.goto(`${suite.t.baseUrl}/articles/${ARTICLES[3].slug}`);
      const replies = page.getByRole('region', { name: 'Right of reply' });
      await replies.getByText('Allotment Holders’ Association of Lower Wensleydale').waitFor();
      await replies.getByText(`(case ${reference})`, { exact: false }).waitFor();
      await replies.getByText('with the written permission of the parish council', { exact: false }).waitFor();
      await expectFits(page, 'the article page with the reply');
    });

    it('replaces a name: the public page prints the replacement, the title too, and says so', async () => {
      const reference = await openCase(ARTICLES[4].url, 'Tom Baker, a teacher at the village school', width);
      await chooseByKeyboard('Replace a name in the article');
      await page.getByLabel('Name to replace (item 1)').fill('Tom Baker');
      await page.getByLabel('Replace with (item 1)').fill('a teacher');
      await expectFits(page, 'the decision form with the name to replace');
      await decideOnDefamation('The caution was spent years ago; the teacher’s name adds nothing to the report.');

      await page.goto(`${suite.t.baseUrl}/articles/${ARTICLES[4].slug}`);
      await page.getByRole('heading', { level: 1, name: 'a teacher cautioned after school trip' }).waitFor();
      const text = await page.locator('main').innerText();
      expect(text).not.toContain('Tom Baker');
      expect(text).toContain('Parents said a teacher had always been careful.');
      await page.getByText(`name replaced in the article after a defamation notice (case ${reference})`, { exact: false }).waitFor();
      await expectFits(page, 'the article page with the name replaced');
    });

    it('redacts a passage: the public page marks where it was, naming the case', async () => {
      const reference = await openCase(ARTICLES[5].url, 'treated for a rare illness', width);
      await chooseByKeyboard('Redact a passage');
      await page.getByLabel('Passage to redact (item 1)').fill('One patient, treated for a rare illness, said the wait was fine.');
      await decideOnDefamation('The patient can be recognised from the description; the passage goes.');

      await page.goto(`${suite.t.baseUrl}/articles/${ARTICLES[5].slug}`);
      await page.getByText(`[Passage removed after a legal notice, case ${reference}]`).waitFor();
      const text = await page.locator('main').innerText();
      expect(text).not.toContain('rare illness');
      expect(text).toContain('Patients queued for an hour on Monday.');
      await expectFits(page, 'the article page with a redaction');
    });

    it('removes one photo: the public page shows a placeholder naming the case', async () => {
      const photo = `https://freelanews.com/media/harbour-fair-${width}.jpg`;
      const reference = await openCase(ARTICLES[6].url, 'Thousands came to the harbour fair', width);
      await chooseByKeyboard('Remove one image (a placeholder names the case)');
      await page.getByLabel('Image to remove (item 1)').fill(photo);
      await decideOnDefamation('The photograph shows the complainant’s children without consent.');

      await page.goto(`${suite.t.baseUrl}/articles/${ARTICLES[6].slug}`);
      const placeholder = page.getByRole('img', { name: 'Image removed' });
      await placeholder.getByText(`(case ${reference})`, { exact: false }).waitFor();
      expect(await placeholder.innerText()).toContain('The fair from the pier');
      expect(await page.locator(`img[src="${photo}"]`).count()).toBe(0);
      await page.getByText('Thousands came to the harbour fair on Saturday.').waitFor();
      await expectFits(page, 'the article page with the photo removed');
    });

    it('removes an article: the public page becomes a tombstone naming the case', async () => {
      const reference = await openCase(ARTICLES[2].url, 'called the bin plan a disgrace', width);
      await chooseByKeyboard('Remove the article');
      await page.getByLabel('Legal ground').selectOption('defamation');
      await page.getByLabel('Statement of reasons').fill('The quotation was never said; the councillor’s complaint is upheld in full.');
      await page.getByLabel('Public note').fill('Removed after a complaint we upheld.');
      expect(await submit()).toBe(303);
      await page.getByText('The decision was recorded and has taken effect.').waitFor();

      await page.goto(`${suite.t.baseUrl}/removed/${ARTICLES[2].slug}`);
      await page.getByText(reference).waitFor();
      await page.getByText('Removed after a complaint we upheld.').waitFor();
      await expectFits(page, 'the tombstone');
    });
  });
});
