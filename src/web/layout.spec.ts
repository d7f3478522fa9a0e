import { html } from '../common/html';
import { DEFAULT_PUBLISHER_NAME, page, setPublisherName } from './layout';

describe('page()', () => {
  afterEach(() => setPublisherName(DEFAULT_PUBLISHER_NAME));

  it('keeps private pages out of search engines', () => {
    const markup = page({ title: 'Case X', body: html`<h1>Case</h1>`, private: true });
    expect(markup).toContain('<meta name="robots" content="noindex, nofollow, noarchive">');
  });

  it('treats every staff page as private', () => {
    const markup = page({ title: 'Queue', body: html`<h1>Queue</h1>`, staff: { name: 'Ann', role: 'editor', csrfToken: 't' } });
    expect(markup).toContain('content="noindex, nofollow, noarchive"');
    expect(markup).toContain('<input type="hidden" name="_csrf" value="t">');
  });

  it('lets search engines find the public pages', () => {
    const markup = page({ title: 'Report content', body: html`<h1>Report</h1>` });
    expect(markup).not.toContain('name="robots"');
  });

  it('names the outlet from PUBLISHER_NAME, escaped', () => {
    expect(page({ title: 'T', body: html`` })).toContain('Legal notices for Freelanews articles.');
    setPublisherName('The <Daily> Post');
    expect(page({ title: 'T', body: html`` })).toContain('Legal notices for The &lt;Daily&gt; Post articles.');
  });
});
