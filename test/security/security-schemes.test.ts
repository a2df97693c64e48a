/**
 * Hostile security declarations in a pull request's documents and metadata: names and scopes
 * built to break the gateway's challenges or pass for its own headers, an API folder that would
 * shadow the token endpoint, restricted scopes that name nothing. Each runs through the real
 * catalog, then the real gateway on real sockets in front of an echo of what it forwards.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { formatProblem, loadCatalog, type Catalog } from '../../catalog/index.ts';
import {
  startEchoUpstream,
  type EchoUpstream,
} from '../integration/gateway/helpers/start-echo-upstream.ts';
import {
  startTestGateway,
  type TestGateway,
} from '../integration/gateway/helpers/start-test-gateway.ts';
import { createHostileRepo, type HostileRepo } from './helpers/hostile-repo.ts';

const repos: HostileRepo[] = [];
const running: { close(): Promise<void> }[] = [];
after(async () => {
  for (const item of running) await item.close();
  for (const repo of repos) await repo.remove();
});

/** One API `piege` whose document declares `schemes` and holds `GET /things` needing `security`. */
function documentWith(schemes: string, security: string): string {
  return [
    'openapi: 3.0.3',
    'info: { title: Piège, version: 1.0.0 }',
    'paths:',
    '  /things:',
    '    get:',
    `      security: ${security}`,
    "      responses: { '200': { description: ok } }",
    'components:',
    '  securitySchemes:',
    ...schemes.split('\n').map((line) => `    ${line}`),
    '',
  ].join('\n');
}

async function load(
  files: Record<string, string>,
): Promise<{ catalog: Catalog; problems: string[] }> {
  const repo = await createHostileRepo(files);
  repos.push(repo);
  const result = await loadCatalog({
    apisDir: repo.apisDir,
    mocksDir: repo.mocksDir,
    audience: 'internal',
  });
  return { catalog: result.catalog, problems: result.problems.map(formatProblem) };
}

async function serve(catalog: Catalog): Promise<{ gateway: TestGateway; upstream: EchoUpstream }> {
  const upstream = await startEchoUpstream();
  const gateway = await startTestGateway(upstream.url, { catalog });
  running.push(gateway, upstream);
  return { gateway, upstream };
}

describe('security declarations built to break the gateway', () => {
  test('an API folder named oauth, which would shadow the token endpoint', async () => {
    const { problems } = await load({
      'apis/oauth/openapi.yaml': documentWith(
        'cle: { type: apiKey, in: header, name: KeyId }',
        '[{ cle: [] }]',
      ),
    });
    assert.equal(problems.length, 1);
    assert.match(
      problems[0] ?? '',
      /^.*apis\/oauth:1 — \(folder name\) — "oauth" is reserved: the sandbox answers \/oauth\/… itself/,
    );
  });

  test('a scope holding a quote, a space and CR LF, for a WWW-Authenticate header to carry', async () => {
    const { catalog, problems } = await load({
      'apis/piege/openapi.yaml': documentWith(
        [
          'oauth:',
          '  type: oauth2',
          '  flows:',
          '    clientCredentials:',
          '      tokenUrl: https://auth.exemple.gouv.fr/token',
          '      scopes: { lire: ok }',
        ].join('\n'),
        `[{ oauth: ['lire', "x\\" injected=\\"1", "a\\r\\nX-Injected: 1"] }]`,
      ),
    });
    assert.deepEqual(problems, []);
    const { gateway } = await serve(catalog);
    const response = await fetch(`${gateway.baseUrl}/piege/v1/things`);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('x-injected'), null);
    assert.equal(
      response.headers.get('www-authenticate'),
      'Bearer realm="guichet-sandbox", scope="lire", X-Api-Key realm="guichet-sandbox"',
    );
  });

  test('an API key header name holding a quote and CR LF', async () => {
    const { catalog } = await load({
      'apis/piege/openapi.yaml': documentWith(
        'cle: { type: apiKey, in: header, name: "Key\\"Id\\r\\nX-Injected: 1" }',
        '[{ cle: [] }]',
      ),
    });
    const { gateway } = await serve(catalog);
    const response = await fetch(`${gateway.baseUrl}/piege/v1/things`);
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('x-injected'), null);
    assert.equal(response.headers.get('www-authenticate'), 'X-Api-Key realm="guichet-sandbox"');
  });

  test("an API key read from the gateway's own X-Guichet-Consumer header, to pass for another consumer", async () => {
    const { catalog } = await load({
      'apis/piege/openapi.yaml': documentWith(
        'cle: { type: apiKey, in: header, name: X-Guichet-Consumer }',
        '[{ cle: [] }]',
      ),
    });
    const { gateway, upstream } = await serve(catalog);
    const issued = await fetch(`${gateway.adminUrl}/keys`, {
      method: 'POST',
      headers: { ...gateway.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ application: 'Piège', api: 'piege' }),
    });
    const { key, consumerId } = (await issued.json()) as { key: string; consumerId: string };
    assert.equal(
      (
        await fetch(`${gateway.baseUrl}/piege/v1/things`, {
          headers: { 'x-guichet-consumer': key },
        })
      ).status,
      200,
    );
    assert.equal(upstream.seen.at(-1)?.headers['x-guichet-consumer'], consumerId);
    assert.ok(!JSON.stringify(upstream.seen).includes(key));
  });

  test('restrictedScopes naming a scope no document declares', async () => {
    const { problems } = await load({
      'apis/piege/openapi.yaml': documentWith(
        'oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: https://a.example/t, scopes: { lire: ok } } } }',
        "[{ oauth: ['lire'] }]",
      ),
      'apis/piege/api.yaml': [
        'summary: Un piège.',
        'owner: { team: Pièges, email: pieges@exemple.gouv.fr }',
        'restrictedScopes: [ecrire]',
        '',
      ].join('\n'),
    });
    assert.equal(problems.length, 1);
    assert.match(
      problems[0] ?? '',
      /apis\/piege\/api\.yaml:3 — restrictedScopes\.0 — names "ecrire", which no security scheme or operation of the API's documents declares — use one of: lire$/,
    );
  });

  test('a requirement naming a scheme the document does not declare, to leave the operation open', async () => {
    const { catalog } = await load({
      'apis/piege/openapi.yaml': documentWith(
        'cle: { type: apiKey, in: header, name: KeyId }',
        '[{ fantome: [] }]',
      ),
    });
    const { gateway } = await serve(catalog);
    const response = await fetch(`${gateway.baseUrl}/piege/v1/things`);
    assert.equal(response.status, 401);
    assert.equal(((await response.json()) as { type: string }).type, '/problems/missing-key');
  });
});
