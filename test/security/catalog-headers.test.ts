/**
 * Response headers that would act beyond the answer (cookies, CORS, Clear-Site-Data, Refresh,
 * a password prompt, a Location or Link to another host), through the real catalog and
 * `lint:apis`: refused in stubs, which exist only for the sandbox; a warning in documents, which
 * describe production, where such headers are often right. The sandbox drops them either way
 * (gateway-headers.test.ts, previews-headers.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadCatalog } from '../../catalog/index.ts';
import { formatFindings } from '../../scripts/lib/lint/format-findings.ts';
import { lintApis } from '../../scripts/lib/lint/lint-apis.ts';
import { reportFor, toRepoReport } from './helpers/catalog-report.ts';
import { createHostileRepo, type HostileFile } from './helpers/hostile-repo.ts';

const document = [
  'openapi: 3.0.3',
  'info: { title: Hostile, version: 1.0.0 }',
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
  '              example: { ok: true }',
  '',
].join('\n');

/** The repository of an API whose stubs file answers GET /things with `headers` (YAML lines). */
function withStubHeaders(headers: string[]): Record<string, HostileFile> {
  return {
    'apis/hostile/openapi.yaml': document,
    'mocks/hostile/stubs.yaml': [
      'stubs:',
      '  - name: hostile',
      '    description: A stub whose answer sets headers.',
      '    request: { method: GET, path: /things }',
      '    response:',
      '      status: 200',
      '      body: { ok: true }',
      '      headers:',
      ...headers.map((line) => `        ${line}`),
      '',
    ].join('\n'),
  };
}

const removeIt = 'remove it: the sandbox drops it from every answer';
const writePath = 'write a path of the sandbox instead (e.g. `/dossiers/42`), or remove it';

describe('the catalog refuses a stub that sets a header acting beyond the answer', () => {
  test('Set-Cookie', async () => {
    assert.deepEqual(await reportFor(withStubHeaders(['Set-Cookie: stub=1; Path=/'])), [
      `mocks/hostile/stubs.yaml:9 — stubs.0.response.headers.Set-Cookie — is not passed on by the sandbox: it would set a cookie on the portal's site (cookies ignore the port) — ${removeIt}`,
    ]);
  });

  test("Access-Control-Allow-Origin: '*' and -Credentials: 'true'", async () => {
    const report = await reportFor(
      withStubHeaders([
        "Access-Control-Allow-Origin: '*'",
        "access-control-allow-credentials: 'true'",
      ]),
    );
    assert.deepEqual(report, [
      `mocks/hostile/stubs.yaml:9 — stubs.0.response.headers.Access-Control-Allow-Origin — is not passed on by the sandbox: it would open the sandbox to other sites' scripts; the gateway answers CORS itself, for the portal's origins only — ${removeIt}`,
      `mocks/hostile/stubs.yaml:10 — stubs.0.response.headers.access-control-allow-credentials — is not passed on by the sandbox: it would open the sandbox to other sites' scripts; the gateway answers CORS itself, for the portal's origins only — ${removeIt}`,
    ]);
  });

  test('WWW-Authenticate: Basic realm="Enter your guichet admin token"', async () => {
    const report = await reportFor(
      withStubHeaders(['WWW-Authenticate: Basic realm="Enter your guichet admin token"']),
    );
    assert.deepEqual(report, [
      `mocks/hostile/stubs.yaml:9 — stubs.0.response.headers.WWW-Authenticate — is not passed on by the sandbox: it would make the browser ask for a password in the sandbox's name (Basic, Digest, NTLM or Negotiate) — ${writePath}`,
    ]);
  });

  test('Link: <http://evil.example/>; rel=preload', async () => {
    const report = await reportFor(
      withStubHeaders(["Link: '<http://evil.example/>; rel=preload; as=script'"]),
    );
    assert.deepEqual(report, [
      `mocks/hostile/stubs.yaml:9 — stubs.0.response.headers.Link — is not passed on by the sandbox: it would make the browser fetch another host — ${writePath}`,
    ]);
  });

  test('Location: http://evil.example/, //evil.example and /\\evil.example', async () => {
    for (const location of ['http://evil.example/phish', '//evil.example/x', '/\\evil.example/x']) {
      const report = await reportFor(withStubHeaders([`Location: '${location}'`]));
      assert.deepEqual(report, [
        `mocks/hostile/stubs.yaml:9 — stubs.0.response.headers.Location — is not passed on by the sandbox: it points outside the sandbox — ${writePath}`,
      ]);
    }
  });

  test('Clear-Site-Data and Refresh', async () => {
    const report = await reportFor(
      withStubHeaders([`Clear-Site-Data: '"*"'`, "Refresh: '0; url=http://evil.example/'"]),
    );
    assert.deepEqual(report, [
      `mocks/hostile/stubs.yaml:9 — stubs.0.response.headers.Clear-Site-Data — is not passed on by the sandbox: it would erase the cookies and storage of the whole origin: the portal, or every preview — ${removeIt}`,
      `mocks/hostile/stubs.yaml:10 — stubs.0.response.headers.Refresh — is not passed on by the sandbox: it would send the browser to another page — ${removeIt}`,
    ]);
  });

  test('Set-Cookie in a named extra example', async () => {
    const report = await reportFor({
      'apis/hostile/openapi.yaml': document,
      'mocks/hostile/stubs.yaml': [
        'examples:',
        '  - name: cookie',
        '    description: An example whose answer sets a cookie.',
        '    operation: listThings',
        '    status: 200',
        '    headers: { Set-Cookie: "stub=1" }',
        '    body: { ok: true }',
        '',
      ].join('\n'),
    });
    assert.deepEqual(report, [
      `mocks/hostile/stubs.yaml:6 — examples.0.headers.Set-Cookie — is not passed on by the sandbox: it would set a cookie on the portal's site (cookies ignore the port) — ${removeIt}`,
    ]);
  });

  test('the deploy build keeps the API, without its stubs', async () => {
    const repo = await createHostileRepo(withStubHeaders(['Set-Cookie: stub=1']));
    try {
      const result = await loadCatalog({
        apisDir: repo.apisDir,
        mocksDir: repo.mocksDir,
        audience: 'internal',
        brokenApis: 'leave-out',
      });
      assert.deepEqual(
        result.catalog.apis.map((api) => [api.id, api.sandbox]),
        [['hostile', undefined]],
      );
    } finally {
      await repo.remove();
    }
  });
});

describe('a document declaring such headers gets a warning, and builds', () => {
  const hostileDocument = document.replace(
    '          description: OK\n',
    [
      '          description: OK',
      '          headers:',
      "            Set-Cookie: { schema: { type: string }, example: 'session=x' }",
      '            Clear-Site-Data: { schema: { type: string }, example: \'"*"\' }',
      "            Location: { schema: { type: string }, example: 'http://evil.example/' }",
      "            Link: { schema: { type: string }, example: '</hostile/v1/things?page=2>; rel=next' }",
      '',
    ].join('\n'),
  );
  const hint =
    'nothing to change if production sends it; partners trying the sandbox will not get it';

  test('through the catalog: warnings with file:line, the API kept', async () => {
    const repo = await createHostileRepo({ 'apis/hostile/openapi.yaml': hostileDocument });
    try {
      const result = await loadCatalog({ apisDir: repo.apisDir, audience: 'internal' });
      assert.equal(result.failed, false);
      assert.deepEqual(toRepoReport(result, repo), [
        `apis/hostile/openapi.yaml:12 — paths./things.get.responses.200.headers.Set-Cookie — is not passed on by the sandbox: it would set a cookie on the portal's site (cookies ignore the port) — ${hint}`,
        `apis/hostile/openapi.yaml:13 — paths./things.get.responses.200.headers.Clear-Site-Data — is not passed on by the sandbox: it would erase the cookies and storage of the whole origin: the portal, or every preview — ${hint}`,
        `apis/hostile/openapi.yaml:14 — paths./things.get.responses.200.headers.Location — is not passed on by the sandbox: it points outside the sandbox — ${hint}`,
      ]);
      assert.deepEqual(
        result.problems.map((problem) => problem.severity),
        ['warning', 'warning', 'warning'],
      );
      assert.deepEqual(
        result.catalog.apis.map((api) => api.id),
        ['hostile'],
      );
    } finally {
      await repo.remove();
    }
  });

  test('through lint:apis, which prints them as warnings', async () => {
    const repo = await createHostileRepo({ 'apis/hostile/openapi.yaml': hostileDocument });
    try {
      const findings = await lintApis({
        apisDir: repo.apisDir,
        redoclyConfig: 'redocly.yaml',
        today: '2026-12-01',
      });
      const report = formatFindings(findings, 'text').replaceAll(`${repo.root}/`, '');
      assert.match(
        report,
        /apis\/hostile\/openapi\.yaml:13 .*Clear-Site-Data.*is not passed on by the sandbox/,
      );
      assert.match(report, /warning/i);
    } finally {
      await repo.remove();
    }
  });
});
