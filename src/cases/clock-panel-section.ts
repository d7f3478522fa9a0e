import { html, SafeHtml } from '../common/html';
import type { ClockLine } from './clock-panel';

// The case page's clocks: each running clock with what it waits for, when it is due (local
// time with its zone, and UTC), what happens then; an overdue one says by how long, in
// words and not by colour alone.
export function clockPanelSection(clocks: readonly ClockLine[]): SafeHtml {
  return html`<section class="panel clocks" aria-labelledby="clocks-heading">
<h2 id="clocks-heading">Clocks</h2>
${
  clocks.length
    ? html`<ul class="plain clock-list">${clocks.map(clockEntry)}</ul>`
    : html`<p class="muted">No clock is running on this case: nothing is waiting for a deadline.</p>`
}
</section>`;
}

function clockEntry(clock: ClockLine): SafeHtml {
  return html`<li class="clock${clock.overdue ? ' overdue' : ''}" data-clock="${clock.clock}">
<h3>${clock.title} ${clock.overdue ? html`<strong class="tag danger">${clock.status}</strong>` : html`<span class="tag">${clock.status}</span>`}</h3>
<dl class="clock-facts">
<dt>Waits for</dt><dd>${clock.waitsFor}</dd>
${clock.due ? html`<dt>Due</dt><dd><time datetime="${clock.due.at}">${clock.due.local}</time> <span class="hint">${clock.due.utc}</span></dd>` : null}
<dt>Then</dt><dd>${clock.whenDue}</dd>
${clock.note ? html`<dt>Note</dt><dd>${clock.note}</dd>` : null}
</dl>
</li>`;
}
