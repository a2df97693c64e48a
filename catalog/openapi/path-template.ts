/**
 * OpenAPI path templates (`/entreprises/{siren}`) and the concrete paths they match. The catalog
 * uses them to find the operation a sandbox stub names; the mock server uses the same rules to
 * match a request, so a stub that loads is a stub that can answer.
 */

/** A path template compiled once, for matching many paths. */
export interface PathTemplate {
  /** The template as the document writes it. */
  template: string;
  /** Names of its `{placeholders}`, in order. */
  names: string[];
  pattern: RegExp;
}

/** True when the path holds at least one `{placeholder}`. */
export function isTemplatedPath(path: string): boolean {
  return /\{[^}/]+\}/.test(path);
}

/** Compiles a template; each placeholder matches one non-empty path segment (or part of one). */
export function parsePathTemplate(template: string): PathTemplate {
  const names: string[] = [];
  let source = '';
  let rest = template;
  for (let match = /\{([^}/]+)\}/.exec(rest); match; match = /\{([^}/]+)\}/.exec(rest)) {
    source += escapeRegExp(rest.slice(0, match.index)) + '([^/]+)';
    names.push(match[1] ?? '');
    rest = rest.slice(match.index + match[0].length);
  }
  source += escapeRegExp(rest);
  return { template, names, pattern: new RegExp(`^${source}$`) };
}

/**
 * Matches a concrete path (`/entreprises/000000000`) against a template; returns the
 * placeholders' values, decoded, or `undefined` when the path does not fit.
 */
export function matchPathTemplate(
  template: PathTemplate,
  path: string,
): Record<string, string> | undefined {
  const match = template.pattern.exec(path);
  if (!match) return undefined;
  const values: Record<string, string> = {};
  template.names.forEach((name, index) => {
    values[name] = safeDecode(match[index + 1] ?? '');
  });
  return values;
}

/**
 * Picks, among templates, the one a concrete path belongs to: an identical literal template
 * first, then the one with the fewest placeholders (`/users/me` before `/users/{id}`), as
 * routers do.
 */
export function findPathTemplate<T extends { path: string }>(
  candidates: readonly T[],
  path: string,
): T | undefined {
  let best: { candidate: T; placeholders: number } | undefined;
  for (const candidate of candidates) {
    if (candidate.path === path) return candidate;
    const template = parsePathTemplate(candidate.path);
    if (!matchPathTemplate(template, path)) continue;
    if (!best || template.names.length < best.placeholders) {
      best = { candidate, placeholders: template.names.length };
    }
  }
  return best?.candidate;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
