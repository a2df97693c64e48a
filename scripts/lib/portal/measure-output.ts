import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Files and bytes under a folder. */
export interface FolderSize {
  files: number;
  bytes: number;
  /** HTML files: the portal's pages. */
  pages: number;
}

/** Walks a folder and adds up what it holds. */
export async function measureFolder(folder: string): Promise<FolderSize> {
  const size: FolderSize = { files: 0, bytes: 0, pages: 0 };
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive: true });
  } catch {
    return size;
  }
  await Promise.all(
    entries
      .filter((entry) => entry.isFile())
      .map(async (entry) => {
        const info = await stat(join(entry.parentPath, entry.name));
        size.files += 1;
        size.bytes += info.size;
        if (entry.name.endsWith('.html')) size.pages += 1;
      }),
  );
  return size;
}
