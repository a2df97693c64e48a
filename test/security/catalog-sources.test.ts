import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { formatProblem, loadCatalog } from '../../catalog/index.ts';
import { copySources } from '../../scripts/lib/portal/copy-sources.ts';
import { buildPreview } from '../../scripts/lib/previews/build-preview.ts';
import { reportFor } from './helpers/catalog-report.ts';
import { createHostileRepo, documentWithPathItem } from './helpers/hostile-repo.ts';

/**
 * The build publishes a document's files as they are, under `apis/<id>/<version>/source/`, on the
 * portal's origin. A file a `$ref` names is read as YAML whatever its name, so `evil.html` or
 * `evil.svg` holding a script in YAML clothing would be published as a page that runs it. Only
 * `.yaml`, `.yml` and `.json` files may be part of a document.
 */
const thingsPath = ['get:', '  responses:', "    '200':", '      description: OK'].join('\n');

function documentReferring(target: string): string {
  return [
    documentWithPathItem(thingsPath).trimEnd(),
    'components:',
    '  schemas:',
    '    Evil:',
    `      $ref: '${target}'`,
    '',
  ].join('\n');
}

/** YAML that a browser runs when it is served under an executable name. */
const scriptInYaml =
  'type: string\ndescription: "<script>document.title=\'SOURCE-XSS\'</script>"\n';
const svgInYaml = '<svg xmlns="http://www.w3.org/2000/svg" onload="document.title=\'SVG-XSS\'"/>\n';

const refusedNames = [
  ['evil.html', scriptInYaml],
  ['evil.svg', svgInYaml],
  ['evil.htm', scriptInYaml],
  ['evil.xhtml', svgInYaml],
  ['evil.xml', svgInYaml],
  ['evil.js', 'document.title\n'],
  ['evil.mjs', 'document.title\n'],
  ['evil', scriptInYaml],
  ['evil.json.html', scriptInYaml],
  ['schemas/evil.yaml.svg', svgInYaml],
] as const;

describe('a document’s files are only .yaml, .yml or .json', () => {
  for (const [name, content] of refusedNames) {
    test(`a $ref to ${name}`, async () => {
      const report = await reportFor({
        'apis/hostile/openapi.yaml': documentReferring(`./${name}`),
        [`apis/hostile/${name}`]: content,
      });
      assert.deepEqual(report, [
        `apis/hostile/openapi.yaml:14 — components.schemas.Evil.$ref — points to a file that is not .yaml, .yml or .json (./${name}) — rename it to .yaml, .yml or .json: the portal publishes a document's files as they are, and a browser could run any other kind`,
      ]);
    });
  }

  test('api.yaml naming an .html file as a version’s document', async () => {
    const report = await reportFor({
      'apis/hostile/api.yaml': [
        'title: Hostile',
        'owner: { team: Red, email: red@example.org }',
        'versions:',
        '  - id: v1',
        '    document: v1/openapi.html',
        '',
      ].join('\n'),
      'apis/hostile/v1/openapi.html': documentWithPathItem(thingsPath),
    });
    assert.deepEqual(report, [
      "apis/hostile/api.yaml:5 — versions.0.document — names a file that is not .yaml, .yml or .json (v1/openapi.html) — rename it to .yaml, .yml or .json: the portal publishes a document's files as they are, and a browser could run any other kind",
    ]);
  });

  test('npm run build leaves out the API whose document refers to evil.html and evil.svg', async () => {
    const repo = await createHostileRepo({
      'apis/hostile/openapi.yaml': [
        documentReferring('./evil.html').trimEnd(),
        '    Svg:',
        "      $ref: './evil.svg'",
        '',
      ].join('\n'),
      'apis/hostile/evil.html': scriptInYaml,
      'apis/hostile/evil.svg': svgInYaml,
      'apis/honest/openapi.yaml': documentWithPathItem(thingsPath),
    });
    const snapshot = join(repo.root, 'snapshot.json');
    try {
      const run = await promisify(execFile)(
        process.execPath,
        ['scripts/build-portal.ts', '--snapshot-only', '--snapshot', snapshot],
        { env: { ...process.env, APIS_DIR: repo.apisDir } },
      ).then(
        (done) => ({ ...done, code: 0 }),
        (error: unknown) => error as { stdout: string; stderr: string; code: number },
      );
      const output = `${run.stdout}${run.stderr}`.replaceAll(`${repo.root}/`, '');
      for (const [line, field, name] of [
        [14, 'Evil', 'evil.html'],
        [16, 'Svg', 'evil.svg'],
      ] as const) {
        assert.ok(
          output.includes(
            `apis/hostile/openapi.yaml:${String(line)} — components.schemas.${field}.$ref — points to a file that is not .yaml, .yml or .json (./${name})`,
          ),
          output,
        );
      }
      assert.equal(run.code, 0, 'the honest API is built');
      const written = await readFile(snapshot, 'utf8');
      assert.ok(!written.includes('XSS'), 'the snapshot holds nothing of either file');
      assert.deepEqual(
        (JSON.parse(written) as { apis: { id: string }[] }).apis.map((api) => api.id),
        ['honest'],
      );
    } finally {
      await repo.remove();
    }
  });

  test('npm run build:preview builds nothing of a branch whose document refers to evil.svg', async () => {
    const repo = await createHostileRepo({
      'apis/hostile/openapi.yaml': documentReferring('./evil.svg'),
      'apis/hostile/evil.svg': svgInYaml,
    });
    const printed: string[] = [];
    const original = console.error;
    console.error = (...parts: unknown[]) => {
      printed.push(parts.map(String).join(' '));
    };
    try {
      const build = await buildPreview({
        apisDir: repo.apisDir,
        previewsDir: join(repo.root, 'previews'),
        branch: 'feature/hostile',
        slug: 'feature-hostile',
        audience: 'public',
        previewsUrl: undefined,
      });
      assert.equal(build, undefined);
      assert.deepEqual(
        printed.map((line) => line.replaceAll(`${repo.root}/`, '')),
        [
          "apis/hostile/openapi.yaml:14 — components.schemas.Evil.$ref — points to a file that is not .yaml, .yml or .json (./evil.svg) — rename it to .yaml, .yml or .json: the portal publishes a document's files as they are, and a browser could run any other kind",
          '\n1 error(s) in apis: the portal was not built.',
        ],
      );
      await assert.rejects(access(join(repo.root, 'previews')), { code: 'ENOENT' });
    } finally {
      console.error = original;
      await repo.remove();
    }
  });

  test('a file of another kind that reaches the copy anyway is not published', async () => {
    const repo = await createHostileRepo({
      'apis/hostile/openapi.yaml': documentWithPathItem(thingsPath),
      'apis/hostile/evil.svg': svgInYaml,
    });
    const outDir = await mkdtemp(join(tmpdir(), 'guichet-hostile-out-'));
    try {
      const { catalog, failed } = await loadCatalog({
        apisDir: repo.apisDir,
        audience: 'internal',
      });
      assert.equal(failed, false);
      // As if a later change to the catalog let one through: the copy checks again.
      catalog.apis[0]?.versions[0]?.files.push('evil.svg');

      const sources = await copySources(catalog, outDir);
      assert.equal(sources.copied, 1);
      assert.deepEqual(
        sources.refused.map((problem) => formatProblem(problem).replaceAll(`${repo.root}/`, '')),
        [
          "apis/hostile/evil.svg:1 — (file) — is not .yaml, .yml or .json, so it was not published — rename it to .yaml, .yml or .json: the portal publishes a document's files as they are, and a browser could run any other kind",
        ],
      );
      await assert.rejects(access(join(outDir, 'apis/hostile/v1/source/evil.svg')), {
        code: 'ENOENT',
      });
    } finally {
      await repo.remove();
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
