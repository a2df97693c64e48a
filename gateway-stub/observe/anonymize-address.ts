import { isIPv4, isIPv6 } from 'node:net';

/**
 * Blurs a client address before it is logged, as privacy guidance for web logs suggests:
 * IPv4 keeps its first three octets (`203.0.113.0`), IPv6 its first 48 bits (`2001:db8:1::`),
 * and an IPv4 address carried in IPv6 (`::ffff:203.0.113.9`) is treated as IPv4.
 */
export function anonymizeAddress(address: string): string {
  const mapped = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(mapped)) return mapped.slice(0, mapped.lastIndexOf('.')) + '.0';
  if (!isIPv6(address)) return '';
  const groups = expandIPv6(address).slice(0, 3);
  return `${groups.map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::`;
}

/** `2001:db8::1` → the eight groups, four hex digits each. */
export function expandIPv6(address: string): string[] {
  const withoutZone = address.split('%')[0] ?? address;
  const [head = '', tail] = withoutZone.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((group) =>
    group.padStart(4, '0'),
  );
}
