import { relative, resolve } from 'node:path';
import { runGit } from '../git/run-git.ts';

/**
 * Names the API folders that differ between `base` and the work tree: committed, staged,
 * unstaged and untracked changes all count, as a pull request would carry them.
 */
export async function listChangedApis(base: string, apisDir: string): Promise<string[]> {
  const root = (await runGit(['rev-parse', '--show-toplevel'])).trim();
  const prefix = relative(root, resolve(apisDir)).split('\\').join('/');
  const changed = await runGit(['diff', '--name-only', '--no-renames', base, '--', apisDir]);
  const untracked = await runGit(['ls-files', '--others', '--exclude-standard', '--', apisDir]);
  const cwdPrefix = relative(root, process.cwd()).split('\\').join('/');
  const ids = new Set<string>();
  for (const line of `${changed}\n${untracked}`.split('\n')) {
    if (line.trim() === '') continue;
    // `git diff` prints paths from the repository root, `ls-files` from the working directory.
    const fromRoot = line.startsWith(`${prefix}/`)
      ? line
      : cwdPrefix
        ? `${cwdPrefix}/${line}`
        : line;
    const rest = fromRoot.slice(prefix.length + 1);
    const id = rest.split('/')[0];
    if (id && rest.includes('/') && !/^[._]/.test(id)) ids.add(id);
  }
  return [...ids].sort();
}
