import { html } from '../common/html';
import { STATUS_NAMES } from '../cases/case-labels';
import { formatTime } from '../web/page-parts';
import type { StaffActor } from '../staff/staff-actor';
import { page } from '../web/layout';
import { listTable } from '../web/list-page';
import type { ArticleCasesService } from './article-cases.service';
import { ARTICLE_CASES_LIMIT } from './duplicates.repository';

type ArticleView = Awaited<ReturnType<ArticleCasesService['forArticle']>>;

const LINK_NAMES: Record<string, string> = { open: 'probable duplicate of', kept_apart: 'kept apart from', merged: 'merged into' };

// /desk/articles/<slug>: every case and decision about one article, together.
export function articlePage(actor: StaffActor, csrfToken: string, view: ArticleView): string {
  const { article, cases, decisions } = view;
  return page({
    title: `Article: ${article.title}`,
    private: true,
    staff: { name: actor.name, role: actor.role, csrfToken },
    body: html`<div class="desk-wide">
<p class="breadcrumb"><a href="/desk">Back to the queue</a></p>
<h1>${article.title}</h1>
<dl class="case-facts">
<div><dt>State</dt><dd>${article.state}</dd></div>
<div><dt>Origin</dt><dd>${article.originLabel}</dd></div>
<div><dt>Byline</dt><dd>${article.byline ?? '—'}</dd></div>
<div><dt>Address</dt><dd class="url">${article.canonicalUrl}</dd></div>
</dl>
<section aria-labelledby="cases-heading">
<h2 id="cases-heading">Cases about this article (${cases.length})</h2>
${listTable({
  caption: 'Cases, newest first',
  rows: cases,
  empty: 'No notice has named this article.',
  columns: [
    { heading: 'Case', cell: (row) => html`<a href="/desk/cases/${row.reference}">${row.reference}</a>`, nowrap: true },
    { heading: 'Status', cell: (row) => STATUS_NAMES[row.status] ?? row.status },
    { heading: 'Type', cell: (row) => row.type },
    { heading: 'Notifier', cell: (row) => html`${row.notifier.name ?? '—'}${row.notifier.email ? html`<br><span class="muted">${row.notifier.email}</span>` : null}` },
    { heading: 'Received', cell: (row) => formatTime(row.receivedAt) },
    {
      heading: 'Duplicate',
      cell: (row) => (row.probableDuplicateOf ? `${LINK_NAMES[row.probableDuplicateOf.link ?? 'open']} ${row.probableDuplicateOf.reference ?? 'another case'}` : null),
    },
  ],
})}
${cases.length >= ARTICLE_CASES_LIMIT ? html`<p class="hint">Showing the newest ${ARTICLE_CASES_LIMIT} cases.</p>` : null}
</section>
<section aria-labelledby="decisions-heading">
<h2 id="decisions-heading">Decisions on this article (${decisions.length})</h2>
${
  decisions.length
    ? html`<ul>${decisions.map(
        (row) =>
          html`<li>${formatTime(row.decidedAt)} · <a href="/desk/cases/${row.caseReference}">${row.caseReference}</a> · ${row.outcome} (${row.ground}) · ${row.actions.join(', ')}${
            row.effective ? null : html` <span class="tag warn">not in effect</span>`
          }</li>`,
      )}</ul>`
    : html`<p class="muted">No decision yet.</p>`
}
</section>
</div>`,
  });
}
