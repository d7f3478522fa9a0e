import { DeskError } from '../common/desk-error';

// The staff feature's errors, with stable codes; ProblemFilter maps them to HTTP.
export const StaffErrors = {
  unauthenticated: (detail = 'Sign in to continue.') => new DeskError(401, 'unauthenticated', 'Sign-in required', detail),
  invalidCredentials: () => new DeskError(401, 'invalid_credentials', 'Sign-in failed', 'Wrong e-mail address or password.'),
  loginThrottled: (retryAfter: number) =>
    new DeskError(429, 'login_throttled', 'Too many failed sign-ins', `Too many failed sign-ins. Please wait ${retryAfter} seconds and try again.`, [], {
      retryAfter,
    }),
  csrf: () => new DeskError(403, 'csrf', 'Not allowed', 'The form or request is missing its security token, or it is out of date. Reload the page and try again.'),
  notASession: () => new DeskError(400, 'not_a_session', 'Not a session', 'This request was made with a personal API token; revoke it with DELETE /api/v1/tokens/{id} instead.'),
  emailTaken: () => DeskError.conflict('email_taken', 'Someone already has this e-mail address.'),
  lastAdmin: () => DeskError.conflict('last_admin', 'This is the last active admin: make someone else an admin first.'),
  tokenCannotCreateTokens: () =>
    new DeskError(
      403,
      'token_cannot_create_tokens',
      'Not allowed',
      'This API token was not made with the right to create tokens (canCreateTokens). Sign in, or use a token that has it.',
    ),
  passwordChangeRequired: () =>
    new DeskError(403, 'password_change_required', 'Password change required', 'Choose a new password first: POST /api/v1/auth/password (or the /account page).'),
  wrongCurrentPassword: () => DeskError.validation([{ field: 'currentPassword', message: 'This is not your current password.' }]),
  setPasswordLinkInvalid: () =>
    new DeskError(404, 'set_password_link_invalid', 'Link not valid', 'This set-password link has expired or has already been used. Ask an administrator for a new one.'),
  userInactive: () => DeskError.conflict('user_inactive', 'This account is deactivated: reactivate it first.'),
  jsonOnly: () => new DeskError(415, 'unsupported_content_type', 'Unsupported content type', 'Send the body as application/json.'),
};
