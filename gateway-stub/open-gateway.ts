import { createGateway, assembleGateway, type Gateway } from './create-gateway.ts';
import { parseGatewayOptions, type GatewayOptionsInput } from './gateway-options.ts';
import { openRedis, type RedisConnection } from './redis/open-redis.ts';
import { openSqliteGatewayStore, type GatewayStore } from './store/gateway-store.ts';
import { openPostgresGatewayStore } from './store/postgres/open-postgres-store.ts';

/**
 * Opens a gateway on its store: PostgreSQL when `databaseUrl` names one (its schema applied,
 * its secret checked, before anything listens), else the data folder's SQLite file as
 * `createGateway` does; with `redisUrl`, quotas and change announcements on that Redis, which
 * must answer before anything listens. A database that cannot be reached throws
 * `PostgresOpenError`, a Redis that cannot be used `RedisOpenError`, each naming `host:port`
 * and why, never the password.
 */
export async function openGateway(input: GatewayOptionsInput): Promise<Gateway> {
  const options = parseGatewayOptions(input);
  const { databaseUrl, redisUrl } = options;
  if (databaseUrl === undefined && redisUrl === undefined) return createGateway(input);
  const onNotice =
    options.onNotice ??
    ((line: string) => {
      console.error(`gateway: ${line}`);
    });
  const redis: RedisConnection | undefined =
    redisUrl === undefined ? undefined : await openRedis(redisUrl);
  let shared: GatewayStore | undefined;
  let assembled;
  try {
    if (databaseUrl !== undefined) {
      shared = await openPostgresGatewayStore({ url: databaseUrl, onNotice });
    }
    const store = shared;
    assembled = assembleGateway(
      options,
      (db) => store ?? openSqliteGatewayStore(db, options.dataDir),
      redis,
    );
  } catch (error) {
    await shared?.close();
    await redis?.close();
    throw error;
  }
  try {
    await assembled.ready;
  } catch (error) {
    await assembled.gateway.close();
    throw error;
  }
  return assembled.gateway;
}
