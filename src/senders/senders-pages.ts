import type { FieldError } from '../common/desk-error';
import { html, SafeHtml, userText } from '../common/html';
import { own } from '../common/own';
import { NOTICE_TYPES } from '../notices/completeness';
import { NOTICE_TYPE_INFO } from '../notices/notice-types';
import type { StaffActor } from '../staff/staff-actor';
import { errorSummary, fieldId, FormField, renderField } from '../web/form-fields';
import { page } from '../web/layout';
import { csrfInput, formatTime, okBanner, staffNav, titled } from '../web/page-parts';
import { DEFAULT_SENDER_RATE_PER_MINUTE, isSuspendedAt, SENDER_KINDS } from './sender-organisation.entity';
import { MAX_SENDER_KEY_DAYS, MAX_SENDER_RATE_PER_MINUTE, type SenderDto, type SenderKeyDto } from './dto/sender.dto';

// /desk/senders: sender organisations and their keys, for admins. Every value is escaped by
// `html`; no script; every form works without it and carries its CSRF token.

export const SENDER_STATUS_LABELS: Record<string, string> = { active: 'Active', suspended: 'Suspended', closed: 'Closed' };

export const SENDER_KIND_LABELS: Record<string, string> = {
  trusted_flagger: 'Trusted flagger',
  agency: 'Agency',
  law_firm: 'Law firm',
  other: 'Other organisation',
};

type Values = Record<string, string | undefined>;

export const ORGANISATION_FIELDS: FormField[] = [
  { name: 'name', label: 'Organisation name', kind: 'text', autocomplete: 'organization' },
  {
    name: 'kind',
    label: 'Kind',
    kind: 'select',
    options: SENDER_KINDS.map((kind) => ({ value: kind, label: SENDER_KIND_LABELS[kind] })),
    hint: 'A trusted flagger (DSA Art. 22) has its cases put in the priority lane, with the shorter review deadline.',
  },
  { name: 'contactName', label: 'Contact person', kind: 'text', autocomplete: 'off', optional: true },
  { name: 'contactEmail', label: 'Contact e-mail address', kind: 'email', autocomplete: 'off', hint: 'The notifier’s address when a notice names none.' },
  { name: 'contactAddress', label: 'Postal address', kind: 'text', autocomplete: 'off', optional: true, hint: 'A copyright notice names one.' },
  { name: 'contactPhone', label: 'Telephone', kind: 'tel', autocomplete: 'off', optional: true, hint: 'A copyright notice names one.' },
  {
    name: 'rateLimitPerMinute',
    label: 'Notices per minute',
    kind: 'number',
    width: 'short',
    min: 1,
    max: MAX_SENDER_RATE_PER_MINUTE,
    hint: `All its keys together. Default ${DEFAULT_SENDER_RATE_PER_MINUTE}.`,
  },
];

// The key form's fields (its allowed types are a group of checkboxes of their own).
export const KEY_FIELDS: FormField[] = [
  { name: 'organisationId', label: 'Organisation', kind: 'select', options: [] },
  { name: 'keyName', label: 'Key name', kind: 'text', autocomplete: 'off', hint: 'What the key is for, e.g. “Nightly pipeline”.' },
  {
    name: 'expiresInDays',
    label: 'Expires after (days)',
    kind: 'number',
    width: 'short',
    min: 1,
    max: MAX_SENDER_KEY_DAYS,
    optional: true,
    hint: 'Leave empty for a key that works until revoked.',
  },
];
// A group of checkboxes (rendered here); as a radio-like group the error summary links to its first box.
const TYPES_FIELD: FormField = {
  name: 'allowedTypes',
  label: 'Notice types it may file',
  kind: 'radio',
  options: NOTICE_TYPES.map((type) => ({ value: type, label: NOTICE_TYPE_INFO[type].label })),
};

const DONE: Record<string, string> = {
  registered: 'The organisation was registered. Issue it a key below.',
  revoked: 'The key was revoked: it files nothing from now on.',
};

export interface SendersPageState {
  actor: StaffActor;
  csrfToken: string;
  senders: SenderDto[];
  values?: Values;
  keyValues?: { organisationId: string; keyName: string; expiresInDays: string; allowedTypes?: string[] };
  errors?: FieldError[];
  done?: string;
  created?: { key: string; keyName: string; organisation: string };
}

export function sendersPage(state: SendersPageState): string {
  const errors = state.errors ?? [];
  const done = state.done ? own(DONE, state.done) : undefined;
  const keyFields = KEY_FIELDS.map((field) =>
    field.name === 'organisationId' ? { ...field, options: state.senders.map((sender) => ({ value: sender.id, label: sender.name })) } : field,
  );
  return page({
    title: titled('Sender organisations', errors),
    private: true,
    staff: staffNav(state.actor, state.csrfToken),
    body: html`${errorSummary(errors, [...ORGANISATION_FIELDS, ...keyFields, TYPES_FIELD])}
${okBanner(done)}
${createdKey(state.created)}
<h1>Sender organisations</h1>
<p class="lead">Organisations that file notices by machine — agencies, anti-piracy vendors, law firms, trusted flaggers — each with keys of their own.</p>
<p>A key is sent as <code>Authorization: Bearer tds_…</code> on <code>POST /api/v1/notices</code> or <code>POST /api/v1/notices:batch</code> (see the <a href="/api/docs">API</a>). Their notices name the organisation as notifier unless they name someone else.</p>
<h2>Organisations</h2>
${state.senders.length ? state.senders.map((sender) => organisationSection(sender, state.csrfToken)) : html`<p class="muted">No sender organisations yet. Register the first one below.</p>`}
<h2 id="issue-key">Issue a key</h2>
${
  state.senders.length
    ? html`<form method="post" action="/desk/senders/keys" novalidate aria-labelledby="issue-key">
${csrfInput(state.csrfToken)}
${keyFields.map((field) => renderField(field, { values: keyFieldValues(state.keyValues), errors }))}
${typesField(state.keyValues?.allowedTypes, errors)}
<button type="submit">Issue key</button>
</form>`
    : html`<p class="muted">Register an organisation first.</p>`
}
<h2 id="register">Register an organisation</h2>
<form method="post" action="/desk/senders" novalidate aria-labelledby="register">
${csrfInput(state.csrfToken)}
${ORGANISATION_FIELDS.map((field) => renderField(field, { values: state.values ?? {}, errors }))}
<button type="submit">Register organisation</button>
</form>`,
  });
}

function keyFieldValues(values: SendersPageState['keyValues']): Values {
  return values ? { organisationId: values.organisationId, keyName: values.keyName, expiresInDays: values.expiresInDays } : {};
}

function createdKey(created: SendersPageState['created']): SafeHtml | null {
  if (!created) return null;
  return html`<div class="notice-box ok" role="status">
<h2>New key “${userText(created.keyName)}” for ${userText(created.organisation)}</h2>
<p><strong>Copy it now: it is shown only once.</strong> The desk keeps only a fingerprint of it. Give it to the organisation by a safe channel.</p>
<code class="token-link" id="new-key">${created.key}</code>
</div>`;
}

function organisationSection(sender: SenderDto, csrfToken: string): SafeHtml {
  const headingId = `sender-${sender.id}`;
  return html`<section class="panel" aria-labelledby="${headingId}">
<h3 id="${headingId}"><a href="/desk/senders/${sender.id}">${userText(sender.name)}</a> ${sender.kind === 'trusted_flagger' ? html`<span class="tag">Trusted flagger · priority lane</span>` : null}${statusTags(sender)}</h3>
<p class="muted">${SENDER_KIND_LABELS[sender.kind] ?? sender.kind} · ${userText(sender.contactName ?? '')}${sender.contactName ? ' · ' : ''}${userText(sender.contactEmail)} · ${sender.rateLimitPerMinute} notices a minute</p>
${keysTable(sender, csrfToken)}
</section>`;
}

export function keysTable(sender: SenderDto, csrfToken: string, back?: string): SafeHtml {
  if (!sender.keys.length) return html`<p class="muted">No keys yet.</p>`;
  return html`<table>
<caption class="visually-hidden">Keys of ${userText(sender.name)}</caption>
<thead><tr><th scope="col">Key</th><th scope="col" class="minor">Starts with</th><th scope="col">Types</th><th scope="col" class="minor">Last used</th><th scope="col" class="minor">Expires</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
<tbody>${sender.keys.map((key) => keyRow(key, csrfToken, back))}</tbody>
</table>`;
}

// What stops its keys: an admin's suspension or closing, a misuse suspension (filings held).
export function statusTags(sender: SenderDto, now = new Date()): SafeHtml {
  const day = (value: Date) => value.toISOString().slice(0, 10);
  const suspended = isSuspendedAt(sender, now);
  return html`${sender.status === 'closed' ? html` <span class="tag">Closed</span>` : null}${
    suspended ? html` <span class="tag">Suspended${sender.suspendedUntil ? ` until ${day(sender.suspendedUntil)}` : ''}</span>` : null
  }${sender.misuseSuspendedUntil && sender.misuseSuspendedUntil > now ? html` <span class="tag">Suspended for misuse until ${day(sender.misuseSuspendedUntil)}: filings held</span>` : null}`;
}

export function keyRow(key: SenderKeyDto, csrfToken: string, back?: string): SafeHtml {
  const live = !key.revokedAt && !(key.expiresAt && key.expiresAt.getTime() <= Date.now());
  return html`<tr>
<td>${userText(key.name)}</td>
<td class="minor"><code>${key.prefix}…</code></td>
<td>${key.allowedTypes.map((type) => NOTICE_TYPE_INFO[type as keyof typeof NOTICE_TYPE_INFO]?.label ?? type).join(', ')}</td>
<td class="minor">${formatTime(key.lastUsedAt)}</td>
<td class="minor">${key.expiresAt ? formatTime(key.expiresAt) : 'Never'}</td>
<td>${key.revokedAt ? 'Revoked' : live ? 'Active' : 'Expired'}</td>
<td>${
    key.revokedAt
      ? null
      : html`<form method="post" action="/desk/sender-keys/${key.id}/revoke">${csrfInput(csrfToken)}${back ? html`<input type="hidden" name="back" value="${back}">` : null}<button type="submit" class="danger" aria-label="Revoke ${key.name}">Revoke</button></form>`
  }</td>
</tr>`;
}

function typesField(selected: string[] | undefined, errors: FieldError[]): SafeHtml {
  const messages = errors.filter((error) => error.field === 'allowedTypes').map((error) => error.message);
  const chosen = new Set<string>(selected ?? NOTICE_TYPES);
  const id = fieldId(TYPES_FIELD.name);
  return html`<div class="field${messages.length ? ' has-error' : ''}"><fieldset class="choices"${messages.length ? html` aria-describedby="${id}-error"` : null}>
<legend>${TYPES_FIELD.label}</legend>
${messages.length ? html`<span class="field-error" id="${id}-error"><span class="visually-hidden">Error: </span>${messages.join(' ')}</span>` : null}
${TYPES_FIELD.options!.map((option) => {
  const optionId = fieldId(TYPES_FIELD.name, option.value);
  return html`<div class="check"><input type="checkbox" id="${optionId}" name="allowedTypes" value="${option.value}"${chosen.has(option.value) ? html` checked` : null}><label for="${optionId}">${option.label}</label></div>`;
})}
</fieldset></div>`;
}
