import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { toIPv4 } from './client-address.ts';

/**
 * Which peers may say who the client is. Behind a reverse proxy (or the previews server) every
 * request comes from the proxy's address, so the trial-key limit and the connection cap would
 * count one client for everyone; a proxy listed in `trustedProxies` is believed about the
 * address it connected from (`X-Forwarded-For`). Any other peer's header is ignored: a client
 * could write any address there.
 */

/** True for an entry of `GUICHET_TRUSTED_PROXIES`: an IP address, or a network `address/prefix`. */
export function isProxyEntry(entry: string): boolean {
  return toNetwork(entry) !== undefined;
}

/** The proxies a gateway trusts, as one list to look addresses up in. */
export function toTrustedProxies(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const network = toNetwork(entry);
    if (network !== undefined) list.addSubnet(network.address, network.prefix, network.family);
  }
  return list;
}

/**
 * The address a request counts and logs by: its peer's, unless that peer is a trusted proxy;
 * then the right-most `X-Forwarded-For` entry that is not a trusted proxy (entries to its left
 * were written by whoever sent it, and prove nothing). An entry that is no address stops the
 * walk at the hop that added it, which is trusted: it counts as that hop. With every entry
 * trusted, the left-most is the client.
 */
export function toClientAddress(req: IncomingMessage, trusted: BlockList | undefined): string {
  const peer = req.socket.remoteAddress ?? '';
  if (trusted === undefined || !isTrustedProxy(peer, trusted)) return peer;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  let client = peer;
  for (const entry of entries.reverse()) {
    if (isIP(entry) === 0) return client;
    client = entry;
    if (!isTrustedProxy(entry, trusted)) return entry;
  }
  return client;
}

/** True when `address` (an IPv4-mapped one read as IPv4) is one of the trusted proxies. */
export function isTrustedProxy(address: string, trusted: BlockList): boolean {
  const ipv4 = toIPv4(address);
  if (ipv4 !== undefined) return trusted.check(ipv4, 'ipv4');
  return isIP(address) === 6 && trusted.check(address, 'ipv6');
}

function toNetwork(
  entry: string,
): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText, ...rest] = entry.trim().split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return undefined;
  const bits = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return undefined;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}
