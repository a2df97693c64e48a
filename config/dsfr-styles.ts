import { posix } from 'node:path';

/**
 * Builds the one stylesheet the DSFR theme links to from the DSFR's own files, unchanged but
 * for four things: the `url()`s point to where the build copies the fonts and icons, the
 * `@font-face` rules come first, every other rule sits in a `@scope` that stops at Scalar's
 * console, and the selectors that start at `<html>` name it `:scope`. The DSFR styles elements
 * (buttons, inputs, links, checkboxes) as well as its classes; scoped, none of that reaches the
 * console, which keeps Scalar's own look.
 */

/** Where the scope stops: Scalar's root element, wherever Scalar mounts or teleports it. */
export const consoleBoundary = '.scalar-app';

/** One stylesheet of the DSFR: its path inside the package's `dist/`, and its text. */
export interface DsfrSource {
  path: string;
  text: string;
}

/** The composed stylesheet, and the files of `dist/` its `url()`s need beside it. */
export interface ComposedStyles {
  css: string;
  assets: string[];
}

// `url(x)`, `url('x')` or `url("x")`; the DSFR's minified files never put a `)` in a path.
const urlPattern = /url\(\s*(['"]?)([^'")]+)\1\s*\)/g;
// A `@font-face` block holds declarations only, never a nested block.
const fontFacePattern = /@font-face\s*\{[^{}]*\}/g;
const charsetPattern = /@charset\s+"[^"]*";/g;
// Licence banners (`/*! … */`): the first is kept once at the top of the composed file.
const bannerPattern = /\/\*![\s\S]*?\*\//g;
const sourceMapPattern = /\/\*#\s*sourceMappingURL=[^*]*\*\//g;
// Inside `@scope (:root)`, a selector without `:scope` only matches below `<html>`: the DSFR's
// selectors that start at `<html>` are rewritten to name it, with the same specificity —
// `:root` becomes `:scope`, and `[data-fr-theme=dark]` (set on `<html>`) is prefixed by
// `:where(:scope)`.
const rootPattern = /(^|[{},]):root\b/g;
const themeAttributePattern = /(^|[{},])(?=\[data-fr-theme\b)/g;

/**
 * Composes `sources` (paths relative to `dist/`, in the order the DSFR's documentation loads
 * them) into one stylesheet written at `outputPath` (also relative to `dist/`, so the copied
 * assets keep the package's layout).
 */
export function composeDsfrStyles(
  sources: readonly DsfrSource[],
  outputPath: string,
): ComposedStyles {
  const assets = new Set<string>();
  const fontFaces: string[] = [];
  const rules: string[] = [];
  let banner = '';
  for (const source of sources) {
    const sourceFolder = posix.dirname(source.path);
    let text = source.text.replace(sourceMapPattern, '').replace(charsetPattern, '');
    text = text.replace(bannerPattern, (comment) => {
      if (banner === '') banner = comment;
      return '';
    });
    text = text.replace(urlPattern, (whole, _quote: string, target: string) => {
      const rewritten = rewriteUrl(target, sourceFolder, outputPath, assets);
      return rewritten === undefined ? whole : `url(${rewritten})`;
    });
    text = text.replace(fontFacePattern, (rule) => {
      fontFaces.push(rule);
      return '';
    });
    text = text
      .replace(rootPattern, (_start, before: string) => `${before}:scope`)
      .replace(themeAttributePattern, (_start, before: string) => `${before}:where(:scope)`);
    rules.push(text.trim());
  }
  const css = [banner, ...fontFaces, `@scope (:root) to (${consoleBoundary}){${rules.join('\n')}}`]
    .filter((part) => part !== '')
    .join('\n');
  return { css: `${css}\n`, assets: [...assets].sort() };
}

/**
 * A relative `url()` of a DSFR file, seen from the composed file; inline `data:` images, and
 * any absolute address (the DSFR has none), stay as they are.
 */
function rewriteUrl(
  target: string,
  sourceFolder: string,
  outputPath: string,
  assets: Set<string>,
): string | undefined {
  if (/^(?:data:|[a-z][a-z0-9+.-]*:|\/|#)/i.test(target)) return undefined;
  const [path = '', suffix = ''] = target.split(/(?=[?#])/, 2);
  const resolved = posix.normalize(posix.join(sourceFolder, path));
  if (resolved.startsWith('../')) {
    throw new Error(`the DSFR file in ${sourceFolder} points outside dist/: ${target}`);
  }
  assets.add(resolved);
  return `${posix.relative(posix.dirname(outputPath), resolved)}${suffix}`;
}
