/**
 * Requests that break HTTP/1.1 itself, sent byte for byte to the real gateway's public and admin
 * ports: each gets an RFC 9457 problem from the sandbox's catalog, never Node's bare status line,
 * a silent close, a tunnel or a 200.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useFixtureGatewaySandbox } from './helpers/gateway-sandbox.ts';
import { assertProtocolProblem, protocolEdges } from './helpers/protocol-edges.ts';
import { sendRawBytes, toRawRequest } from './helpers/send-raw-bytes.ts';

const shared = useFixtureGatewaySandbox();

const portOf = (url: string): number => Number(new URL(url).port);

for (const port of ['public', 'admin'] as const) {
  describe(`the gateway's ${port} port refuses a broken request with a problem`, () => {
    for (const edge of protocolEdges) {
      test(edge.name, async () => {
        const listening = portOf(
          port === 'public' ? shared.sandbox.baseUrl : shared.sandbox.adminUrl,
        );
        assertProtocolProblem(await sendRawBytes(listening, edge.request(listening)), edge.problem);
      });
    }
  });
}

describe('the gateway serves only itself', () => {
  test('an absolute-form request target naming another host is not answered 200', async () => {
    const port = portOf(shared.sandbox.baseUrl);
    const answer = await sendRawBytes(
      port,
      toRawRequest([
        'GET http://evil.example/guichet-ouvert/v1/demarches HTTP/1.1',
        `Host: 127.0.0.1:${String(port)}`,
        'Connection: close',
      ]),
    );
    assert.notEqual(answer.status, 200, answer.body);
    assert.equal(answer.headers['content-type'], 'application/problem+json');
  });
});
