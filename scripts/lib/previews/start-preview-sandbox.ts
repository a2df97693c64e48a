import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readSnapshot, type Visibility } from '../../../catalog/index.ts';
import { createGateway, createGatewayServers } from '../../../gateway-stub/index.ts';
import { createMockServer } from '../../../mock-server/create-mock-server.ts';

/** Where a preview's sandbox reads its catalog and keeps its data. */
export interface PreviewSandboxOptions {
  /** The internal-audience snapshot `npm run build:preview` wrote for the branch. */
  snapshotFile: string;
  /** The preview portal's audience: the APIs it may not see, the gateway conceals. */
  audience: Visibility;
  /** The gateway's store, secret, admin token and logs. */
  dataDir: string;
  /** The preview's portal (`<origin>/<slug>`), for `Link: rel="deprecation"`. */
  portalUrl: string;
  /** Where the gateway reports unexpected errors. */
  onError?: (error: unknown) => void;
}

/** One preview's mock server and gateway, running in this process on loopback. */
export interface PreviewSandbox {
  /** The gateway's public origin: `<url>/<api-id>/<version-id>/…`. */
  url: string;
  /** The gateway's public port on loopback: the only place the previews proxy sends calls. */
  port: number;
  /** The gateway's admin API (`/keys`, `/metrics`), token in `<dataDir>/admin-token`. */
  adminUrl: string;
  /** Stops both servers, writes pending usage and closes the store. */
  close(): Promise<void>;
}

/**
 * Every reviewer reaches the gateway through the previews server, which names the reviewer's
 * address (trusted proxy): reviewers count apart, but those of one office share an address, so
 * the limit is roomier than a partner's own.
 */
const trialKeysPerHour = 50;
/** Where the previews server reaches its preview sandboxes from (they listen on loopback). */
const previewsServerAddresses = ['127.0.0.1', '::1'] as const;

/**
 * Starts a branch's sandbox in this process from its snapshot: the mock server (Prism) and the
 * gateway, each on an ephemeral loopback port. Documents are prepared in the background; a call
 * for a version not yet ready waits for it (or gets the mock server's 503 with `Retry-After`).
 */
export async function startPreviewSandbox(options: PreviewSandboxOptions): Promise<PreviewSandbox> {
  const catalog = await readSnapshot(options.snapshotFile);
  const servers: Server[] = [];
  // One preparing worker a preview: several previews share the machine's cores.
  const mock = createMockServer({ catalog, prepareWorkers: 1 });
  let gateway: ReturnType<typeof createGateway> | undefined;
  const close = async (): Promise<void> => {
    await Promise.all(servers.map(stopServer));
    await gateway?.close();
    await mock.close();
  };
  try {
    const mockServer = createServer({ keepAliveTimeout: 30_000 }, mock.handle);
    servers.push(mockServer);
    const mockUrl = toLoopbackUrl(await listenOnLoopback(mockServer));
    // A version that fails to prepare says so in its own answers; what is left to reject here
    // is the preparation cut short by `close`, which is no error.
    void mock.prepareAll().catch(() => undefined);
    gateway = createGateway({
      catalog,
      upstreamUrl: mockUrl,
      dataDir: options.dataDir,
      corsOrigins: [],
      // Every call comes through the previews server on loopback, which names the reviewer.
      trustedProxies: [...previewsServerAddresses],
      portalUrl: options.portalUrl,
      // Reviewers reach this sandbox through the previews server, at `/<slug>/_sandbox`.
      issuerUrl: `${options.portalUrl}/_sandbox`,
      audience: options.audience,
      trialKeysPerHour,
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    });
    const { publicServer, adminServer } = createGatewayServers(gateway);
    servers.push(publicServer, adminServer);
    const port = await listenOnLoopback(publicServer);
    const adminPort = await listenOnLoopback(adminServer);
    return { url: toLoopbackUrl(port), port, adminUrl: toLoopbackUrl(adminPort), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Listens on an ephemeral loopback port; returns the port. */
async function listenOnLoopback(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

function toLoopbackUrl(port: number): string {
  return `http://127.0.0.1:${String(port)}`;
}

function stopServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}
