import { isIPv6 } from 'node:net';
import { expandIPv6, toIPv4, toShortGroups } from '../http/client-address.ts';

/**
 * Blurs a client address before it is logged, as privacy guidance for web logs suggests:
 * IPv4 keeps its first three octets (`203.0.113.0`), IPv6 its first 48 bits (`2001:db8:1::`),
 * and an IPv4 address carried in IPv6 (`::ffff:203.0.113.9`) is treated as IPv4.
 */
export function anonymizeAddress(address: string): string {
  const ipv4 = toIPv4(address);
  if (ipv4 !== undefined) return ipv4.slice(0, ipv4.lastIndexOf('.')) + '.0';
  if (!isIPv6(address)) return '';
  return `${toShortGroups(expandIPv6(address).slice(0, 3))}::`;
}
