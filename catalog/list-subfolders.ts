import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Names of the folders in `dir` that the catalog reads, sorted: folders, and links to folders
 * (so that a link can be checked and refused where it is rather than silently skipped). Names
 * starting with `_` or `.` are drafts and templates, left out. Throws when `dir` cannot be read.
 */
export async function listSubfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names: string[] = [];
  for (const entry of entries) {
    if (/^[._]/.test(entry.name)) continue;
    if (
      entry.isDirectory() ||
      (entry.isSymbolicLink() && (await leadsToFolder(join(dir, entry.name))))
    )
      names.push(entry.name);
  }
  return names.sort();
}

async function leadsToFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
