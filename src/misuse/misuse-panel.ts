import { html, SafeHtml } from '../common/html';
import type { FormField } from '../web/form-fields';
import { renderField } from '../web/form-fields';
import { actionFieldScope, panelState, panelTransitionForm, PanelContext } from '../cases/panel-form';

export const UNFOUNDED_FIELD: FormField = {
  name: 'reason',
  kind: 'textarea',
  label: 'Why the notice was manifestly unfounded',
  hint: 'Counted against the notifier (DSA Art. 23): at the threshold the desk proposes a suspension for legal to confirm.',
};

export const RELEASE_FIELD: FormField = { name: 'reason', kind: 'textarea', label: 'Why the held filing is released into the queue' };

export interface MisuseFacts {
  mark: { reason: string; createdAt: Date } | null;
  // The sender's suspension end, when the case was filed while suspended.
  senderSuspendedUntil: Date | null;
}

const day = (value: Date | string) => new Date(value).toISOString().slice(0, 10);

// The case page's misuse panel: mark a rejected notice manifestly unfounded; release a held filing.
export function misusePanel(ctx: PanelContext & { detail: { misuse: MisuseFacts } }): SafeHtml | null {
  const { misuse, actions, status } = ctx.detail;
  const mark = actions.includes('mark_unfounded') && !misuse.mark;
  const release = actions.includes('release_hold');
  if (!misuse.mark && !mark && status !== 'held') return null;
  return html`<section class="panel" aria-labelledby="misuse-heading">
<h2 id="misuse-heading">Misuse</h2>
${misuse.mark ? html`<p><strong>Marked manifestly unfounded</strong> on ${day(misuse.mark.createdAt)}: ${misuse.mark.reason}</p>` : null}
${
  status === 'held'
    ? html`<p>Filed while the notifier (or the organisation whose key filed it) was suspended for misuse${misuse.senderSuspendedUntil ? html` (until ${day(misuse.senderSuspendedUntil)})` : null}: kept on record, not processed. See <a href="/desk/misuse">suspensions</a>.</p>`
    : null
}
${
  mark
    ? panelTransitionForm(
        ctx,
        'mark_unfounded',
        html`${renderField(UNFOUNDED_FIELD, panelState(ctx, 'mark_unfounded'), actionFieldScope('mark_unfounded'))}<button type="submit" class="danger">Mark manifestly unfounded</button>`,
        'Mark manifestly unfounded',
      )
    : null
}
${
  release
    ? panelTransitionForm(
        ctx,
        'release_hold',
        html`${renderField(RELEASE_FIELD, panelState(ctx, 'release_hold'), actionFieldScope('release_hold'))}<button type="submit">Release into the queue</button>`,
        'Release the held filing',
      )
    : null
}
</section>`;
}
