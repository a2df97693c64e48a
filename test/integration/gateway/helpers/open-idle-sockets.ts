import { once } from 'node:events';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

/** Idle connections to `url`, opened from `localAddress` (any of 127/8 is loopback on Linux). */
export interface IdleSockets {
  sockets: Socket[];
  /** Everything each socket received before it closed, once it has. */
  closed: Promise<string>[];
  destroy(): void;
}

/** Opens `count` connections that never send a byte, one after the other. */
export async function openIdleSockets(
  url: string,
  localAddress: string,
  count: number,
): Promise<IdleSockets> {
  const { hostname, port } = new URL(url);
  const sockets: Socket[] = [];
  const closed: Promise<string>[] = [];
  for (let index = 0; index < count; index += 1) {
    const socket = connect({ host: hostname, port: Number(port), localAddress });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    socket.on('error', () => undefined);
    closed.push(once(socket, 'close').then(() => received));
    await once(socket, 'connect');
    sockets.push(socket);
  }
  return {
    sockets,
    closed,
    destroy() {
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** What one GET from `localAddress` got: a status and body, or the connection's error code. */
export function getFrom(
  url: string,
  localAddress: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const req = request(url, { localAddress, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
      res.on('error', () => {
        resolve({ error: 'ECONNRESET' });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ error: error.code ?? error.message });
    });
    req.end();
  });
}
