import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockServer, type MockServer } from '../../../../mock-server/create-mock-server.ts';
import { loadFixtureCatalog } from './start-test-gateway.ts';

/** guichet's mock server (Prism in-process) on an ephemeral port, over the gateway fixtures. */
export interface RealMockServer {
  url: string;
  mock: MockServer;
  close(): Promise<void>;
}

/** Starts the real mock server and prepares every fixture version before returning. */
export async function startRealMockServer(): Promise<RealMockServer> {
  const mock = createMockServer({ catalog: await loadFixtureCatalog() });
  const server = createServer(mock.handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  await mock.prepareAll();
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    mock,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await mock.close();
    },
  };
}
