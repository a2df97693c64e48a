import { z } from 'zod';

/** `a, b,,c` → `a`, `b`, `c`. */
function toListItems(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** `http://host:port` of an http(s) URL with nothing after its origin; undefined otherwise. */
function toOrigin(value: string): string | undefined {
  if (!URL.canParse(value)) return undefined;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // The gateway sends each call's own path: a path here would be silently dropped.
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return url.origin;
}

/**
 * The mock servers' origins: one URL, a comma-separated list of them, or an array (the option
 * only). Each must be an `http://` or `https://` origin, none twice; the output is the list of
 * origins, in the order given, which the gateway balances between.
 */
export const upstreamListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((value, context) => {
    const items = typeof value === 'string' ? toListItems(value) : value.map((item) => item.trim());
    if (items.length === 0) {
      context.addIssue({
        code: 'custom',
        message: 'names no mock server: give one URL, or several separated by commas',
      });
      return z.NEVER;
    }
    const origins: string[] = [];
    for (const item of items) {
      const origin = toOrigin(item);
      if (origin === undefined) {
        context.addIssue({
          code: 'custom',
          message: `"${item}" is not an http:// or https:// origin such as http://127.0.0.1:4010`,
        });
        return z.NEVER;
      }
      if (origins.includes(origin)) {
        context.addIssue({ code: 'custom', message: `${origin} is listed twice` });
        return z.NEVER;
      }
      origins.push(origin);
    }
    return origins;
  });
