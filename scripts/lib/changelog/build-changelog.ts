import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import {
  fromDisplayPath,
  loadCatalog,
  type CatalogApi,
  type ChangelogEntry,
} from '../../../catalog/index.ts';
import { diffApi } from '../diff/diff-apis.ts';
import { extractAtRef, runGit } from '../git/run-git.ts';

/** How far back a changelog goes; older commits are summarised by the oldest entry kept. */
export const changelogDepth = 25;

interface Commit {
  hash: string;
  date: string;
  subject: string;
}

/**
 * Builds an API's changelog from the git history of its folder: each commit that touched it is
 * compared with the previous one through the catalog loader and the diff, so the entry says what
 * changed for consumers and how much of it breaks them. Outside a git repository, or for a folder
 * git does not track yet, the changelog is empty.
 */
export async function buildChangelog(api: CatalogApi): Promise<ChangelogEntry[]> {
  const apiDir = fromDisplayPath(api.dir);
  const root = await findRepositoryRoot(apiDir);
  if (!root) return [];
  const folder = relative(root, apiDir).split('\\').join('/');
  const commits = await listCommits(folder, root);
  if (commits.length === 0) return [];
  const scratch = await mkdtemp(join(tmpdir(), 'guichet-changelog-'));
  try {
    const states: (CatalogApi | undefined)[] = [];
    for (const [index, commit] of commits.entries()) {
      const destination = join(scratch, String(index));
      await mkdir(destination);
      await extractAtRef(commit.hash, [folder], destination, root);
      const { catalog } = await loadCatalog({
        apisDir: join(destination, folder, '..'),
        audience: 'internal',
        ids: [api.id],
      });
      states.push(catalog.apis[0]);
    }
    return commits.map((commit, index) =>
      toEntry(commit, states[index + 1], states[index], index === commits.length - 1),
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function toEntry(
  commit: Commit,
  before: CatalogApi | undefined,
  after: CatalogApi | undefined,
  isOldest: boolean,
): ChangelogEntry {
  const entry = { commit: commit.hash.slice(0, 10), date: commit.date, subject: commit.subject };
  if (!after)
    return {
      ...entry,
      changes: ['This revision did not build; its documents had errors.'],
      breaking: 0,
    };
  if (!before) {
    const versions = after.versions
      .map((version) => `${version.id} (${version.label}, ${version.lifecycle})`)
      .join(', ');
    const first = isOldest ? 'Published' : 'Published again';
    return { ...entry, changes: [`${first} with ${versions}.`], breaking: 0 };
  }
  const diff = diffApi(after.id, before, after);
  const changes: string[] = [];
  let breaking = 0;
  for (const version of diff.versions) {
    if (version.status === 'added')
      changes.push(`Version ${version.id} published (${version.labels.after ?? ''}).`);
    if (version.status === 'removed') changes.push(`Version ${version.id} withdrawn.`);
    const lifecycleBefore = before.versions.find((item) => item.id === version.id)?.lifecycle;
    const now = after.versions.find((item) => item.id === version.id);
    if (now && lifecycleBefore && lifecycleBefore !== now.lifecycle) {
      changes.push(
        `Version ${version.id} is now ${now.lifecycle}${now.sunset ? ` (sunset ${now.sunset})` : ''}.`,
      );
    }
    if (version.status === 'changed' || version.status === 'unchanged') {
      for (const change of version.changes) {
        changes.push(`${version.id}: ${change.breaking ? 'Breaking — ' : ''}${change.description}`);
      }
    }
    breaking +=
      version.status === 'removed' ? 0 : version.changes.filter((change) => change.breaking).length;
  }
  if (changes.length === 0) changes.push('Documentation only: no change to operations or schemas.');
  return { ...entry, changes, breaking };
}

async function listCommits(folder: string, root: string): Promise<Commit[]> {
  const log = await runGit(
    ['log', `--max-count=${String(changelogDepth)}`, '--format=%H%x09%cs%x09%s', '--', folder],
    root,
  ).catch(() => '');
  return log
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [hash = '', date = '', ...subject] = line.split('\t');
      return { hash, date, subject: subject.join('\t') };
    });
}

async function findRepositoryRoot(dir: string): Promise<string | undefined> {
  try {
    return (await runGit(['rev-parse', '--show-toplevel'], dir)).trim();
  } catch {
    return undefined;
  }
}
