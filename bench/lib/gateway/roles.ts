/**
 * The processes of `npm run bench:gateway`, each started as `run-role.ts --role <name>`: the fast
 * upstream, guichet's mock server, the bare pass-through proxy, the gateway, and the load.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { readSnapshot } from '../../../catalog/index.ts';
import { createGateway } from '../../../gateway-stub/index.ts';
import { hopByHopHeaders } from '../../../gateway-stub/proxy/hop-by-hop.ts';
import { createMockServer } from '../../../mock-server/create-mock-server.ts';
import { createKeyRotation, type KeyRotation } from './key-rotation.ts';
import { send, type Message } from './messages.ts';
import { runSlice, type Slice } from './run-slice.ts';

/** The fast upstream's answer: small, like a typical JSON resource. */
export const upstreamBody = JSON.stringify({ id: 'AB1234', status: 'sent', note: 'x'.repeat(64) });

/** Listens on an ephemeral loopback port, tells the parent which, and reports CPU on demand. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<void> {
  const server = createServer({ keepAliveTimeout: 60_000 }, handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  let cpuStart = process.cpuUsage();
  process.on('message', (message: Message) => {
    if (message.type === 'cpu-start') cpuStart = process.cpuUsage();
    if (message.type === 'cpu-stop') {
      const used = process.cpuUsage(cpuStart);
      send({ type: 'cpu', micros: used.user + used.system });
    }
  });
  send({ type: 'listening', port: (server.address() as AddressInfo).port });
}

/** Each role the bench starts as its own process. */
export const roles: Record<string, (args: string[]) => Promise<void>> = {
  upstream: () =>
    serve((req, res) => {
      req.resume();
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(upstreamBody),
        'x-guichet-operation': 'getParcel',
      });
      res.end(upstreamBody);
    }),
  mock: async ([snapshot = '']) => {
    const mock = createMockServer({ catalog: await readSnapshot(snapshot) });
    await mock.prepareAll();
    await serve(mock.handle);
  },
  bare: ([upstream = '']) => {
    const pool = new Pool(upstream, { connections: 64 });
    const strip = (
      headers: Record<string, string | string[] | undefined>,
    ): Record<string, string | string[]> => {
      const out: Record<string, string | string[]> = {};
      for (const name in headers) {
        const value = headers[name];
        if (value !== undefined && !hopByHopHeaders.has(name) && name !== 'host') out[name] = value;
      }
      return out;
    };
    return serve((req, res) => {
      pool.stream(
        {
          path: req.url ?? '/',
          method: req.method ?? 'GET',
          headers: strip(req.headers),
          opaque: res,
        },
        ({ statusCode, headers, opaque }) => {
          const response = opaque;
          response.writeHead(statusCode, strip(headers));
          return response;
        },
        (error, { opaque }) => {
          const response = opaque;
          if (error && !response.headersSent) response.writeHead(502).end();
        },
      );
    });
  },
  gateway: async ([upstream = '', snapshot = '', dataDir = '', api = '', count = '1']) => {
    const gateway = createGateway({
      catalog: await readSnapshot(snapshot),
      upstreamUrl: upstream,
      dataDir,
    });
    // Real keys through the key service, one application each, as partners would hold them.
    const keys: string[] = [];
    for (let index = 0; index < Number(count); index += 1) {
      const application = `Bench application ${String(index)}`;
      keys.push(gateway.keys.issueKey({ application, api, plan: 'internal' }).key);
    }
    await serve(gateway.handlePublic);
    send({ type: 'keys', keys });
  },
  load: () => {
    // One load process for the whole bench: `pool` messages give it keys to send in turn
    // (each pool keeps its place across slices), each `go` message is one measured slice.
    const pools = new Map<string, KeyRotation>();
    process.on('message', (message: Message) => {
      if (message.type === 'pool') {
        pools.set(String(message.name), createKeyRotation(message.keys as string[]));
      }
      if (message.type === 'go') {
        const slice = message as unknown as Slice;
        const keys = pools.get(slice.pool);
        if (slice.pool !== '' && !keys) throw new Error(`no key pool "${slice.pool}"`);
        void runSlice(slice, keys);
      }
    });
    return Promise.resolve();
  },
};
