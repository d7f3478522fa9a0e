// Computed once, set on every response by one hook (cheaper than a per-request helmet).
const STRICT_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
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

export const SECURITY_HEADERS: Record<string, string> = { ...COMMON, 'content-security-policy': STRICT_CSP };
export const DOCS_SECURITY_HEADERS: Record<string, string> = { ...COMMON, 'content-security-policy': DOCS_CSP };
