import { isIPv4, isIPv6 } from 'node:net';

/**
 * A client address in the forms the gateway counts and logs by. Node reports an IPv4 client of
 * a dual-stack port as an IPv4-mapped IPv6 address (`::ffff:203.0.113.9`): it is the same
 * client as `203.0.113.9`, and is treated as that IPv4 address everywhere.
 */

/** The IPv4 address an address stands for (itself, or the one mapped into IPv6), if any. */
export function toIPv4(address: string): string | undefined {
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return undefined;
  const groups = expandIPv6(address);
  if (groups.slice(0, 5).some((group) => group !== '0000') || groups[5] !== 'ffff')
    return undefined;
  const bytes = [groups[6] ?? '0000', groups[7] ?? '0000'].flatMap((group) => [
    Number.parseInt(group.slice(0, 2), 16),
    Number.parseInt(group.slice(2), 16),
  ]);
  return bytes.join('.');
}

/**
 * What the trial-key limit counts a client by: an IPv4 address whole, an IPv6 one by its /64
 * (`2001:db8:1:2::/64`). A subscriber line, even a single host, is commonly given a whole /64,
 * so counting full IPv6 addresses would let one client rotate through 2^64 of them.
 */
export function toClientNetwork(address: string): string {
  const ipv4 = toIPv4(address);
  if (ipv4 !== undefined) return ipv4;
  if (!isIPv6(address)) return address;
  return `${toShortGroups(expandIPv6(address).slice(0, 4))}::/64`;
}

/** `2001:db8::1` → its eight groups, four lowercase hex digits each (zone and dotted tail read). */
export function expandIPv6(address: string): string[] {
  const withoutZone = (address.split('%')[0] ?? address).toLowerCase();
  const [head = '', tail] = withoutZone.split('::');
  const left = toGroups(head);
  const right = tail === undefined ? [] : toGroups(tail);
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(0, missing)).fill('0'), ...right].map((group) =>
    group.padStart(4, '0'),
  );
}

/** Groups with their leading zeros dropped, joined: `2001:db8:0`. */
export function toShortGroups(groups: readonly string[]): string {
  return groups.map((group) => group.replace(/^0+(?=.)/, '')).join(':');
}

/** `1:2:203.0.113.9` → `1`, `2`, `cb00`, `7109`: an IPv4 tail is two groups. */
function toGroups(part: string): string[] {
  if (part === '') return [];
  const groups = part.split(':');
  const last = groups.at(-1) ?? '';
  if (!last.includes('.')) return groups;
  const [a = 0, b = 0, c = 0, d = 0] = last.split('.').map(Number);
  const hex = (high: number, low: number): string => ((high << 8) | low).toString(16);
  return [...groups.slice(0, -1), hex(a, b), hex(c, d)];
}
