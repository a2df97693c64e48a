import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { PortalLanguage } from './portal-file.ts';

/**
 * Where each language of the portal lives: the default one at the root (or under its prefix
 * when portal.yaml says `prefixDefaultLanguage`), every other one under its prefix (`en/…`).
 * Paths here are relative to the portal's base path, without a leading slash.
 */

/** What portal.yaml says of its languages. */
export interface LanguagePlan {
  /** The default language. */
  language: PortalLanguage;
  /** Every language built, the default among them. */
  languages: readonly PortalLanguage[];
  prefixDefaultLanguage: boolean;
}

/** `''` for the language served at the root, else `'<language>/'`. */
export function toLanguagePrefix(plan: LanguagePlan, language: PortalLanguage): string {
  return language === plan.language && !plan.prefixDefaultLanguage ? '' : `${language}/`;
}

/**
 * The language a page at `path` is in; `undefined` when every language is prefixed and `path`
 * is outside them all (the former address of a page, which leads to the default language).
 */
export function toPathLanguage(plan: LanguagePlan, path: string): PortalLanguage | undefined {
  const first = path.split('/', 1)[0];
  const prefixed = plan.languages.find(
    (language) => language === first && toLanguagePrefix(plan, language) !== '',
  );
  if (prefixed) return prefixed;
  return plan.prefixDefaultLanguage ? undefined : plan.language;
}

/** The same page in `language`: `apis/x/` → `en/apis/x/`, `en/apis/x/` → `apis/x/`. */
export function toLanguagePath(plan: LanguagePlan, path: string, language: PortalLanguage): string {
  const current = toPathLanguage(plan, path);
  const own = current === undefined ? '' : toLanguagePrefix(plan, current);
  const page =
    own !== '' && (path === own.slice(0, -1) || path.startsWith(own))
      ? path.slice(own.length)
      : path;
  return `${toLanguagePrefix(plan, language)}${page}`;
}

/** A route Astro is given for a page in a prefixed language (`injectRoute`). */
export interface LanguageRoute {
  pattern: string;
  /** The page file, from the project's root (`site/pages/apis/[api]/index.astro`). */
  entrypoint: string;
}

/**
 * The routes of every prefixed language: each `.astro` page of `pagesDir` once more under the
 * prefix, rendered by the same file. Endpoints (`catalog.json`, OpenAPI documents, Markdown
 * twins) are the same in every language and stay built once, at the root.
 */
export async function listLanguageRoutes(
  pagesDir: string,
  plan: LanguagePlan,
  projectRoot = join(pagesDir, '..', '..'),
): Promise<LanguageRoute[]> {
  const files = (await readdir(pagesDir, { recursive: true }))
    .filter((file) => file.endsWith('.astro'))
    .map((file) => file.split(sep).join('/'))
    .filter((file) => !file.split('/').some((segment) => segment.startsWith('_')))
    .sort();
  const routes: LanguageRoute[] = [];
  for (const language of plan.languages) {
    const prefix = toLanguagePrefix(plan, language);
    if (prefix === '') continue;
    for (const file of files) {
      const route = file.replace(/\.astro$/, '').replace(/(?:^|\/)index$/, '');
      routes.push({
        pattern: `/${prefix}${route}`.replace(/\/$/, ''),
        entrypoint: relative(projectRoot, join(pagesDir, file)).split(sep).join('/'),
      });
    }
  }
  return routes;
}
