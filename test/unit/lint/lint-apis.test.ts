import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { formatFindings } from '../../../scripts/lib/lint/format-findings.ts';
import { lintApis } from '../../../scripts/lib/lint/lint-apis.ts';

const file = 'test/fixtures/lint/apis/parcel-tracking';

test('lint:apis reports the project ruleset and metadata rules with file, line and text', async () => {
  const findings = await lintApis({
    apisDir: 'test/fixtures/lint/apis',
    redoclyConfig: 'redocly.yaml',
    today: '2026-11-21',
  });
  assert.equal(
    formatFindings(findings, 'text'),
    [
      `${file}/api.yaml:1 — warning — guichet/sunset-passed — version v1 passed its sunset date (2020-01-01) but is not retired — set its lifecycle to retired, or move the sunset date`,
      `${file}/openapi.yaml:17:5 — error — operation-summary — Operation object should contain \`summary\` field. — add \`summary:\` with a short phrase, e.g. "List the declarations"`,
      `${file}/openapi.yaml:30:13 — error — rule/response-example — This response has no example, so the sandbox has no realistic answer to serve. — add an \`example:\` (or \`examples:\`) to this response’s content, so the sandbox answers with it`,
      '2 error(s), 1 warning(s)',
    ].join('\n'),
  );
  assert.equal(
    formatFindings(findings, 'github-actions').split('\n')[1],
    `::error file=${file}/openapi.yaml,line=17,col=5,title=operation-summary::Operation object should contain \`summary\` field. — add \`summary:\` with a short phrase, e.g. "List the declarations"`,
  );
  const json = JSON.parse(formatFindings(findings, 'json')) as {
    totals: { errors: number; warnings: number };
  };
  assert.deepEqual(json.totals, { errors: 2, warnings: 1 });
});

test('lint:apis includes the catalog errors the build would stop on', async () => {
  const findings = await lintApis({
    apisDir: 'test/fixtures/catalog/invalid/metadata-enum',
    redoclyConfig: 'redocly.yaml',
    today: '2026-11-21',
  });
  const catalogFindings = findings.filter((finding) => finding.rule === 'catalog');
  assert.deepEqual(catalogFindings, [
    {
      file: 'test/fixtures/catalog/invalid/metadata-enum/api-one/api.yaml',
      line: 2,
      rule: 'catalog',
      severity: 'error',
      message: 'lifecycle must be one of draft, beta, stable, deprecated, retired (got "stabel")',
      hint: 'did you mean "stable"?',
    },
  ]);
});

test('lint:apis prints every path relative to the repository root, wherever it runs from', async () => {
  // Started from test/, Redocly would print paths relative to test/ and the catalog to the cwd.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '../scripts/lint-apis.ts',
      '--apis-dir',
      'fixtures/catalog/invalid/document-outside',
      '--config',
      '../redocly.yaml',
    ],
    { cwd: 'test' },
  ).catch((error: unknown) => error as { stdout: string });
  const outside = 'test/fixtures/catalog/invalid/document-outside/api-one';
  assert.equal(
    stdout.trim(),
    [
      `${outside}/openapi.yaml:1 — warning — guichet/not-linted — was not checked against Redocly's rules: the catalog could not read it safely — fix the catalog's errors on it, then run lint:apis again`,
      `${outside}/openapi.yaml:7 — error — catalog — paths./things.$ref points outside the API folder (../../secrets.yaml) — keep every file of the document inside ${outside}`,
      '1 error(s), 1 warning(s)',
    ].join('\n'),
  );
  const { stdout: parcel } = await promisify(execFile)(
    process.execPath,
    ['../scripts/lint-apis.ts', '--apis-dir', 'fixtures/lint/apis', '--config', '../redocly.yaml'],
    { cwd: 'test' },
  ).catch((error: unknown) => error as { stdout: string });
  assert.match(
    parcel,
    new RegExp(
      `^${file}/openapi\\.yaml:17:5 — error — operation-summary — .+ — add \`summary:\``,
      'm',
    ),
  );
});
