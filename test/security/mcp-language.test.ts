/**
 * Hostile `Accept-Language` headers on the sandbox's MCP route (`POST /_mcp`), which picks the
 * language of the tools' refusals from it: through the real gateway on real sockets, with the
 * SDK's own client, each still gets a problem of the catalog in one of the sandbox's languages
 * — never a crash, a protocol error or a title that is not the catalog's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { problemTypes } from '../../catalog/sandbox-problems.ts';
import {
  startEchoUpstream,
  type EchoUpstream,
} from '../integration/gateway/helpers/start-echo-upstream.ts';
import {
  startTestGateway,
  type TestGateway,
} from '../integration/gateway/helpers/start-test-gateway.ts';
import { callTool, createTestClient } from '../integration/mcp/mcp-client.ts';

describe('hostile Accept-Language headers on the MCP route', () => {
  let upstream: EchoUpstream;
  let sandbox: TestGateway;

  before(async () => {
    // No tool call here reaches the mock server: an unknown API is refused by the tool itself.
    upstream = await startEchoUpstream();
    sandbox = await startTestGateway(upstream.url, { audience: 'public' });
  });
  after(async () => {
    await sandbox.close();
    await upstream.close();
  });

  /** The title list_versions answers for an unknown API under `acceptLanguage`. */
  async function refuseUnder(acceptLanguage: string): Promise<unknown> {
    const client = createTestClient();
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${sandbox.baseUrl}/_mcp`), {
        requestInit: { headers: { 'accept-language': acceptLanguage } },
      }),
    );
    try {
      const answer = await callTool(client, 'list_versions', { api: 'aucune' });
      assert.equal(answer.isError, true);
      assert.equal(answer.structured.type, '/problems/unknown-api');
      assert.equal(typeof answer.structured.detail, 'string');
      return answer.structured.title;
    } finally {
      await client.close();
    }
  }

  const { title } = problemTypes.unknownApi;

  test('a header of 12 KB of one unknown range', async () => {
    assert.equal(await refuseUnder(`${'x-'.repeat(6_000)}en`), title.fr);
  });

  test('1,000 ranges, English last and heaviest (only the first 32 are read)', async () => {
    const ranges = Array.from({ length: 999 }, (_, index) => `x${String(index)};q=0.1`);
    assert.equal(await refuseUnder([...ranges, 'en;q=1'].join(', ')), title.fr);
  });

  test('ranges named like object keys (__proto__, constructor, toString)', async () => {
    assert.equal(await refuseUnder('__proto__, constructor;q=0.9, toString;q=0.8'), title.fr);
  });

  test('malformed weights and separators before a valid English range', async () => {
    assert.equal(await refuseUnder(';;q=,=, -, fr;q=abc, en;q=0.7'), title.en);
  });
});
