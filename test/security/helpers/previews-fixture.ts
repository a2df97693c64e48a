import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server as NetServer,
  type Socket,
} from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, writeSnapshot, type Catalog } from '../../../catalog/index.ts';
import { createMockServer } from '../../../mock-server/create-mock-server.ts';
import {
  createPreviewsServer,
  type PreviewsServer,
} from '../../../scripts/lib/previews/create-previews-server.ts';
import {
  previewFiles,
  writePreviewManifest,
} from '../../../scripts/lib/previews/preview-manifest.ts';

/** The small APIs folder the previews end-to-end tests build: one public API, one partners'. */
const fixtureApisDir = 'test/e2e-previews/fixtures/apis';

/** A previews server on a real socket, serving previews written as `npm run build:preview` does. */
export interface PreviewsFixture {
  port: number;
  previewsDir: string;
  /** What the server logged, e.g. `<slug>: sandbox started (gateway …, admin …)`. */
  logs: string[];
  catalog: Catalog;
  close(): Promise<void>;
}

/**
 * Writes a preview per slug (manifest, sandbox snapshot of the fixture APIs — or of `apisDir` —
 * for the internal audience, data folder, a one-page site) into a new folder, and serves them
 * with the real previews server on an ephemeral loopback port. No portal is built: the sandbox
 * needs none.
 */
export async function startPreviewsFixture(
  slugs: readonly string[],
  apisDir = fixtureApisDir,
): Promise<PreviewsFixture> {
  const previewsDir = await mkdtemp(join(tmpdir(), 'guichet-previews-'));
  const result = await loadCatalog({ apisDir, audience: 'internal' });
  if (result.failed) throw new Error('the previews fixture APIs do not load');
  for (const slug of slugs) {
    const dir = join(previewsDir, slug);
    await writeSnapshot(result.catalog, join(dir, previewFiles.sandbox, 'catalog.json'));
    await mkdir(join(dir, previewFiles.sandboxData), { recursive: true });
    await mkdir(join(dir, previewFiles.site), { recursive: true });
    await writeFile(join(dir, previewFiles.site, 'index.html'), `<!doctype html><p>${slug}</p>`);
    await writePreviewManifest(dir, {
      formatVersion: 1,
      branch: slug,
      slug,
      commit: null,
      builtAt: new Date().toISOString(),
      audience: 'internal',
    });
  }
  const logs: string[] = [];
  const previews: PreviewsServer = createPreviewsServer({
    previewsDir,
    idleMs: 0,
    log: (line) => logs.push(line),
    onError: (error) => logs.push(`error: ${String(error)}`),
  });
  previews.server.listen(0, '127.0.0.1');
  await once(previews.server, 'listening');
  return {
    port: (previews.server.address() as AddressInfo).port,
    previewsDir,
    logs,
    catalog: result.catalog,
    async close() {
      await previews.close();
      await rm(previewsDir, { recursive: true, force: true });
    },
  };
}

/** A listener that must never be reached: it counts connections and keeps what they sent. */
export interface Decoy {
  port: number;
  connections: number;
  received: string;
  close(): Promise<void>;
}

/** Another local port (say, another preview's admin API): any connection to it is a leak. */
export async function startDecoy(): Promise<Decoy> {
  const decoy: Decoy = {
    port: 0,
    connections: 0,
    received: '',
    close: () => {
      for (const socket of sockets) socket.destroy();
      return closeServer(server);
    },
  };
  const sockets = new Set<Socket>();
  const server: NetServer = createNetServer((socket) => {
    decoy.connections += 1;
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => {
      decoy.received += chunk.toString('latin1');
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 5\r\nconnection: close\r\n\r\ndecoy');
    });
    socket.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  decoy.port = (server.address() as AddressInfo).port;
  return decoy;
}

/** A real mock server (Prism) on its own port, counting the requests it gets. */
export interface CountedMockServer {
  port: number;
  requests: number;
  close(): Promise<void>;
}

/** The mock server of a sandbox, which answers any API without a key: never reachable directly. */
export async function startCountedMockServer(catalog: Catalog): Promise<CountedMockServer> {
  const mock = createMockServer({ catalog, prepareWorkers: 1 });
  const counted: CountedMockServer = {
    port: 0,
    requests: 0,
    async close() {
      await closeServer(server);
      await mock.close();
    },
  };
  const server: Server = createHttpServer((request, response) => {
    counted.requests += 1;
    mock.handle(request, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  counted.port = (server.address() as AddressInfo).port;
  return counted;
}

function closeServer(server: NetServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    if ('closeAllConnections' in server) (server as Server).closeAllConnections();
  });
}
