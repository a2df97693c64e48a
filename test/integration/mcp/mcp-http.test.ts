import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  startRealMockServer,
  type RealMockServer,
} from '../gateway/helpers/start-real-mock-server.ts';
import {
  issueKey,
  startTestGateway,
  type TestGateway,
} from '../gateway/helpers/start-test-gateway.ts';
import { callTool, createTestClient } from './mcp-client.ts';

/**
 * The sandbox serves MCP at /_mcp on its public port, for a public deployment: `colis` is
 * public, `annuaire-agents` (partners) must be absent from every tool.
 */
describe('MCP over streamable HTTP at <sandbox>/_mcp', () => {
  let mock: RealMockServer;
  let test: TestGateway;
  let client: Client;
  let frenchClient: Client;

  before(async () => {
    mock = await startRealMockServer();
    test = await startTestGateway(mock.url, { audience: 'public' });
    client = createTestClient();
    // The wording these tests read is English: they ask for it, as the sandbox is French.
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${test.baseUrl}/_mcp`), {
        requestInit: { headers: { 'accept-language': 'en' } },
      }),
    );
    frenchClient = createTestClient();
    await frenchClient.connect(
      new StreamableHTTPClientTransport(new URL(`${test.baseUrl}/_mcp`), {
        requestInit: { headers: { 'accept-language': 'fr-FR, en;q=0.5' } },
      }),
    );
  });
  after(async () => {
    await frenchClient.close();
    await client.close();
    await test.close();
    await mock.close();
  });

  it('lists the four tools with their input schemas', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((tool) => tool.name),
      ['search_catalog', 'describe_operation', 'list_versions', 'call_sandbox'],
    );
    const call = tools.find((tool) => tool.name === 'call_sandbox');
    assert.ok(call?.inputSchema.properties && 'apiKey' in call.inputSchema.properties);
    assert.ok(!('url' in (call.inputSchema.properties ?? {})), 'no URL argument');
  });

  it('searches APIs and operations of the audience only', async () => {
    const all = await callTool(client, 'search_catalog', { query: '' });
    const ids = (all.structured.apis as { id: string }[]).map((api) => api.id);
    assert.deepEqual(ids, ['colis']);
    const parcels = await callTool(client, 'search_catalog', { query: 'parcel send' });
    assert.match(parcels.text, /`POST \/parcels` — Send a parcel/);
    const agents = await callTool(client, 'search_catalog', { query: 'agents' });
    assert.deepEqual(agents.structured.apis, []);
    assert.deepEqual(agents.structured.operations, []);
  });

  it('describes an operation: sandbox URL, parameters, responses and examples', async () => {
    const answer = await callTool(client, 'describe_operation', {
      api: 'colis',
      operation: 'getParcel',
    });
    assert.equal(answer.isError, false);
    assert.match(answer.text, /^# `GET \/parcels\/\{parcelId\}` — Read a parcel/);
    assert.match(
      answer.text,
      new RegExp(`Sandbox: \`GET ${test.baseUrl}/colis/v2/parcels/\\{parcelId\\}\``),
    );
    assert.match(answer.text, /- `parcelId` \(path, string, required\)/);
    assert.match(answer.text, /##### `200` — The parcel|### `200` — The parcel/);
    assert.match(answer.text, /"status": "sent"/);
    const byPath = await callTool(client, 'describe_operation', {
      api: 'colis',
      version: 'v2',
      operation: 'POST /parcels',
    });
    assert.match(byPath.text, /Request body \(required\)/);
    assert.match(byPath.text, /`recipient` \(string, required\)/);
  });

  it("lists an API's versions and lifecycle", async () => {
    const answer = await callTool(client, 'list_versions', { api: 'colis' });
    const versions = answer.structured.versions as Record<string, unknown>[];
    assert.deepEqual(
      versions.map((version) => [version.id, version.lifecycle, version.current, version.sunset]),
      [
        ['v2', 'stable', true, undefined],
        ['v1', 'deprecated', false, '2026-12-31'],
        ['v0', 'retired', false, '2024-06-30'],
      ],
    );
  });

  it('calls the sandbox with a real key (2xx), and gets the 401 problem without one', async () => {
    const partner = await issueKey(test, { application: 'Assistant', api: 'colis' });
    const call = { api: 'colis', operation: 'getParcel', parameters: { parcelId: 'AB1234' } };
    const ok = await callTool(client, 'call_sandbox', { ...call, apiKey: partner.key });
    assert.equal(ok.structured.status, 200);
    assert.equal(ok.isError, false);
    assert.match(String(ok.structured.body), /"id"/);
    // Without: the 401 problem saying what the operation takes, and no call.
    const refused = await callTool(client, 'call_sandbox', call);
    assert.equal(refused.structured.status, 401);
    assert.equal(refused.isError, true);
    assert.equal(refused.structured.type, '/problems/missing-key');
    assert.match(String(refused.structured.detail), /`apiKey`.*`X-Api-Key` header/);
    // The key went through the MCP request's body and the call's header: neither is logged.
    await test.gateway.flush();
    const logDir = join(test.dataDir, 'logs');
    const log = readdirSync(logDir)
      .map((name) => readFileSync(join(logDir, name), 'utf8'))
      .join('');
    assert.match(log, /"\/_mcp"/);
    assert.match(log, /\/colis\/v2\/parcels\/AB1234/);
    assert.ok(!log.includes(partner.key), 'the key is not in the access log');
  });

  it('refuses in the language the MCP request asks for', async () => {
    const call = { api: 'colis', operation: 'getParcel', parameters: { parcelId: 'AB1234' } };
    const french = await callTool(frenchClient, 'call_sandbox', call);
    assert.equal(french.structured.type, '/problems/missing-key');
    assert.equal(french.structured.title, 'Clé d’abonnement requise');
    assert.match(
      String(french.structured.detail),
      /passez votre clé d’essai.*l’en-tête `X-Api-Key`/,
    );
    const english = await callTool(client, 'call_sandbox', call);
    assert.equal(english.structured.title, 'Subscription key required');
    const unknown = await callTool(frenchClient, 'describe_operation', {
      api: 'colis',
      operation: 'nowhere',
    });
    assert.equal(unknown.structured.title, 'Aucune opération à cette adresse');
    assert.match(String(unknown.structured.detail), /^Aucune opération de cette version/);
  });

  it('knows nothing of a restricted API, even when named', async () => {
    for (const [tool, args] of [
      ['list_versions', { api: 'annuaire-agents' }],
      ['describe_operation', { api: 'annuaire-agents', operation: 'listAgents' }],
      ['call_sandbox', { api: 'annuaire-agents', operation: 'listAgents' }],
    ] as const) {
      const answer = await callTool(client, tool, args);
      assert.equal(answer.isError, true, tool);
      assert.equal(answer.structured.type, '/problems/unknown-api', tool);
    }
  });
});
