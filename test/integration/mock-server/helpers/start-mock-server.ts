import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatProblem, loadCatalog, type Catalog } from '../../../../catalog/index.ts';
import { createMockServer, type MockServer } from '../../../../mock-server/create-mock-server.ts';
import type { MockServerSettingsInput } from '../../../../mock-server/mock-server-options.ts';

const fixtures = 'test/integration/mock-server/fixtures';

/** A mock server on an ephemeral loopback port, over the fixture APIs and their stubs. */
export interface TestMockServer {
  baseUrl: string;
  mock: MockServer;
  close: () => Promise<void>;
}

/**
 * Loads a fixture catalog with the real catalog module and serves it on a real socket; `folder`
 * holds `apis/` and, optionally, `mocks/`. A catalog already loaded may be given instead.
 */
export async function startMockServer(
  settings: MockServerSettingsInput = {},
  folder = fixtures,
  loaded?: Catalog,
): Promise<TestMockServer> {
  let catalog = loaded;
  if (!catalog) {
    const result = await loadCatalog({
      apisDir: `${folder}/apis`,
      mocksDir: `${folder}/mocks`,
      audience: 'internal',
    });
    if (result.failed) throw new Error(result.problems.map(formatProblem).join('\n'));
    catalog = result.catalog;
  }
  const mock = createMockServer({ catalog, prepareWorkers: 1, ...settings });
  const server = createServer(mock.handle);
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${String(port)}`,
    mock,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      await mock.close();
    },
  };
}

/** An RFC 9457 problem as the tests read it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  violations?: { location: string; message: string }[];
}

/** Reads a problem answer, checking its media type first. */
export async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type');
  if (type !== 'application/problem+json') {
    throw new Error(`expected application/problem+json, got ${String(type)}`);
  }
  return (await response.json()) as Problem;
}
