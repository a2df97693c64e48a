/**
 * More than one Host field, in whatever case a client writes them, sent byte for byte to the
 * real gateway: RFC 9112 §3.2 has a server answer 400, and the gateway counts the fields from the
 * raw header list, where their names keep the case they were sent in.
 */
import { after, before, describe, test } from 'node:test';
import {
  loadGatewayFixtureCatalog,
  startFixtureMockServer,
  startGatewaySandbox,
  type GatewaySandbox,
  type RunningMockServer,
} from './helpers/gateway-sandbox.ts';
import { assertProtocolProblem } from './helpers/protocol-edges.ts';
import { sendRawBytes, toRawRequest } from './helpers/send-raw-bytes.ts';

let mock: RunningMockServer;
let sandbox: GatewaySandbox;

before(async () => {
  const catalog = await loadGatewayFixtureCatalog();
  mock = await startFixtureMockServer(catalog);
  sandbox = await startGatewaySandbox({ catalog, upstreamUrl: mock.url });
});
after(async () => {
  await sandbox.close();
  await mock.close();
});

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
      const port = Number(new URL(sandbox.baseUrl).port);
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
