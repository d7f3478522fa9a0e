import type { FieldError } from '../common/desk-error';
import { html, SafeHtml, userText } from '../common/html';
import { own } from '../common/own';
import type { DeskEvent } from '../events/event.entity';
import { eventLabel } from '../events/event-names';
import { describeSuspension, SUSPENSION_STATE_NAMES } from '../misuse/misuse-rules';
import type { StaffActor } from '../staff/staff-actor';
import { errorSummary, FormField, renderField } from '../web/form-fields';
import { page } from '../web/layout';
import { csrfInput, formatTime, okBanner, staffNav, titled } from '../web/page-parts';
import type { SenderDto } from './dto/sender.dto';
import { SENDER_STATUSES } from './sender-organisation.entity';
import { keysTable, ORGANISATION_FIELDS, SENDER_KIND_LABELS, SENDER_STATUS_LABELS, statusTags } from './senders-pages';

// /desk/senders/<id>: one organisation, the form that changes it, its keys, its misuse
// suspensions and what was done to it. Escaped by `html`; no script; CSRF on every form.

export const EDIT_FIELDS: FormField[] = [
  ...ORGANISATION_FIELDS.filter((field) => field.name !== 'rateLimitPerMinute'),
  {
    name: 'status',
    label: 'Status',
    kind: 'select',
    options: SENDER_STATUSES.map((status) => ({ value: status, label: SENDER_STATUS_LABELS[status] })),
    hint: 'Suspended or closed: its keys file nothing (they are told why, and until when).',
  },
  {
    name: 'suspendedUntil',
    label: 'Suspended until',
    kind: 'date',
    optional: true,
    hint: 'Suspended only: its keys file again from this day (00:00 UTC). Leave empty for a suspension until you lift it.',
  },
  { ...ORGANISATION_FIELDS.find((field) => field.name === 'rateLimitPerMinute')!, hint: 'All its keys together; applies from the next request.' },
];

export type OrganisationSuspension = Pick<ReturnType<typeof describeSuspension>, 'id' | 'state' | 'markCount' | 'proposedAt' | 'endsAt' | 'reasons'>;

export interface SenderPageState {
  actor: StaffActor;
  csrfToken: string;
  sender: SenderDto;
  history: DeskEvent[];
  suspensions: OrganisationSuspension[];
  values?: Record<string, string>;
  // The version the form was read at (a stale one after a conflict is replaced by the current).
  version?: number;
  errors?: FieldError[];
  problem?: string;
  done?: string;
}

const DONE: Record<string, string> = {
  saved: 'The changes were saved. They hold from the next request its keys make.',
  unchanged: 'Nothing was changed.',
  revoked: 'The key was revoked: it files nothing from now on.',
};

const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : '');

// The form's values from the organisation as stored.
export function formValuesOf(sender: SenderDto): Record<string, string> {
  return {
    name: sender.name,
    kind: sender.kind,
    contactName: sender.contactName ?? '',
    contactEmail: sender.contactEmail,
    contactAddress: sender.contactAddress ?? '',
    contactPhone: sender.contactPhone ?? '',
    status: sender.status,
    suspendedUntil: day(sender.suspendedUntil),
    rateLimitPerMinute: String(sender.rateLimitPerMinute),
  };
}

export function senderPage(state: SenderPageState): string {
  const { sender } = state;
  const errors = state.errors ?? [];
  const done = state.done ? own(DONE, state.done) : undefined;
  return page({
    title: titled(sender.name, errors),
    private: true,
    staff: staffNav(state.actor, state.csrfToken),
    body: html`<p class="breadcrumb"><a href="/desk/senders">All sender organisations</a></p>
${errorSummary(errors, EDIT_FIELDS)}
${state.problem ? html`<div class="error-summary" role="alert" tabindex="-1" autofocus><h2>Not saved</h2><p>${state.problem}</p></div>` : null}
${okBanner(done)}
<h1>${userText(sender.name)}${statusTags(sender)}</h1>
<dl class="facts">
<dt>Kind</dt><dd>${SENDER_KIND_LABELS[sender.kind] ?? sender.kind}${sender.kind === 'trusted_flagger' ? ' (priority lane)' : ''}</dd>
<dt>Contact</dt><dd>${userText(sender.contactName ?? '')}${sender.contactName ? ' · ' : ''}${userText(sender.contactEmail)}</dd>
<dt>Status</dt><dd>${SENDER_STATUS_LABELS[sender.status] ?? sender.status}${sender.status === 'suspended' ? (sender.suspendedUntil ? ` until ${day(sender.suspendedUntil)}` : ' until lifted') : ''}</dd>
<dt>Notices per minute</dt><dd>${sender.rateLimitPerMinute}</dd>
<dt>Registered</dt><dd>${formatTime(sender.createdAt)}</dd>
</dl>
<h2>Keys</h2>
${keysTable(sender, state.csrfToken, 'organisation')}
<p><a href="/desk/senders#issue-key">Issue a key</a></p>
<h2 id="edit">Change the organisation</h2>
<form method="post" action="/desk/senders/${sender.id}" novalidate aria-labelledby="edit">
${csrfInput(state.csrfToken)}
<input type="hidden" name="version" value="${String(state.version ?? sender.version)}">
${EDIT_FIELDS.map((field) => renderField(field, { values: state.values ?? formValuesOf(sender), errors }))}
<button type="submit">Save changes</button>
</form>
<h2>Misuse suspensions</h2>
${misuseSection(state.suspensions)}
<h2>History</h2>
${historyTable(state.history)}`,
  });
}

function misuseSection(suspensions: OrganisationSuspension[]): SafeHtml {
  if (!suspensions.length) return html`<p class="muted">None. Notices filed with its keys and marked manifestly unfounded count against the organisation as a whole.</p>`;
  return html`<ul>${suspensions.map(
    (s) =>
      html`<li><strong>${SUSPENSION_STATE_NAMES[s.state]}</strong> · ${s.markCount} manifestly unfounded notices · proposed ${formatTime(s.proposedAt)}${
        s.endsAt ? html` · until ${day(s.endsAt)}` : null
      }${s.reasons ? html`<br>${userText(s.reasons)}` : null}</li>`,
  )}</ul>
<p><a href="/desk/misuse">All misuse suspensions</a></p>`;
}

function historyTable(events: DeskEvent[]): SafeHtml {
  if (!events.length) return html`<p class="muted">Nothing recorded yet.</p>`;
  return html`<table class="audit">
<caption class="visually-hidden">What was done to the organisation and its keys, newest first</caption>
<thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">By</th><th scope="col">Changes</th></tr></thead>
<tbody>${events.map(
    (event) => html`<tr>
<td data-label="When">${formatTime(event.occurredAt)}</td>
<td data-label="What">${eventLabel(event.action)}</td>
<td data-label="By">${event.actorRole ?? event.actorType}</td>
<td data-label="Changes">${changesList(event)}</td>
</tr>`,
  )}</tbody>
</table>`;
}

function changesList(event: DeskEvent): SafeHtml | string | null {
  const entries = Object.entries(event.changes ?? {});
  if (!entries.length) return typeof event.data?.name === 'string' ? userText(event.data.name) : '';
  return html`<ul class="changes">${entries.map(
    ([field, change]) =>
      html`<li>${EDIT_FIELDS.find((f) => f.name === field)?.label ?? field}: <span class="before"><span class="value">${shown(change.before)}</span></span> → <span class="after"><span class="value">${shown(change.after)}</span></span></li>`,
  )}</ul>`;
}

function shown(value: unknown): string {
  return value === null || value === undefined || value === '' ? '(none)' : String(value);
}
