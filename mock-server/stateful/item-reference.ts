import type { CatalogResource } from '../../catalog/index.ts';

/**
 * The `Location` of a new object, as a relative reference from the collection's URL: the
 * client resolves it against the URL it posted to, so it holds behind the gateway
 * (`/<api>/<version>/…`) and behind a preview's `/<slug>/_sandbox/…` alike, where an absolute
 * path of the API would not.
 */
export function toItemReference(
  requestPath: string,
  resource: CatalogResource,
  params: Readonly<Record<string, string>>,
  id: string,
): string {
  const values: Record<string, string> = { ...params, [resource.idParameter]: id };
  const target = resource.itemPath.replace(/\{([^{}/]+)\}/g, (_match, name: string) =>
    encodeURIComponent(values[name] ?? ''),
  );
  return toRelativeReference(requestPath, target);
}

/** The reference that leads from `from` to `to`, both absolute paths (RFC 3986 §5.2). */
export function toRelativeReference(from: string, to: string): string {
  const base = from.split('/').slice(1, -1);
  const goal = to.split('/').slice(1);
  let shared = 0;
  while (shared < base.length && shared < goal.length - 1 && base[shared] === goal[shared]) {
    shared += 1;
  }
  const up = base.length - shared;
  const rest = goal.slice(shared).join('/');
  const prefix = up === 0 ? '' : '../'.repeat(up);
  // A first segment with a colon would read as a scheme: `./` keeps it a path.
  return up === 0 && /^[^/]*:/.test(rest) ? `./${rest}` : `${prefix}${rest}`;
}
