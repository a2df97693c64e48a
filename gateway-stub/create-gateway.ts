import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { createAdminListener } from './admin/create-admin-listener.ts';
import {
  parseGatewayOptions,
  type GatewayOptions,
  type GatewayOptionsInput,
} from './gateway-options.ts';
import { holdServices } from './hold-services.ts';
import type { ConnectionRefusal } from './http/connection-limits.ts';
import { createCors } from './http/cors.ts';
import { toCorsRequestHeaders } from './http/cors-headers.ts';
import type { Exchange } from './http/exchange.ts';
import { createFailureAnswer } from './http/answer-failure.ts';
import type { Awaitable } from './store/awaitable.ts';
import type { KeyService } from './keys/key-service.ts';
import { createRequestObserver } from './observe/request-observer.ts';
import { createPublicHandlers } from './public/create-public-handlers.ts';
import { createPublicListener } from './public/handle-public-request.ts';
import { createLimiters } from './quota/create-limiters.ts';
import { createRedisQuota } from './quota/redis-quota.ts';
import type { RedisConnection } from './redis/open-redis.ts';
import { createRouteTable, quotaWindowSeconds } from './routing/route-table.ts';
import type { ChangeChannel } from './store/change-channel.ts';
import { openRedisChangeChannel } from './store/redis-change-channel.ts';
import { openSqliteGatewayStore, type GatewayStore } from './store/gateway-store.ts';
import { createUsageReader } from './usage/usage-reader.ts';

/** The gateway, ready to be attached to HTTP servers (see `createGatewayServers`). */
export interface Gateway {
  /** Request listener of the public port (partners' calls, self-service). */
  handlePublic: (req: IncomingMessage, res: ServerResponse) => void;
  /** Request listener of the admin port. */
  handleAdmin: (req: IncomingMessage, res: ServerResponse) => void;
  /** `clientError` listener: answers requests Node refused to parse (431, 408, 400). */
  handleClientError: (error: Error & { code?: string }, socket: Duplex) => void;
  /** Counts a connection refused for the connection limits, for `/metrics`. */
  countRefusedConnection: (reason: ConnectionRefusal) => void;
  /** The admin token in force. */
  adminToken: string;
  /** Consumers and keys, as the admin API manages them. */
  keys: KeyService;
  options: GatewayOptions;
  /** Writes pending usage counts, quota windows and log lines now; settles once written. */
  flush(): Promise<void>;
  /**
   * Settles if another gateway took the store over (this one stopped its heartbeat for
   * `lockStaleMs`, frozen): it must stop, or both would count quotas apart.
   */
  storeLost: Promise<string>;
  /** Flushes, then closes the connections to the mock server and the store. */
  close(): Promise<void>;
}

/**
 * Creates a gateway on the SQLite store of its data folder (creating the server secret and the
 * admin token on first start), builds the routing tables from the catalog, and returns the
 * request listeners. Options are validated here, so a mistake fails at start, not on a request.
 * A gateway on PostgreSQL (`databaseUrl`) is opened with `openGateway` (`open-gateway.ts`),
 * which waits for it.
 */
export function createGateway(input: GatewayOptionsInput): Gateway {
  const options = parseGatewayOptions(input);
  if (options.databaseUrl !== undefined || options.redisUrl !== undefined) {
    throw new Error(
      'a gateway on PostgreSQL (databaseUrl) or Redis (redisUrl) is opened with openGateway(), which waits for them',
    );
  }
  const assembled = assembleGateway(options, (db) => openSqliteGatewayStore(db, options.dataDir));
  if (assembled.ready instanceof Promise) throw new Error('the SQLite store answers at once');
  return assembled.gateway;
}

/**
 * Builds the gateway over a store: `openStore` is given the data folder's SQLite file, held for
 * this gateway (its quota windows, its lock), and returns the store instances share. With
 * `redis` (opened by `openGateway`, closed with the gateway), quotas are counted there and
 * changes announced there too; `ready` then also waits for the subscription to changes.
 */
export function assembleGateway(
  options: GatewayOptions,
  openStore: (db: DatabaseSync) => GatewayStore,
  redis?: RedisConnection,
): { gateway: Gateway; ready: Awaitable<void> } {
  const onError =
    options.onError ??
    ((error: unknown) => {
      console.error(error);
    });
  const onNotice =
    options.onNotice ??
    ((line: string) => {
      console.error(`gateway: ${line}`);
    });
  const routes = createRouteTable(options.catalog, options.portalUrl, options.audience);
  const cors = createCors(options.corsOrigins, toCorsRequestHeaders(options.catalog, routes));
  // Set once subscribed (below); until then changes made here are not yet announced on Redis.
  let redisChanges: ChangeChannel | undefined;
  const { held, db, services, hasher, adminToken, background } = holdServices(
    options,
    routes,
    openStore,
    () => {
      redisChanges?.announce();
    },
    onNotice,
  );
  const { store, keys, watch } = services;
  const observer = createRequestObserver({
    usage: store.usage,
    store: store.keys,
    logDir: join(options.dataDir, 'logs'),
    logRetentionDays: options.logRetentionDays,
    anonymizeClientAddresses: options.anonymizeClientAddresses,
    usageFlushMs: options.usageFlushMs,
    usageRetentionDays: options.usageRetentionDays,
    recordUsage: options.recordUsage,
    onError,
    onNotice,
  });
  background.countStoreFull = observer.countStoreFull;
  const limiters = createLimiters({
    db,
    hasher,
    flushMs: options.quotaFlushMs,
    onFailure: background.failed,
    onSuccess: background.succeeded,
  });
  // The local limiter stays: it decides alone while Redis is away, under fail-open.
  const sharedQuota =
    redis === undefined
      ? undefined
      : createRedisQuota({
          redis,
          prefix: options.redisPrefix,
          windowMs: quotaWindowSeconds * 1000,
          timeoutMs: options.redisTimeoutMs,
          policy: options.redisFailure,
          fallback: limiters.quota,
          onNotice,
        });
  const subscribed =
    redis === undefined
      ? undefined
      : openRedisChangeChannel({
          redis,
          prefix: options.redisPrefix,
          onChange: () => {
            watch.notify();
          },
          onNotice,
        }).then((channel) => {
          redisChanges = channel;
        });

  const answerFailure = createFailureAnswer({ onError, countStoreFull: observer.countStoreFull });
  const fail = (exchange: Exchange, error: unknown): void => {
    answerFailure(exchange, error, '');
  };
  const usageReader = createUsageReader(store.usage);
  const handlers = createPublicHandlers({
    options,
    routes,
    services,
    hasher,
    limiters,
    sharedQuota,
    observer,
    usageReader,
    onNotice,
    fail,
  });
  const { handlePublic, handleClientError } = createPublicListener({
    handlers,
    cors,
    observer,
    defaultLanguage: options.defaultLanguage,
    trustedProxies: options.trustedProxies,
    portalUrl: options.portalUrl,
    fail,
  });

  /**
   * The admin API's wording names where the store is (the data folder, or PostgreSQL's
   * `host:port/database`); the public one's never does.
   */
  const where = ` (${store.engine === 'sqlite' ? options.dataDir : store.location})`;
  const adminFail = (exchange: Exchange, error: unknown): void => {
    answerFailure(exchange, error, where);
  };
  const gateway: Gateway = {
    handlePublic,
    handleAdmin: createAdminListener({
      options,
      routes,
      services,
      adminToken,
      observer,
      sharedQuota,
      usageReader,
      fail: adminFail,
    }),
    handleClientError,
    countRefusedConnection: observer.countRefusedConnection,
    adminToken,
    keys,
    options,
    storeLost: held.lost,
    async flush() {
      const written = observer.flush();
      try {
        limiters.flush();
      } catch (error) {
        background.failed(error);
      }
      await written;
    },
    async close() {
      limiters.close();
      sharedQuota?.close();
      await observer.close();
      await handlers.forwarder.close();
      await subscribed?.catch(() => undefined);
      await redisChanges?.close();
      await redis?.close();
      await store.close();
      held.release();
      db.close();
    },
  };
  if (subscribed === undefined) return { gateway, ready: services.ready };
  const ready = Promise.all([services.ready, subscribed]).then(() => undefined);
  return { gateway, ready };
}
