// Tracking links are bearer secrets: they never reach a log line.
// Nor does the code that confirms a notifier's address (`?confirm=`).
const SECRET_PATH = /\/track\/[^/?#]+/g;
const CONFIRM_CODE = /([?&]confirm=)[^&#]*/g;

export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_PATH, '/track/[redacted]').replace(CONFIRM_CODE, '$1[redacted]');
}
