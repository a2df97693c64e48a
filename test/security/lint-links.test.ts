import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { formatFindings } from '../../scripts/lib/lint/format-findings.ts';
import { lintApis } from '../../scripts/lib/lint/lint-apis.ts';
import { createHostileRepo, type HostileFile } from './helpers/hostile-repo.ts';

/** Lints a hostile repository as `npm run lint:apis` does, paths shown from its root. */
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

/** A document Redocly's ruleset accepts, whose one response example is `example` (YAML). */
function documentWithExample(example: string): string {
  return [
    'openapi: 3.0.3',
    'info:',
    '  title: Hostile',
    '  version: 1.0.0',
    '  contact: { email: hostile@exemple.gouv.fr }',
    'servers: [{ url: "https://api.exemple.gouv.fr/hostile" }]',
    'security: []',
    'paths:',
    '  /things:',
    '    get:',
    '      operationId: listThings',
    '      summary: List things',
    '      responses:',
    "        '200':",
    '          description: OK',
    '          content:',
    '            application/json:',
    '              example:',
    ...example.split('\n').map((line) => `                ${line}`),
    "        '404':",
    '          description: Not found',
    '',
  ].join('\n');
}

describe('lint:apis reads nothing outside the API folder and fetches nothing', () => {
  test('a $ref to a file linked to /etc/passwd is a finding, never linted', async () => {
    const report = await lintReport({
      'apis/hostile/openapi.yaml': documentWithExample('{ id: 1 }').replace(
        '          description: OK\n',
        '          $ref: ./responses/ok.yaml\n',
      ),
      'apis/hostile/responses/ok.yaml': { linkTo: '/etc/passwd' },
    });
    assert.deepEqual(report, [
      "apis/hostile/openapi.yaml:1 — warning — guichet/not-linted — was not checked against Redocly's rules: the catalog could not read it safely — fix the catalog's errors on it, then run lint:apis again",
      'apis/hostile/openapi.yaml:15 — error — catalog — paths./things.get.responses.200.$ref points outside the API folder through a symbolic link (./responses/ok.yaml) — keep every file of the document inside apis/hostile, as a file rather than a link to one elsewhere',
      '1 error(s), 1 warning(s)',
    ]);
  });

  test('an http $ref inside an example is never fetched by the linter', async () => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('{}');
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      await lintReport({
        'apis/hostile/openapi.yaml': documentWithExample(
          `{ id: 1, meta: { $ref: "http://127.0.0.1:${String(port)}/latest/meta-data.yaml" } }`,
        ),
      });
      assert.deepEqual(requests, []);
    } finally {
      server.close();
    }
  });
});
