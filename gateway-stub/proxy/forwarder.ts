import { Pool } from 'undici';
import type { Exchange } from '../http/exchange.ts';
import { toClientHeaders, toUpstreamHeaders } from './forwarded-headers.ts';
import { toUpstreamFailure, type UpstreamFailure } from './upstream-errors.ts';

/** How to reach the mock server. */
export interface ForwarderOptions {
  /** Origin of the mock server, e.g. `http://127.0.0.1:4010`. */
  upstreamUrl: string;
  /** Longest wait for the answer's headers, then between body chunks. */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** Connections kept open to the mock server. */
  connections: number;
}

/** What happened to a forwarded request, for the stage that answers and logs. */
export interface ForwardOutcome {
  /** Set when the mock server could not give an answer to pass on. */
  failure: UpstreamFailure | undefined;
}

/** Passes requests to the mock server and streams its answers back. */
export interface Forwarder {
  /**
   * Sends `exchange.req` (with `body`, read beforehand) to the mock server. The answer is
   * streamed to `exchange.res` with the exchange's headers added; `done` runs once it is sent,
   * or with a failure when nothing could be passed on (the caller answers with a problem).
   */
  forward(
    exchange: Exchange,
    body: Buffer | undefined,
    done: (exchange: Exchange, outcome: ForwardOutcome) => void,
  ): void;
  close(): Promise<void>;
}

interface InFlight {
  exchange: Exchange;
  done: (exchange: Exchange, outcome: ForwardOutcome) => void;
}

/**
 * Creates the forwarder over one undici `Pool` of keep-alive connections. `stream()` writes
 * the answer straight into the client's `ServerResponse`, with no intermediate stream, and
 * `opaque` carries the exchange so no closure is made per request.
 */
export function createForwarder(options: ForwarderOptions): Forwarder {
  const pool = new Pool(options.upstreamUrl, {
    connections: options.connections,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: options.connectTimeoutMs },
  });

  const factory = ({
    statusCode,
    headers,
    opaque,
  }: {
    statusCode: number;
    headers: Record<string, string | string[] | undefined>;
    opaque: unknown;
  }) => {
    const { exchange } = opaque as InFlight;
    const operation = headers['x-guichet-operation'];
    if (typeof operation === 'string') exchange.operation = operation;
    exchange.status = statusCode;
    exchange.res.writeHead(statusCode, toClientHeaders(headers, exchange.headers));
    return exchange.res;
  };

  const finished = (error: Error | null, data: { opaque: unknown }): void => {
    const inFlight = data.opaque as InFlight;
    const { exchange } = inFlight;
    if (error === null || exchange.res.headersSent) {
      inFlight.done(exchange, { failure: undefined });
      return;
    }
    inFlight.done(exchange, { failure: toUpstreamFailure(error, options.timeoutMs) });
  };

  return {
    forward(exchange, body, done) {
      const { req } = exchange;
      const inFlight: InFlight = { exchange, done };
      pool.stream(
        {
          path: req.url ?? '/',
          method: req.method ?? 'GET',
          headers: toUpstreamHeaders(req.headers, exchange.requestId),
          body: body ?? null,
          opaque: inFlight,
        },
        factory,
        finished,
      );
    },
    close() {
      return pool.close();
    },
  };
}
