import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { AstroIntegration } from 'astro';
import sirv from 'sirv';
import { dsfrFolder, dsfrScript, dsfrStylesheet } from './asset-paths.ts';
import { composeDsfrStyles, type ComposedStyles } from './dsfr-styles.ts';

/**
 * The DSFR theme's files, from the official package `@gouvfr/dsfr`: one stylesheet and one
 * module composed of the parts the portal uses, the fonts and icons the
 * stylesheet points to, the favicon and the display settings' pictograms. All are served from
 * the build under `<base>_dsfr/`, so a page of the DSFR theme asks nothing of another host.
 */

/**
 * The DSFR's scripts the pages need, in the order its whole module runs them: the core, the
 * light/dark scheme, and the components that cannot work without script (the display settings'
 * and header's modals, the language selector's and menus' navigation, the header, the display
 * settings). The others the portal uses (tables, tags, cards, checkboxes) work from their CSS;
 * their scripts and those of components it does not use are left out: a third of the module
 * less to run on every page before it settles.
 */
export const dsfrScripts = [
  'core/core.module.min.js',
  'scheme/scheme.module.min.js',
  ...['modal', 'navigation', 'header', 'display'].map(
    (name) => `component/${name}/${name}.module.min.js`,
  ),
] as const;

/** The stylesheets, in the order the DSFR's documentation loads them: core first. */
export const dsfrStylesheets = [
  'core/core.main.min.css',
  // The dark theme's colours, which the display settings switch to.
  'scheme/scheme.min.css',
  ...[
    'link',
    'button',
    'form',
    'input',
    'checkbox',
    'radio',
    'select',
    'search',
    'modal',
    'logo',
    'header',
    'navigation',
    'translate',
    'footer',
    'card',
    'tag',
    'badge',
    'table',
    'alert',
    'skiplink',
  ].map((name) => `component/${name}/${name}.main.min.css`),
  // The icon of the display settings' button (`fr-icon-theme-fill`).
  'utility/icons/icons-system/icons-system.main.min.css',
] as const;

/** Files the pages name themselves: the favicon and the display settings' pictograms. */
export const dsfrPageFiles = [
  'favicon/favicon.svg',
  'artwork/pictograms/environment/sun.svg',
  'artwork/pictograms/environment/moon.svg',
  'artwork/pictograms/system/system.svg',
] as const;

/** The package's `dist/` folder. */
export function findDsfrDist(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@gouvfr/dsfr/package.json')), 'dist');
}

/** Reads the stylesheets and composes them (see dsfr-styles.ts). */
export async function composeDsfrBundle(dist = findDsfrDist()): Promise<ComposedStyles> {
  const sources = await Promise.all(
    dsfrStylesheets.map(async (path) => ({ path, text: await readFile(join(dist, path), 'utf8') })),
  );
  return composeDsfrStyles(sources, dsfrStylesheet);
}

/**
 * Writes the DSFR theme's files into `target` (`<outDir>/_dsfr`): the composed stylesheet and
 * the module without its source map comment, each beside its Brotli and gzip copies (a static
 * host sends those: 450 KB of CSS is 57 KB gzipped), every asset either names, and the licence.
 */
export async function writeDsfrBundle(target: string, dist = findDsfrDist()): Promise<void> {
  const { css, assets } = await composeDsfrBundle(dist);
  await mkdir(target, { recursive: true });
  await writeCompressed(join(target, dsfrStylesheet), css);
  await writeCompressed(join(target, dsfrScript), await composeDsfrScript(dist));
  const files = [...assets, ...dsfrPageFiles];
  await Promise.all(
    files.map(async (file) => {
      await mkdir(dirname(join(target, file)), { recursive: true });
      await copyFile(join(dist, file), join(target, file));
    }),
  );
  await copyFile(join(dist, '..', 'LICENSE.md'), join(target, 'LICENSE.md'));
}

/**
 * The module the pages load (`dsfrScript`): the scripts of `dsfrScripts` one after the other,
 * each in a block of its own (they share nothing but `window.dsfr`, and each names its
 * top-level constants alike), without their source map comments.
 */
export async function composeDsfrScript(dist = findDsfrDist()): Promise<string> {
  const parts = await Promise.all(
    dsfrScripts.map(async (path) => {
      const text = await readFile(join(dist, path), 'utf8');
      return `{\n${text.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '')}\n}\n`;
    }),
  );
  return parts.join('');
}

/** Writes `text` at `path`, with `path.br` and `path.gz` beside it. */
async function writeCompressed(path: string, text: string): Promise<void> {
  const bytes = Buffer.from(text);
  await Promise.all([
    writeFile(path, bytes),
    writeFile(
      `${path}.br`,
      brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    ),
    writeFile(`${path}.gz`, gzipSync(bytes, { level: 9 })),
  ]);
}

/**
 * The Astro integration of the DSFR theme: in `astro dev` it serves the composed stylesheet and
 * module and the package's files at `<base>_dsfr/`; after a build it writes them into the output.
 */
export function createDsfrBundle(): AstroIntegration {
  return {
    name: 'guichet:dsfr-bundle',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const base = server.config.base.replace(/\/?$/, '/');
        const prefix = `${base}${dsfrFolder}/`;
        const serve = sirv(findDsfrDist(), { dev: true });
        let styles: Promise<ComposedStyles> | undefined;
        let script: Promise<string> | undefined;
        server.middlewares.use((request, response, next) => {
          if (!request.url?.startsWith(prefix)) {
            next();
            return;
          }
          const path = request.url.slice(prefix.length).split('?')[0];
          if (path === dsfrScript) {
            script ??= composeDsfrScript();
            script.then(
              (text) => {
                response.setHeader('Content-Type', 'text/javascript; charset=utf-8');
                response.end(text);
              },
              (error: unknown) => {
                next(error);
              },
            );
            return;
          }
          if (path !== dsfrStylesheet) {
            request.url = `/${path ?? ''}`;
            serve(request, response, next);
            return;
          }
          styles ??= composeDsfrBundle();
          styles.then(
            ({ css }) => {
              response.setHeader('Content-Type', 'text/css; charset=utf-8');
              response.end(css);
            },
            (error: unknown) => {
              next(error);
            },
          );
        });
      },
      'astro:build:done': async ({ dir }) => {
        await writeDsfrBundle(join(fileURLToPath(dir), dsfrFolder));
      },
    },
  };
}
