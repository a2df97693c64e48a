import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A file of a hostile pull request: its text, or a symbolic link to `linkTo`. */
export type HostileFile = string | { linkTo: string };

/** A throwaway repository holding what a pull request put under `apis/` and `mocks/`. */
export interface HostileRepo {
  root: string;
  apisDir: string;
  mocksDir: string;
  remove: () => Promise<void>;
}

/**
 * Writes `files` (paths relative to the repository root, e.g. `apis/x/openapi.yaml`) into a new
 * temporary folder, links included, so each case runs through the real catalog on a real disk.
 */
export async function createHostileRepo(files: Record<string, HostileFile>): Promise<HostileRepo> {
  const root = await mkdtemp(join(tmpdir(), 'guichet-hostile-'));
  await mkdir(join(root, 'apis'), { recursive: true });
  await mkdir(join(root, 'mocks'), { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    await mkdir(dirname(target), { recursive: true });
    if (typeof content === 'string') await writeFile(target, content);
    else await symlink(content.linkTo, target);
  }
  return {
    root,
    apisDir: join(root, 'apis'),
    mocksDir: join(root, 'mocks'),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** A small valid OpenAPI 3.0 document whose `/things` path item is `pathItem` (YAML text). */
export function documentWithPathItem(pathItem: string): string {
  return [
    'openapi: 3.0.3',
    'info:',
    '  title: Hostile',
    '  version: 1.0.0',
    'paths:',
    '  /things:',
    ...pathItem.split('\n').map((line) => `    ${line}`),
    '',
  ].join('\n');
}
