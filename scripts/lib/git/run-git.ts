import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs git in `cwd` and returns its standard output; a failure names the command. */
export async function runGit(args: readonly string[], cwd = '.'): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim() ?? '';
    throw new Error(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`, { cause: error });
  }
}

/** True when `ref` names a commit git knows. */
export async function isCommit(ref: string, cwd = '.'): Promise<boolean> {
  try {
    await runGit(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the files under `paths` as they were at `ref` into `destination`, without touching the
 * work tree or the index: `git archive` piped into `tar`. Paths that did not exist at `ref` are
 * skipped.
 */
export async function extractAtRef(
  ref: string,
  paths: readonly string[],
  destination: string,
  cwd = '.',
): Promise<void> {
  const present: string[] = [];
  for (const path of paths) {
    const listed = await runGit(['ls-tree', '--name-only', ref, '--', path], cwd);
    if (listed.trim() !== '') present.push(path);
  }
  if (present.length === 0) return;
  await new Promise<void>((resolve, reject) => {
    const archive = spawn('git', ['archive', '--format=tar', ref, '--', ...present], {
      cwd,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const tar = spawn('tar', ['-x', '-C', destination], { stdio: ['pipe', 'inherit', 'inherit'] });
    archive.stdout.pipe(tar.stdin);
    let failed = false;
    archive.on('close', (code) => {
      if (code !== 0) {
        failed = true;
        reject(new Error(`git archive ${ref} exited with ${String(code)}`));
      }
    });
    tar.on('close', (code) => {
      if (failed) return;
      if (code === 0) resolve();
      else reject(new Error(`tar exited with ${String(code)}`));
    });
  });
}
