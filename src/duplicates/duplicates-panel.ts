import { html, SafeHtml } from '../common/html';
import { panelTransitionForm, PanelContext } from '../cases/panel-form';
import type { DuplicateLinks, LinkedCase } from './duplicates.repository';
import { DUPLICATE_WINDOW_DAYS } from './duplicate-key';

const LINK_NAMES = { open: 'probable duplicate', kept_apart: 'kept apart', merged: 'merged' } as const;

function caseLink(linked: LinkedCase): SafeHtml {
  return html`<a href="/desk/cases/${linked.reference}">${linked.reference}</a>`;
}

// The case page's duplicates panel: this case as a probable duplicate of an earlier one
// (merge or keep apart), and later notices linked to this one.
export function duplicatesPanel(ctx: PanelContext & { detail: { duplicates: DuplicateLinks } }): SafeHtml | null {
  const { earlier, later } = ctx.detail.duplicates;
  if (!earlier && !later.length) return null;
  const actions = ctx.detail.actions;
  const open = earlier?.link === 'open';
  return html`<section class="panel" aria-labelledby="duplicates-heading">
<h2 id="duplicates-heading">Duplicates</h2>
${
  earlier
    ? html`<p>${
        earlier.link === 'merged'
          ? html`Merged into ${caseLink(earlier)}.`
          : earlier.link === 'kept_apart'
            ? html`Kept apart from ${caseLink(earlier)}, which looked like the same notice.`
            : html`<strong>Probable duplicate</strong> of ${caseLink(earlier)}: the same notifier named the same web addresses and the same work within ${DUPLICATE_WINDOW_DAYS} days.`
      }</p>`
    : null
}
${
  earlier && open
    ? html`<div class="quick-actions">${
        actions.includes('close_duplicate')
          ? panelTransitionForm(
              ctx,
              'close_duplicate',
              html`<input type="hidden" name="duplicateOf" value="${earlier.reference}"><button type="submit">Merge into ${earlier.reference}</button>`,
              `Merge into ${earlier.reference}`,
            )
          : null
      }${actions.includes('keep_apart') ? panelTransitionForm(ctx, 'keep_apart', html`<button type="submit" class="secondary">Keep apart</button>`, 'Keep apart') : null}</div>
<p class="hint">Merging closes this case as a duplicate and tells the notifier that it is handled under ${earlier.reference}.</p>`
    : null
}
${later.length ? html`<p>Later notices linked to this case:</p><ul>${later.map((linked) => html`<li>${caseLink(linked)}: ${LINK_NAMES[linked.link ?? 'open']}</li>`)}</ul>` : null}
</section>`;
}
