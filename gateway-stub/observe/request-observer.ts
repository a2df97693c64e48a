import type { ConnectionRefusal } from '../http/connection-limits.ts';
import type { Exchange } from '../http/exchange.ts';
import { problemTypes, type ProblemName } from '../../catalog/sandbox-problems.ts';
import { isStoreUnavailable } from '../../catalog/postgres/postgres-errors.ts';
import type { UsageStore } from '../store/gateway-store.ts';
import { subscriptionStates, type KeyStore, type SubscriptionState } from '../store/key-store.ts';
import { isStoreFull } from '../../catalog/sqlite/store-errors.ts';
import { createUsageAggregates } from '../store/usage-aggregates.ts';
import { whenReady } from '../store/awaitable.ts';
import { createAccessLog, type AccessLogEntry } from './access-log.ts';
import { anonymizeAddress } from './anonymize-address.ts';
import { toLoggedPath } from './logged-path.ts';
import { createOutageNotice } from './outage-notice.ts';
import { createMetrics } from './metrics.ts';

/** Where the observer writes. */
export interface RequestObserverOptions {
  usage: UsageStore;
  store: Pick<KeyStore, 'countByState'>;
  logDir: string;
  logRetentionDays: number;
  anonymizeClientAddresses: boolean;
  usageFlushMs: number;
  /** Days per-minute and per-hour usage aggregates are kept; day rows stay. */
  usageRetentionDays: number;
  /** Count calls for the usage reports (off only to measure what counting costs). */
  recordUsage: boolean;
  onError: (error: unknown) => void;
  /** Operational notices (a full disk, a recovery), once per change. */
  onNotice: (line: string) => void;
}

/** What happens after each answer: a log line, metrics, a usage count. */
export interface RequestObserver {
  /** Records an answered request; call once the answer is sent. */
  finish: (exchange: Exchange) => void;
  countQuotaRefusal: (exchange: Exchange) => void;
  /** Counts a request Node refused before the gateway saw it. */
  countClientError: (name: ProblemName) => void;
  /** Counts a write the store refused because its disk is full. */
  countStoreFull: () => void;
  /** Counts a connection refused by the connection limits. */
  countRefusedConnection: (reason: ConnectionRefusal) => void;
  /** The metrics' text; with PostgreSQL away, the subscriptions as last counted. */
  renderMetrics: () => Promise<string>;
  /**
   * Writes the usage counts still in memory (before a usage report reads the store); settles
   * once they are written, or kept for later when the store refused them.
   */
  flushUsage: () => Promise<void>;
  flush: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Creates the observer. Everything on the request path stays in memory (counters, a line
 * buffer, usage counts); writes to disk happen on timers and at close.
 */
export function createRequestObserver(options: RequestObserverOptions): RequestObserver {
  const metrics = createMetrics();
  const log = createAccessLog({
    dir: options.logDir,
    retentionDays: options.logRetentionDays,
    onNotice: options.onNotice,
  });
  const usage = createUsageAggregates(options.usage);
  let storeFullErrors = 0;
  // Most traffic comes from few addresses: remember the blurred form of recent ones.
  const blurred = new Map<string, string>();
  const toClient = (address: string): string => {
    if (!options.anonymizeClientAddresses) return address;
    let value = blurred.get(address);
    if (value === undefined) {
      if (blurred.size >= 1_000) blurred.clear();
      value = anonymizeAddress(address);
      blurred.set(address, value);
    }
    return value;
  };
  // A failed flush keeps its counts for the next one (see `usage-recorder.ts`), so the only
  // news is that writing stopped, then that it works again: told once each, not every flush.
  const usageOutage = createOutageNotice(
    options.onNotice,
    'usage counts',
    () => `${String(usage.pending)} calls kept in memory, written once it can`,
  );
  const failed = (error: unknown): void => {
    if (isStoreFull(error)) storeFullErrors += 1;
    usageOutage.failed(error);
  };
  const succeeded = (): void => {
    usageOutage.succeeded();
  };
  const flushUsage = (): Promise<void> => {
    try {
      const written = usage.flush();
      if (written instanceof Promise) return written.then(succeeded, failed);
      succeeded();
    } catch (error) {
      failed(error);
    }
    return Promise.resolve();
  };
  const timer = setInterval(() => void flushUsage(), options.usageFlushMs);
  timer.unref();
  // Off the request path, at start (rolling up what a stopped gateway left) and then hourly.
  let started = false;
  const applyRetention = (): void => {
    try {
      const kept = whenReady(
        options.usage.applyRetention(options.usageRetentionDays, Date.now()),
        () => options.usage.optimizeQueries(!started),
      );
      const done = (): void => {
        started = true;
      };
      if (kept instanceof Promise) kept.then(done, failed);
      else done();
    } catch (error) {
      failed(error);
    }
  };
  applyRetention();
  // The subscriptions as last counted, for the metrics while PostgreSQL is away.
  let lastCounts = Object.fromEntries(subscriptionStates.map((state) => [state, 0])) as Record<
    SubscriptionState,
    number
  >;
  const retentionTimer = setInterval(applyRetention, 3_600_000);
  retentionTimer.unref();

  // `toISOString` once a second; within it, only the milliseconds change.
  let secondStart = 0;
  let secondPrefix = '';
  // Usage counts key on the minute, computed with the second's prefix.
  let minute = 0;
  const toTime = (ms: number): string => {
    if (ms < secondStart || ms >= secondStart + 1000) {
      secondStart = ms - (ms % 1000);
      secondPrefix = new Date(secondStart).toISOString().slice(0, 20);
      minute = Math.floor(secondStart / 60_000);
    }
    const milliseconds = ms - secondStart;
    return `${secondPrefix}${milliseconds < 10 ? '00' : milliseconds < 100 ? '0' : ''}${milliseconds}Z`;
  };

  const entry: AccessLogEntry = {
    time: '',
    requestId: '',
    consumerId: '',
    api: '',
    version: '',
    method: '',
    path: '',
    status: 0,
    latencyMs: 0,
    quotaLeft: null,
    client: '',
  };

  return {
    finish(exchange) {
      const latencyMs = performance.now() - exchange.startedAt;
      const time = toTime(Math.floor(Date.now() - latencyMs));
      metrics.observeRequest(
        exchange.api,
        exchange.version,
        exchange.status,
        latencyMs / 1000,
        exchange.problem !== '',
      );
      // One increment for the usage reports, for calls to an API's paths: a path naming no
      // API is no API's usage, and a trial-key request names one without calling it.
      if (exchange.apiRoute !== undefined && options.recordUsage) {
        usage.record(
          minute,
          exchange.api,
          exchange.version,
          exchange.operation,
          exchange.consumerId,
          exchange.plan,
          exchange.status,
          latencyMs,
          exchange.problem === 'quotaExceeded',
        );
      }
      // One entry object for every request: the log formats it at once and keeps nothing.
      entry.time = time;
      entry.requestId = exchange.requestId;
      entry.consumerId = exchange.consumerId;
      entry.api = exchange.api;
      entry.version = exchange.version;
      entry.method = exchange.req.method ?? '';
      entry.path = toLoggedPath(exchange.req.url ?? '', exchange.presentedSecrets);
      entry.status = exchange.status;
      entry.latencyMs = Math.round(latencyMs * 1000) / 1000;
      entry.quotaLeft = exchange.quotaLeft < 0 ? null : exchange.quotaLeft;
      entry.client = toClient(exchange.client);
      log.write(entry);
    },
    countQuotaRefusal(exchange) {
      metrics.observeQuotaRefusal(exchange.api, exchange.plan);
    },
    countClientError(name) {
      metrics.observeRequest('', '', problemTypes[name].status, 0, true);
    },
    countStoreFull() {
      storeFullErrors += 1;
    },
    countRefusedConnection(reason) {
      metrics.observeRefusedConnection(reason);
    },
    async renderMetrics() {
      try {
        lastCounts = await options.store.countByState(Date.now());
      } catch (error) {
        if (!isStoreUnavailable(error)) throw error;
      }
      return metrics.render(lastCounts, {
        droppedLogLines: log.droppedLines,
        pendingUsageRequests: usage.pending,
        storeFullErrors,
      });
    },
    flushUsage,
    async flush() {
      const written = flushUsage();
      log.flush();
      await written;
    },
    async close() {
      clearInterval(timer);
      clearInterval(retentionTimer);
      const written = flushUsage();
      log.close();
      await written;
    },
  };
}
