import type { FieldError } from '../common/desk-error';
import { html, SafeHtml, userText } from '../common/html';
import { own } from '../common/own';
import { errorSummary, FormField, renderField } from '../web/form-fields';
import { page } from '../web/layout';
import { csrfInput, formatTime, okBanner, staffNav, titled } from '../web/page-parts';
import { ApiToken } from './api-token.entity';
import { MAX_TOKEN_DAYS } from './dto/api-token.dto';
import { MIN_PASSWORD_LENGTH } from './passwords';

export const PASSWORD_RULES_HINT = `At least ${MIN_PASSWORD_LENGTH} characters and hard to guess: a few unrelated words work well. Not built from the person’s name or e-mail address.`;
import { ROLES, type StaffActor } from './staff-actor';
import { User } from './user.entity';

// The staff feature's pages: sign-in, personal API tokens, staff administration. Every
// value is escaped by `html`; no inline script or style; every form works without script.

export type Values = Record<string, string | undefined>;

const ROLE_LABELS: Record<string, string> = { editor: 'Editor', legal: 'Legal', admin: 'Admin' };
const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

// --- sign in ---

export const LOGIN_FIELDS: FormField[] = [
  { name: 'email', label: 'E-mail address', kind: 'email', autocomplete: 'username' },
  { name: 'password', label: 'Password', kind: 'password', autocomplete: 'current-password' },
];

export interface LoginPageState {
  formToken: string;
  next: string;
  values?: Values;
  errors?: FieldError[];
  signedOut?: boolean;
  passwordSet?: boolean;
}

export function loginPage(state: LoginPageState): string {
  const errors = state.errors ?? [];
  return page({
    title: titled('Sign in', errors),
    private: true,
    body: html`${errorSummary(errors, LOGIN_FIELDS)}
${state.signedOut ? html`<div class="notice-box ok" role="status"><p>You have signed out.</p></div>` : null}
${state.passwordSet ? html`<div class="notice-box ok" role="status"><p>Your new password is set. Sign in with it.</p></div>` : null}
<h1>Sign in</h1>
<p class="lead">For the staff of the takedown desk. To report an article, <a href="/notices/new">start a notice</a> instead.</p>
<form method="post" action="/login" novalidate>
${csrfInput(state.formToken)}
<input type="hidden" name="next" value="${state.next}">
${LOGIN_FIELDS.map((field) => renderField(field, { values: state.values ?? {}, errors }))}
<button type="submit">Sign in</button>
</form>`,
  });
}

// --- personal API tokens ---

export const TOKEN_FIELDS: FormField[] = [
  { name: 'name', label: 'Name', kind: 'text', hint: 'What the token is for, such as "CMS integration".', autocomplete: 'off' },
  {
    name: 'expiresInDays',
    label: 'Expires after (days, optional)',
    kind: 'number',
    width: 'short',
    min: 1,
    max: MAX_TOKEN_DAYS,
    hint: `From 1 to ${MAX_TOKEN_DAYS}. Leave empty for a token that works until you revoke it.`,
  },
];

const TOKEN_DONE: Record<string, string> = { revoked: 'The token was revoked: it no longer works.' };

export interface TokensPageState {
  actor: StaffActor;
  csrfToken: string;
  tokens: ApiToken[];
  created?: { token: string; name: string };
  done?: string;
  values?: Values;
  errors?: FieldError[];
}

function tokenState(token: ApiToken): string {
  if (token.revokedAt) return 'Revoked';
  if (token.expiresAt && token.expiresAt.getTime() <= Date.now()) return 'Expired';
  return 'Active';
}

export function tokensPage(state: TokensPageState): string {
  const errors = state.errors ?? [];
  const done = state.done ? own(TOKEN_DONE, state.done) : undefined;
  return page({
    title: titled('API tokens', errors),
    private: true,
    staff: staffNav(state.actor, state.csrfToken),
    body: html`${errorSummary(errors, TOKEN_FIELDS)}
${okBanner(done)}
${
  state.created
    ? html`<div class="notice-box ok" role="status">
<h2>Your new token “${userText(state.created.name)}”</h2>
<p><strong>Copy it now: it is shown only once.</strong> The desk keeps only a fingerprint of it.</p>
<code class="token-link" id="new-token">${state.created.token}</code>
</div>`
    : null
}
<h1>API tokens</h1>
<p class="lead">Personal tokens let your scripts and tools use the <a href="/api/docs">JSON API</a> as you, with your role (${ROLE_LABELS[state.actor.role]}).</p>
<p>Send a token in the header <code>Authorization: Bearer &lt;token&gt;</code>. Revoke any token you no longer need: the tokens a script made with it are revoked too.</p>
<p class="muted">Tokens made here cannot create further tokens; a script that must (<code>"canCreateTokens": true</code>, through the API while signed in) can only make tokens that expire no later than its own.</p>
<h2>Your tokens</h2>
${
  state.tokens.length
    ? html`<table>
<thead><tr><th scope="col">Name</th><th scope="col" class="minor">Starts with</th><th scope="col" class="minor">Created</th><th scope="col" class="minor">Last used</th><th scope="col">Expires</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
<tbody>
${state.tokens.map(
  (token) => html`<tr>
<td>${userText(token.name)}</td>
<td class="minor"><code>${token.prefix}…</code></td>
<td class="minor">${formatTime(token.createdAt)}</td>
<td class="minor">${formatTime(token.lastUsedAt)}</td>
<td>${token.expiresAt ? formatTime(token.expiresAt) : 'Never'}</td>
<td>${tokenState(token)}</td>
<td>${
    token.revokedAt
      ? null
      : html`<form method="post" action="/account/tokens/${token.id}/revoke">${csrfInput(state.csrfToken)}<button type="submit" class="danger" aria-label="Revoke ${token.name}">Revoke</button></form>`
  }</td>
</tr>`,
)}
</tbody>
</table>`
    : html`<p class="muted">You have no API tokens.</p>`
}
<h2>Create a token</h2>
<form method="post" action="/account/tokens" novalidate>
${csrfInput(state.csrfToken)}
${TOKEN_FIELDS.map((field) => renderField(field, { values: state.values ?? {}, errors }))}
<button type="submit">Create token</button>
</form>`,
  });
}

// --- staff administration ---
// (On a phone the stylesheet hides the columns marked `minor`: here the date added.)

export const NEW_USER_FIELDS: FormField[] = [
  { name: 'email', label: 'E-mail address', kind: 'email', autocomplete: 'off' },
  { name: 'name', label: 'Full name', kind: 'text', autocomplete: 'off' },
  { name: 'role', label: 'Role', kind: 'select', options: ROLE_OPTIONS, hint: 'Editors work the queue; legal also takes escalations and assigns cases; admins also manage staff.' },
  {
    name: 'password',
    label: 'Initial password',
    kind: 'password',
    autocomplete: 'new-password',
    hint: `${PASSWORD_RULES_HINT} Give it to the person by a safe channel, or leave them a set-password link with “Reset password” below.`,
  },
];

const USER_DONE: Record<string, string> = {
  created: 'The staff member was added. They can now sign in.',
  role_changed: 'The role was changed. It applies from their next page or API call.',
  deactivated: 'The account was deactivated: its sessions ended and its API tokens were revoked for good.',
  reactivated: 'The account was reactivated. Its old sessions and API tokens stay revoked.',
  unchanged: 'Nothing changed.',
};

export interface UsersPageState {
  actor: StaffActor;
  csrfToken: string;
  users: User[];
  done?: string;
  values?: Values;
  errors?: FieldError[];
  reset?: { name: string; email: string; url: string; expiresAt: Date };
}

export function adminUsersPage(state: UsersPageState): string {
  const errors = state.errors ?? [];
  const done = state.done ? own(USER_DONE, state.done) : undefined;
  return page({
    title: titled('Staff', errors),
    private: true,
    staff: staffNav(state.actor, state.csrfToken),
    body: html`${errorSummary(errors, NEW_USER_FIELDS)}
${okBanner(done)}
${
  state.reset
    ? html`<div class="notice-box ok" role="status">
<h2>Set-password link for ${state.reset.name}</h2>
<p>It was e-mailed to ${state.reset.email}. <strong>It is shown only now:</strong> if the e-mail does not arrive, give it to them by a safe channel. It works once, until ${formatTime(state.reset.expiresAt)}.</p>
<code class="token-link" id="reset-link">${state.reset.url}</code>
</div>`
    : null
}
<h1>Staff</h1>
<p class="lead">Who can sign in to the desk, and with which role.</p>
<table>
<thead><tr><th scope="col">Name and e-mail</th><th scope="col">Role</th><th scope="col" class="minor">Added</th><th scope="col">Status</th></tr></thead>
<tbody>
${state.users.map((user) => userRow(user, state))}
</tbody>
</table>
<h2 id="add-staff">Add a staff member</h2>
<form method="post" action="/admin/users" novalidate aria-labelledby="add-staff">
${csrfInput(state.csrfToken)}
${NEW_USER_FIELDS.map((field) => renderField(field, { values: state.values ?? { role: 'editor' }, errors }))}
<button type="submit">Add staff member</button>
</form>`,
  });
}

function userRow(user: User, state: UsersPageState): SafeHtml {
  const roleId = `role-${user.id}`;
  return html`<tr>
<td class="url">${userText(user.name)}${user.id === state.actor.id ? html` <span class="muted">(you)</span>` : null}<span class="hint">${user.email}</span></td>
<td><form method="post" action="/admin/users/${user.id}">${csrfInput(state.csrfToken)}
<label for="${roleId}" class="visually-hidden">Role of ${user.name}</label>
<select id="${roleId}" name="role">${ROLE_OPTIONS.map((option) => html`<option value="${option.value}"${user.role === option.value ? html` selected` : null}>${option.label}</option>`)}</select>
<button type="submit" class="secondary" aria-label="Change the role of ${user.name}">Change role</button></form></td>
<td class="minor">${formatTime(user.createdAt)}</td>
<td>${user.active ? 'Active' : html`Deactivated ${formatTime(user.deactivatedAt)}`}
<form method="post" action="/admin/users/${user.id}">${csrfInput(state.csrfToken)}<input type="hidden" name="active" value="${user.active ? 'false' : 'true'}">
<button type="submit" class="${user.active ? 'danger' : 'secondary'}" aria-label="${user.active ? 'Deactivate' : 'Reactivate'} ${user.name}">${user.active ? 'Deactivate' : 'Reactivate'}</button></form>
${
  user.active
    ? html`<form method="post" action="/admin/users/${user.id}/password-reset">${csrfInput(state.csrfToken)}<button type="submit" class="secondary" aria-label="Reset the password of ${user.name}">Reset password</button></form>`
    : null
}</td>
</tr>`;
}
