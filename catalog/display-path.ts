import { relative, resolve, sep } from 'node:path';

/**
 * The repository guichet runs in: the folder holding `catalog/`, `apis/` and `mocks/`. Every path
 * a problem or a lint finding prints is relative to it, wherever the command was started from, so
 * a path in a report can be pasted into an editor or a review comment as it is.
 */
export const repositoryRoot = resolve(import.meta.dirname, '..');

/**
 * The path problems print (`apis/tax/api.yaml`): relative to the repository root, or absolute
 * for a file outside the repository (a temporary copy, a fixture folder elsewhere).
 */
export function toDisplayPath(absolutePath: string): string {
  const path = relative(repositoryRoot, resolve(absolutePath));
  if (path === '') return '.';
  if (path === '..' || path.startsWith(`..${sep}`) || resolve(path) === path)
    return resolve(absolutePath);
  return path.split(sep).join('/');
}

/** Where a path printed by `toDisplayPath` (or kept in the catalog, like `api.dir`) is on disk. */
export function fromDisplayPath(displayPath: string): string {
  return resolve(repositoryRoot, displayPath);
}
