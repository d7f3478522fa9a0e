// Tracking links are bearer secrets: they never reach a log line.
const SECRET_PATH = /\/track\/[^/?#]+/g;

export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_PATH, '/track/[redacted]');
}
