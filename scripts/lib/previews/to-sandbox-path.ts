/**
 * A request target in origin-form (`/path?query`), the only form the previews server routes.
 * The absolute-form (`http://host/path`), which RFC 9112 §3.2.2 asks a server to accept, is
 * taken only when its authority is one of `ownHosts` (`127.0.0.1:4400`, compared without case)
 * and carries no user: this server serves itself, never a host a client names. Returns the
 * path, or undefined for another host or any other form (`*`, `host:port`).
 */
export function toOriginForm(target: string, ownHosts: readonly string[]): string | undefined {
  if (target.startsWith('/')) return target;
  const authority = /^https?:\/\/([^/?#]*)/i.exec(target);
  if (authority === null) return undefined;
  const named = (authority[1] ?? '').toLowerCase();
  if (!ownHosts.some((own) => own.toLowerCase() === named)) return undefined;
  const rest = target.slice(authority[0].length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}

/**
 * The path a preview's gateway is asked for, from what follows `/<slug>/_sandbox` in the
 * request target; undefined when that path could leave the gateway's root. The proxy never
 * resolves it against a URL (where `//host/…` or `/\host/…` would name another host): it is
 * sent as it is to the gateway's fixed loopback port. It is judged here as a server that
 * decodes before matching would see it, so no empty segment (`//`), no backslash and no dot
 * segment may hide behind `%2F`, `%5C` or `%2E` either.
 */
export function toSandboxPath(rest: string): string | undefined {
  const queryAt = rest.indexOf('?');
  const path = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rest.slice(queryAt);
  if (path === '') return `/${query}`;
  if (!path.startsWith('/')) return undefined;
  const decoded = path.replace(/%2f/gi, '/').replace(/%5c/gi, '\\').replace(/%2e/gi, '.');
  if (decoded.includes('\\')) return undefined;
  const segments = decoded.slice(1).split('/');
  const last = segments.length - 1;
  const leaves = segments.some(
    (segment, index) => segment === '.' || segment === '..' || (segment === '' && index < last),
  );
  return leaves ? undefined : path + query;
}
