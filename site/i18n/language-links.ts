import { identity } from 'virtual:guichet/settings';
import { toLanguagePath, toPathLanguage } from '../../config/language-paths.ts';
import type { PortalLanguage } from '../../config/portal-file.ts';
import { readPageLanguage } from './page-language.ts';

/** Each language's name in itself: a reader looks for their own language's name, not ours. */
export const languageNames: Readonly<Record<PortalLanguage, string>> = {
  fr: 'Français',
  en: 'English',
};

/** The same page in one of the portal's languages. */
export interface LanguageLink {
  language: PortalLanguage;
  /** Its path, under the base path. */
  href: string;
  /** The language's name, in that language. */
  name: string;
  /** Whether it is the page being shown. */
  current: boolean;
}

/**
 * The page at `pathname` (from `Astro.url`) in every language portal.yaml builds: what the
 * switcher offers and the `hreflang` alternates name. The 404 page answers any unknown address,
 * so its alternates are the homes.
 */
export function listLanguageLinks(pathname: string): LanguageLink[] {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  const inside = pathname.startsWith(base) ? pathname.slice(base.length) : pathname.slice(1);
  const language = toPathLanguage(identity, inside) ?? identity.language;
  const page = isNotFoundPage(inside) ? toLanguagePath(identity, '', language) : inside;
  const current = readPageLanguage();
  return identity.languages.map((other) => ({
    language: other,
    href: `${base}${toDirectoryPath(toLanguagePath(identity, page, other))}`,
    name: languageNames[other],
    current: other === current,
  }));
}

function isNotFoundPage(path: string): boolean {
  return /^(?:[a-z]{2}\/)?404(?:\.html|\/)?$/.test(path);
}

// Pages are written as folders (`apis/x/index.html`): their address ends with a slash.
function toDirectoryPath(path: string): string {
  return path === '' || path.endsWith('/') ? path : `${path}/`;
}
