import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import {
  startRealMockServer,
  type RealMockServer,
} from '../gateway/helpers/start-real-mock-server.ts';
import {
  fixtureApisDir,
  issueKey,
  startTestGateway,
  type TestGateway,
} from '../gateway/helpers/start-test-gateway.ts';
import { callTool, createTestClient } from './mcp-client.ts';

const root = join(import.meta.dirname, '..', '..', '..');

/** `npm run mcp` as an assistant starts it: a child process speaking MCP on stdio. */
function startStdioClient(env: Record<string, string>, args: string[] = []): Promise<Client> {
  const client = createTestClient();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(root, 'scripts', 'serve-mcp.ts'), ...args],
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    stderr: 'ignore',
  });
  return client.connect(transport).then(() => client);
}

describe('npm run mcp on stdio, over the sample catalog', () => {
  let publicClient: Client;
  let internalClient: Client;

  before(async () => {
    [publicClient, internalClient] = await Promise.all([
      startStdioClient({ APIS_DIR: join(root, 'apis') }),
      startStdioClient({ APIS_DIR: join(root, 'apis') }, ['--audience', 'internal']),
    ]);
  });
  after(async () => {
    await Promise.all([publicClient.close(), internalClient.close()]);
  });

  it('leaves the partners API out for the public audience, as the public build does', async () => {
    const ids = async (client: Client): Promise<string[]> =>
      (
        (await callTool(client, 'search_catalog', { query: '' })).structured.apis as {
          id: string;
        }[]
      ).map((api) => api.id);
    assert.ok(!(await ids(publicClient)).includes('civil-servant-directory'));
    assert.ok((await ids(internalClient)).includes('civil-servant-directory'));
    const hidden = await callTool(publicClient, 'list_versions', {
      api: 'civil-servant-directory',
    });
    assert.equal(hidden.structured.type, '/problems/unknown-api');
  });

  it('finds an operation by accent-free words and describes it with its security and scopes', async () => {
    const found = await callTool(publicClient, 'search_catalog', { query: 'creneaux' });
    assert.match(found.text, /`rendez-vous` `v1` `GET \/sites\/\{siteId\}\/creneaux`/);
    const described = await callTool(publicClient, 'describe_operation', {
      api: 'rendez-vous',
      operation: 'GET /motifs',
    });
    assert.match(
      described.text,
      /Security: `oauth2ClientCredentials` .* with scopes `rendez-vous:lecture`/,
    );
    assert.match(described.text, /Example `motifs`/);
    assert.match(
      described.text,
      /Sandbox: `GET http:\/\/127\.0\.0\.1:8000\/rendez-vous\/v1\/motifs`/,
    );
  });

  it("lists declarations-fiscales' versions, the deprecated one with its sunset", async () => {
    const answer = await callTool(publicClient, 'list_versions', { api: 'declarations-fiscales' });
    const versions = answer.structured.versions as { id: string; lifecycle: string }[];
    assert.deepEqual(
      versions.map((version) => version.id),
      ['v2', 'v1'],
    );
    assert.match(answer.text, /`v1` .*deprecated/);
  });
});

describe('npm run mcp on stdio calls the sandbox it is given', () => {
  let mock: RealMockServer;
  let test: TestGateway;
  let client: Client;

  before(async () => {
    mock = await startRealMockServer();
    test = await startTestGateway(mock.url, { audience: 'public' });
    client = await startStdioClient({
      APIS_DIR: fixtureApisDir,
      GUICHET_SANDBOX_URL: test.baseUrl,
    });
  });
  after(async () => {
    await client.close();
    await test.close();
    await mock.close();
  });

  it('with a real key (2xx), and the 401 problem without', async () => {
    const partner = await issueKey(test, { application: 'Assistant', api: 'colis' });
    const call = { api: 'colis', operation: 'createParcel', body: { recipient: 'Jeanne Martin' } };
    const created = await callTool(client, 'call_sandbox', { ...call, apiKey: partner.key });
    assert.equal(created.structured.status, 201);
    const refused = await callTool(client, 'call_sandbox', call);
    assert.equal(refused.structured.status, 401);
    assert.match(String(refused.structured.body), /\/problems\/missing-key/);
  });
});
