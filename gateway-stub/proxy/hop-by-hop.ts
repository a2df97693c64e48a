/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1): no proxy copies them
 * from one side to the other — neither the gateway nor the previews server in front of it.
 */
export const hopByHopHeaders: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);
