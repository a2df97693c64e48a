import { renderDocumentMarkdown } from '../markdown/render-once.ts';
import { toSandboxSecuritySchemes } from './console-security.ts';
import { isLiteral } from './literal-values.ts';

/**
 * The document the interactive console (Scalar) is given: the bundled document with what a
 * browser would act on made as harmless as on the portal's own pages. Scalar renders every
 * `description` as Markdown with its own rules and follows every `$ref` it meets, examples
 * included, so:
 *
 * - each `description` is replaced by the catalog's sanitised HTML (remote images become links,
 *   owners' ids are prefixed, no script survives), which Markdown keeps as it is;
 * - a `$ref` inside literal data (an example, a default) is dropped: it is payload, and Scalar
 *   would fetch it;
 * - an example's `externalValue` is dropped, for the same reason (and the console could not
 *   show it anyway).
 *
 * - with `tokenUrl`, its OAuth 2.0 schemes take tokens from the sandbox by client credentials
 *   (`console-security.ts`), so the console's "Authorize" gets a token that works.
 *
 * The downloadable `openapi.json` stays the owners' document as written.
 */
export function toConsoleDocument(
  document: Record<string, unknown>,
  options: { tokenUrl?: string } = {},
): Record<string, unknown> {
  const safe = toConsoleValue(document, [], false, document) as Record<string, unknown>;
  return options.tokenUrl === undefined ? safe : toSandboxSecuritySchemes(safe, options.tokenUrl);
}

function toConsoleValue(
  value: unknown,
  path: readonly string[],
  inLiteral: boolean,
  document: object,
): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) =>
      toConsoleValue(item, [...path, String(index)], inLiteral, document),
    );
  }
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, key];
    if (inLiteral) {
      if (key !== '$ref') result[key] = toConsoleValue(child, childPath, true, document);
      continue;
    }
    if (isLiteral(key, child, path)) {
      result[key] = toConsoleValue(child, childPath, true, document);
    } else if (isOpenApiField(path) && key === 'description' && typeof child === 'string') {
      result[key] = toSafeMarkdown(child, document);
    } else if (isOpenApiField(path) && key === 'externalValue') {
      continue;
    } else {
      result[key] = toConsoleValue(child, childPath, false, document);
    }
  }
  return result;
}

/** A key in a schema's `properties` map names a property, never an OpenAPI field. */
function isOpenApiField(path: readonly string[]): boolean {
  return path.at(-1) !== 'properties';
}

/**
 * Text with neither `<` (HTML, autolinks) nor `[` (links and images) can hold no tag, link or
 * image once rendered: it is kept as written, which spares rendering thousands of plain schema
 * descriptions. The others are rendered once per document, for the reference's pages and the
 * console alike.
 */
function toSafeMarkdown(markdown: string, document: object): string {
  if (!/[<[]/.test(markdown)) return markdown;
  try {
    return renderDocumentMarkdown(document, markdown);
  } catch {
    // The catalog bounded every description already; one the renderer still fails on is
    // shown as plain text rather than stopping the whole portal's build.
    return escapeHtml(markdown);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${String(char.charCodeAt(0))};`);
}
