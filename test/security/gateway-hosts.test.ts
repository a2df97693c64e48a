/**
 * More than one Host field, in whatever case a client writes them, sent byte for byte to the
 * real gateway: RFC 9112 §3.2 has a server answer 400, and the gateway counts the fields from the
 * raw header list, where their names keep the case they were sent in.
 */
import { describe, test } from 'node:test';
import { useFixtureGatewaySandbox } from './helpers/gateway-sandbox.ts';
import { assertProtocolProblem } from './helpers/protocol-edges.ts';
import { sendRawBytes, toRawRequest } from './helpers/send-raw-bytes.ts';

const shared = useFixtureGatewaySandbox();

const hostCases: readonly { name: string; hosts: (own: string) => string[] }[] = [
  {
    name: 'Host, then HOST naming another host',
    hosts: (own) => [`Host: ${own}`, 'HOST: evil.example'],
  },
  { name: 'host and hOsT with the same value', hosts: (own) => [`host: ${own}`, `hOsT: ${own}`] },
  {
    name: 'three Host fields',
    hosts: (own) => [`Host: ${own}`, `Host: ${own}`, 'Host: evil.example'],
  },
];

describe('the gateway refuses a request with more than one Host field', () => {
  for (const { name, hosts } of hostCases) {
    test(name, async () => {
      const port = Number(new URL(shared.sandbox.baseUrl).port);
      const answer = await sendRawBytes(
        port,
        toRawRequest([
          'GET /guichet-ouvert/v1/demarches HTTP/1.1',
          ...hosts(`127.0.0.1:${String(port)}`),
          'Connection: close',
        ]),
      );
      assertProtocolProblem(answer, 'badRequest');
    });
  }
});
