import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { formatProblem, loadCatalog } from '../../../catalog/index.ts';
import { createMockServer } from '../../../mock-server/create-mock-server.ts';
import {
  getToken,
  issueApplication,
  type Application,
} from '../gateway/helpers/security-fixtures.ts';
import { startTestGateway, type TestGateway } from '../gateway/helpers/start-test-gateway.ts';
import { callTool, createTestClient, type ToolAnswer } from './mcp-client.ts';

/**
 * call_sandbox on the authenticating sandbox: one gateway and Prism over the sample catalog
 * (`apis/`), reached by the SDK's client over streamable HTTP (`/_mcp`) and by `npm run mcp` on
 * stdio, with credentials the sandbox itself issued. Each scheme the samples declare gets a
 * 2xx, a call without what the operation needs gets the 401 problem saying what it needs, and
 * a token without the scope gets the gateway's 403.
 */

const root = join(import.meta.dirname, '..', '..', '..');

describe('call_sandbox authenticates as each operation declares (HTTP and stdio, one sandbox)', () => {
  let mock: { url: string; close(): Promise<void> };
  let test: TestGateway;
  let clients: [name: string, client: Client][] = [];

  before(async () => {
    const result = await loadCatalog({ apisDir: join(root, 'apis'), audience: 'internal' });
    if (result.failed) throw new Error(result.problems.map(formatProblem).join('\n'));
    const engine = createMockServer({ catalog: result.catalog, prepareWorkers: 1 });
    const server = createServer(engine.handle);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    await engine.prepareAll();
    mock = {
      url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
      async close() {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await engine.close();
      },
    };
    test = await startTestGateway(mock.url, { catalog: result.catalog });
    const http = createTestClient();
    // The wording these tests read is English: they ask for it, as the sandbox is French.
    await http.connect(
      new StreamableHTTPClientTransport(new URL(`${test.baseUrl}/_mcp`), {
        requestInit: { headers: { 'accept-language': 'en' } },
      }),
    );
    const stdio = createTestClient();
    await stdio.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [join(root, 'scripts', 'serve-mcp.ts'), '--audience', 'internal'],
        cwd: root,
        env: {
          PATH: process.env.PATH ?? '',
          APIS_DIR: join(root, 'apis'),
          GUICHET_SANDBOX_URL: test.baseUrl,
          GUICHET_LANGUAGE: 'en',
        },
        stderr: 'ignore',
      }),
    );
    clients = [
      ['http', http],
      ['stdio', stdio],
    ];
  });
  after(async () => {
    await Promise.all(clients.map(([, client]) => client.close()));
    await test.close();
    await mock.close();
  });

  const issue = (api: string): Promise<Application> =>
    issueApplication(test, `Assistant ${api}`, api);
  const readLog = (): string => {
    // The access log is written synchronously by flush; only the store part is awaited.
    void test.gateway.flush();
    const logDir = join(test.dataDir, 'logs');
    return readdirSync(logDir)
      .map((name) => readFileSync(join(logDir, name), 'utf8'))
      .join('');
  };
  /** How many calls to a path of the sandbox the access log holds. */
  const countCalls = (path: string): number => readLog().split(`"path":"${path}"`).length - 1;
  /** The answer of a call that reached the sandbox, which must not repeat any credential. */
  const assertAnswered = (
    answer: ToolAnswer,
    status: number,
    secrets: readonly string[],
    label: string,
  ): void => {
    assert.equal(answer.structured.status, status, `${label}: ${answer.text}`);
    assert.equal(answer.isError, status >= 400, label);
    const whole = `${answer.text}\n${JSON.stringify(answer.structured)}`;
    for (const secret of secrets)
      assert.ok(!whole.includes(secret), `${label} repeats a credential`);
  };

  it('a key from the trial-key endpoint, in the header the document names (jours-feries: KeyId)', async () => {
    const response = await fetch(`${test.baseUrl}/_guichet/trial-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        application: 'Assistant',
        email: 'dev@example.org',
        api: 'jours-feries',
        acceptTerms: true,
      }),
    });
    assert.equal(response.status, 201);
    const trial = (await response.json()) as Application;
    for (const [name, client] of clients) {
      const answer = await callTool(client, 'call_sandbox', {
        api: 'jours-feries',
        operation: 'listerJoursFeries',
        parameters: { annee: 2026 },
        apiKey: trial.key,
      });
      assertAnswered(answer, 200, [trial.key], name);
      assert.match(answer.text, /`KeyId` header/, `${name} says how the key was sent`);
    }
  });

  it('a key in the query parameter the document names (repertoire-entreprises: apikey)', async () => {
    const app = await issue('repertoire-entreprises');
    for (const [name, client] of clients) {
      const answer = await callTool(client, 'call_sandbox', {
        api: 'repertoire-entreprises',
        operation: 'consulterEntreprise',
        parameters: { siren: '412345670' },
        apiKey: app.key,
      });
      assertAnswered(answer, 200, [app.key], name);
      assert.match(answer.text, /`apikey` query parameter/, name);
    }
  });

  it('HTTP basic: the client id and secret, or a username and password', async () => {
    const app = await issue('repertoire-entreprises');
    const call = {
      api: 'repertoire-entreprises',
      operation: 'POST /verifications',
      body: { numeros: ['412345670'] },
    };
    const basic = Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64');
    for (const [name, client] of clients) {
      const byClient = await callTool(client, 'call_sandbox', {
        ...call,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
      });
      assertAnswered(byClient, 200, [app.clientSecret, basic], `${name} client`);
      const byUser = await callTool(client, 'call_sandbox', {
        ...call,
        username: app.clientId,
        password: app.clientSecret,
      });
      assertAnswered(byUser, 200, [app.clientSecret, basic], `${name} username`);
    }
  });

  it('OAuth 2.0: the tool gets a token with the operation’s scope from the sandbox, then calls', async () => {
    const taxes = await issue('declarations-fiscales');
    const meetings = await issue('rendez-vous');
    for (const [name, client] of clients) {
      const declarations = await callTool(client, 'call_sandbox', {
        api: 'declarations-fiscales',
        operation: 'listerDeclarations',
        parameters: { siren: '412345670', exercice: 2026 },
        clientId: taxes.clientId,
        clientSecret: taxes.clientSecret,
      });
      assertAnswered(declarations, 200, [taxes.clientSecret], `${name} client credentials`);
      assert.match(declarations.text, /scope `declarations:lecture`/, name);
      // The document declares the authorization code flow: the sandbox issues the same scopes
      // by client credentials.
      const motifs = await callTool(client, 'call_sandbox', {
        api: 'rendez-vous',
        operation: 'GET /motifs',
        clientId: meetings.clientId,
        clientSecret: meetings.clientSecret,
      });
      assertAnswered(motifs, 200, [meetings.clientSecret], `${name} authorization code`);
    }
    // The tokens were asked of the sandbox's own endpoint, never of the documents' tokenUrl.
    assert.match(readLog(), /"path":"\/oauth\/token"/);
  });

  it('HTTP bearer: a token passed as is (civil-servant-directory, a partners API)', async () => {
    const app = await issue('civil-servant-directory');
    const token = await getToken(test.baseUrl, app);
    for (const [name, client] of clients) {
      const answer = await callTool(client, 'call_sandbox', {
        api: 'civil-servant-directory',
        operation: 'listDepartments',
        bearerToken: token,
      });
      assertAnswered(answer, 200, [token], name);
    }
  });

  it('an open operation needs nothing', async () => {
    for (const [name, client] of clients) {
      const answer = await callTool(client, 'call_sandbox', {
        api: 'jours-feries',
        operation: 'listerTerritoires',
      });
      assertAnswered(answer, 200, [], name);
    }
  });

  it('without credentials: the 401 problem naming what the operation needs, and no call', async () => {
    for (const [index, [name, client]] of clients.entries()) {
      const year = 2040 + index;
      const key = await callTool(client, 'call_sandbox', {
        api: 'jours-feries',
        operation: 'listerJoursFeries',
        parameters: { annee: year },
      });
      assert.equal(key.isError, true, name);
      assert.equal(key.structured.status, 401, name);
      assert.equal(key.structured.type, '/problems/missing-key', name);
      assert.match(String(key.structured.detail), /`cleApi`.*`apiKey`.*`KeyId` header/s, name);
      assert.equal(countCalls(`/jours-feries/v1/jours-feries/${String(year)}`), 0, name);
      const token = await callTool(client, 'call_sandbox', {
        api: 'declarations-fiscales',
        operation: 'listerDeclarations',
        parameters: { siren: '412345670', exercice: 2026 },
      });
      assert.equal(token.structured.status, 401, name);
      assert.equal(token.structured.type, '/problems/missing-credentials', name);
      assert.match(
        String(token.structured.detail),
        /`oauth2ClientCredentials`.*declarations:lecture.*clientId.*clientSecret.*bearerToken/s,
        name,
      );
    }
  });

  it('credentials of the wrong kind are refused with what the operation takes, without a call', async () => {
    const app = await issue('declarations-fiscales');
    const path = '/declarations-fiscales/v2/declarations/D-2031';
    for (const [name, client] of clients) {
      const answer = await callTool(client, 'call_sandbox', {
        api: 'declarations-fiscales',
        operation: 'consulterDeclaration',
        parameters: { declarationId: 'D-2031' },
        apiKey: app.key,
      });
      assert.equal(answer.structured.type, '/problems/missing-credentials', name);
      assert.match(String(answer.structured.detail), /apiKey/, name);
      assert.match(String(answer.structured.detail), /declarations:lecture/, name);
      assert.ok(!answer.text.includes(app.key), name);
    }
    assert.equal(countCalls(path), 0, 'no call was made');
  });

  it('a key the sandbox does not know gets its real 401', async () => {
    for (const [name, client] of clients) {
      const answer = await callTool(client, 'call_sandbox', {
        api: 'jours-feries',
        operation: 'listerJoursFeries',
        parameters: { annee: 2026 },
        apiKey: `gk_${'Z'.repeat(32)}`,
      });
      assert.equal(answer.structured.status, 401, name);
      assert.match(String(answer.structured.body), /\/problems\/unknown-key/, name);
    }
  });

  it("the README's call_sandbox arguments, one per scheme, each get a 2xx", async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /one call per scheme \(the tool's `arguments`\):\n\n```json\n([\s\S]*?)```/.exec(
      readme,
    )?.[1];
    assert.ok(block, 'the README shows call_sandbox arguments for each scheme');
    const examples = JSON.parse(block) as Record<string, unknown>[];
    assert.equal(examples.length, 4);
    for (const example of examples) {
      // Each API's own trial application, as the README says.
      const app = await issue(String(example.api));
      const args = JSON.parse(
        JSON.stringify(example)
          .replaceAll('YOUR_KEY', app.key)
          .replaceAll('YOUR_CLIENT_ID', app.clientId)
          .replaceAll('YOUR_CLIENT_SECRET', app.clientSecret),
      ) as Record<string, unknown>;
      for (const [name, client] of clients) {
        const answer = await callTool(client, 'call_sandbox', args);
        const status = Number(answer.structured.status);
        assert.ok(
          status >= 200 && status < 300,
          `${name} ${JSON.stringify(example)}: ${answer.text}`,
        );
      }
    }
  });

  it('without the scope: the gateway’s 403 insufficient-scope, or the token endpoint’s refusal', async () => {
    const app = await issue('declarations-fiscales');
    const writeOnly = await getToken(test.baseUrl, app, 'declarations:ecriture');
    const narrowed = await fetch(`${test.adminUrl}/keys/${app.keyId}/scopes`, {
      method: 'POST',
      headers: { ...test.admin, 'content-type': 'application/json' },
      body: JSON.stringify({ scopes: ['declarations:ecriture'] }),
    });
    assert.equal(narrowed.status, 200);
    const call = {
      api: 'declarations-fiscales',
      operation: 'listerDeclarations',
      parameters: { siren: '412345670', exercice: 2026 },
    };
    for (const [name, client] of clients) {
      const byToken = await callTool(client, 'call_sandbox', { ...call, bearerToken: writeOnly });
      assertAnswered(byToken, 403, [writeOnly], `${name} token`);
      const problem = JSON.parse(String(byToken.structured.body)) as Record<string, unknown>;
      assert.equal(problem.type, '/problems/insufficient-scope');
      assert.match(
        String((byToken.structured.headers as Record<string, string>)['www-authenticate']),
        /error="insufficient_scope", scope="declarations:lecture"/,
      );
      const byClient = await callTool(client, 'call_sandbox', {
        ...call,
        clientId: app.clientId,
        clientSecret: app.clientSecret,
      });
      assertAnswered(byClient, 400, [app.clientSecret], `${name} client`);
      assert.match(String(byClient.structured.body), /\/problems\/invalid-scope/, name);
      assert.match(byClient.text, /POST \/oauth\/token/, name);
    }
  });
});
