import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the echo upstream saw of one request. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A stand-in for the mock server that answers with what it received. */
export interface EchoUpstream {
  url: string;
  seen: SeenRequest[];
  close(): Promise<void>;
}

/**
 * Starts an upstream on an ephemeral port that echoes each request as JSON and names the
 * operation in `X-Guichet-Operation`, as the mock server does. Three paths misbehave on purpose:
 * `…/slow` answers after `slowMs`, `…/broken` drops the connection, and `…/trickle` sends its
 * headers at once, then one byte every 100 ms for 20 s: a healthy answer that keeps its
 * connection busy.
 */
export async function startEchoUpstream(slowMs = 1_000): Promise<EchoUpstream> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(request);
      if (request.url.endsWith('/broken')) {
        req.socket.destroy();
        return;
      }
      if (request.url.endsWith('/trickle')) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        let sent = 0;
        const timer = setInterval(() => {
          sent += 1;
          if (sent < 200) res.write('.');
          else {
            clearInterval(timer);
            res.end('.');
          }
        }, 100);
        timer.unref();
        res.once('close', () => {
          clearInterval(timer);
        });
        return;
      }
      const answer = (): void => {
        const body = JSON.stringify(request);
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-guichet-operation': `${request.method} ${request.url.split('?')[0] ?? ''}`,
          'x-request-id': 'set-by-upstream',
        });
        res.end(body);
      };
      if (request.url.endsWith('/slow')) setTimeout(answer, slowMs).unref();
      else answer();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
