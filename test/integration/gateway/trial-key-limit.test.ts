import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

/** Listens with the gateway's public listener on `host`, port chosen by the system. */
async function listenPublic(test: TestGateway, host: string): Promise<Server> {
  const server = createServer(test.gateway.handlePublic);
  server.listen(0, host);
  await once(server, 'listening');
  return server;
}

describe('the trial-key limit on real sockets', () => {
  let upstream: EchoUpstream;
  let test: TestGateway;
  const servers: Server[] = [];

  before(async () => {
    upstream = await startEchoUpstream();
    test = await startTestGateway(upstream.url, { trialKeysPerHour: 2 });
  });
  after(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
    await test.close();
    await upstream.close();
  });

  const askAt = async (server: Server, host: string, localAddress?: string): Promise<number> => {
    const { port } = server.address() as AddressInfo;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${String(port)}/_guichet/trial-keys`;
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', connection: 'close' },
          ...(localAddress === undefined ? {} : { localAddress }),
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            resolve(response.statusCode ?? 0);
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(
        JSON.stringify({
          application: 'Limite',
          email: 'limite@example.org',
          api: 'colis',
          acceptTerms: true,
        }),
      );
    });
  };

  it('counts an IPv4 client reaching a dual-stack port (::ffff:a.b.c.d) as that IPv4 address', async () => {
    const dualStack = await listenPublic(test, '::');
    const ipv4Only = await listenPublic(test, '127.0.0.1');
    servers.push(dualStack, ipv4Only);
    // From 127.0.0.7, seen as ::ffff:127.0.0.7 on the dual-stack port, 127.0.0.7 on the other.
    assert.equal(await askAt(dualStack, '127.0.0.1', '127.0.0.7'), 201);
    assert.equal(await askAt(dualStack, '127.0.0.1', '127.0.0.7'), 201);
    assert.equal(await askAt(ipv4Only, '127.0.0.1', '127.0.0.7'), 429);
    // Another IPv4 address is another client.
    assert.equal(await askAt(ipv4Only, '127.0.0.1', '127.0.0.8'), 201);
  });

  it('counts the IPv6 loopback client (::1) like any other', async () => {
    const loopback = await listenPublic(test, '::1');
    servers.push(loopback);
    assert.equal(await askAt(loopback, '::1'), 201);
    assert.equal(await askAt(loopback, '::1'), 201);
    assert.equal(await askAt(loopback, '::1'), 429);
  });
});
