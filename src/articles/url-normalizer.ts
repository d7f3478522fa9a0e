// Normalises article URLs from legal notices so that variants of the same article
// (http/https, www, AMP views, tracking parameters, encoding differences...) compare equal.
// Pure: no I/O, only Node's WHATWG URL parser.

export type UrlRejection = 'invalid' | 'unsupported_scheme' | 'too_long' | 'credentials';

export class InvalidUrlError extends Error {
  constructor(
    readonly reason: UrlRejection,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidUrlError';
  }
}

export interface NormalizedUrl {
  url: string;
  host: string;
  path: string;
}

export const MAX_URL_LENGTH = 2048;

// Whitespace, control characters and invisible format characters (zero-width, bidi
// overrides) have no business inside a URL copied from a notice.
const FORBIDDEN_CHARACTER = /[\s\p{Cc}\p{Cf}]/u;
const SCHEME_PREFIX = /^([a-z][a-z0-9+.-]*):/i;
// "freelanews.com:8080/x" would otherwise parse as scheme "freelanews.com".
const HOST_WITH_PORT_PREFIX = /^[^:/?#@\\]*\.[^:/?#@\\]*:\d+(?:[/?#\\]|$)/;
const PROTOCOL_RELATIVE_PREFIX = /^[/\\]{2}/;
const DEFAULT_PORTS = new Set(['80', '443']);
// Stripped host labels: same article whichever of these subdomains served it.
const ALIAS_HOST_LABELS = ['www.', 'amp.'];
const DIRECTORY_INDEX_FILES = new Set(['index.html', 'index.htm', 'index.php']);
const AMP_SEGMENT = 'amp';
const UNRESERVED_CHARACTER = /^[A-Za-z0-9\-._~]$/;
const TRACKING_PARAMETERS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  'igshid',
  'ref',
  'ref_src',
  'yclid',
  'twclid',
  's_cid',
  'cmpid',
  'share',
  'amp',
]);

export function normalizeUrl(raw: string): NormalizedUrl {
  const input = typeof raw === 'string' ? raw.trim() : '';
  if (input === '') throw new InvalidUrlError('invalid', 'URL is empty');
  if (input.length > MAX_URL_LENGTH) {
    throw new InvalidUrlError('too_long', `URL is longer than ${MAX_URL_LENGTH} characters`);
  }
  if (FORBIDDEN_CHARACTER.test(input)) {
    throw new InvalidUrlError('invalid', 'URL contains whitespace or control characters');
  }

  const { candidate, schemeWasGuessed } = withScheme(input);
  let parsed: URL;
  try {
    parsed = new URL(candidate);
  } catch {
    throw new InvalidUrlError('invalid', 'URL cannot be parsed');
  }

  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidUrlError('unsupported_scheme', `URL scheme "${parsed.protocol}" is not supported`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new InvalidUrlError('credentials', 'URL must not contain credentials');
  }
  // Without an explicit scheme, a dot-less "host" is far more likely junk ("N/A") than a site.
  if (schemeWasGuessed && !parsed.hostname.includes('.') && !parsed.hostname.startsWith('[')) {
    throw new InvalidUrlError('invalid', 'URL has no recognisable host');
  }

  const host = normalizeHostname(parsed.hostname);
  if (host === '') throw new InvalidUrlError('invalid', 'URL has no host');
  const port = DEFAULT_PORTS.has(parsed.port) ? '' : parsed.port;
  const path = normalizePath(parsed.pathname);
  const query = normalizeQuery(parsed.search);

  // http and https serve the same article, so the scheme is not part of its identity.
  const url = `https://${host}${port ? `:${port}` : ''}${path}${query ? `?${query}` : ''}`;
  // Percent-encoding can triple the length of non-ASCII input.
  if (url.length > MAX_URL_LENGTH) {
    throw new InvalidUrlError('too_long', `Normalised URL is longer than ${MAX_URL_LENGTH} characters`);
  }
  return { url, host, path };
}

export function tryNormalizeUrl(raw: string): NormalizedUrl | null {
  try {
    return normalizeUrl(raw);
  } catch (error) {
    if (error instanceof InvalidUrlError) return null;
    throw error;
  }
}

export function lastPathSegment(url: string): string {
  // Also accept a bare path such as "/2025/06/02/slug"; the placeholder host never leaks out.
  const trimmed = typeof url === 'string' ? url.trim() : '';
  const isBarePath = trimmed.startsWith('/') && !PROTOCOL_RELATIVE_PREFIX.test(trimmed);
  const normalized = tryNormalizeUrl(isBarePath ? `https://path.invalid${trimmed}` : trimmed);
  if (!normalized) return '';
  const segments = normalized.path.split('/').filter((segment) => segment !== '');
  const last = segments.at(-1);
  return last === undefined ? '' : safeDecode(last);
}

export function isPublisherHost(host: string, publisherHosts: readonly string[]): boolean {
  const candidate = normalizeHostInput(host);
  if (candidate === '') return false;
  // Exact comparison only: suffix or substring checks would accept look-alikes such as
  // "freelanews.com.evil.example" or "evilfreelanews.com".
  return publisherHosts.some((publisherHost) => normalizeHostInput(publisherHost) === candidate);
}

function withScheme(input: string): { candidate: string; schemeWasGuessed: boolean } {
  if (PROTOCOL_RELATIVE_PREFIX.test(input)) return { candidate: `https:${input}`, schemeWasGuessed: false };
  if (SCHEME_PREFIX.test(input) && !HOST_WITH_PORT_PREFIX.test(input)) {
    return { candidate: input, schemeWasGuessed: false };
  }
  // A path without a host cannot name an article of any particular site.
  if (input.startsWith('/') || input.startsWith('\\')) {
    throw new InvalidUrlError('invalid', 'URL has no host');
  }
  return { candidate: `https://${input}`, schemeWasGuessed: true };
}

// Expects a hostname already lower-cased and punycoded by URL.
function normalizeHostname(hostname: string): string {
  let host = hostname.replace(/\.+$/, '');
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (const label of ALIAS_HOST_LABELS) {
      const rest = host.slice(label.length);
      // Keep "amp.dev" or "www.com" whole: the remainder must still be a domain.
      if (host.startsWith(label) && rest.includes('.')) {
        host = rest;
        stripped = true;
      }
    }
  }
  return host;
}

// Host strings from configuration or callers may be raw (upper-case, Unicode, "www.").
function normalizeHostInput(host: string): string {
  const trimmed = typeof host === 'string' ? host.trim() : '';
  if (trimmed === '' || FORBIDDEN_CHARACTER.test(trimmed)) return '';
  try {
    return normalizeHostname(new URL(`https://${trimmed}`).hostname);
  } catch {
    return '';
  }
}

function normalizePath(pathname: string): string {
  // Splitting on "/" and dropping empty segments collapses "//" and the trailing slash.
  const segments = normalizePercentEncoding(pathname)
    .split('/')
    .filter((segment) => segment !== '');
  if (segments.length > 0 && DIRECTORY_INDEX_FILES.has(segments[segments.length - 1])) segments.pop();
  if (segments.length > 0 && segments[segments.length - 1] === AMP_SEGMENT) segments.pop();
  if (segments.length > 0 && segments[0] === AMP_SEGMENT) segments.shift();
  return `/${segments.join('/')}`;
}

// Decodes escapes of unreserved characters and upper-cases the others, so "%7e", "~"
// and "%C3%a9" vs "%C3%A9" compare equal. A stray "%" is escaped so it cannot pair up later.
function normalizePercentEncoding(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})|%/g, (_match, hex: string | undefined) => {
    if (hex === undefined) return '%25';
    const character = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED_CHARACTER.test(character) ? character : `%${hex.toUpperCase()}`;
  });
}

function normalizeQuery(search: string): string {
  const parameters = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const normalizedPair = normalizePercentEncoding(pair);
      const separator = normalizedPair.indexOf('=');
      const rawName = separator === -1 ? normalizedPair : normalizedPair.slice(0, separator);
      const rawValue = separator === -1 ? '' : normalizedPair.slice(separator + 1);
      return { pair: normalizedPair, name: decodeQueryComponent(rawName), value: decodeQueryComponent(rawValue) };
    })
    .filter(({ name, value }) => !isTrackingOrAmpParameter(name, value));
  // Array.prototype.sort is stable, so repeated names keep their relative order.
  parameters.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return parameters.map(({ pair }) => pair).join('&');
}

function isTrackingOrAmpParameter(name: string, value: string): boolean {
  const lowerName = name.toLowerCase();
  if (lowerName.startsWith('utm_') || TRACKING_PARAMETERS.has(lowerName)) return true;
  return lowerName === 'outputtype' && value.toLowerCase() === 'amp';
}

function decodeQueryComponent(component: string): string {
  return safeDecode(component.replace(/\+/g, ' '));
}

function safeDecode(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}
