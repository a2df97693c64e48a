import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog, type Catalog } from '../../../../catalog/index.ts';
import {
  createGatewayServers,
  openGateway,
  type Gateway,
  type GatewayOptionsInput,
} from '../../../../gateway-stub/index.ts';

/** Folder of the small catalog the gateway tests route. */
export const fixtureApisDir = join(import.meta.dirname, '..', 'fixtures', 'apis');

let fixtureCatalog: Promise<Catalog> | undefined;

/** The fixture catalog for the `internal` audience, loaded once per test file. */
export function loadFixtureCatalog(): Promise<Catalog> {
  fixtureCatalog ??= loadCatalog({ apisDir: fixtureApisDir, audience: 'internal' }).then(
    (result) => {
      if (result.failed) throw new Error('the gateway test fixtures have catalog errors');
      return result.catalog;
    },
  );
  return fixtureCatalog;
}

/** A gateway listening on ephemeral ports, with its own data folder. */
export interface TestGateway {
  gateway: Gateway;
  baseUrl: string;
  adminUrl: string;
  dataDir: string;
  /** Headers for the admin API. */
  admin: { authorization: string };
  close(): Promise<void>;
}

/**
 * Starts a gateway in-process in front of `upstreamUrl` (on PostgreSQL when the overrides give
 * a `databaseUrl`); `close` stops it and deletes its data folder.
 */
export async function startTestGateway(
  upstreamUrl: string,
  overrides: Partial<GatewayOptionsInput> = {},
): Promise<TestGateway> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'guichet-gateway-'));
  const gateway = await openGateway({
    catalog: await loadFixtureCatalog(),
    upstreamUrl,
    dataDir,
    // The catalog holds every API: the gateway serves them as the internal portal's sandbox.
    audience: 'internal',
    onError: () => undefined,
    ...overrides,
  });
  const { publicServer, adminServer } = createGatewayServers(gateway);
  const baseUrl = await listen(publicServer);
  const adminUrl = await listen(adminServer);
  return {
    gateway,
    baseUrl,
    adminUrl,
    dataDir,
    admin: { authorization: `Bearer ${gateway.adminToken}` },
    async close() {
      await Promise.all([stop(publicServer), stop(adminServer)]);
      await gateway.close();
      if (overrides.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Issues an active key through the admin API and returns it. */
export async function issueKey(
  test: TestGateway,
  body: Record<string, unknown> = { application: 'Test app', api: 'colis' },
): Promise<{ key: string; prefix: string; keyId: string; consumerId: string }> {
  const response = await fetch(`${test.adminUrl}/keys`, {
    method: 'POST',
    headers: { ...test.admin, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`issuing a key gave ${String(response.status)}`);
  return (await response.json()) as {
    key: string;
    prefix: string;
    keyId: string;
    consumerId: string;
  };
}

async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => {
      resolve();
    });
  });
}
