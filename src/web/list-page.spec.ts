import { html } from '../common/html';
import { listHref, listTable, pageNumberPager, pager } from './list-page';

const columns = [
  { heading: 'Case', cell: (row: { ref: string; note: string | null }) => html`<a href="/desk/cases/${row.ref}">${row.ref}</a>`, nowrap: true },
  { heading: 'Note', cell: (row: { ref: string; note: string | null }) => row.note },
];

describe('list pages', () => {
  it('renders a table with a caption, column headings and a label per cell for the phone layout', () => {
    const markup = listTable({ caption: 'Strikes of ada@example.org', columns, rows: [{ ref: 'TD-2026-000001', note: '<b>kept</b>' }], empty: 'None.' }).value;
    expect(markup).toContain('<caption class="visually-hidden">Strikes of ada@example.org</caption>');
    expect(markup).toContain('<th scope="col">Case</th><th scope="col">Note</th>');
    expect(markup).toContain('<td data-label="Case" class="nowrap"><a href="/desk/cases/TD-2026-000001">TD-2026-000001</a></td>');
    expect(markup).toContain('<td data-label="Note">&lt;b&gt;kept&lt;/b&gt;</td>');
  });

  it('shows a dash for an empty cell and can show its caption', () => {
    const markup = listTable({ caption: 'Cases', showCaption: true, columns, rows: [{ ref: 'TD-1', note: null }], empty: 'None.' }).value;
    expect(markup).toContain('<caption>Cases</caption>');
    expect(markup).toContain('<td data-label="Note">—</td>');
  });

  it('says in words that the list is empty, with no table', () => {
    const markup = listTable({ caption: 'Cases', columns, rows: [], empty: 'No contributor has a strike.' }).value;
    expect(markup).toBe('<p class="muted list-empty">No contributor has a strike.</p>');
  });

  it('keeps the filters in the pager links, leaving out empty ones and repeating lists', () => {
    expect(listHref('/desk', { status: ['new', 'closed'], q: 'a&b', type: '' }, { cursor: 'c1' })).toBe('/desk?status=new&status=closed&q=a%26b&cursor=c1');
    expect(listHref('/desk/contributors', {}, { page: '' })).toBe('/desk/contributors');
    const markup = pager({ path: '/desk', filters: { q: 'doe' }, newer: { cursor: '' }, older: { cursor: 'c2' } })!.value;
    expect(markup).toBe('<nav class="pager" aria-label="Pages"><a href="/desk?q=doe" rel="prev">Newer</a><a href="/desk?q=doe&amp;cursor=c2" rel="next">Older</a></nav>');
  });

  it('shows no pager when the list fits one page', () => {
    expect(pager({ path: '/desk' })).toBeNull();
    expect(pageNumberPager('/desk/contributors', {}, 1, false)).toBeNull();
  });

  it('numbers pages: the first page has no number, the labels can be named', () => {
    const markup = pageNumberPager('/desk/contributors', {}, 2, true, { newer: 'Previous page', older: 'Next page' })!.value;
    expect(markup).toContain('<a href="/desk/contributors" rel="prev">Previous page</a>');
    expect(markup).toContain('<a href="/desk/contributors?page=3" rel="next">Next page</a>');
    expect(pageNumberPager('/desk/contributors', {}, 3, false)!.value).toContain('href="/desk/contributors?page=2"');
  });
});
