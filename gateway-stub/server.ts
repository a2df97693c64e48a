/**
 * Runs the gateway: the only file that reads the environment and binds ports. Started by
 * `npm run sandbox` beside the mock server; see `server-env.ts` for the variables (the store
 * on PostgreSQL with `GUICHET_DATABASE_URL`).
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { formatProblem, loadCatalog, readSnapshot, type Catalog } from '../catalog/index.ts';
import { openGateway } from './open-gateway.ts';
import { createGatewayServers } from './http/create-servers.ts';
import { parseGatewayEnv } from './server-env.ts';
import { describePostgresUrl } from '../catalog/postgres/open-postgres.ts';
import { adminTokenFileName } from './store/data-files.ts';
import { describeRedisUrl } from './redis/redis-url.ts';

const parsed = parseGatewayEnv(process.env);
if (!parsed.ok) {
  for (const problem of parsed.problems) console.error(`gateway: ${problem}`);
  process.exit(1);
}
const { env, options } = parsed.settings;

const catalog = await readCatalog(env.GUICHET_SANDBOX_SNAPSHOT);
let gateway;
try {
  // With PostgreSQL, its schema is applied and its secret checked before anything listens.
  gateway = await openGateway({ ...options, catalog });
} catch (error) {
  console.error(`gateway: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const { publicServer, adminServer } = createGatewayServers(gateway);
await listen(publicServer, env.GUICHET_GATEWAY_PORT, env.GUICHET_GATEWAY_HOST, 'public');
await listen(adminServer, env.GUICHET_ADMIN_PORT, env.GUICHET_ADMIN_HOST, 'admin');

console.log(
  `gateway: sandbox on http://${env.GUICHET_GATEWAY_HOST}:${String(env.GUICHET_GATEWAY_PORT)}`,
);
console.log(
  `gateway: admin API and /metrics on http://${env.GUICHET_ADMIN_HOST}:${String(env.GUICHET_ADMIN_PORT)}`,
);
if (options.databaseUrl !== undefined) {
  // Said at start: sharing the store does not share the quotas without Redis.
  console.log(
    `gateway: store in PostgreSQL at ${describePostgresUrl(options.databaseUrl)}, shared with every gateway on it; ${
      options.redisUrl === undefined
        ? 'quotas are counted by each gateway on its own (set GUICHET_REDIS_URL to share them)'
        : 'quotas shared in Redis'
    }`,
  );
}
if (options.redisUrl !== undefined) {
  console.log(
    `gateway: quotas counted in Redis at ${describeRedisUrl(options.redisUrl)}, shared with every gateway on it (${options.redisFailure ?? 'fail-open'} while it is away)`,
  );
}
if (options.adminToken === undefined) {
  console.log(`gateway: admin token in ${join(gateway.options.dataDir, adminTokenFileName)}`);
}

let stopping = false;
const stop = async (code = 0): Promise<void> => {
  if (stopping) return;
  stopping = true;
  const closing = Promise.all([close(publicServer), close(adminServer)]);
  publicServer.closeIdleConnections();
  adminServer.closeIdleConnections();
  // Give calls in flight a moment to finish, then cut what remains.
  const grace = setTimeout(() => {
    publicServer.closeAllConnections();
    adminServer.closeAllConnections();
  }, 3_000);
  await closing;
  clearTimeout(grace);
  await gateway.close();
  process.exit(code);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
// Started by the sandbox launcher with an IPC channel: when the launcher dies, so do we.
process.on('disconnect', () => void stop());
// Frozen long enough for another gateway to take the store: writing on would count quotas twice.
void gateway.storeLost.then((reason) => {
  console.error(`gateway: ${reason}`);
  void stop(1);
});

async function readCatalog(snapshot: string | undefined): Promise<Catalog> {
  if (snapshot !== undefined) {
    try {
      return await readSnapshot(snapshot);
    } catch (error) {
      console.error(`gateway: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  }
  const result = await loadCatalog({ audience: 'internal', brokenApis: 'leave-out' });
  for (const problem of result.problems) console.error(formatProblem(problem));
  if (result.failed) process.exit(1);
  return result.catalog;
}

async function listen(server: Server, port: number, host: string, label: string): Promise<void> {
  server.listen(port, host);
  try {
    await once(server, 'listening');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'EADDRINUSE'
        ? 'another process uses it: stop it or choose another port'
        : String(error);
    console.error(`gateway: cannot listen on ${host}:${String(port)} (${label}) — ${hint}`);
    process.exit(1);
  }
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
  });
}
