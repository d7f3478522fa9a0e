import { html, SafeHtml, userText } from '../common/html';
import type { SenderHistory } from './sender.repository';

const KIND_LABELS: Record<string, string> = { trusted_flagger: 'Trusted flagger', agency: 'Agency', law_firm: 'Law firm', other: 'Other organisation' };

// Share of the decided notices, as a whole percentage (none decided: a dash).
function share(part: number, decided: number): string {
  return decided ? `${Math.round((part / decided) * 100)} %` : '—';
}

// On the case page: the organisation whose key filed the notice, the key's name, and how the
// organisation's notices have fared so far (by each case's latest decision).
export function senderPanel(sender: SenderHistory | null | undefined): SafeHtml | null {
  if (!sender) return null;
  return html`<section class="panel sender-panel" aria-labelledby="sender-panel-heading">
<h2 id="sender-panel-heading">Filed by a sender organisation</h2>
<dl class="facts">
<div><dt>Organisation</dt><dd>${userText(sender.organisationName)} ${sender.kind === 'trusted_flagger' ? html`<span class="tag">Trusted flagger · priority lane</span>` : html`<span class="muted">(${KIND_LABELS[sender.kind] ?? sender.kind})</span>`}${
    sender.status !== 'active' ? html` <span class="tag warn">Inactive</span>` : null
  }</dd></div>
<div><dt>Key</dt><dd>${userText(sender.keyName)} <code>${sender.keyPrefix}…</code></dd></div>
<div><dt>Notices filed</dt><dd>${sender.noticesFiled}</dd></div>
<div><dt>Decided</dt><dd>${sender.decided}</dd></div>
<div><dt>Found valid</dt><dd>${share(sender.foundValid, sender.decided)} <span class="muted">(${sender.foundValid})</span></dd></div>
<div><dt>Rejected</dt><dd>${share(sender.rejected, sender.decided)} <span class="muted">(${sender.rejected})</span></dd></div>
</dl>
</section>`;
}
