import { copyFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import sirv from 'sirv';
import { scalarFolder } from './asset-paths.ts';

/** Scalar's prebuilt browser bundle: an ES module entry and the chunks it imports lazily. */
export function findScalarBundle(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@scalar/api-reference');
  // `entry` is dist/index.js; the browser bundle sits beside it.
  return join(dirname(entry), 'browser');
}

/**
 * Serves Scalar's own prebuilt bundle as static files instead of pushing 3 MB through Vite:
 * the build stays fast and the console runs exactly the code Scalar ships. Source maps are left
 * out and their comments dropped, so browsers ask for nothing that is not there.
 */
export function createScalarBundle(): AstroIntegration {
  return {
    name: 'guichet:scalar-bundle',
    hooks: {
      'astro:server:setup': ({ server }) => {
        const base = server.config.base.replace(/\/?$/, '/');
        const serve = sirv(findScalarBundle(), { dev: true });
        const prefix = `${base}${scalarFolder}/`;
        server.middlewares.use((request, response, next) => {
          if (!request.url?.startsWith(prefix)) {
            next();
            return;
          }
          request.url = `/${request.url.slice(prefix.length)}`;
          serve(request, response, next);
        });
      },
      'astro:build:done': async ({ dir }) => {
        await copyScalarBundle(join(fileURLToPath(dir), scalarFolder));
      },
    },
  };
}

/** Copies the entry module and its chunks (no source maps) into `target`. */
export async function copyScalarBundle(target: string): Promise<void> {
  const source = findScalarBundle();
  await mkdir(join(target, 'chunks'), { recursive: true });
  const chunks = (await readdir(join(source, 'chunks'))).filter((name) => name.endsWith('.js'));
  const files = ['standalone.esm.js', ...chunks.map((name) => `chunks/${name}`)];
  await Promise.all(
    files.map((file) => copyWithoutSourceMap(join(source, file), join(target, file))),
  );
}

async function copyWithoutSourceMap(from: string, to: string): Promise<void> {
  const text = await readFile(from, 'utf8');
  const stripped = text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
  if (stripped === text) {
    await copyFile(from, to);
    return;
  }
  await writeFile(to, stripped);
}
