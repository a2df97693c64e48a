import { defineMiddleware } from 'astro:middleware';
import { identity } from 'virtual:guichet/settings';
import { toLanguagePath, toPathLanguage } from '../config/language-paths.ts';
import { renderInLanguage } from './i18n/page-language.ts';

/**
 * Renders each page in the language of its path (`en/…`, or the root's). When portal.yaml
 * prefixes every language, a page at the root is not rendered at all: the build writes a
 * redirect to the same page in the default language (former addresses keep working), except the
 * 404 page a server answers unknown addresses with.
 */
export const onRequest = defineMiddleware((context, next) => {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
  const pathname = context.url.pathname;
  const path = pathname.startsWith(base)
    ? pathname.slice(base.length)
    : pathname.replace(/^\//, '');
  const language = toPathLanguage(identity, path);
  if (language) return renderInLanguage(language, next);
  if (/^404(?:\.html|\/)?$/.test(path)) return renderInLanguage(identity.language, next);
  return context.redirect(`${base}${toLanguagePath(identity, path, identity.language)}`, 301);
});
