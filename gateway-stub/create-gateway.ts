import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { createAdminHandler } from './admin/handle-admin-request.ts';
import {
  parseGatewayOptions,
  type GatewayOptions,
  type GatewayOptionsInput,
} from './gateway-options.ts';
import type { ConnectionRefusal } from './http/connection-limits.ts';
import { createCors } from './http/cors.ts';
import { toCorsRequestHeaders } from './http/cors-headers.ts';
import { toTrustedProxies } from './http/trusted-proxies.ts';
import { createExchange, exchangeOf, type Exchange } from './http/exchange.ts';
import { sendProblem } from './http/send-response.ts';
import { createFailureAnswer } from './http/answer-failure.ts';
import { createKeyHasher } from './keys/key-hasher.ts';
import type { Awaitable } from './store/awaitable.ts';
import type { KeyService } from './keys/key-service.ts';
import { createAddressHasher } from './keys/address-hasher.ts';
import { createCallerIdentifier } from './auth/identify-caller.ts';
import { createFailureGuard } from './auth/failure-guard.ts';
import { createOAuthHandler, isOAuthPath } from './oauth/handle-oauth-request.ts';
import { createIdentityTokens } from './oauth/identity-tokens.ts';
import { introspectToken } from './oauth/introspect-token.ts';
import { openGatewayServices } from './open-services.ts';
import { createCredentialEndpoints } from './self-service/handle-credentials.ts';
import { createRequestObserver } from './observe/request-observer.ts';
import { answerClientError, findRequestFault } from './http/protocol-refusals.ts';
import { createForwarder } from './proxy/forwarder.ts';
import { createApiPipeline } from './pipeline/create-api-pipeline.ts';
import { createMcpRoute } from './public/handle-mcp-request.ts';
import { isMcpPath } from '../mcp/serve-http.ts';
import { createOutageNotice } from './observe/outage-notice.ts';
import { createLimiters } from './quota/create-limiters.ts';
import { createRedisQuota } from './quota/redis-quota.ts';
import type { RedisConnection } from './redis/open-redis.ts';
import { createRouteTable, quotaWindowSeconds } from './routing/route-table.ts';
import type { ChangeChannel } from './store/change-channel.ts';
import { openRedisChangeChannel } from './store/redis-change-channel.ts';
import { createSelfServiceHandler, selfServicePrefix } from './self-service/handle-self-service.ts';
import { problemTypePrefix, redirectProblemType } from './public/redirect-problem-type.ts';
import { readAdminToken, readServerSecret } from './store/data-files.ts';
import { isStoreFull } from '../catalog/sqlite/store-errors.ts';
import { holdStore } from './store/hold-store.ts';
import { openSqliteGatewayStore, type GatewayStore } from './store/gateway-store.ts';
import { createOwnerUsageEndpoint } from './usage/handle-owner-usage.ts';
import { createConsumerUsageEndpoint } from './usage/handle-consumer-usage.ts';
import { createUsageReader } from './usage/usage-reader.ts';
import { listDeprecatedVersions } from './usage/deprecated-versions.ts';

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
  // Read before the store is held, so a damaged secret file leaves no lock behind.
  const hasher = createKeyHasher(readServerSecret(options.dataDir));
  const adminToken = readAdminToken(options.dataDir, options.adminToken);
  // Background writes other than usage counts (quota windows, the lock's heartbeat) report a
  // refusal of the store once per outage, like the usage counts do.
  const windowsOutage = createOutageNotice(
    onNotice,
    'quota windows',
    () => 'quotas still apply; a restart now would forget the calls counted since',
  );
  let countStoreFull = (): void => undefined;
  const backgroundFailure = (error: unknown): void => {
    if (isStoreFull(error)) countStoreFull();
    windowsOutage.failed(error);
  };
  const held = holdStore(options.dataDir, backgroundFailure);
  const { db } = held;
  let opened: GatewayStore | undefined;
  let services;
  // Set once subscribed (below); until then changes made here are not yet announced on Redis.
  let redisChanges: ChangeChannel | undefined;
  try {
    opened = openStore(db);
    services = openGatewayServices({
      store: opened,
      dataDir: options.dataDir,
      hasher,
      apis: routes,
      issuer: options.issuerUrl,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds,
      announce: () => {
        redisChanges?.announce();
      },
    });
  } catch (error) {
    // The SQLite store closes at once; PostgreSQL's is closed by `openGateway`.
    if (opened?.engine === 'sqlite') void opened.close();
    held.release();
    db.close();
    throw error;
  }
  const { store, keys } = services;
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
  countStoreFull = () => {
    observer.countStoreFull();
  };
  const limiters = createLimiters({
    db,
    hasher,
    flushMs: options.quotaFlushMs,
    onFailure: backgroundFailure,
    onSuccess: () => {
      windowsOutage.succeeded();
    },
  });
  const { quota } = limiters;
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
          fallback: quota,
          onNotice,
        });
  const { watch } = services;
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

  const forwarder = createForwarder({
    upstreamUrls: options.upstreamUrl,
    timeoutMs: options.upstreamTimeoutMs,
    connectTimeoutMs: options.connectTimeoutMs,
    connections: options.upstreamConnections,
    healthIntervalMs: options.upstreamHealthIntervalMs,
    onNotice,
    done: (exchange, failure) => {
      if (failure !== undefined) sendProblem(exchange, failure.name, failure.detail);
    },
  });
  const answerFailure = createFailureAnswer({
    onError,
    countStoreFull: () => {
      observer.countStoreFull();
    },
  });
  const fail = (exchange: Exchange, error: unknown): void => {
    answerFailure(exchange, error, '');
  };
  const failures = createFailureGuard(
    limiters.authFailures,
    options.maxFailedAuthenticationsPerMinute,
  );
  const identifier = createCallerIdentifier({
    keys: services.keyLookup,
    clients: services.clientLookup,
    tokens: services.tokens,
    failures,
  });
  const handleApi = createApiPipeline({
    routes,
    keys: services.keyLookup,
    identifier,
    quota,
    sharedQuota,
    forwarder,
    maxBodyBytes: options.maxBodyBytes,
    fail,
    onQuotaRefusal: observer.countQuotaRefusal,
    toAnonymousSubject: createAddressHasher(hasher),
    statements: createIdentityTokens(options.issuerUrl, services.signingKeys),
  });
  const usageReader = createUsageReader(store.usage);
  const handleSelfService = createSelfServiceHandler({
    routes,
    keys,
    limiter: limiters.trialKeys,
    trialKeysPerHour: options.trialKeysPerHour,
    fail,
    credentials: createCredentialEndpoints({
      clients: services.clientLookup,
      service: services.clients,
      failures,
      secretGraceSeconds: options.secretGraceSeconds,
      fail,
    }),
    ownUsage: createConsumerUsageEndpoint({
      reader: usageReader,
      flush: observer.flushUsage,
      routes,
      keys: services.keyLookup,
      clients: services.clientLookup,
      tokens: services.tokens,
      identifier,
      fail,
    }),
  });
  const handleOAuth = createOAuthHandler({
    issuer: options.issuerUrl,
    routes,
    clients: services.clientLookup,
    tokens: services.tokens,
    revoked: services.revoked,
    signingKeys: services.signingKeys,
    failures,
    portalUrl: options.portalUrl,
    fail,
  });
  const handleMcp = createMcpRoute({ ...options, fail });

  // None by default: each request then takes its peer's address without looking it up in an
  // empty list (the look-up, an IPv4 parse and a BlockList check, ran on every request).
  const trustedProxies =
    options.trustedProxies.length === 0 ? undefined : toTrustedProxies(options.trustedProxies);
  // The one place that sees every exchange end: 'close' follows 'finish' when the answer went
  // out whole, and also comes when it was cut short (a stream broken halfway), which 'finish'
  // alone would miss. A client that left before any answer started is no exchange. One
  // listener for every answer, finding its exchange on it: a closure and a `once` wrapper per
  // request were garbage the request path made each time ('close' comes once anyway).
  const observeEnd = function (this: ServerResponse): void {
    const exchange = exchangeOf(this);
    if (exchange !== undefined && exchange.status !== 0) observer.finish(exchange);
  };

  function handlePublic(req: IncomingMessage, res: ServerResponse): void {
    const exchange = createExchange(req, res, options.defaultLanguage, trustedProxies);
    res.on('close', observeEnd);
    try {
      const fault = findRequestFault(req);
      if (fault !== undefined) {
        sendProblem(exchange, 'badRequest', fault, { headers: { connection: 'close' } });
        return;
      }
      if (!cors.applyTo(req, exchange.headers)) {
        sendProblem(exchange, 'originNotAllowed', {
          en: `Origin ${String(req.headers.origin)} may not call the sandbox from a browser.`,
          fr: `L’origine ${String(req.headers.origin)} ne peut pas appeler le bac à sable depuis un navigateur.`,
        });
        return;
      }
      if (cors.isPreflight(req)) {
        answerPreflight(exchange);
        return;
      }
      const url = req.url ?? '/';
      if (url.startsWith(selfServicePrefix)) {
        handleSelfService(exchange);
        return;
      }
      if (isMcpPath(url)) {
        handleMcp(exchange);
        return;
      }
      if (isOAuthPath(url)) {
        handleOAuth(exchange);
        return;
      }
      if (url.startsWith(problemTypePrefix)) {
        redirectProblemType(exchange, url, options.portalUrl);
        return;
      }
      handleApi(exchange);
    } catch (error) {
      fail(exchange, error);
    }
  }

  function answerPreflight(exchange: Exchange): void {
    const headers = cors.toPreflightHeaders(exchange.req);
    if (headers === undefined) {
      sendProblem(exchange, 'originNotAllowed', {
        en: 'This origin may not call the sandbox from a browser.',
        fr: 'Cette origine ne peut pas appeler le bac à sable depuis un navigateur.',
      });
    } else {
      exchange.status = 204;
      exchange.res.writeHead(204, { ...headers, 'x-request-id': exchange.requestId });
      exchange.res.end();
    }
  }

  function handleClientError(error: Error & { code?: string }, socket: Duplex): void {
    const name = answerClientError(error, socket, options.defaultLanguage);
    if (name !== undefined) observer.countClientError(name);
  }

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
    handleAdmin: createAdminHandler({
      token: adminToken,
      defaultLanguage: options.defaultLanguage,
      keys,
      renderMetrics:
        sharedQuota === undefined
          ? observer.renderMetrics
          : async () => (await observer.renderMetrics()) + sharedQuota.renderMetrics(),
      clients: services.clients,
      rotateSigningKey: async () => {
        const kid = await services.signingKeys.rotate();
        services.announceChange();
        return kid;
      },
      introspect: (token) =>
        introspectToken(token, services.tokens, services.clientLookup, options.issuerUrl),
      secretGraceSeconds: options.secretGraceSeconds,
      usage: createOwnerUsageEndpoint({
        reader: usageReader,
        flush: observer.flushUsage,
        deprecated: listDeprecatedVersions(routes),
        fail: adminFail,
      }),
      usageCors: createCors(options.corsOrigins, new Map(), {
        methods: 'GET, HEAD',
        requestHeaders: ['accept', 'authorization'],
      }),
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
        backgroundFailure(error);
      }
      await written;
    },
    async close() {
      limiters.close();
      sharedQuota?.close();
      await observer.close();
      await forwarder.close();
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
