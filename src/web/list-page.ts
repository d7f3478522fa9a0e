import { html, SafeHtml } from '../common/html';

// What the desk's list pages (misuse, contributors, the queue) share: a table with column
// headings that stacks into labelled blocks on a phone, the empty state in words, and a
// pager whose links keep the page's filters.

export interface ListColumn<Row> {
  heading: string;
  cell: (row: Row) => SafeHtml | string | number | null;
  // A cell that must not wrap (a reference): kept whole on one line.
  nowrap?: boolean;
}

export interface ListTable<Row> {
  // Names the table for screen readers (and for tests: getByRole('table', { name })).
  caption: string;
  // Show the caption; hidden by default when a heading above already says it.
  showCaption?: boolean;
  columns: Array<ListColumn<Row>>;
  rows: Row[];
  // Said instead of the table when there is no row: "No contributor has a strike."
  empty: string;
}

// A list with nothing in it, said in words (also for lists shown as sections, not rows).
export function emptyList(words: string): SafeHtml {
  return html`<p class="muted list-empty">${words}</p>`;
}

export function listTable<Row>(table: ListTable<Row>): SafeHtml {
  if (!table.rows.length) return emptyList(table.empty);
  return html`<table class="list"><caption${table.showCaption ? null : html` class="visually-hidden"`}>${table.caption}</caption>
<thead><tr>${table.columns.map((column) => html`<th scope="col">${column.heading}</th>`)}</tr></thead>
<tbody>${table.rows.map(
    (row) =>
      html`<tr>${table.columns.map((column) => html`<td data-label="${column.heading}"${column.nowrap ? html` class="nowrap"` : null}>${column.cell(row) ?? '—'}</td>`)}</tr>`,
  )}</tbody></table>`;
}

export type ListFilters = Readonly<Record<string, string | readonly string[] | undefined | null>>;

// The page's address with its filters and the page's own position (cursor, page number);
// an empty value is left out, a list repeats its name (status=new&status=closed).
export function listHref(path: string, filters: ListFilters, position: ListFilters = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filters, ...position })) {
    for (const one of typeof value === 'string' ? [value] : (value ?? [])) if (one !== '') query.append(name, one);
  }
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

export interface Pager {
  path: string;
  filters?: ListFilters;
  // Where the newer (previous) and older (next) page start; null when there is none.
  newer?: ListFilters | null;
  older?: ListFilters | null;
  labels?: { newer: string; older: string };
}

// "Newer" and "Older" links, each keeping the filters; nothing when the list fits one page.
export function pager(pages: Pager): SafeHtml | null {
  if (!pages.newer && !pages.older) return null;
  const labels = pages.labels ?? { newer: 'Newer', older: 'Older' };
  const filters = pages.filters ?? {};
  return html`<nav class="pager" aria-label="Pages">${pages.newer ? html`<a href="${listHref(pages.path, filters, pages.newer)}" rel="prev">${labels.newer}</a>` : null}${
    pages.older ? html`<a href="${listHref(pages.path, filters, pages.older)}" rel="next">${labels.older}</a>` : null
  }</nav>`;
}

// A page-numbered list (?page=2): the newer page is the one before, the older the one after.
export function pageNumberPager(path: string, filters: ListFilters, page: number, hasMore: boolean, labels?: Pager['labels']): SafeHtml | null {
  return pager({
    path,
    filters,
    newer: page > 1 ? { page: page - 1 === 1 ? '' : String(page - 1) } : null,
    older: hasMore ? { page: String(page + 1) } : null,
    labels,
  });
}
