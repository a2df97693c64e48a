import type { DatabaseSync } from 'node:sqlite';
import type { Exchange } from '../http/exchange.ts';
import { problemTypes, type ProblemName } from '../problems/problem-types.ts';
import type { KeyStore } from '../store/key-store.ts';
import { createUsageRecorder } from '../store/usage-recorder.ts';
import { createAccessLog } from './access-log.ts';
import { anonymizeAddress } from './anonymize-address.ts';
import { createMetrics } from './metrics.ts';

/** Where the observer writes. */
export interface RequestObserverOptions {
  db: DatabaseSync;
  store: KeyStore;
  logDir: string;
  logRetentionDays: number;
  anonymizeClientAddresses: boolean;
  usageFlushMs: number;
  onError: (error: unknown) => void;
}

/** What happens after each answer: a log line, metrics, a usage count. */
export interface RequestObserver {
  /** Records an answered request; call once the answer is sent. */
  finish: (exchange: Exchange) => void;
  countQuotaRefusal: (exchange: Exchange) => void;
  /** Counts a request Node refused before the gateway saw it. */
  countClientError: (name: ProblemName) => void;
  renderMetrics: () => string;
  flush: () => void;
  close: () => void;
}

/**
 * Creates the observer. Everything on the request path stays in memory (counters, a line
 * buffer, usage counts); writes to disk happen on timers and at close.
 */
export function createRequestObserver(options: RequestObserverOptions): RequestObserver {
  const metrics = createMetrics();
  const log = createAccessLog({ dir: options.logDir, retentionDays: options.logRetentionDays });
  const usage = createUsageRecorder(options.db);
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
  const flushUsage = (): void => {
    try {
      usage.flush();
    } catch (error) {
      options.onError(error);
    }
  };
  const timer = setInterval(flushUsage, options.usageFlushMs);
  timer.unref();

  return {
    finish(exchange) {
      const now = Date.now();
      const latencyMs = performance.now() - exchange.startedAt;
      const time = new Date(now - latencyMs).toISOString();
      metrics.observeRequest(exchange.api, exchange.version, exchange.status, latencyMs / 1000);
      if (exchange.operation !== '' && exchange.consumerId !== '') {
        usage.record(
          time.slice(0, 10),
          exchange.consumerId,
          exchange.api,
          exchange.version,
          exchange.operation,
        );
      }
      const url = exchange.req.url ?? '';
      const query = url.indexOf('?');
      log.write({
        time,
        requestId: exchange.requestId,
        consumerId: exchange.consumerId,
        api: exchange.api,
        version: exchange.version,
        method: exchange.req.method ?? '',
        path: toLoggedPath(query === -1 ? url : url.slice(0, query)),
        status: exchange.status,
        latencyMs: Math.round(latencyMs * 1000) / 1000,
        quotaLeft: exchange.quotaLeft < 0 ? null : exchange.quotaLeft,
        client: toClient(exchange.req.socket.remoteAddress ?? ''),
      });
    },
    countQuotaRefusal(exchange) {
      metrics.observeQuotaRefusal(exchange.api, exchange.plan);
    },
    countClientError(name) {
      metrics.observeRequest('', '', problemTypes[name].status, 0);
    },
    renderMetrics() {
      return metrics.render(options.store.countByState(new Date().toISOString()));
    },
    flush() {
      flushUsage();
      log.flush();
    },
    close() {
      clearInterval(timer);
      flushUsage();
      log.close();
    },
  };
}

/** A key pasted into a path by mistake must not reach the log either. */
function toLoggedPath(path: string): string {
  return path.includes('gk_') ? path.replace(/gk_[A-Za-z0-9_-]{8,}/g, 'gk_(hidden)') : path;
}
