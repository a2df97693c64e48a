/**
 * Runs the mock server: the only file of `mock-server/` that reads the environment or binds a
 * port. It listens at once and prepares every API version in the background.
 *
 * Its variables are read through one schema, `mock-server-env.ts`:
 * - `MOCK_PORT` (4010), `MOCK_HOST` (127.0.0.1)
 * - `GUICHET_SANDBOX_SNAPSHOT`: a catalog written by `writeSnapshot`; without it, `apis/` is read
 * - `MOCK_DYNAMIC` (`true` to generate answers from schemas), `MOCK_REFERENCE_FALLBACK` (`false`
 *   to answer 503 when Prism's own preparation fails), `MOCK_LOAD_WAIT_MS`,
 *   `MOCK_PREPARE_CPU_MS`, `MOCK_PREPARE_WORKERS`, `MOCK_PREPARE_HEAP_MB`
 * - `GUICHET_SANDBOX_DIR` (`.guichet/sandbox`): where the consumers' objects are kept
 *   (`resources.sqlite`); `MOCK_STATEFUL` (`false` to remember nothing),
 *   `MOCK_STATEFUL_IDLE_HOURS`, `MOCK_STATEFUL_MAX_OBJECTS`, `MOCK_STATEFUL_MAX_BYTES`
 */
import { createServer } from 'node:http';
import { formatProblem, loadCatalog, readSnapshot, type Catalog } from '../catalog/index.ts';
import { StoreDamagedError, StoreFullError } from '../catalog/sqlite/store-errors.ts';
import { createMockServer, type MockServer } from './create-mock-server.ts';
import { parseMockServerEnv } from './mock-server-env.ts';

/** A mistake in the catalog or the address: printed alone, then exit 1. */
class StartError extends Error {}

async function readCatalog(snapshot: string | undefined): Promise<Catalog> {
  if (snapshot) {
    try {
      return await readSnapshot(snapshot);
    } catch (error) {
      throw new StartError(error instanceof Error ? error.message : String(error));
    }
  }
  const result = await loadCatalog({ audience: 'internal', brokenApis: 'leave-out' });
  if (result.failed) {
    throw new StartError(
      `apis/ has problems; fix them first:\n${result.problems.map(formatProblem).join('\n')}`,
    );
  }
  for (const problem of result.problems) console.error(formatProblem(problem));
  return result.catalog;
}

async function start(): Promise<void> {
  const parsed = parseMockServerEnv(process.env);
  if (!parsed.ok) {
    for (const problem of parsed.problems) console.error(`mock server: ${problem}`);
    process.exit(1);
  }
  const { host, port, snapshot, settings } = parsed.env;
  let mock: MockServer;
  try {
    // The catalog is not kept: once each document is handed to a worker it can be freed.
    mock = createMockServer({ catalog: await readCatalog(snapshot), ...settings });
  } catch (error) {
    if (error instanceof TypeError) throw new StartError(error.message);
    if (error instanceof StoreDamagedError || error instanceof StoreFullError) {
      throw new StartError(error.message);
    }
    throw error;
  }
  const server = createServer({ keepAliveTimeout: 30_000 }, mock.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(new StartError(`cannot listen on ${host}:${port} (${error.code ?? error.message})`));
    });
    server.listen(port, host, resolve);
  });
  const total = mock.health().loading;
  console.log(`guichet mock server on http://${host}:${port} — preparing ${total} API versions`);

  const stop = (): void => {
    server.closeAllConnections();
    server.close();
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const started = performance.now();
  await mock.prepareAll();
  const report = mock.health();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `guichet mock server: ${report.ready} ready, ${report.failed} failed, in ${seconds} s`,
  );
  for (const version of report.versions) {
    if (version.state === 'failed') {
      console.error(
        `  ${version.api} ${version.version}: its document ${version.reason ?? 'failed'}`,
      );
    } else if (version.fallbackReason !== undefined) {
      console.log(
        `  ${version.api} ${version.version}: prepared keeping $refs (with Prism's own preparation, its document ${version.fallbackReason})`,
      );
    }
  }
}

start().catch((error: unknown) => {
  console.error(
    error instanceof StartError
      ? `mock server: ${error.message}`
      : 'mock server: failed to start (unexpected error)',
  );
  if (!(error instanceof StartError)) console.error(error);
  process.exit(1);
});
