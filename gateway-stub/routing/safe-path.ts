/**
 * Keeps a request inside the API version it was authorised for. The mock server (like any
 * URL parser) would resolve `/a/v1/../../b/v1/x` to `/b/v1/x`, so a key for API `a` could
 * reach API `b`. Paths with a dot segment, an encoded dot or slash, or a backslash are
 * resolved here first and must still start with `/<api>/<version>`; other paths pass as they are.
 */
export function toContainedPath(url: string, api: string, version: string): string | undefined {
  if (!/\/\.|%2e|%2f|%5c|\\/i.test(url)) return url;
  let resolved: URL;
  try {
    resolved = new URL(url.replaceAll('\\', '/'), 'http://sandbox.invalid');
  } catch {
    return undefined;
  }
  // Judge the path as a server that decodes before matching would see it.
  const decoded = resolved.pathname.replace(/%2e/gi, '.').replace(/%2f|%5c/gi, '/');
  const base = `/${api}/${version}`;
  if (decoded !== base && !decoded.startsWith(`${base}/`)) return undefined;
  if (/\/\.\.?(?:\/|$)/.test(decoded)) return undefined;
  return resolved.pathname + resolved.search;
}
