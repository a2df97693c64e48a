import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import {
  createHostileRepo,
  documentWithPathItem,
  type HostileRepo,
} from '../../security/helpers/hostile-repo.ts';

const goodPath = ['get:', '  summary: List', '  responses:', "    '200':", '      description: OK'];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(script: string, args: string[], apisDir: string): Promise<Run> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args], {
      env: { ...process.env, APIS_DIR: apisDir },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('one API whose document cannot be read', () => {
  let repo: HostileRepo;
  before(async () => {
    repo = await createHostileRepo({
      'apis/good-one/openapi.yaml': documentWithPathItem(goodPath.join('\n')),
      'apis/good-two/openapi.yaml': documentWithPathItem(goodPath.join('\n')),
      'apis/remote/openapi.yaml': documentWithPathItem('$ref: https://example.com/things.yaml'),
    });
  });
  after(async () => {
    await repo.remove();
  });

  test('npm run build leaves it out, builds the others, says so and writes a report', async () => {
    const snapshot = join(repo.root, '.guichet', 'catalog.json');
    const build = await run(
      'scripts/build-portal.ts',
      ['--snapshot-only', '--snapshot', snapshot],
      repo.apisDir,
    );
    assert.equal(build.code, 0, build.stderr);
    const stderr = build.stderr.replaceAll(`${repo.root}/`, '');
    assert.ok(
      stderr.includes(
        'apis/remote/openapi.yaml:7 — paths./things.$ref — points to a remote document (https://example.com/things.yaml) — copy the referenced part into the API folder and point to it with a relative path: the portal and its sandbox work offline',
      ),
      stderr,
    );
    assert.ok(
      stderr.endsWith(
        [
          '⚠ 1 API(s) left out of the portal, 0 stubs folder(s) left out of the sandbox; every other API is built:',
          '  apis/remote — 1 error(s), listed above',
          'Build report: .guichet/build-report.json',
          '',
        ].join('\n'),
      ),
      stderr,
    );
    const catalog = JSON.parse(await readFile(snapshot, 'utf8')) as { apis: { id: string }[] };
    assert.deepEqual(
      catalog.apis.map((api) => api.id),
      ['good-one', 'good-two'],
    );
    const report = JSON.parse(
      await readFile(join(repo.root, '.guichet', 'build-report.json'), 'utf8'),
    ) as { published: string[]; leftOut: { folder: string; kind: string; problems: unknown[] }[] };
    assert.deepEqual(report.published, ['good-one', 'good-two']);
    assert.deepEqual(
      report.leftOut.map(({ folder, kind, problems }) => ({
        folder: folder.replace(`${repo.root}/`, ''),
        kind,
        problems: problems.length,
      })),
      [{ folder: 'apis/remote', kind: 'api', problems: 1 }],
    );
  });

  test('npm run build:preview, for pull requests, stays strict and builds nothing', async () => {
    const preview = await run(
      'scripts/build-preview.ts',
      ['--branch', 'feature/x', '--previews-dir', join(repo.root, 'previews')],
      repo.apisDir,
    );
    assert.equal(preview.code, 1);
    assert.match(preview.stderr, /1 error\(s\) in .*: the portal was not built\./);
  });
});
