import * as fc from 'fast-check';
import { DEMO_ARTICLE_URL } from '../factories';

// Hostile values for property-based tests: what a careless or malicious client sends in
// place of a notice's fields. Realistic shapes are mutated with these (see the specs).

const SQL = [
  "' OR '1'='1",
  "'; DROP TABLE notices; --",
  '"; DELETE FROM cases WHERE ""="',
  '1; SELECT pg_sleep(30)--',
  "' UNION SELECT password_hash FROM users --",
  '$1',
  '$$ $$',
  "E'\\\\x00'",
  "%' AND 1=1 --",
  "Robert'); DROP TABLE events;--",
  "'::jsonb->>'x",
  '\\',
];
const SCRIPT = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(document.cookie)',
  '{{constructor.constructor("return process")()}}',
  '${process.exit(1)}',
  '<%= 7*7 %>',
  '<!--',
  ']]>',
  '<svg/onload=alert(1)>',
  '</textarea><b>x</b>',
  "';alert(String.fromCharCode(88,83,83))//",
];
const UNICODE = [
  '\u202Eevil\u202C',
  '\u200B',
  '\u200C\u200D',
  '\uFEFF',
  '\u2066x\u2069',
  '\u0645\u0631\u062D\u0628\u0627 \u05E9\u05DC\u05D5\u05DD',
  'e\u0301\u0301\u0301\u0301',
  '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}',
  '\u{1F600}',
  '\uD800',
  '\uDFFF',
  '\uDBFF\uD800',
  '\uFFFE',
  '\uFFFF',
  '\u{10FFFF}',
  '\uFFFD',
  '\u00A0',
  '\u3000',
  '\u2028',
  '\u2029',
  '\uFF21\uFF44\uFF4D\uFF49\uFF4E',
  'I\u0307\u0131',
  'Z\u0338\u0321\u0327\u031B\u0316\u0317\u0318\u0319',
];
const CONTROL = ['\u0000', '\u0007', '\u0008', '\u001B[2J', '\u007F', '\u0085', '\u009B', '\r', '\n', '\t', '\r\n\r\nHTTP/1.1 200 OK\r\n', '\u000B', '\u000C'];
const FORMAT = ['%s%s%s%n', '%x%x', '{0}', '../../../../etc/passwd', 'C:\\Windows\\system32', 'null', 'undefined', 'NaN', 'true', '[]', '{}', '0', '-1', '1e309', '0x41'];
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

export const HOSTILE_FRAGMENTS = [...SQL, ...SCRIPT, ...UNICODE, ...CONTROL, ...FORMAT, ...PROTOTYPE_KEYS];
const BLANKS = ['', ' ', '   ', '\t', '\n', '\u00A0', '\u3000', '\u200B', '\uFEFF'];

const fragment = fc.constantFrom(...HOSTILE_FRAGMENTS);

// A string of `length` characters built by repeating a hostile fragment.
const huge = fc
  .tuple(fc.constantFrom('A', 'é', '\u{1F600}', '\u202E', '\u200B', "'", '<', '\\', 'Jane Doe '), fc.integer({ min: 201, max: 1_100_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fragment, weight: 6 },
  { arbitrary: fc.constantFrom(...BLANKS), weight: 2 },
  // Realistic text with hostile pieces inside it.
  {
    arbitrary: fc.array(fc.oneof(fragment, fc.constantFrom('Jane', 'Doe', ' ', 'Photography Ltd', 'https://')), { minLength: 2, maxLength: 8 }).map((parts) => parts.join('')),
    weight: 5,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }), weight: 2 },
  { arbitrary: huge, weight: 1 },
);

// Item URLs: the demo article with hostile parts, other schemes and hosts, malformed URLs.
export const hostileUrl: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    DEMO_ARTICLE_URL,
    `${DEMO_ARTICLE_URL.toUpperCase()}`,
    'https://FREELANEWS.com./2025/06/02/russia-ukraine-resume-peace-talks-in-istanbul-amid-escalating-air-attacks',
    'https://freelanews.com:99999/',
    'https://[::1]/',
    'http://127.0.0.1:5432/',
    'http://169.254.169.254/latest/meta-data/',
    'https://xn--80ak6aa92e.com/',
    'https://\u0440\u0443\u0441.freelanews.com/',
    'https://freelanews.com/%00',
    'https://freelanews.com/%E0%A4%A',
    'https://freelanews.com/\u202Egnp.exe',
    'https://user:pass@freelanews.com/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    '//freelanews.com/x',
    'https://',
    'https:///',
    'https://freelanews.com/' + 'a'.repeat(2100),
  ),
  hostileString.map((s) => `${DEMO_ARTICLE_URL}?q=${s}`),
  hostileString.map((s) => `https://freelanews.com/${s}`),
  hostileString.map((s) => `https://${s}/`),
  hostileString,
);

// Any JSON value, nested and shaped wrongly on purpose.
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { arbitrary: hostileString, weight: 8 },
    { arbitrary: fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, -1, 1.5)), weight: 2 },
    { arbitrary: fc.boolean(), weight: 1 },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.array(tie('value'), { maxLength: 4, depthIdentifier: 'hostile' }), weight: 2 },
    { arbitrary: fc.dictionary(fc.oneof(fragment, fc.string({ maxLength: 10 })), tie('value'), { maxKeys: 4, depthIdentifier: 'hostile' }), weight: 2 },
    { arbitrary: fc.integer({ min: 2, max: 40 }).map((depth) => nest(depth, 'x')), weight: 1 },
  ),
})).value;

function nest(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

// Header values fetch can send (Latin-1 without control characters).
export const hostileHeaderValue: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom('short', 'x'.repeat(201), 'key with spaces', "'; DROP TABLE submission_keys;--", 'valid-key-0001', 'valid-key-0001'),
    fc.string({ unit: 'binary-ascii', minLength: 0, maxLength: 220 }),
  )
  .map((value) => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '').trim());

// Sets `value` at a dotted path ("items.0.url"), turning non-objects on the way into objects.
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node: Record<string, unknown> = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  Object.defineProperty(node, keys[keys.length - 1], { value, enumerable: true, writable: true, configurable: true });
}

export function deletePath(target: Record<string, unknown>, path: string): void {
  const keys = path.split('.');
  let node: unknown = target;
  for (const key of keys.slice(0, -1)) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (node && typeof node === 'object') delete (node as Record<string, unknown>)[keys[keys.length - 1]];
}

export function getPath(source: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), source);
}
