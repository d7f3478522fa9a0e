import { html, SafeHtml, userText } from '../common/html';
import { ORIGIN_LABELS, REGIME_SUMMARIES } from '../articles/article-origin';
import { highlightPassages } from '../articles/passage-match';
import { formatTime } from '../web/page-parts';
import {
  ARTICLE_STATE_NAMES,
  CaseDetail,
  caseStatusBadge,
  DETAIL_NAMES,
  dueCell,
  GROUND_NAMES,
  ITEM_ACTION_NAMES,
  ITEM_STATE_NAMES,
  MATCH_NAMES,
  NOTIFIER_KIND_NAMES,
} from './case-labels';
import { longText, PageContext } from './case-page-context';

// The case page's read-only parts: the header, the notice, its web addresses, its
// completeness, the targeted articles (passages highlighted), decisions and questions.

export function caseHeader(ctx: PageContext): SafeHtml {
  const { detail } = ctx;
  return html`<p class="breadcrumb"><a href="/desk">Back to the queue</a></p>
<h1>Case <span class="reference">${detail.reference}</span> ${caseStatusBadge(detail.status)}</h1>
<dl class="case-facts">
<div><dt>Type</dt><dd>${detail.notice.typeLabel}</dd></div>
<div><dt>Priority</dt><dd>${detail.priority === 'high' ? html`<span class="tag">High</span>` : 'Normal'}</dd></div>
<div><dt>Due</dt><dd>${dueCell(detail.dueAt, ctx.now, detail.slaPaused)}${detail.slaPaused ? html`<span class="hint">Paused while the notifier is asked for information.</span>` : null}</dd></div>
<div><dt>Assignee</dt><dd>${userText(detail.assignee?.name) ?? html`<span class="muted">Unassigned</span>`}</dd></div>
<div><dt>Received</dt><dd>${formatTime(detail.receivedAt)}</dd></div>
${
  detail.restoration
    ? html`<div><dt>Restoration window</dt><dd>${formatTime(detail.restoration.earliest)} to ${formatTime(detail.restoration.latest)}<span class="hint">Business days 10 and 14 after the counter-notice; a reported court action stops it.</span></dd></div>`
    : null
}
${detail.notifierRepliedAt ? html`<div><dt>Notifier replied</dt><dd><span class="tag reply">New reply</span> ${formatTime(detail.notifierRepliedAt)}</dd></div>` : null}
</dl>`;
}

function factRow(label: string, value: SafeHtml | string | null | undefined): SafeHtml | null {
  return value === null || value === undefined || value === '' ? null : html`<dt>${label}</dt><dd>${value}</dd>`;
}

function detailValue(value: unknown): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export function noticeSection(detail: CaseDetail): SafeHtml {
  const { notice } = detail;
  const notifier = notice.notifier;
  // Yes/no statements are listed with their exact text under "Statements".
  const attested = new Set(notice.attestations.map((attestation) => attestation.key));
  const details = Object.entries(notice.details ?? {}).filter(([key, value]) => value !== null && value !== undefined && value !== '' && !attested.has(`details.${key}`));
  return html`<section class="panel" aria-labelledby="notice-heading">
<h2 id="notice-heading">The notice</h2>
<dl class="facts">
${factRow('Notifier', html`${userText(notifier.name) ?? '(no name given)'}${notifier.kind ? html` <span class="muted">(${NOTIFIER_KIND_NAMES[notifier.kind] ?? notifier.kind})</span>` : null}`)}
${factRow('Organisation', userText(notifier.organization))}
${factRow('E-mail', notifier.email)}
${factRow('Postal address', longText(notifier.address))}
${factRow('Telephone', notifier.phone)}
${factRow('Country', notifier.country)}
${factRow('Acting for', notice.principalName)}
${factRow('The work', longText(notice.work.description))}
${notice.work.originalUrls?.length ? factRow('Original at', html`<ul class="plain">${notice.work.originalUrls.map((url) => html`<li class="url">${url}</li>`)}</ul>`) : null}
${factRow('Explanation', longText(notice.explanation))}
${details.map(([key, value]) => factRow(DETAIL_NAMES[key] ?? key, typeof value === 'string' && value.length > 80 ? longText(value) : detailValue(value)))}
${factRow('Signature', notice.signature)}
${factRow('Jurisdiction', notice.jurisdiction)}
${factRow('Language', notice.language)}
${factRow('Channel', notice.channel === 'api' ? 'JSON API' : 'Web form')}
${factRow('Received', formatTime(notice.receivedAt))}
</dl>
${
  notice.attestations.length
    ? html`<h3>Statements</h3>
<ul class="attestations">
${notice.attestations.map(
  (attestation) =>
    html`<li class="${attestation.accepted ? 'accepted' : 'not-accepted'}"><strong>${attestation.accepted ? 'Accepted' : 'Not accepted'}:</strong> ${attestation.text}</li>`,
)}
</ul>`
    : null
}
</section>`;
}

export function itemsSection(detail: CaseDetail): SafeHtml {
  return html`<section class="panel" aria-labelledby="items-heading">
<h2 id="items-heading">Web addresses in the notice</h2>
<table class="items">
<thead><tr><th scope="col">#</th><th scope="col">Web address and passage</th><th scope="col">Match</th><th scope="col">State</th></tr></thead>
<tbody>
${detail.items.map(
  (item) => html`<tr>
<td data-label="#">${item.position + 1}</td>
<td class="url" data-label="Web address">${item.url}${item.passage ? html`<blockquote>${item.passage}</blockquote>` : null}${item.media ? html`<span class="hint">Media: ${userText(item.media)}</span>` : null}${
    item.reason ? html`<span class="hint">Reason given: ${item.reason}</span>` : null
  }${item.passage && item.articleId ? html`<a class="hint" href="#passage-${item.position + 1}">Show in the article</a>` : null}</td>
<td data-label="Match">${MATCH_NAMES[item.match] ?? item.match}</td>
<td data-label="State">${ITEM_STATE_NAMES[item.state] ?? item.state}</td>
</tr>`,
)}
</tbody>
</table>
</section>`;
}

export function completenessSection(detail: CaseDetail): SafeHtml {
  const { completeness } = detail;
  const dmca = completeness.dmcaState
    ? html`<p>DMCA notice: <strong>${completeness.dmcaState}</strong>${
        completeness.dmcaState === 'curable'
          ? ' (ask the notifier for the missing elements promptly, §512(c)(3)(B)(ii))'
          : completeness.dmcaState === 'ineffective'
            ? ' (not a valid notification)'
            : ''
      }</p>`
    : null;
  return html`<section class="panel" aria-labelledby="completeness-heading">
<h2 id="completeness-heading">Completeness</h2>
${
  completeness.missing.length
    ? html`<p><span class="tag warn">Incomplete</span> The notice lacks:</p><ul class="checklist">${completeness.missing.map((element) => html`<li class="missing">${element.message}</li>`)}</ul>`
    : html`<p><span class="tag ok">Complete</span> Every element the law asks for this type of notice is present.</p>`
}
${dmca}
</section>`;
}

export function articlesSection(detail: CaseDetail): SafeHtml {
  if (!detail.articles.length) {
    return html`<section class="panel" aria-labelledby="article-heading"><h2 id="article-heading">The article</h2><p class="muted">No web address in this notice is one of our articles.</p></section>`;
  }
  return html`${detail.articles.map((article) => {
    const items = detail.items.filter((item) => item.articleId === article.id && item.passage);
    const { markup, found } = highlightPassages(
      article.body ?? '',
      items.map((item) => item.passage!),
      items.map((item) => `passage-${item.position + 1}`),
    );
    const missing = items.filter((_, index) => !found[index]);
    const headingId = `article-${article.id}`;
    return html`<section class="panel article" aria-labelledby="${headingId}">
<p class="muted">Targeted article</p>
<h2 id="${headingId}">${article.title}</h2>
<p class="byline">${article.byline ? html`By ${article.byline}` : null}${article.section ? html` · ${article.section}` : null}${article.publishedAt ? html` · ${formatTime(article.publishedAt)}` : null}</p>
<p><span class="tag article-${article.state}">${ARTICLE_STATE_NAMES[article.state] ?? article.state}</span>${
      article.publicInterest ? html` <span class="tag warn">Public interest: taking it out of view needs a second approver</span>` : null
    } <span class="tag origin">${ORIGIN_LABELS[article.origin]}${article.licensor ? html` (${article.licensor})` : null}</span></p>
<p class="hint regime">${REGIME_SUMMARIES[article.origin]}</p>
<p class="url hint">${article.canonicalUrl}</p>
<p><a href="/desk/articles/${article.slug}">Every case and decision about this article</a></p>
${items.length ? html`<p class="hint">Passages named in the notice are <mark>highlighted</mark>.</p>` : null}
${missing.length ? html`<p class="notice-box warn">Not found in the text: ${missing.map((item) => html`<q>${item.passage}</q> `)}</p>` : null}
<div class="article-text" tabindex="0" role="region" aria-label="Text of ${article.title}">${markup}</div>
</section>`;
  })}`;
}

export function decisionsSection(ctx: PageContext): SafeHtml | null {
  const { decisions } = ctx.detail;
  if (!decisions.length) return null;
  return html`<section aria-labelledby="decisions-heading">
<h2 id="decisions-heading">Decisions</h2>
${decisions.map(
  (decision) => html`<article class="decision panel">
<h3>${decisionTitle(decision)} <span class="muted">· ${GROUND_NAMES[decision.ground] ?? decision.ground}</span></h3>
<p>${approvalState(decision)}</p>
${decisionBody(decision)}
</article>`,
)}
</section>`;
}

type DecisionView = CaseDetail['decisions'][number];

// A decision waiting for its second person has taken no action yet: it says so.
function decisionTitle(decision: DecisionView): string {
  if (decision.effective) return decision.outcome === 'actioned' ? 'Action taken' : 'No action';
  return decision.approval ? 'Sent back: not in effect' : 'Pending approval';
}

// What a remedy carries, as the decision names it (the name replaced is staff-only).
function remedyDetails(item: DecisionView['items'][number]): SafeHtml | null {
  if (item.media) return html`<span class="hint">Image: <span class="url">${item.media}</span></span>`;
  if (item.name) return html`<span class="hint">“${item.name}” becomes “${item.replacement ?? ''}”</span>`;
  if (item.text)
    return html`${item.replyBy ? html`<span class="hint">Reply by ${item.replyBy}</span>` : item.correctionKind ? html`<span class="hint">${item.correctionKind === 'clarification' ? 'Clarification' : 'Correction'}</span>` : null}<blockquote>${item.text}</blockquote>`;
  return null;
}

export function decisionBody(decision: DecisionView): SafeHtml {
  return html`<p class="muted">By ${userText(decision.decidedBy?.name) ?? 'someone'}, ${formatTime(decision.decidedAt)}</p>
<ul class="plain">${decision.items.map(
    (item) =>
      html`<li><strong>${ITEM_ACTION_NAMES[item.action] ?? item.action}</strong> <span class="url">${item.url ?? ''}</span>${
        item.territories.length ? html` in ${item.territories.join(', ')}` : null
      }${item.until ? html` until ${item.until}` : null}${item.passage ? html`<blockquote>${item.passage}</blockquote>` : null}${remedyDetails(item)}</li>`,
  )}</ul>
<h4>Statement of reasons</h4>
${longText(decision.reasons)}
${decision.publicNote ? html`<h4>Public note</h4>${longText(decision.publicNote)}` : null}`;
}

function approvalState(decision: DecisionView): SafeHtml | string {
  if (!decision.requiresApproval) return html`<span class="tag ok">In effect</span>`;
  if (!decision.approval) return html`<span class="tag warn">Waiting for approval</span> A second person with the legal or admin role must approve it before it takes effect.`;
  return decision.approval.outcome === 'approved'
    ? html`<span class="tag ok">Approved</span> by ${userText(decision.approval.by?.name) ?? 'someone'}, ${formatTime(decision.approval.at)}${
        decision.approval.comment ? html`<blockquote>${userText(decision.approval.comment)}</blockquote>` : null
      }`
    : html`<span class="tag">Sent back</span> by ${userText(decision.approval.by?.name) ?? 'someone'}, ${formatTime(decision.approval.at)}: ${userText(decision.approval.reason)}`;
}

export function questionsSection(detail: CaseDetail): SafeHtml | null {
  if (!detail.infoRequests.length) return null;
  return html`<section aria-labelledby="questions-heading">
<h2 id="questions-heading">Questions to the notifier</h2>
<ol class="plain qa">
${detail.infoRequests.map(
  (request) => html`<li class="panel">
<p class="muted">${userText(request.askedBy?.name) ?? 'Staff'} asked, ${formatTime(request.askedAt)}</p>
${longText(request.message)}
${request.answer ? html`<p class="muted">The notifier answered, ${formatTime(request.answeredAt)}</p>${longText(request.answer)}` : html`<p class="muted">No answer yet.</p>`}
</li>`,
)}
</ol>
</section>`;
}
