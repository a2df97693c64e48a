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
  /**
   * Runs once per forwarded request, when the answer is sent, or with a failure when nothing
   * could be passed on (the caller then answers with a problem).
   */
  done: (exchange: Exchange, failure: UpstreamFailure | undefined) => void;
}

/** Passes requests to the mock server and streams its answers back. */
export interface Forwarder {
  /**
   * Sends `exchange.req` (with `body`, read beforehand) to the mock server; the answer is
   * streamed to `exchange.res` with the exchange's headers added.
   */
  forward(exchange: Exchange, body: Buffer | undefined): void;
  close(): Promise<void>;
}

/**
 * Creates the forwarder over one undici `Pool` of keep-alive connections. `stream()` writes
 * the answer straight into the client's `ServerResponse`, with no intermediate stream, and
 * `opaque` carries the exchange so no closure or record is made per request.
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
    const exchange = opaque as Exchange;
    const operation = headers['x-guichet-operation'];
    if (typeof operation === 'string') exchange.operation = operation;
    exchange.status = statusCode;
    exchange.res.writeHead(statusCode, toClientHeaders(headers, exchange.headers));
    return exchange.res;
  };

  const finished = (error: Error | null, data: { opaque: unknown }): void => {
    const exchange = data.opaque as Exchange;
    if (error === null || exchange.res.headersSent) {
      options.done(exchange, undefined);
      return;
    }
    options.done(exchange, toUpstreamFailure(error, options.timeoutMs));
  };

  return {
    forward(exchange, body) {
      const { req } = exchange;
      pool.stream(
        {
          path: req.url ?? '/',
          method: req.method ?? 'GET',
          headers: toUpstreamHeaders(req.headers, exchange.requestId),
          body: body ?? null,
          opaque: exchange,
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
