import { ArticlesService } from '../src/articles/articles.service';
import { bearer, completeNotice, createStaff, expectProblem, fileAccepted, postJson, StaffMember, withValue } from './factories';
import { startTestApp, TestApp } from './support/test-app';

const REASONS = 'The article is true but names a private person in an old story; a lighter remedy answers the notice.';
const SLUG = 'magistrates-fine-local-man';
const URL = `https://freelanews.com/2016/03/01/${SLUG}/`;
const PI_SLUG = 'council-budget-vote';
const PI_URL = `https://freelanews.com/2026/01/10/${PI_SLUG}/`;
const IMAGE = 'https://freelanews.com/media/2016/court-steps.jpg';

// The newsroom remedies through the API and the article's public page: each one shown to
// readers, four-eyes where a public-interest article is hidden or changed, and undone by a
// restoration.
describe('newsroom remedies', () => {
  let t: TestApp;
  let editor: StaffMember;
  let legal: StaffMember;

  beforeAll(async () => {
    t = await startTestApp();
    editor = await createStaff(t, 'editor', 'Erin Editor');
    legal = await createStaff(t, 'legal', 'Lee Legal');
    await t.app.get(ArticlesService).importArticles(
      [
        {
          url: URL,
          title: 'Magistrates fine John Smith over allotment dispute',
          byline: 'Ann Writer',
          body: 'John Smith, 54, was fined £200 by magistrates on Monday.\n\nMr John Smith told reporters he would appeal. The fine was for damage to a shed.',
          publicInterest: false,
          media: [{ url: IMAGE, caption: 'The court steps on Monday', credit: 'Pat Photographer' }],
        },
        {
          url: PI_URL,
          title: 'Council approves budget after close vote',
          body: 'Councillor Jane Roe cast the deciding vote on the budget. Critics said the vote was rushed.',
          publicInterest: true,
        },
      ],
      { type: 'system', id: null },
    );
  });
  afterAll(() => t.close());

  const act = (reference: string, body: Record<string, unknown>, who = editor) => postJson(t.baseUrl, `/api/v1/cases/${reference}/transitions`, body, bearer(who.token));
  const publicPage = (slug: string, accept = 'text/html') => fetch(`${t.baseUrl}/articles/${slug}`, { headers: { accept } });

  // A defamation notice on the URL, taken into review: its reference, version and item id.
  async function inReview(url: string): Promise<{ reference: string; version: number; itemId: string }> {
    const passage = url === URL ? 'was fined £200 by magistrates' : 'cast the deciding vote';
    const { body: filed } = await fileAccepted(t.baseUrl, withValue(completeNotice('defamation'), 'items', [{ url, passage }]));
    const response = await act(filed.reference, { action: 'start_review', version: 1 });
    const started = await response.json();
    if (response.status !== 200) throw new Error(`start_review: ${response.status} ${JSON.stringify(started)}`);
    return { reference: filed.reference, version: started.version, itemId: started.items[0].id };
  }

  async function decide(url: string, item: Record<string, unknown>): Promise<{ reference: string; answer: any; status: number }> {
    const review = await inReview(url);
    const response = await act(review.reference, {
      action: 'decide',
      version: review.version,
      ground: 'defamation',
      reasons: REASONS,
      items: [{ itemId: review.itemId, ...item }],
    });
    return { reference: review.reference, answer: await response.json(), status: response.status };
  }

  const messageTo = async (reference: string, kind: string) =>
    (await t.db.pool.query(`SELECT m.body FROM messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1 AND m.kind = $2`, [reference, kind])).rows[0]?.body as string;

  it('publishes a correction with its text and date, tells both parties in words, and a restoration takes it away', async () => {
    const text = 'The fine was £200, not £2,000 as first reported.';
    const { reference, answer, status } = await decide(URL, { action: 'correct', text });
    expect(status).toBe(200);
    expect(answer.status).toBe('actioned');
    const today = new Date().toISOString().slice(0, 10);

    const page = await publicPage(SLUG);
    expect(page.status).toBe(200);
    const markup = await page.text();
    expect(markup).toContain('The fine was £200, not £2,000 as first reported.');
    expect(markup).toContain(`<time datetime="${today}">${today}</time>`);
    expect(markup).toContain(`case ${reference}`);
    expect(page.headers.get('x-robots-tag')).toBeNull();
    const json = await (await publicPage(SLUG, 'application/json')).json();
    expect(json.corrections).toEqual([{ kind: 'correction', text, date: today, caseReference: reference }]);
    expect(json.state).toBe('live');

    expect(await messageTo(reference, 'decision')).toContain(`a correction published at the end of the article: "${text}"`);
    expect(await messageTo(reference, 'statement_of_reasons')).toContain('a correction published');

    const restored = await act(reference, { action: 'restore', version: answer.version, reason: 'The notifier withdrew the complaint after talking to the editor.' }, legal);
    expect(restored.status).toBe(200);
    expect((await (await publicPage(SLUG, 'application/json')).json()).corrections).toEqual([]);
    const events = await t.db.pool.query(`SELECT action, data->>'kind' AS kind FROM events WHERE case_reference = $1 AND action LIKE 'article.remedy_%' ORDER BY occurred_at, id`, [
      reference,
    ]);
    expect(events.rows).toEqual([
      { action: 'article.remedy_applied', kind: 'correct' },
      { action: 'article.remedy_lifted', kind: 'correct' },
    ]);
  });

  it('replaces a name in the title and text of the public page, never showing it, until restored', async () => {
    const { reference, answer, status } = await decide(URL, { action: 'anonymise', name: 'John Smith', replacement: 'a local man' });
    expect(status).toBe(200);
    const markup = await (await publicPage(SLUG)).text();
    expect(markup).toContain('Magistrates fine a local man over allotment dispute');
    expect(markup).toContain('a local man, 54, was fined');
    expect(markup).toContain('Mr a local man told reporters');
    expect(markup).not.toMatch(/John\s+Smith/);
    expect(JSON.stringify(await (await publicPage(SLUG, 'application/json')).json())).not.toMatch(/John\s+Smith/);
    expect(markup).toContain(`name replaced in the article after a defamation notice (case ${reference})`);

    await act(reference, { action: 'restore', version: answer.version, reason: 'A court found the article accurate; the name is printed again.' }, legal);
    expect(await (await publicPage(SLUG)).text()).toContain('John Smith, 54, was fined');
  });

  it('replaces a removed image by a placeholder naming the case, and publishes a reply with the article', async () => {
    // A CDN's size parameter names the same image.
    const removed = await decide(URL, { action: 'remove_media', media: `${IMAGE}?w=800` });
    expect(removed.status).toBe(200);
    const reply = await decide(URL, { action: 'right_of_reply', replyBy: 'Allotment Society', text: 'The shed belonged to the society, not to the council.' });
    expect(reply.status).toBe(200);
    const markup = await (await publicPage(SLUG)).text();
    expect(markup).toContain('class="media-placeholder"');
    expect(markup).toContain(`after a defamation notice (case ${removed.reference})`);
    expect(markup).toContain('A reply from <strong>Allotment Society</strong>');
    expect(markup).toContain('The shed belonged to the society, not to the council.');
    const json = await (await publicPage(SLUG, 'application/json')).json();
    expect(json.media).toEqual([
      { url: IMAGE, caption: 'The court steps on Monday', credit: 'Pat Photographer', alt: null, removed: expect.objectContaining({ caseReference: removed.reference }) },
    ]);
    expect(markup).not.toContain(`<img src="${IMAGE}"`);
    expect(await messageTo(removed.reference, 'decision')).toContain(`the image ${IMAGE}?w=800 removed`);
    await act(removed.reference, { action: 'restore', version: removed.answer.version, reason: 'The image was licensed after all; it goes back.' }, legal);
    const back = await (await publicPage(SLUG, 'application/json')).json();
    expect(back.media).toEqual([{ url: IMAGE, caption: 'The court steps on Monday', credit: 'Pat Photographer', alt: null, removed: null }]);
  });

  it('hides a public-interest article from search engines only after a second person approves', async () => {
    const before = await publicPage(PI_SLUG);
    expect(before.headers.get('x-robots-tag')).toBeNull();
    expect(await before.text()).not.toContain('name="robots"');

    const { reference, answer, status } = await decide(PI_URL, { action: 'noindex' });
    expect(status).toBe(200);
    expect(answer.status).toBe('pending_approval');
    expect((await publicPage(PI_SLUG)).headers.get('x-robots-tag')).toBeNull();

    const approved = await act(reference, { action: 'approve', version: answer.version }, legal);
    expect(approved.status).toBe(200);
    const after = await publicPage(PI_SLUG);
    expect(after.status).toBe(200);
    expect(after.headers.get('x-robots-tag')).toBe('noindex');
    const markup = await after.text();
    expect(markup).toContain('<meta name="robots" content="noindex">');
    expect(markup).toContain('Councillor Jane Roe cast the deciding vote');
    expect(markup).toContain('kept online but hidden from search engines');
    const recorded = await t.db.pool.query(`SELECT data->'approvalReasons' AS reasons FROM events WHERE case_reference = $1 AND action = 'decision.recorded'`, [reference]);
    expect(recorded.rows[0].reasons).toEqual(['noindex']);
  });

  it('lets one person correct a public-interest article (it adds text and hides nothing)', async () => {
    const { answer, status } = await decide(PI_URL, { action: 'correct', correctionKind: 'clarification', text: 'Councillor Roe voted with the majority of her group.' });
    expect(status).toBe(200);
    expect(answer.status).toBe('actioned');
    expect(await (await publicPage(PI_SLUG)).text()).toContain('Clarification');
  });

  it('names every bad field of every remedy at once and writes nothing', async () => {
    const reviews = await Promise.all([inReview(URL), inReview(URL), inReview(URL), inReview(URL), inReview(URL), inReview(URL)]);
    const { rows: before } = await t.db.pool.query(`SELECT count(*)::int AS n FROM decisions`);
    const cases = [
      [{ action: 'correct', correctionKind: 'erratum', text: 'The vote was on Tuesday.' }, ['items[0].correctionKind']],
      [{ action: 'correct' }, ['items[0].text']],
      [{ action: 'right_of_reply', text: 'x' }, ['items[0].text', 'items[0].replyBy']],
      [{ action: 'anonymise', name: 'Nobody Known', replacement: '' }, ['items[0].name', 'items[0].replacement']],
      [{ action: 'remove_media' }, ['items[0].media']],
      [{ action: 'remove_media', media: 'https://freelanews.com/media/someone-else.jpg' }, ['items[0].media']],
    ] as const;
    for (const [index, [item, fields]] of cases.entries()) {
      const review = reviews[index];
      const response = await act(review.reference, {
        action: 'decide',
        version: review.version,
        ground: 'defamation',
        reasons: REASONS,
        items: [{ itemId: review.itemId, ...item }],
      });
      const problem = await expectProblem(response, 422, [...fields]);
      expect(problem.errors.map((error: { field: string }) => error.field).sort()).toEqual([...fields].sort());
    }
    const { rows: after } = await t.db.pool.query(`SELECT count(*)::int AS n FROM decisions`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('answers 410 with the tombstone for a removed article, which lists what was done', async () => {
    const corrected = await decide(URL, { action: 'correct', text: 'An earlier version misspelt the court’s name.' });
    expect(corrected.status).toBe(200);
    const { reference, status } = await decide(URL, { action: 'remove' });
    expect(status).toBe(200);
    const gone = await publicPage(SLUG, 'application/json');
    expect(gone.status).toBe(410);
    expect(await gone.json()).toEqual({ slug: SLUG, state: 'removed', tombstoneUrl: `/removed/${SLUG}` });
    const tombstone = await (await fetch(`${t.baseUrl}/removed/${SLUG}`, { headers: { accept: 'application/json' } })).json();
    expect(tombstone.actions[0]).toEqual(expect.objectContaining({ label: 'removed', caseReference: reference }));
    expect(tombstone.actions).toContainEqual(expect.objectContaining({ label: 'correction published with the article', caseReference: corrected.reference }));
    expect(await (await fetch(`${t.baseUrl}/removed/${SLUG}`)).text()).toContain('What was done');
  });

  it('documents the remedies in the OpenAPI document', async () => {
    const document = await (await fetch(`${t.baseUrl}/api/docs/openapi.json`)).json();
    expect(document.paths['/articles/{slug}'].get).toBeDefined();
    const item = document.components.schemas.DecisionItemDto;
    expect(item.properties.action.enum).toEqual(expect.arrayContaining(['remove_media', 'correct', 'right_of_reply', 'anonymise', 'noindex']));
    expect(Object.keys(item.properties)).toEqual(expect.arrayContaining(['media', 'text', 'correctionKind', 'replyBy', 'name', 'replacement']));
  });
});
