// Computed once, set on every response by one hook (cheaper than a per-request helmet).
// Images may also come from the publisher's own sites: the case page shows the photo a
// notice is about (src/attachments).
const strictCsp = (imageSources: string) =>
  [
    "default-src 'none'",
    "style-src 'self'",
    `img-src 'self' data:${imageSources}`,
    "font-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "connect-src 'self'",
  ].join('; ');

// The Swagger UI page needs inline script and style; only it gets them.
const DOCS_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

const COMMON = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

const STRICT_CSP = strictCsp('');
export const SECURITY_HEADERS: Record<string, string> = { ...COMMON, 'content-security-policy': STRICT_CSP };
export const DOCS_SECURITY_HEADERS: Record<string, string> = { ...COMMON, 'content-security-policy': DOCS_CSP };

const HSTS = 'max-age=31536000; includeSubDomains';

// What a shared cache or the browser's back button may keep: only what is public and holds no
// person's data. Everything else (tokens, tracking links, cases, staff pages, error pages
// quoting a request) is `no-store`.
const PUBLIC_PREFIXES = ['/assets/', '/api/docs', '/api/v1/notice-types', '/removed/'];
const PUBLIC_PATHS = new Set(['/', '/health']);

export function isPublicPath(url: string): boolean {
  const path = url.split('?', 1)[0];
  return PUBLIC_PATHS.has(path) || PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix));
}

// The headers of every response, chosen by path; HSTS when the desk is served over https.
export function securityHeadersFor(publicBaseUrl: string, publisherHosts: string[] = []): (url: string) => Record<string, string> {
  const hsts: Record<string, string> = publicBaseUrl.startsWith('https:') ? { 'strict-transport-security': HSTS } : {};
  const docs = { ...DOCS_SECURITY_HEADERS, ...hsts };
  const imageSources = publisherHosts.map((host) => ` https://${host} https://*.${host}`).join('');
  const open = { ...COMMON, 'content-security-policy': strictCsp(imageSources), ...hsts };
  const private_ = { ...open, 'cache-control': 'no-store' };
  return (url) => (url.startsWith('/api/docs') ? docs : isPublicPath(url) ? open : private_);
}
