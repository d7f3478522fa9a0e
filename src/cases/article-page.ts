import { paragraphTexts } from '../articles/passage-match';
import { html, SafeHtml } from '../common/html';
import { page } from '../web/layout';
import type { PublicArticle, PublicMedia } from './public-article.service';
import { REDACTION_MARK } from './public-article.service';

// The article's public page: the text as published after the desk's decisions, each
// remedy shown where readers meet it and named with its case (never the notifier).

function paragraph(text: string, article: PublicArticle): SafeHtml {
  const pieces: Array<SafeHtml | string> = [];
  let cursor = 0;
  for (const mark of text.matchAll(REDACTION_MARK)) {
    pieces.push(text.slice(cursor, mark.index));
    const reference = article.redactions[Number(mark[1])]?.caseReference ?? '';
    pieces.push(html`<span class="redacted">[Passage removed after a legal notice, case ${reference}]</span>`);
    cursor = mark.index + mark[0].length;
  }
  pieces.push(text.slice(cursor));
  return html`<p>${pieces}</p>`;
}

function figure(media: PublicMedia): SafeHtml {
  if (media.removed) {
    return html`<figure class="media-removed">
<div class="media-placeholder" role="img" aria-label="Image removed">
<p><strong>Image removed</strong></p>
${media.caption ? html`<p class="muted">${media.caption}</p>` : null}
<p>This image was removed on ${media.removed.since} after a ${media.removed.noticeTypeLabel.toLowerCase()} notice (case ${media.removed.caseReference}).</p>
</div>
</figure>`;
  }
  const caption = [media.caption, media.credit ? `Credit: ${media.credit}` : null].filter(Boolean).join(' · ');
  return html`<figure><img src="${media.url}" alt="${media.alt ?? media.caption ?? ''}">${caption ? html`<figcaption>${caption}</figcaption>` : null}</figure>`;
}

function corrections(article: PublicArticle): SafeHtml | null {
  if (!article.corrections.length) return null;
  return html`<section class="corrections" aria-labelledby="corrections-heading">
<h2 id="corrections-heading">${article.corrections.length > 1 ? 'Corrections and clarifications' : article.corrections[0].kind === 'clarification' ? 'Clarification' : 'Correction'}</h2>
${article.corrections.map(
  (item) => html`<div class="correction">
<p class="muted"><strong>${item.kind === 'clarification' ? 'Clarification' : 'Correction'}</strong>, <time datetime="${item.date}">${item.date}</time> (case ${item.caseReference})</p>
<p class="correction-text">${item.text}</p>
</div>`,
)}
</section>`;
}

function replies(article: PublicArticle): SafeHtml | null {
  if (!article.replies.length) return null;
  return html`<section class="replies" aria-labelledby="replies-heading">
<h2 id="replies-heading">Right of reply</h2>
${article.replies.map(
  (item) => html`<div class="reply">
<p class="muted">A reply from <strong>${item.by}</strong>, published <time datetime="${item.date}">${item.date}</time> (case ${item.caseReference})</p>
<blockquote class="reply-text">${item.text}</blockquote>
</div>`,
)}
</section>`;
}

function whatWasDone(article: PublicArticle): SafeHtml | null {
  if (!article.actions.length) return null;
  return html`<section class="what-was-done" aria-labelledby="done-heading">
<h2 id="done-heading">Changes after legal notices</h2>
<ul>${article.actions.map((action) => html`<li>${action.since}: ${action.label} after a ${action.noticeTypeLabel.toLowerCase()} notice (case ${action.caseReference}).</li>`)}</ul>
</section>`;
}

export function articlePage(article: PublicArticle, publisherName: string): string {
  return page({
    title: article.title,
    // A page hidden from search engines says so to them (and the response carries X-Robots-Tag).
    noindex: article.noindex,
    body: html`<article class="public-article">
<p class="muted">${publisherName}${article.section ? html` · ${article.section}` : null}</p>
<h1>${article.title}</h1>
${article.byline || article.publishedAt ? html`<p class="muted">${article.byline ? html`By ${article.byline}` : null}${article.byline && article.publishedAt ? ' · ' : null}${article.publishedAt ? html`<time datetime="${article.publishedAt}">${article.publishedAt.slice(0, 10)}</time>` : null}</p>` : null}
${article.state === 'restricted' ? html`<p class="notice-box warn">Access to this article is restricted in some countries after a legal notice.</p>` : null}
${article.media.map(figure)}
<div class="article-text">${paragraphTexts(article.body).map((text) => paragraph(text, article))}</div>
${corrections(article)}
${replies(article)}
${whatWasDone(article)}
</article>`,
  });
}

export function articleGonePage(slug: string, title: string): string {
  return page({
    title: `Removed: ${title}`,
    body: html`<h1>${title}</h1>
<p class="lead">This article was removed after a legal notice.</p>
<p><a href="/removed/${slug}">What was removed and why</a></p>`,
  });
}
