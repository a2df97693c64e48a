import { rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Empties the output folder before a build, so nothing of an earlier build survives: a public
 * build after an internal one must not keep a restricted API's pages. Refuses folders whose
 * removal would take the project (or more) with it.
 */
export async function prepareOutDir(outDir: string, cwd: string = process.cwd()): Promise<void> {
  const target = resolve(cwd, outDir);
  if (isUnsafeOutDir(target, cwd)) {
    throw new Error(
      `refusing to empty ${target}: choose an output folder of its own, such as dist or .guichet/preview`,
    );
  }
  await rm(target, { recursive: true, force: true });
}

/** True for the project folder, its ancestors, the home folder, and source folders inside it. */
export function isUnsafeOutDir(target: string, cwd: string): boolean {
  if (target === sep || target === homedir()) return true;
  const toCwd = relative(target, cwd);
  // The project itself, or a folder holding it.
  if (!isOutside(toCwd)) return true;
  const fromCwd = relative(cwd, target);
  if (isOutside(fromCwd)) return false;
  return protectedFolders.has(fromCwd.split(sep)[0] ?? '');
}

function isOutside(relativePath: string): boolean {
  return relativePath === '..' || relativePath.startsWith(`..${sep}`) || isAbsolute(relativePath);
}

const protectedFolders = new Set([
  'apis',
  'catalog',
  'config',
  'site',
  'scripts',
  'test',
  'bench',
  'docs',
  'node_modules',
  'mock-server',
  'gateway-stub',
  'mocks',
  'templates',
  'schemas',
  '.git',
]);
