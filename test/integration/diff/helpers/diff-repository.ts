import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cli = resolve('scripts/diff-apis.ts');
const fixtures = resolve('test/fixtures/diff/openapi-3.0');

/** Metadata lines every test repository's API starts with. */
export const owner = 'owner: { team: Tax office, email: tax@example.org }\n';

/** A throwaway git repository holding one API, `declarations`, committed at its "before" state. */
export async function createRepository(metadata: string): Promise<string> {
  const repo = await mkdtemp(join(tmpdir(), 'guichet-diff-test-'));
  await mkdir(join(repo, 'apis/declarations'), { recursive: true });
  await writeFile(join(repo, 'apis/declarations/api.yaml'), metadata);
  await cp(join(fixtures, 'before.yaml'), join(repo, 'apis/declarations/openapi.yaml'));
  const git = (...args: string[]) => run('git', args, { cwd: repo });
  const identity = ['-c', 'user.name=Owner', '-c', 'user.email=owner@example.org'];
  await git('init', '-q', '-b', 'main');
  await git(...identity, 'commit', '-q', '--allow-empty', '-m', 'empty');
  await git('add', '-A');
  await git(...identity, 'commit', '-q', '-m', 'Publish declarations');
  return repo;
}

/** Writes the "after" state of the API into the work tree, at the given `info.version`. */
export async function writeAfter(repo: string, version: string): Promise<void> {
  const text = (await readFile(join(fixtures, 'after.yaml'), 'utf8')).replace(
    'version: 1.1.0',
    `version: ${version}`,
  );
  await writeFile(join(repo, 'apis/declarations/openapi.yaml'), text);
}

/** Runs `npm run diff -- --base HEAD …` in the repository, as a pull request's CI would. */
export async function diff(
  repo: string,
  ...extra: string[]
): Promise<{ code: number; report: string }> {
  try {
    const { stdout } = await run(process.execPath, [cli, '--base', 'HEAD', ...extra], {
      cwd: repo,
    });
    return { code: 0, report: stdout };
  } catch (error) {
    const { code, stdout } = error as { code: number; stdout: string };
    return { code, report: stdout };
  }
}
