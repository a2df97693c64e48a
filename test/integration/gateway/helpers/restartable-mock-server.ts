import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockServer, type MockServer } from '../../../../mock-server/create-mock-server.ts';
import { loadFixtureCatalog } from './start-test-gateway.ts';

/**
 * guichet's real mock server (Prism in-process) over the gateway fixtures, which can be
 * stopped and started again on the same port, as an operator restarts one: a fresh mock
 * server each time, listening at once and preparing its versions in the background, as
 * `mock-server/server.ts` does.
 */
export interface RestartableMockServer {
  url: string;
  /** API calls answered since the first start (health checks not counted). */
  served(): number;
  /** API calls that arrived while this instance was still preparing its versions. */
  servedWhilePreparing(): number;
  /** Closes the port (open connections cut) and the mock server. */
  stop(): Promise<void>;
  /** Listens again on the same port; `prepared` settles once every version is ready. */
  start(): Promise<{ prepared: Promise<void> }>;
  close(): Promise<void>;
}

/** Starts one and waits until it has prepared every version. */
export async function startRestartableMockServer(): Promise<RestartableMockServer> {
  const catalog = await loadFixtureCatalog();
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-mock-'));
  let served = 0;
  let servedWhilePreparing = 0;
  let port = 0;
  let running: { server: Server; mock: MockServer } | undefined;

  const start = async (): Promise<{ prepared: Promise<void> }> => {
    const mock = createMockServer({ catalog, dataDir });
    let preparing = true;
    const server = createServer((request, response) => {
      if (!(request.url ?? '').startsWith('/_mock/')) {
        served += 1;
        if (preparing) servedWhilePreparing += 1;
      }
      mock.handle(request, response);
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
    running = { server, mock };
    const prepared = mock.prepareAll().then(() => {
      preparing = false;
    });
    return { prepared };
  };

  const stop = async (): Promise<void> => {
    const current = running;
    running = undefined;
    if (!current) return;
    const closed = new Promise((resolve) => current.server.close(resolve));
    current.server.closeAllConnections();
    await closed;
    await current.mock.close();
  };

  await (
    await start()
  ).prepared;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    served: () => served,
    servedWhilePreparing: () => servedWhilePreparing,
    stop,
    start,
    async close() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
