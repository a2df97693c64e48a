import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { toDisplayPath } from './display-path.ts';
import type { CatalogProblem } from './problems.ts';

/**
 * Pull requests can commit symbolic links. A link that leads out of its API's folder (or its
 * mocks folder) would publish a file from elsewhere on the machine, so every file and folder the
 * catalog reads is first followed to where it really is, and refused unless that is inside the
 * real path of its folder. Links that stay inside are fine.
 */

/** True when `path` is `folder` itself or lies below it; both must be resolved already. */
export function isWithin(path: string, folder: string): boolean {
  const fromFolder = relative(folder, path);
  return (
    fromFolder === '' ||
    (fromFolder !== '..' && !fromFolder.startsWith(`..${sep}`) && !isAbsolute(fromFolder))
  );
}

/** Where a path leads once every link on the way is followed, seen from a folder. */
export type Whereabouts = 'inside' | 'outside' | 'missing';

/** Follows `path` (and `folder`) to their real paths and says whether the one is in the other. */
export async function locateInside(path: string, folder: string): Promise<Whereabouts> {
  try {
    const [real, realFolder] = await Promise.all([realpath(path), realpath(folder)]);
    return isWithin(real, realFolder) ? 'inside' : 'outside';
  } catch {
    return 'missing';
  }
}

/**
 * Checks that the file or folder at `path` leads inside `folder`; when it does not, reports it
 * where the link is and returns false. A path that does not exist is left to the reader to
 * report as missing.
 */
export async function checkConfined(
  path: string,
  folder: string,
  problems: CatalogProblem[],
): Promise<boolean> {
  if ((await locateInside(path, folder)) !== 'outside') return true;
  const isFolder = await isDirectory(path);
  const where = toDisplayPath(folder);
  problems.push({
    file: toDisplayPath(path),
    line: 1,
    field: isFolder ? '(folder)' : '(file)',
    message: `is a symbolic link to a ${isFolder ? 'folder' : 'file'} outside ${where}`,
    hint: isFolder
      ? `make it a folder of its own: nothing outside ${where} is read`
      : `put the file itself here instead of a link: nothing outside ${where} is read`,
    severity: 'error',
  });
  return false;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
