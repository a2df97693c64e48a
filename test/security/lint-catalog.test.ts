import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatFindings } from '../../scripts/lib/lint/format-findings.ts';
import { lintApis } from '../../scripts/lib/lint/lint-apis.ts';
import {
  createHostileRepo,
  documentWithPathItem,
  type HostileFile,
} from './helpers/hostile-repo.ts';

/**
 * `lint:apis` shows every problem in one run: Redocly's rules run on every document the catalog
 * read and checked, even when something else in its folder (api.yaml, a guide) keeps the API out.
 * A document the catalog could not read safely — a `$ref` leading out of its folder — is never
 * handed to Redocly, which would follow it; the report says Redocly was not run on it.
 */
async function lintReport(files: Record<string, HostileFile>): Promise<string[]> {
  const repo = await createHostileRepo(files);
  try {
    const findings = await lintApis({
      apisDir: repo.apisDir,
      redoclyConfig: 'redocly.yaml',
      today: '2026-12-01',
    });
    return formatFindings(findings, 'text').replaceAll(`${repo.root}/`, '').split('\n');
  } finally {
    await repo.remove();
  }
}

const thingsPath = ['get:', '  responses:', "    '200':", '      description: OK'].join('\n');
const secret = 'machine-secret-s3cr3t';

describe('lint:apis reports the catalog’s errors and Redocly’s in one run', () => {
  test('a misspelt lifecycle in api.yaml does not hide the document’s Redocly errors', async () => {
    const report = await lintReport({
      'apis/hostile/api.yaml': 'title: Hostile\nlifecycle: stabel\n',
      'apis/hostile/openapi.yaml': documentWithPathItem(thingsPath),
    });
    assert.ok(
      report.includes(
        'apis/hostile/api.yaml:2 — error — catalog — lifecycle must be one of draft, beta, stable, deprecated, retired (got "stabel") — did you mean "stable"?',
      ),
      report.join('\n'),
    );
    assert.ok(
      report.some((line) =>
        line.startsWith('apis/hostile/openapi.yaml:7:5 — error — operation-operationId — '),
      ),
      report.join('\n'),
    );
  });

  test('a document whose $ref leaves its folder is not given to Redocly, and the report says so', async () => {
    const report = await lintReport({
      'elsewhere/secret.yaml': `description: ${secret}\n`,
      'apis/hostile/openapi.yaml': documentWithPathItem(
        ['get:', '  responses:', "    '200': { $ref: '../../elsewhere/secret.yaml' }"].join('\n'),
      ),
    });
    assert.ok(!report.join('\n').includes('s3cr3t'), report.join('\n'));
    assert.ok(
      report.includes(
        "apis/hostile/openapi.yaml:1 — warning — guichet/not-linted — was not checked against Redocly's rules: the catalog could not read it safely — fix the catalog's errors on it, then run lint:apis again",
      ),
      report.join('\n'),
    );
    assert.ok(!report.some((line) => line.includes('operation-operationId')), report.join('\n'));
  });
});
