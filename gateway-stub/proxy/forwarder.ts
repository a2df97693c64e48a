import type { EventEmitter } from 'node:events';
import type { Dispatcher } from 'undici';
import type { Exchange } from '../http/exchange.ts';
import { createDeadlines, type Watched } from './deadlines.ts';
import { toClientHeaders, toUpstreamHeaders } from './forwarded-headers.ts';
import { startHealthProbes } from './health-probe.ts';
import {
  describeUpstreamFault,
  toUpstreamFailure,
  toUpstreamFault,
  type UpstreamFailure,
} from './upstream-errors.ts';
import { createUpstreamSet, type Upstream } from './upstream-set.ts';

/** How to reach the mock servers. */
export interface ForwarderOptions {
  /** Origins of the mock servers, e.g. `['http://127.0.0.1:4010']`; calls go round them. */
  upstreamUrls: readonly string[];
  /**
   * Longest wait for the answer's headers, counted from when the request is passed on, time
   * queued for a connection included; then longest wait between body chunks.
   */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** Connections kept open to each mock server. */
  connections: number;
  /** With several mock servers, how often their health is checked. */
  healthIntervalMs: number;
  /** Where a mock server leaving or rejoining the rotation is told. */
  onNotice: (line: string) => void;
  /**
   * Runs once per forwarded request, when the answer is sent, or with a failure when nothing
   * could be passed on (the caller then answers with a problem).
   */
  done: (exchange: Exchange, failure: UpstreamFailure | undefined) => void;
}

/** Passes requests to the mock servers and streams their answers back. */
export interface Forwarder {
  /**
   * Sends `exchange.req` (with `body`, read beforehand) to a mock server; the answer is
   * streamed to `exchange.res` with the exchange's headers added.
   */
  forward(exchange: Exchange, body: Buffer | undefined): void;
  close(): Promise<void>;
}

/** What undici is told when the gateway gives up on a request at its deadline. */
const deadlineReason = new Error("the gateway answered at the request's deadline");

/**
 * One request on its way to a mock server: what `stream()` carries as `opaque`, and the
 * request's abort signal as well. undici takes an `EventEmitter` for a signal (it listens with
 * `once('abort')`, stops with `removeListener`), and this record plays that part itself: an
 * `AbortController` per request cost an `AbortSignal`, an `EventTarget` listener and its
 * removal: a third of the time of the forward step itself, in a profile at 1,000 requests/s.
 * It holds no `aborted` property on purpose: undici would take it for a DOM `AbortSignal`.
 */
class Forwarding implements Watched {
  // Its place among the requests waiting for an answer (`deadlines.ts`).
  expiresAt = 0;
  previous: Watched | undefined = undefined;
  next: Watched | undefined = undefined;
  watched = false;
  /**
   * `waiting` for the answer's headers; `streaming` the answer to the client; `answered` at the
   * deadline, or with a failure — after which whatever undici reports is moot.
   */
  state: 'waiting' | 'streaming' | 'answered' = 'waiting';
  /** Why the request was aborted, read by undici when it is told. */
  reason: Error | undefined = undefined;
  /** undici's abort listener while the request is in its hands (it adds one at most). */
  private listener: (() => void) | undefined = undefined;
  readonly exchange: Exchange;
  /** What is sent: the same for a second attempt elsewhere. */
  readonly request: Dispatcher.RequestOptions<unknown>;
  /** Where it was sent last, and before (made only when a first attempt failed). */
  upstream: Upstream;
  tried: Upstream[] | undefined = undefined;

  constructor(exchange: Exchange, upstream: Upstream, body: Buffer | undefined) {
    this.exchange = exchange;
    this.upstream = upstream;
    const { req } = exchange;
    this.request = {
      path: req.url ?? '/',
      method: req.method ?? 'GET',
      headers: toUpstreamHeaders(req.headers, exchange.requestId, exchange.identityHeaders),
      body: body ?? null,
      // The part of EventEmitter undici uses (see above), which its types cannot say.
      signal: this as unknown as EventEmitter,
      opaque: this,
    };
  }

  on(event: string, listener: () => void): this {
    if (event === 'abort') this.listener = listener;
    return this;
  }

  once(event: string, listener: () => void): this {
    return this.on(event, listener);
  }

  removeListener(event: string, listener: () => void): this {
    if (event === 'abort' && this.listener === listener) this.listener = undefined;
    return this;
  }

  off(event: string, listener: () => void): this {
    return this.removeListener(event, listener);
  }

  /** Stops the request at undici: cut if it was sent, dropped unsent when its turn comes. */
  abort(): void {
    this.reason = deadlineReason;
    const listener = this.listener;
    this.listener = undefined;
    listener?.();
  }
}

/** Methods a second attempt cannot change more than the first did (RFC 9110, 9.2.2). */
const idempotentMethods = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Creates the forwarder over one undici `Pool` of keep-alive connections per mock server
 * (`upstream-set.ts`). `stream()` writes the answer straight into the client's
 * `ServerResponse`, with no intermediate stream.
 *
 * Each request carries its own deadline, from when it is passed on (`deadlines.ts`): undici's `headersTimeout`
 * starts only once a connection takes the request, so with a stopped mock server and more
 * requests than connections, the queued ones waited for those ahead to time out first — 300
 * calls got their 504 after 10.7 to 53 s instead of 10. At the deadline the gateway answers 504
 * itself, and aborts the request: undici cuts it if it was sent, and drops it unsent when its
 * turn comes if it was queued (undici reports a queued abort only then, hence the own answer).
 *
 * With several mock servers, a request that could not reach one (nothing was sent) goes to
 * another, and so does an idempotent one whose connection was cut before any answer: a mock
 * server restarted under load costs no failed call. A POST cut after it was sent is not sent
 * again, since the first may have created something. One pool per origin rather than undici's
 * `BalancedPool`, which hides which origin a failure came from, so it could neither be left
 * out nor avoided on the second attempt.
 */
export function createForwarder(options: ForwarderOptions): Forwarder {
  const set = createUpstreamSet(
    options.upstreamUrls,
    {
      connections: options.connections,
      // A backstop only: the deadline below fires first, counting the time queued as well.
      headersTimeout: options.timeoutMs + 1_000,
      bodyTimeout: options.timeoutMs,
      connect: { timeout: options.connectTimeoutMs },
    },
    options.onNotice,
  );
  const probes = startHealthProbes(set, {
    intervalMs: options.healthIntervalMs,
    connectTimeoutMs: options.connectTimeoutMs,
    timeoutMs: options.timeoutMs,
  });
  const timeoutFailure = toUpstreamFailure({ code: 'UND_ERR_HEADERS_TIMEOUT' }, options.timeoutMs);

  /** At a request's deadline: stop it at undici, and answer the client now. */
  const expire = (forwarding: Forwarding): void => {
    forwarding.abort();
    if (forwarding.state !== 'waiting') return;
    forwarding.state = 'answered';
    options.done(forwarding.exchange, timeoutFailure);
  };
  const deadlines = createDeadlines(options.timeoutMs, expire);

  const factory = ({
    statusCode,
    headers,
    opaque,
  }: {
    statusCode: number;
    headers: Record<string, string | string[] | undefined>;
    opaque: unknown;
  }) => {
    const forwarding = opaque as Forwarding;
    deadlines.remove(forwarding);
    // Unreachable once aborted, as undici checks; kept so an answer is never written twice.
    if (forwarding.state !== 'waiting') throw new Error('the request was answered at its deadline');
    forwarding.state = 'streaming';
    const { exchange } = forwarding;
    const operation = headers['x-guichet-operation'];
    if (typeof operation === 'string') exchange.operation = operation;
    exchange.status = statusCode;
    exchange.res.writeHead(statusCode, toClientHeaders(headers, exchange.headers));
    return exchange.res;
  };

  const dispatch = (forwarding: Forwarding): void => {
    forwarding.upstream.pool.stream(forwarding.request, factory, finished);
  };

  /** Sends a failed first attempt elsewhere when that is safe; false when it is not. */
  const retry = (forwarding: Forwarding, error: Error): boolean => {
    const fault = toUpstreamFault(error);
    if (fault === 'unreachable') set.takeOut(forwarding.upstream, describeUpstreamFault(error));
    const safe =
      fault === 'unreachable' ||
      (fault === 'cut' && idempotentMethods.has(forwarding.request.method));
    if (!safe) return false;
    const tried = (forwarding.tried ??= [forwarding.upstream]);
    const next = set.pickOther(tried);
    if (next === undefined) return false;
    tried.push(next);
    forwarding.upstream = next;
    dispatch(forwarding);
    return true;
  };

  function finished(error: Error | null, data: { opaque: unknown }): void {
    const forwarding = data.opaque as Forwarding;
    const { exchange } = forwarding;
    if (forwarding.state === 'answered') return;
    if (forwarding.state === 'streaming' || error === null) {
      deadlines.remove(forwarding);
      // The answer was passed on to its end, or broke halfway (the client's stream is cut).
      options.done(exchange, undefined);
      return;
    }
    // A second attempt keeps the request's deadline, counted from when it was first passed on.
    if (retry(forwarding, error)) return;
    deadlines.remove(forwarding);
    forwarding.state = 'answered';
    options.done(exchange, toUpstreamFailure(error, options.timeoutMs));
  }

  return {
    forward(exchange, body) {
      const forwarding = new Forwarding(exchange, set.pick(), body);
      deadlines.add(forwarding);
      dispatch(forwarding);
    },
    close() {
      deadlines.close();
      return probes.stop().then(() => set.close());
    },
  };
}
