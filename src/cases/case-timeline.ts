import { html, SafeHtml, userText } from '../common/html';
import { eventLabel } from '../events/event-names';
import { formatTime } from '../web/page-parts';
import type { CaseStatus } from './case.entity';
import { ARTICLE_STATE_NAMES, CaseDetail, GROUND_NAMES, STATUS_NAMES } from './case-labels';
import type { PageContext } from './case-page-context';
import type { SeenSnapshot } from './desk-form';

// The case's history in words, and what changed since an editor opened the page (the
// banner of a conflicting edit).

type TimelineEvent = CaseDetail['timeline'][number];

function who(event: TimelineEvent): SafeHtml | string {
  switch (event.actor.type) {
    case 'staff':
      return html`${userText(event.actor.name) ?? 'Staff'}${event.actor.role ? ` (${event.actor.role})` : ''}`;
    case 'notifier':
      return 'The notifier';
    case 'author':
      return 'The author';
    default:
      return 'The desk';
  }
}

// Bookkeeping fields a person does not need to read.
const HIDDEN_CHANGES = new Set(['version', 'slaRemainingSeconds']);
const CHANGE_NAMES: Record<string, string> = {
  status: 'Status',
  assigneeId: 'Assignee',
  dueAt: 'Due',
  state: 'Article',
  restoreEarliestAt: 'Restoration from',
  restoreLatestAt: 'Restoration by',
  gdprDueAt: 'GDPR answer due',
  defamationContactDueAt: 'Author to be contacted by',
  defamationAnswerDueAt: "Author's answer due",
};
const TIME_CHANGES = new Set(['dueAt', 'restoreEarliestAt', 'restoreLatestAt', 'gdprDueAt', 'defamationContactDueAt', 'defamationAnswerDueAt']);
const TEXT_DATA = ['message', 'reason', 'comment', 'answer', 'reasons', 'publicNote'];

function changeValue(field: string, value: unknown, names: Map<string, string>): SafeHtml | string {
  if (value === null || value === undefined || value === '') return 'none';
  if (field === 'status') return STATUS_NAMES[value as CaseStatus] ?? String(value);
  if (field === 'assigneeId') return names.get(String(value)) ?? 'a former staff member';
  if (TIME_CHANGES.has(field)) return formatTime(String(value));
  if (field === 'state') return ARTICLE_STATE_NAMES[String(value)] ?? String(value);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function eventEntry(event: TimelineEvent, names: Map<string, string>): SafeHtml {
  const changes = Object.entries(event.changes ?? {}).filter(([field]) => !HIDDEN_CHANGES.has(field));
  const data = event.data ?? {};
  const facts = [
    typeof data.outcome === 'string' ? `Outcome: ${data.outcome !== 'actioned' ? 'no action' : data.requiresApproval ? 'action, pending approval' : 'action taken'}` : null,
    typeof data.ground === 'string' ? `Ground: ${GROUND_NAMES[data.ground] ?? data.ground}` : null,
    typeof data.kind === 'string' ? `Kind: ${data.kind.replace(/_/g, ' ')}${typeof data.recipientRole === 'string' ? ` to the ${data.recipientRole}` : ''}` : null,
  ].filter((fact): fact is string => fact !== null);
  return html`<li>${formatTime(event.at)}<strong>${eventLabel(event.action)}</strong> <span class="muted">by ${who(event)}</span>
${
  changes.length
    ? html`<ul class="changes">${changes.map(
        ([field, change]) => html`<li>${CHANGE_NAMES[field] ?? field}: ${changeValue(field, change.before, names)} → ${changeValue(field, change.after, names)}</li>`,
      )}</ul>`
    : null
}
${facts.length ? html`<span class="hint">${facts.join(' · ')}</span>` : null}
${TEXT_DATA.filter((key) => typeof data[key] === 'string' && data[key]).map((key) => html`<blockquote>${String(data[key])}</blockquote>`)}
</li>`;
}

export function timelineSection(ctx: PageContext): SafeHtml {
  return html`<section aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
<ol class="timeline">
${ctx.detail.timeline.map((event) => eventEntry(event, ctx.names))}
</ol>
</section>`;
}

// What changed since the editor loaded the page, from what the form said they saw.
export function changesSince(detail: CaseDetail, seen: SeenSnapshot, names: Map<string, string>): { summary: string[]; events: TimelineEvent[] } {
  const summary: string[] = [];
  if (seen.status && seen.status !== detail.status) {
    summary.push(`The status changed from ${STATUS_NAMES[seen.status as CaseStatus] ?? seen.status} to ${STATUS_NAMES[detail.status]}.`);
  }
  const assigneeNow = detail.assignee?.id ?? null;
  if (seen.assigneeId !== assigneeNow) {
    const name = (id: string | null) => (id ? (names.get(id) ?? 'a former staff member') : 'nobody');
    summary.push(`The case was assigned to ${name(assigneeNow)} (before: ${name(seen.assigneeId)}).`);
  }
  const after = /^\d+$/.test(seen.eventId) ? BigInt(seen.eventId) : -1n;
  const events = detail.timeline.filter((event) => BigInt(event.id) > after);
  const decisions = events.filter((event) => event.action === 'decision.recorded').length;
  if (decisions) summary.push(decisions === 1 ? 'A new decision was recorded.' : `${decisions} new decisions were recorded.`);
  if (!summary.length) summary.push('The case was updated.');
  return { summary, events };
}

export function conflictBanner(ctx: PageContext, seen: SeenSnapshot): SafeHtml {
  const { summary, events } = changesSince(ctx.detail, seen, ctx.names);
  return html`<div class="notice-box warn conflict" role="alert" aria-labelledby="conflict-title" tabindex="-1" autofocus>
<h2 id="conflict-title">Someone else changed this case while you were working on it</h2>
<ul>${summary.map((line) => html`<li>${line}</li>`)}</ul>
${events.length ? html`<details><summary>What happened since you opened the page (${events.length})</summary><ol class="timeline">${events.map((event) => eventEntry(event, ctx.names))}</ol></details>` : null}
<p>Nothing you typed was lost: it is still in <a href="#actions">the form below</a>. Check the changes, then send the form again.</p>
</div>`;
}
