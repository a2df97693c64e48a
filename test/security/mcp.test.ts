/**
 * Hostile inputs to guichet's MCP server, through the real gateway's /_mcp route on real
 * sockets, with the SDK's own client: every one gets an RFC 9457 problem (or the sandbox's own
 * refusal), never a crash, and call_sandbox reaches nothing but this gateway's API paths, a
 * witness server and the admin port standing by to prove it.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  startRealMockServer,
  type RealMockServer,
} from '../integration/gateway/helpers/start-real-mock-server.ts';
import {
  issueKey,
  startTestGateway,
  type TestGateway,
} from '../integration/gateway/helpers/start-test-gateway.ts';
import { callTool, createTestClient, type ToolAnswer } from '../integration/mcp/mcp-client.ts';

describe('hostile inputs to the MCP tools', () => {
  let mock: RealMockServer;
  let sandbox: TestGateway;
  let client: Client;
  let witness: Server;
  let witnessUrl: string;
  let witnessHits = 0;

  before(async () => {
    mock = await startRealMockServer();
    sandbox = await startTestGateway(mock.url, { audience: 'public' });
    witness = createServer((_req, res) => {
      witnessHits += 1;
      res.end('reached');
    });
    witness.listen(0, '127.0.0.1');
    await once(witness, 'listening');
    witnessUrl = `127.0.0.1:${String((witness.address() as AddressInfo).port)}`;
    client = createTestClient();
    await client.connect(new StreamableHTTPClientTransport(new URL(`${sandbox.baseUrl}/_mcp`)));
  });
  after(async () => {
    await client.close();
    witness.close();
    await sandbox.close();
    await mock.close();
  });

  const adminHost = (): string => new URL(sandbox.adminUrl).host;
  const readLog = (): string => {
    // The access log is written at once; the usage counts are not read here.
    void sandbox.gateway.flush();
    const logDir = join(sandbox.dataDir, 'logs');
    return readdirSync(logDir)
      .map((name) => readFileSync(join(logDir, name), 'utf8'))
      .join('');
  };
  const assertProblem = (answer: ToolAnswer, type: string): void => {
    assert.equal(answer.isError, true);
    assert.equal(answer.structured.type, type);
    assert.equal(typeof answer.structured.detail, 'string');
  };
  const callParcel = (parcelId: string, extra: Record<string, unknown> = {}) =>
    callTool(client, 'call_sandbox', {
      api: 'colis',
      operation: 'getParcel',
      parameters: { parcelId },
      ...extra,
    });

  test('SSRF: a path parameter naming another host stays one segment of this API', async () => {
    const answer = await callParcel(`//${witnessUrl}/steal`);
    assert.notEqual(answer.structured.status, undefined, 'the sandbox answered');
    assert.equal(witnessHits, 0);
    assert.match(readLog(), /"\/colis\/v2\/parcels\/%2F%2F127\.0\.0\.1/);
  });

  test('SSRF: userinfo and the admin port in a parameter reach neither', async () => {
    const answer = await callParcel(`@${adminHost()}/keys`);
    const body = String(answer.structured.body);
    assert.ok(!body.includes('"keys"'), 'no admin answer');
    assert.equal(witnessHits, 0);
  });

  test('SSRF: a dot segment in a path parameter is refused before any call', async () => {
    assertProblem(await callParcel('..'), '/problems/invalid-request');
  });

  test('SSRF: a url or host argument is refused, there is none', async () => {
    const answer = await callTool(client, 'call_sandbox', {
      api: 'colis',
      operation: 'getParcel',
      url: `http://${witnessUrl}/`,
    });
    assertProblem(answer, '/problems/invalid-request');
    assert.equal(witnessHits, 0);
  });

  test('a key carrying CR LF to smuggle a header is refused', async () => {
    assertProblem(
      await callParcel('AB1234', { apiKey: 'gk_x\r\nHost: evil.example' }),
      '/problems/invalid-request',
    );
  });

  test('credentials passed to call_sandbox are in no log line', async () => {
    const partner = await issueKey(sandbox, { application: 'Assistant', api: 'colis' });
    const token = 'eyJhbGciOiJIUzI1NiJ9.bWNwLXRva2Vu.c2VjcmV0LXRva2VuLW5vdC1sb2dnZWQ';
    await callParcel('AB1234', { apiKey: partner.key });
    await callParcel('AB1234', { bearerToken: token });
    const log = readLog();
    assert.ok(!log.includes(partner.key));
    assert.ok(!log.includes(token));
  });

  test('path traversal in the API id', async () => {
    assertProblem(
      await callTool(client, 'list_versions', { api: '../../etc/passwd' }),
      '/problems/invalid-request',
    );
  });

  test('path traversal in the version id', async () => {
    assertProblem(
      await callTool(client, 'describe_operation', {
        api: 'colis',
        version: '../v2',
        operation: 'getParcel',
      }),
      '/problems/invalid-request',
    );
  });

  test('path traversal in the operation', async () => {
    assertProblem(
      await callTool(client, 'describe_operation', {
        api: 'colis',
        operation: '../../../etc/passwd',
      }),
      '/problems/unknown-operation',
    );
  });

  test('an unknown operation', async () => {
    assertProblem(
      await callTool(client, 'call_sandbox', { api: 'colis', operation: 'DELETE /everything' }),
      '/problems/unknown-operation',
    );
  });

  test('an unknown version', async () => {
    assertProblem(
      await callTool(client, 'list_versions', { api: 'colis-inconnu' }),
      '/problems/unknown-api',
    );
    assertProblem(
      await callTool(client, 'describe_operation', {
        api: 'colis',
        version: 'v99',
        operation: 'getParcel',
      }),
      '/problems/unknown-version',
    );
  });

  test('an unknown tool', async () => {
    assertProblem(await callTool(client, 'rm_rf', {}), '/problems/not-found');
  });

  test('a huge argument (300,000 characters)', async () => {
    assertProblem(
      await callTool(client, 'search_catalog', { query: 'a'.repeat(300_000) }),
      '/problems/invalid-request',
    );
  });

  test('arguments of the wrong types', async () => {
    assertProblem(
      await callTool(client, 'call_sandbox', {
        api: 42,
        operation: ['getParcel'],
        parameters: 'parcelId=1',
      }),
      '/problems/invalid-request',
    );
  });

  test('a request body over the gateway’s limit gets 413, not a crash', async () => {
    const response = await fetch(`${sandbox.baseUrl}/_mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/list',
        pad: 'x'.repeat(2_000_000),
      }),
    });
    assert.equal(response.status, 413);
    assert.equal(((await response.json()) as { type: string }).type, '/problems/body-too-large');
  });

  test('a body that is not JSON', async () => {
    const response = await fetch(`${sandbox.baseUrl}/_mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: '{"jsonrpc": "2.0", ',
    });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { type: string }).type, '/problems/malformed-json');
  });

  test('GET /_mcp (an event stream to hold open) is refused', async () => {
    const response = await fetch(`${sandbox.baseUrl}/_mcp`, {
      headers: { accept: 'text/event-stream' },
    });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST');
  });

  test('the gateway still answers after all of the above', async () => {
    const answer = await callTool(client, 'list_versions', { api: 'colis' });
    assert.equal(answer.isError, false);
  });
});
