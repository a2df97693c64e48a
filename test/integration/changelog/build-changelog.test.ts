import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { loadCatalog } from '../../../catalog/index.ts';
import { buildChangelog } from '../../../scripts/lib/changelog/build-changelog.ts';

const run = promisify(execFile);
let repo: string;

async function commit(message: string, date: string): Promise<void> {
  const env = {
    ...process.env,
    GIT_AUTHOR_DATE: `${date}T10:00:00Z`,
    GIT_COMMITTER_DATE: `${date}T10:00:00Z`,
  };
  await run('git', ['add', '-A'], { cwd: repo });
  await run(
    'git',
    ['-c', 'user.name=Owner', '-c', 'user.email=owner@example.org', 'commit', '-q', '-m', message],
    { cwd: repo, env },
  );
}

before(async () => {
  repo = await mkdtemp(join(tmpdir(), 'guichet-changelog-test-'));
  await run('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  const api = join(repo, 'apis/declarations');
  await mkdir(api, { recursive: true });
  await writeFile(
    join(api, 'api.yaml'),
    'title: Declarations\nowner: { team: Tax office, email: tax@example.org }\n',
  );
  await cp('test/fixtures/diff/openapi-3.0/before.yaml', join(api, 'openapi.yaml'));
  await commit('Publish declarations', '2026-03-02');
  const document = await readFile(join(api, 'openapi.yaml'), 'utf8');
  await writeFile(
    join(api, 'openapi.yaml'),
    document.replace(
      'title: Declarations,',
      'title: Declarations, description: Company tax declarations.,',
    ),
  );
  await commit('Describe the API', '2026-04-10');
  await cp('test/fixtures/diff/openapi-3.0/after.yaml', join(api, 'openapi.yaml'));
  await writeFile(
    join(api, 'api.yaml'),
    'title: Declarations\nowner: { team: Tax office, email: tax@example.org }\nlifecycle: deprecated\nsunset: "2027-06-30"\n',
  );
  await commit('Require the SIREN and deprecate', '2026-05-20');
});

after(async () => {
  await rm(repo, { recursive: true, force: true });
});

test('an API changelog lists each commit with what changed for consumers, breaking ones counted', async () => {
  const { catalog } = await loadCatalog({ apisDir: join(repo, 'apis'), audience: 'internal' });
  const api = catalog.apis[0];
  assert.ok(api);
  const changelog = await buildChangelog(api);
  assert.deepEqual(
    changelog.map(({ date, subject, breaking }) => ({ date, subject, breaking })),
    [
      { date: '2026-05-20', subject: 'Require the SIREN and deprecate', breaking: 6 },
      { date: '2026-04-10', subject: 'Describe the API', breaking: 0 },
      { date: '2026-03-02', subject: 'Publish declarations', breaking: 0 },
    ],
  );
  assert.deepEqual(changelog[2]?.changes, ['Published with v1 (1.0.0, stable).']);
  assert.deepEqual(changelog[1]?.changes, [
    'Documentation only: no change to operations or schemas.',
  ]);
  const latest = changelog[0]?.changes ?? [];
  assert.equal(latest[0], 'Version v1 is now deprecated (sunset 2027-06-30).');
  assert.ok(latest.includes('v1: Breaking — [Removed] operation DELETE /declarations/{id}'));
  assert.ok(latest.includes('v1: [Added] operation GET /declarations/{id}/receipt'));
  assert.match(changelog[0]?.commit ?? '', /^[0-9a-f]{10}$/);
});

test('outside a git repository the changelog is empty rather than an error', async () => {
  const loose = await mkdtemp(join(tmpdir(), 'guichet-changelog-loose-'));
  try {
    await cp(join(repo, 'apis'), join(loose, 'apis'), { recursive: true });
    const { catalog } = await loadCatalog({ apisDir: join(loose, 'apis'), audience: 'internal' });
    assert.ok(catalog.apis[0]);
    assert.deepEqual(await buildChangelog(catalog.apis[0]), []);
  } finally {
    await rm(loose, { recursive: true, force: true });
  }
});
