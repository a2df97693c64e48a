import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { listLanguageRoutes, type LanguagePlan } from './language-paths.ts';

/**
 * Gives Astro every page once more per prefixed language (`/en/apis/[api]`), rendered by the
 * same page file: one build, one catalog read and one description of each version shared by
 * every language; `site/middleware.ts` renders each in the language of its path.
 */
export function createLanguageRoutes(plan: LanguagePlan): AstroIntegration {
  return {
    name: 'guichet:language-routes',
    hooks: {
      'astro:config:setup': async ({ injectRoute }) => {
        const pagesDir = fileURLToPath(new URL('../site/pages/', import.meta.url));
        for (const route of await listLanguageRoutes(pagesDir, plan)) {
          injectRoute({ ...route, prerender: true });
        }
      },
    },
  };
}
