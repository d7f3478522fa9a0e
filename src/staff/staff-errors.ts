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
  jsonOnly: () => new DeskError(415, 'unsupported_content_type', 'Unsupported content type', 'Send the body as application/json.'),
};
