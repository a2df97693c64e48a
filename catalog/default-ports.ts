/**
 * Where each of guichet's servers listens unless told otherwise, on loopback. Written here once
 * because the site's settings, the gateway, the mock server and every command need them and
 * share nothing else but `catalog/`.
 */
export const defaultPorts = {
  /** `npm start`: the built portal. */
  portal: 4321,
  /** The gateway's public port: `/<api-id>/<version-id>/…`. */
  gateway: 8000,
  /** The gateway's admin API and `/metrics`. */
  admin: 8001,
  /** The mock server, which only the gateway calls. */
  mock: 4010,
  /** `npm run previews`: every branch preview and its sandbox. */
  previews: 4400,
} as const;

/** The address every server binds unless told otherwise. */
export const defaultHost = '127.0.0.1';

/** `http://127.0.0.1:<port>`: where a server on this machine answers by default. */
export function toLocalUrl(port: number): string {
  return `http://${defaultHost}:${String(port)}`;
}
