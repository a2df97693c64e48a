/**
 * Hostile inputs to call_sandbox's credentials, through the real gateway's /_mcp route on real
 * sockets with the SDK's own client, in front of the real mock server: credentials stay out of
 * the access log and out of the tool's answer, a document cannot send the tool's token request
 * (or anything else) to another host, and a credential that could smuggle a header, a cookie
 * or a basic user, or that is oversized, is refused before any call.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { formatProblem, loadCatalog } from '../../catalog/index.ts';
import { getToken, type Application } from '../integration/gateway/helpers/security-fixtures.ts';
import { callTool, createTestClient, type ToolAnswer } from '../integration/mcp/mcp-client.ts';
import {
  startFixtureMockServer,
  startGatewaySandbox,
  type GatewaySandbox,
  type RunningMockServer,
} from './helpers/gateway-sandbox.ts';

/** `detour`: every URL its document gives (token, authorization, OpenID) is the witness's. */
function writeDetourApi(apisDir: string, witness: string): void {
  mkdirSync(join(apisDir, 'detour'));
  const answer = (operation: string): string => `
      responses:
        '200':
          description: Read.
          content:
            application/json:
              schema: { type: object, properties: { operation: { type: string } } }
              example: { operation: ${operation} }`;
  writeFileSync(
    join(apisDir, 'detour', 'openapi.yaml'),
    `openapi: 3.0.3
info: { title: Détour, version: 1.0.0 }
security:
  - ailleurs: ['detour:lecture']
paths:
  /lecture:
    get:
      operationId: lire
      summary: Read${answer('lire')}
  /oidc:
    get:
      operationId: lireOidc
      summary: Read by OpenID Connect
      security: [{ oidc: [] }]${answer('lireOidc')}
  /hote:
    get:
      operationId: lireHote
      summary: A key the document puts in the Host header
      security: [{ cleHote: [] }]${answer('lireHote')}
components:
  securitySchemes:
    ailleurs:
      type: oauth2
      flows:
        clientCredentials:
          tokenUrl: ${witness}/token
          scopes:
            detour:lecture: Read.
        authorizationCode:
          authorizationUrl: ${witness}/authorize
          tokenUrl: ${witness}/code-token
          scopes:
            detour:lecture: Read.
    oidc:
      type: openIdConnect
      openIdConnectUrl: ${witness}/.well-known/openid-configuration
    cleHote:
      type: apiKey
      in: header
      name: Host
`,
  );
}

describe('hostile credentials given to call_sandbox', () => {
  let apisDir: string;
  let mock: RunningMockServer;
  let sandbox: GatewaySandbox;
  let client: Client;
  let witness: Server;
  const witnessHits: string[] = [];
  let coffre: Application;
  let detour: Application;

  before(async () => {
    witness = createServer((req, res) => {
      witnessHits.push(`${req.method ?? ''} ${req.url ?? ''}`);
      res.setHeader('content-type', 'application/json');
      res.end('{"access_token":"stolen","token_type":"Bearer"}');
    });
    witness.listen(0, '127.0.0.1');
    await once(witness, 'listening');
    const witnessUrl = `http://127.0.0.1:${String((witness.address() as AddressInfo).port)}`;
    apisDir = mkdtempSync(join(tmpdir(), 'guichet-mcp-auth-'));
    cpSync('test/fixtures/security/apis/coffre', join(apisDir, 'coffre'), { recursive: true });
    writeDetourApi(apisDir, witnessUrl);
    const result = await loadCatalog({ apisDir, audience: 'internal' });
    if (result.failed) throw new Error(result.problems.map(formatProblem).join('\n'));
    mock = await startFixtureMockServer(result.catalog);
    sandbox = await startGatewaySandbox({ catalog: result.catalog, upstreamUrl: mock.url });
    coffre = (await sandbox.issueKey({ application: 'Assistant', api: 'coffre' })) as Application;
    detour = (await sandbox.issueKey({ application: 'Assistant', api: 'detour' })) as Application;
    client = createTestClient();
    await client.connect(new StreamableHTTPClientTransport(new URL(`${sandbox.baseUrl}/_mcp`)));
  });
  after(async () => {
    await client.close();
    witness.close();
    await sandbox.close();
    await mock.close();
    rmSync(apisDir, { recursive: true, force: true });
  });

  const call = (operation: string, extra: Record<string, unknown>, api = 'coffre') =>
    callTool(client, 'call_sandbox', { api, operation, ...extra });
  const countCalls = (path: string): number =>
    sandbox.readAccessLog().split(`"path":"${path}"`).length - 1;
  const whole = (answer: ToolAnswer): string =>
    `${answer.text}\n${JSON.stringify(answer.structured)}`;
  /** Refused before any call: an invalid-request problem that does not repeat the value. */
  const assertRefused = (answer: ToolAnswer, value: string, label: string): void => {
    assert.equal(answer.isError, true, label);
    assert.equal(answer.structured.type, '/problems/invalid-request', `${label}: ${answer.text}`);
    assert.ok(!whole(answer).includes(value), `${label}: the value is repeated`);
  };
  const basicOf = (id: string, secret: string): string =>
    Buffer.from(`${id}:${secret}`).toString('base64');

  test('a key in a header, the query or a cookie is in no log line and not in the answer', async () => {
    for (const operation of ['lireEnTete', 'lireRequete', 'lireCookie']) {
      const answer = await call(operation, { apiKey: coffre.key });
      assert.equal(answer.structured.status, 200, `${operation}: ${answer.text}`);
      assert.ok(!whole(answer).includes(coffre.key), operation);
    }
    assert.ok(!sandbox.readAccessLog().includes(coffre.key));
  });

  test('a bearer token is in no log line and not in the answer', async () => {
    const token = await getToken(sandbox.baseUrl, coffre);
    const answer = await call('lireJeton', { bearerToken: token });
    assert.equal(answer.structured.status, 200, answer.text);
    assert.ok(!whole(answer).includes(token));
    assert.ok(!sandbox.readAccessLog().includes(token));
  });

  test('a client secret (basic, or for a token) and the token the tool got are in neither', async () => {
    const secrets = [coffre.clientSecret, basicOf(coffre.clientId, coffre.clientSecret)];
    const basic = await call('lireBasique', {
      clientId: coffre.clientId,
      clientSecret: coffre.clientSecret,
    });
    assert.equal(basic.structured.status, 200, basic.text);
    const oauth = await call('listerDocuments', {
      clientId: coffre.clientId,
      clientSecret: coffre.clientSecret,
    });
    assert.equal(oauth.structured.status, 200, oauth.text);
    const log = sandbox.readAccessLog();
    for (const answer of [basic, oauth]) {
      for (const secret of secrets) assert.ok(!whole(answer).includes(secret));
      // The access token call_sandbox obtained (a JWT) is not handed back either.
      assert.doesNotMatch(whole(answer), /eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    }
    for (const secret of secrets) assert.ok(!log.includes(secret));
  });

  test('a password given for HTTP basic is in no log line and not in the answer', async () => {
    const answer = await call('lireBasique', {
      username: coffre.clientId,
      password: coffre.clientSecret,
    });
    assert.equal(answer.structured.status, 200, answer.text);
    assert.ok(!whole(answer).includes(coffre.clientSecret));
    assert.ok(!sandbox.readAccessLog().includes(coffre.clientSecret));
  });

  test('a document whose OAuth 2.0 tokenUrl points elsewhere: the token comes from the sandbox', async () => {
    const before = countCalls('/oauth/token');
    const answer = await call(
      'lire',
      { clientId: detour.clientId, clientSecret: detour.clientSecret },
      'detour',
    );
    assert.equal(answer.structured.status, 200, answer.text);
    assert.deepEqual(witnessHits, []);
    assert.equal(countCalls('/oauth/token'), before + 1);
  });

  test('a document whose openIdConnectUrl points elsewhere is not fetched either', async () => {
    const answer = await call(
      'lireOidc',
      { clientId: detour.clientId, clientSecret: detour.clientSecret },
      'detour',
    );
    assert.equal(answer.structured.status, 200, answer.text);
    assert.deepEqual(witnessHits, []);
  });

  test('a document that puts the key in the Host header cannot misdirect the call', async () => {
    const answer = await call('lireHote', { apiKey: detour.key }, 'detour');
    assert.equal(answer.structured.status, 200, answer.text);
    assert.match(answer.text, /X-Api-Key/);
    assert.deepEqual(witnessHits, []);
  });

  test('CR LF in a key, to smuggle a header, is refused before any call', async () => {
    const value = `${coffre.key}\r\nX-Guichet-Consumer: con_someone`;
    const before = countCalls('/coffre/v1/en-tete');
    assertRefused(await call('lireEnTete', { apiKey: value }), value, 'apiKey');
    assert.equal(countCalls('/coffre/v1/en-tete'), before);
  });

  test('CR LF or NUL in a token, a client id or secret, a username or password is refused', async () => {
    const before = countCalls('/oauth/token');
    for (const [field, operation] of [
      ['bearerToken', 'lireJeton'],
      ['clientId', 'lireBasique'],
      ['clientSecret', 'lireBasique'],
      ['username', 'lireBasique'],
      ['password', 'lireBasique'],
    ] as const) {
      for (const bad of ['\r\nHost: evil.example', '\u0000']) {
        const value = `gs_Hostile${bad}`;
        const pair =
          field === 'username' || field === 'password'
            ? { username: 'gc_Hostile', password: 'gs_Hostile' }
            : field === 'bearerToken'
              ? {}
              : { clientId: 'gc_Hostile', clientSecret: 'gs_Hostile' };
        assertRefused(await call(operation, { ...pair, [field]: value }), value, field);
      }
    }
    assert.equal(countCalls('/oauth/token'), before, 'no token was asked for');
  });

  test('a key with a semicolon cannot add a cookie of its choosing', async () => {
    const value = `${coffre.key}; session_cle=gk_other`;
    assertRefused(await call('lireCookie', { apiKey: value }), value, 'apiKey');
  });

  test('a colon in a basic username or client id cannot shift the password', async () => {
    assertRefused(
      await call('lireBasique', { username: 'gc_a:gs_b', password: 'secret-pw' }),
      'gc_a:gs_b',
      'username',
    );
    assertRefused(
      await call('lireBasique', { clientId: 'gc_a:gs_b', clientSecret: 'secret-pw' }),
      'gc_a:gs_b',
      'clientId',
    );
  });

  test('oversized credentials (100,000 characters each) are refused and not repeated', async () => {
    const huge = `gk_${'A'.repeat(100_000)}`;
    for (const field of [
      'apiKey',
      'bearerToken',
      'clientId',
      'clientSecret',
      'username',
      'password',
    ]) {
      assertRefused(await call('lireEnTete', { [field]: huge }), huge, field);
    }
  });

  test('a client id without its secret is refused, naming the missing argument', async () => {
    const answer = await call('listerDocuments', { clientId: coffre.clientId });
    assert.equal(answer.structured.type, '/problems/invalid-request');
    assert.match(answer.text, /clientSecret/);
  });
});
