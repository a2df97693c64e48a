import { execFile } from 'node:child_process';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A commit's files, ready to build, and what it is. */
export interface Baseline {
  dir: string;
  /** `abc1234 Subject of the commit`. */
  label: string;
}

/**
 * Extracts a commit's files (`git archive`, no worktree registered) into `target`, with this
 * checkout's `node_modules` linked in, so the same run can build the previous commit beside
 * the current one. A baseline whose dependencies differ from today's would build with today's:
 * the report names the commit, so a reader can tell.
 */
export async function prepareBaseline(ref: string, target: string): Promise<Baseline> {
  const { stdout } = await run('git', ['log', '-1', '--format=%h %s', ref]);
  await rm(target, { recursive: true, force: true });
  await mkdir(target, { recursive: true });
  const archive = join(target, '..', 'baseline.tar');
  await run('git', ['archive', '--format=tar', '-o', archive, ref]);
  await run('tar', ['-xf', archive, '-C', target]);
  await rm(archive, { force: true });
  await symlink(resolve('node_modules'), join(target, 'node_modules'));
  return { dir: target, label: stdout.trim().slice(0, 72) };
}
