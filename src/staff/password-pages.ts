import type { FieldError } from '../common/desk-error';
import { html } from '../common/html';
import { errorSummary, FormField, renderField } from '../web/form-fields';
import { page } from '../web/layout';
import { csrfInput, staffNav, titled } from '../web/page-parts';
import type { StaffActor } from './staff-actor';
import { PASSWORD_RULES_HINT } from './staff-pages';
import type { User } from './user.entity';

// The account page (changing one's password, forced at the first start) and the page a
// set-password link opens. Passwords are never sent back to the browser.

const ROLE_NAMES: Record<string, string> = { editor: 'Editor', legal: 'Legal', admin: 'Admin' };

const NEW_PASSWORD: FormField = { name: 'newPassword', label: 'New password', kind: 'password', autocomplete: 'new-password', hint: PASSWORD_RULES_HINT };
const CONFIRM_PASSWORD: FormField = { name: 'confirmPassword', label: 'Repeat the new password', kind: 'password', autocomplete: 'new-password' };

export const CHANGE_PASSWORD_FIELDS: FormField[] = [
  { name: 'currentPassword', label: 'Current password', kind: 'password', autocomplete: 'current-password' },
  NEW_PASSWORD,
  CONFIRM_PASSWORD,
];
export const SET_PASSWORD_FIELDS: FormField[] = [NEW_PASSWORD, CONFIRM_PASSWORD];

// The repeat is the page's own check (the API takes the password once).
export function confirmationErrors(body: Record<string, unknown>): FieldError[] {
  return body.confirmPassword === body.newPassword ? [] : [{ field: 'confirmPassword', message: 'Must be the same as the new password.' }];
}

export interface AccountPageState {
  actor: StaffActor;
  csrfToken: string;
  done?: boolean;
  errors?: FieldError[];
}

export function accountPage(state: AccountPageState): string {
  const errors = state.errors ?? [];
  const { actor } = state;
  return page({
    title: titled('Your account', errors),
    private: true,
    staff: staffNav(actor, state.csrfToken),
    body: html`${errorSummary(errors, CHANGE_PASSWORD_FIELDS)}
${state.done ? html`<div class="notice-box ok" role="status"><p>Your password was changed. Your other sessions have ended; your API tokens still work.</p></div>` : null}
${
  actor.mustChangePassword
    ? html`<div class="notice-box" role="status"><p><strong>Choose a new password before you go on.</strong> The password you signed in with was shown on a console when the desk first started.</p></div>`
    : null
}
<h1>Your account</h1>
<dl class="facts">
<dt>Name</dt><dd>${actor.name}</dd>
<dt>E-mail address</dt><dd>${actor.email}</dd>
<dt>Role</dt><dd>${ROLE_NAMES[actor.role]}</dd>
</dl>
${actor.mustChangePassword ? null : html`<p>Scripts and tools use <a href="/account/tokens">API tokens</a>.</p>`}
<h2 id="change-password">Change your password</h2>
<p>Changing it signs you out everywhere else.</p>
<form method="post" action="/account" novalidate aria-labelledby="change-password">
${csrfInput(state.csrfToken)}
${CHANGE_PASSWORD_FIELDS.map((field) => renderField(field, { values: {}, errors }))}
<button type="submit">Change password</button>
</form>`,
  });
}

export interface SetPasswordPageState {
  user: Pick<User, 'name' | 'email'>;
  action: string;
  errors?: FieldError[];
}

export function setPasswordPage(state: SetPasswordPageState): string {
  const errors = state.errors ?? [];
  return page({
    title: titled('Choose a new password', errors),
    private: true,
    body: html`${errorSummary(errors, SET_PASSWORD_FIELDS)}
<h1>Choose a new password</h1>
<p class="lead">For ${state.user.name} (${state.user.email}). This link works once; setting the password signs you out everywhere.</p>
<form method="post" action="${state.action}" novalidate>
${SET_PASSWORD_FIELDS.map((field) => renderField(field, { values: {}, errors }))}
<button type="submit">Set password</button>
</form>`,
  });
}

export function setPasswordLinkInvalidPage(): string {
  return page({
    title: 'Link not valid',
    private: true,
    body: html`<h1>This link does not work any more</h1>
<p>Set-password links work once, for 24 hours, and a newer link replaces an older one. Ask an administrator for a new link.</p>
<p><a href="/login">Go to the sign-in page</a></p>`,
  });
}
