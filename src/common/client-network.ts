import { isIPv4, isIPv6 } from 'node:net';

// The event log keeps the client's network, not its address: IPv4 truncated to /24 and
// IPv6 to /48. That still shows a burst of filings from one network (misuse controls)
// without storing a personal identifier in an append-only log that can never be erased.
export function clientNetwork(ip: string | null | undefined): string | null {
  if (!ip) return null;
  const mapped = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (isIPv4(mapped)) return `${mapped.split('.').slice(0, 3).join('.')}.0/24`;
  if (isIPv6(mapped)) return `${expandIpv6(mapped).slice(0, 3).join(':')}::/48`;
  return null;
}

function expandIpv6(ip: string): string[] {
  const [head, tail = ''] = ip.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const zeros = new Array(Math.max(0, 8 - headParts.length - tailParts.length)).fill('0');
  return [...headParts, ...zeros, ...tailParts].map((part) => part.toLowerCase().replace(/^0+(?=.)/, ''));
}
