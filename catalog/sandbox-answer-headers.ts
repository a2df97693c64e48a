/**
 * The one rule for the response headers of the sandbox's answers, shared by the catalog (which
 * flags them in documents and stubs), the gateway and the previews proxy (which drop them).
 *
 * An answer of the mock server says what a document or a stub wrote, and those are written by
 * whoever opens a pull request. The browser that reads the answer is a partner's or a
 * reviewer's, on the portal's site: cookies ignore the port, and a preview's sandbox shares the
 * previews' origin. So no header that acts beyond the answer itself reaches it — one that sets
 * state for the origin, sends the browser or its fetches to another host, or asks for a
 * password — and every answer is made inert should a browser open it as a page.
 */

const why = {
  cookie: "would set a cookie on the portal's site (cookies ignore the port)",
  cors: "would open the sandbox to other sites' scripts; the gateway answers CORS itself, for the portal's origins only",
  clear: 'would erase the cookies and storage of the whole origin: the portal, or every preview',
  navigate: 'would send the browser to another page',
  fetch: 'would make the browser fetch another host',
  prompt:
    "would make the browser ask for a password in the sandbox's name (Basic, Digest, NTLM or Negotiate)",
  state: "would change how the browser treats the sandbox's origin for every later page and call",
  report: 'would make the browser send reports to another host',
  own: 'is set by the sandbox itself, so that no answer runs as a page',
  elsewhere: 'points outside the sandbox',
} as const;

/** Withheld whatever their value. */
const withheld: ReadonlyMap<string, string> = new Map([
  ['set-cookie', why.cookie],
  ['set-cookie2', why.cookie],
  ['timing-allow-origin', why.cors],
  ['clear-site-data', why.clear],
  ['refresh', why.navigate],
  ['sourcemap', why.fetch],
  ['x-sourcemap', why.fetch],
  ['speculation-rules', why.fetch],
  ['x-dns-prefetch-control', why.fetch],
  ['alt-svc', why.state],
  ['strict-transport-security', why.state],
  ['public-key-pins', why.state],
  ['public-key-pins-report-only', why.report],
  ['expect-ct', why.report],
  ['accept-ch', why.state],
  ['critical-ch', why.state],
  ['origin-agent-cluster', why.state],
  ['service-worker-allowed', why.state],
  ['set-login', why.state],
  ['supports-loading-mode', why.state],
  ['nel', why.report],
  ['report-to', why.report],
  ['reporting-endpoints', why.report],
  ['content-security-policy', why.own],
  ['content-security-policy-report-only', why.report],
  ['x-content-type-options', why.own],
]);

/** Withheld for some values: a URL leaving the sandbox, a challenge a browser prompts for. */
const judged = new Set(['location', 'content-location', 'link', 'www-authenticate']);

/** Challenge schemes for which a browser opens a password dialog (RFC 7617, 7616, 4559). */
const promptingScheme = /(?:^|,)\s*(?:basic|digest|ntlm|negotiate)(?:\s|,|$)/i;

/**
 * Added to every answer from an API path. `nosniff` holds a browser to the declared type;
 * `sandbox` gives a page opened from an answer an opaque origin with no scripts, `default-src
 * 'none'` lets it load nothing (no request leaves for another host), and `frame-ancestors
 * 'none'` keeps other sites from framing it. None of it touches a `fetch` reading the answer,
 * as the portal's console does: a policy applies to documents, not to fetched bodies.
 */
export const inertAnswerHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox",
};

/**
 * What references in an answer resolve against: the `path` of the request it answers, and the
 * `origin` whose absolute URLs are the sandbox's own (the previews server's, where the gateway
 * links to the preview's portal). Without an origin, no absolute URL is the sandbox's.
 */
export interface AnswerBase {
  path: string;
  origin?: string | undefined;
}

const rootBase: AnswerBase = { path: '/' };

/** True for a header never passed on, whatever its value (`isJudgedName` ones depend on it). */
export function isWithheldName(lowerName: string): boolean {
  return lowerName.startsWith('access-control-') || withheld.has(lowerName);
}

/** True for a header passed on or not depending on its value (`toWithheldReason` says). */
export function isJudgedName(lowerName: string): boolean {
  return judged.has(lowerName);
}

/**
 * Why the sandbox does not pass on response header `name` (any case) with `value`, or undefined
 * when it does: a phrase that follows "it" (`would set a cookie on the portal's site…`). Without a value (a document's header with a schema and no example), a header
 * judged by its value is not judged.
 */
export function toWithheldReason(
  name: string,
  value?: string,
  base: AnswerBase = rootBase,
): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('access-control-')) return why.cors;
  const reason = withheld.get(lower);
  if (reason !== undefined || value === undefined || !judged.has(lower)) return reason;
  if (lower === 'www-authenticate') return promptingScheme.test(value) ? why.prompt : undefined;
  if (lower === 'link') {
    return toLinkTargets(value).every((target) => toSandboxReference(target, base) !== undefined)
      ? undefined
      : why.fetch;
  }
  return toSandboxReference(value, base) === undefined ? why.elsewhere : undefined;
}

/** The URLs of a `Link` header (RFC 8288): what stands between `<` and `>` in each link. */
export function toLinkTargets(value: string): string[] {
  return [...value.matchAll(/<([^>]*)>/g)].map((match) => match[1] ?? '');
}

const madeUpOrigins = ['http://a.invalid', 'http://b.invalid'] as const;

/**
 * Where reference `value` leads when resolved as a browser does (WHATWG URL) against `base`:
 * its path, query and fragment when it stays on the sandbox's origin, or undefined when it
 * leaves it (`http://host/`, `//host`, `/\host`, `javascript:`…). Without `base.origin` it
 * is resolved against two made-up origins, so that only a reference with no host of its own
 * stays on both: an absolute URL never passes, whatever host it names.
 */
export function toSandboxReference(value: string, base: AnswerBase): string | undefined {
  const origins = base.origin === undefined ? madeUpOrigins : [base.origin];
  let resolved: URL | undefined;
  for (const origin of origins) {
    try {
      const url = new URL(value, new URL(base.path, origin));
      if (url.origin !== new URL(origin).origin) return undefined;
      resolved ??= url;
    } catch {
      return undefined;
    }
  }
  return resolved === undefined
    ? undefined
    : `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/** True when `value` names no host: a path, or a reference relative to the answer. */
export function isHostless(value: string): boolean {
  return toSandboxReference(value, rootBase) !== undefined;
}
