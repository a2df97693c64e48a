import { AsyncLocalStorage } from 'node:async_hooks';
import { identity } from 'virtual:guichet/settings';
import { toLanguagePrefix } from '../../config/language-paths.ts';
import type { PortalLanguage } from '../../config/portal-file.ts';
import { createUrls, type PortalUrls } from '../lib/urls.ts';

/**
 * The language of the page being rendered. One build renders every language portal.yaml lists
 * (`en/…` beside the root), so it is a property of each render, not of the build: the middleware
 * (`site/middleware.ts`) reads it from the page's path and runs the render inside it, and every
 * component, formatter and URL builder reads it here, as Astro's own `currentLocale` is only
 * reachable from components.
 */
const pageLanguage = new AsyncLocalStorage<PortalLanguage>();

/** Renders `render` as a page in `language`. */
export function renderInLanguage<T>(language: PortalLanguage, render: () => T): T {
  return pageLanguage.run(language, render);
}

/** The language of the page being rendered; the default language outside a page (endpoints). */
export function readPageLanguage(): PortalLanguage {
  return pageLanguage.getStore() ?? identity.language;
}

/** `''` for the language at the root, `'en/'` for a prefixed one. */
export function readPagePrefix(): string {
  return toLanguagePrefix(identity, readPageLanguage());
}

/** The base path of the pages of this language (`/`, `/en/`, `/preview/x/en/`). */
export function readPageBase(): string {
  return `${import.meta.env.BASE_URL.replace(/\/?$/, '/')}${readPagePrefix()}`;
}

/** The portal's URLs from a page in this language: its pages in it, its files at the base. */
export function createPageUrls(): PortalUrls {
  return createUrls(import.meta.env.BASE_URL, readPagePrefix());
}
