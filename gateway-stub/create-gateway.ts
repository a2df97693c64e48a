import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { createAdminHandler } from './admin/handle-admin-request.ts';
import {
  parseGatewayOptions,
  type GatewayOptions,
  type GatewayOptionsInput,
} from './gateway-options.ts';
import type { ConnectionRefusal } from './http/connection-limits.ts';
import { createCors } from './http/cors.ts';
import { createExchange, type Exchange } from './http/exchange.ts';
import { toRequestId } from './http/request-id.ts';
import { sendProblem } from './http/send-response.ts';
import { createKeyHasher } from './keys/key-hasher.ts';
import { createKeyLookup } from './keys/key-lookup.ts';
import { createKeyService, type KeyService } from './keys/key-service.ts';
import { createRequestObserver } from './observe/request-observer.ts';
import { toRawProblemResponse } from './problems/problem-body.ts';
import type { ProblemName } from '../catalog/sandbox-problems.ts';
import { createForwarder } from './proxy/forwarder.ts';
import { createApiRequestHandler, createForwardedHandler } from './public/handle-api-request.ts';
import { createMcpRoute } from './public/handle-mcp-request.ts';
import { isMcpPath } from '../mcp/serve-http.ts';
import { createOutageNotice } from './observe/outage-notice.ts';
import { createLimiters } from './quota/create-limiters.ts';
import { createRouteTable } from './routing/route-table.ts';
import { createSelfServiceHandler, selfServicePrefix } from './self-service/handle-self-service.ts';
import { problemTypePrefix, redirectProblemType } from './public/redirect-problem-type.ts';
import { readAdminToken, readServerSecret } from './store/data-files.ts';
import { isStoreFull } from './store/store-errors.ts';
import { createKeyStore } from './store/key-store.ts';
import { createChangeDetector } from './store/change-detector.ts';
import { holdStore } from './store/hold-store.ts';
import { databaseFileName } from './store/open-database.ts';

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
  /** Writes pending usage counts, quota windows and log lines now. */
  flush(): void;
  /**
   * Settles if another gateway took the store over (this one stopped its heartbeat for
   * `lockStaleMs`, frozen): it must stop, or both would count quotas apart.
   */
  storeLost: Promise<string>;
  /** Flushes, then closes the connections to the mock server and the store. */
  close(): Promise<void>;
}

const clientErrorProblems: Record<string, [ProblemName, string]> = {
  HPE_HEADER_OVERFLOW: [
    'headersTooLarge',
    'The request line and headers are larger than the sandbox accepts.',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: ['requestTimeout', 'The request was not received in time.'],
};

/**
 * Creates the gateway: opens the store in the data folder (creating the server secret and the
 * admin token on first start), builds the routing tables from the catalog, and returns the
 * request listeners. Options are validated here, so a mistake fails at start, not on a request.
 */
export function createGateway(input: GatewayOptionsInput): Gateway {
  const options = parseGatewayOptions(input);
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
  const cors = createCors(options.corsOrigins);
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
  const store = createKeyStore(db);
  const changes = createChangeDetector(db, join(options.dataDir, databaseFileName));
  const lookup = createKeyLookup(changes, store, hasher);
  const keys = createKeyService({
    db,
    store,
    hasher,
    apis: routes,
    onChange: () => {
      lookup.invalidate();
    },
  });
  const observer = createRequestObserver({
    db,
    store,
    logDir: join(options.dataDir, 'logs'),
    logRetentionDays: options.logRetentionDays,
    anonymizeClientAddresses: options.anonymizeClientAddresses,
    usageFlushMs: options.usageFlushMs,
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

  const finish = observer.finish;
  const forwarder = createForwarder({
    upstreamUrl: options.upstreamUrl,
    timeoutMs: options.upstreamTimeoutMs,
    connectTimeoutMs: options.connectTimeoutMs,
    connections: options.upstreamConnections,
    done: createForwardedHandler(finish),
  });
  /**
   * Answers an error no stage expected. A full disk is expected enough to be named (507): the
   * partner learns nothing was changed and calls still work; anything else is a 500 that leaks
   * nothing. `where` adds the data folder to the admin API's wording, never to the public's.
   */
  const answerFailure = (exchange: Exchange, error: unknown, where: string): void => {
    if (isStoreFull(error)) {
      observer.countStoreFull();
      sendProblem(
        exchange,
        'insufficientStorage',
        `The disk holding the sandbox store${where} is full: nothing was changed. Calls to the APIs still work; retry once space is freed.`,
      );
      return;
    }
    onError(error);
    sendProblem(
      exchange,
      'internalError',
      'The gateway met an unexpected error. Quote the instance to the support.',
    );
  };
  const fail = (exchange: Exchange, error: unknown): void => {
    answerFailure(exchange, error, '');
    finish(exchange);
  };
  const handleApi = createApiRequestHandler({
    routes,
    keys: lookup,
    quota,
    forwarder,
    maxBodyBytes: options.maxBodyBytes,
    finish,
    fail,
    onQuotaRefusal: observer.countQuotaRefusal,
  });
  const handleSelfService = createSelfServiceHandler({
    routes,
    keys,
    limiter: limiters.trialKeys,
    trialKeysPerHour: options.trialKeysPerHour,
    finish,
    fail,
  });
  const handleMcp = createMcpRoute({ ...options, finish, fail });

  function handlePublic(req: IncomingMessage, res: ServerResponse): void {
    const exchange = createExchange(req, res);
    try {
      if (!cors.applyTo(req, exchange.headers)) {
        sendProblem(
          exchange,
          'originNotAllowed',
          `Origin ${String(req.headers.origin)} may not call the sandbox from a browser.`,
        );
        finish(exchange);
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
      if (url.startsWith(problemTypePrefix)) {
        redirectProblemType(exchange, url, options.portalUrl);
        finish(exchange);
        return;
      }
      handleApi(exchange, url.charCodeAt(0) === 47 ? url : '/');
    } catch (error) {
      fail(exchange, error);
    }
  }

  function answerPreflight(exchange: Exchange): void {
    const headers = cors.toPreflightHeaders(exchange.req);
    if (headers === undefined) {
      sendProblem(
        exchange,
        'originNotAllowed',
        'This origin may not call the sandbox from a browser.',
      );
    } else {
      exchange.status = 204;
      exchange.res.writeHead(204, { ...headers, 'x-request-id': exchange.requestId });
      exchange.res.end();
    }
    finish(exchange);
  }

  function handleClientError(error: Error & { code?: string }, socket: Duplex): void {
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent === true) {
      socket.destroy();
      return;
    }
    const [name, detail] = clientErrorProblems[error.code ?? ''] ?? [
      'badRequest',
      'The request is not valid HTTP/1.1.',
    ];
    socket.end(toRawProblemResponse(name, detail, toRequestId(undefined)));
    observer.countClientError(name);
  }

  return {
    handlePublic,
    handleAdmin: createAdminHandler({
      token: adminToken,
      keys,
      renderMetrics: observer.renderMetrics,
      fail: (exchange, error) => {
        answerFailure(exchange, error, ` (${options.dataDir})`);
      },
    }),
    handleClientError,
    countRefusedConnection: observer.countRefusedConnection,
    adminToken,
    keys,
    options,
    storeLost: held.lost,
    flush() {
      observer.flush();
      try {
        limiters.flush();
      } catch (error) {
        backgroundFailure(error);
      }
    },
    async close() {
      limiters.close();
      observer.close();
      await forwarder.close();
      changes.close();
      held.release();
      db.close();
    },
  };
}
