/**
 * The processes of `npm run bench:gateway`, each started as `run-role.ts --role <name>`: the fast
 * upstream, guichet's mock server, the bare pass-through proxy, the gateway, and the load.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { readSnapshot } from '../../../catalog/index.ts';
import { openGateway } from '../../../gateway-stub/index.ts';
import { hopByHopHeaders } from '../../../gateway-stub/proxy/hop-by-hop.ts';
import { createMockServer } from '../../../mock-server/create-mock-server.ts';
import { createKeyRotation, type CredentialKind, type KeyRotation } from './key-rotation.ts';
import { send, type Message } from './messages.ts';
import { runSlice, type Slice } from './run-slice.ts';

/** The fast upstream's answer: small, like a typical JSON resource. */
export const upstreamBody = JSON.stringify({ id: 'AB1234', status: 'sent', note: 'x'.repeat(64) });

/** Listens on an ephemeral loopback port, tells the parent which, and reports CPU on demand. */
async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<number> {
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
  const { port } = server.address() as AddressInfo;
  send({ type: 'listening', port });
  return port;
}

/** One token per application by `POST /oauth/token` (client_secret_basic), a few at a time. */
async function requestTokens(
  base: string,
  applications: readonly { clientId: string; clientSecret: string }[],
): Promise<string[]> {
  const pool = new Pool(base, { connections: 8 });
  const tokens: string[] = [];
  for (let start = 0; start < applications.length; start += 8) {
    const batch = applications.slice(start, start + 8).map(async (application) => {
      const response = await pool.request({
        path: '/oauth/token',
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${application.clientId}:${application.clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      });
      const body = (await response.body.json()) as { access_token?: string };
      if (response.statusCode !== 200 || body.access_token === undefined) {
        throw new Error(`the token endpoint answered ${String(response.statusCode)}`);
      }
      return body.access_token;
    });
    tokens.push(...(await Promise.all(batch)));
  }
  await pool.close();
  return tokens;
}

/** Each role the bench starts as its own process. */
export const roles: Record<string, (args: string[]) => Promise<unknown>> = {
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
  gateway: async ([
    upstream = '',
    snapshot = '',
    dataDir = '',
    api = '',
    count = '1',
    kind = 'key',
    redisUrl = '',
    databaseUrl = '',
  ]) => {
    const gateway = await openGateway({
      catalog: await readSnapshot(snapshot),
      upstreamUrl: upstream,
      dataDir,
      ...(redisUrl === '' ? {} : { redisUrl }),
      ...(databaseUrl === '' ? {} : { databaseUrl }),
      // Tokens outlive the whole run: an expired one would measure a refusal.
      tokenLifetimeSeconds: 3_600,
    });
    // Real keys through the key service, one application each, as partners would hold them.
    const issued = [];
    for (let index = 0; index < Number(count); index += 1) {
      const application = `Bench application ${String(index)}`;
      issued.push(await gateway.keys.issueKey({ application, api, plan: 'internal' }));
    }
    const port = await serve(gateway.handlePublic);
    // Tokens from the sandbox's own token endpoint, one per application, as partners get them.
    const credentials =
      kind === 'token'
        ? await requestTokens(`http://127.0.0.1:${String(port)}`, issued)
        : issued.map((item) => item.key);
    send({ type: 'keys', keys: credentials, kind });
  },
  load: () => {
    // One load process for the whole bench: `pool` messages give it keys to send in turn
    // (each pool keeps its place across slices), each `go` message is one measured slice.
    const pools = new Map<string, KeyRotation>();
    process.on('message', (message: Message) => {
      if (message.type === 'pool') {
        pools.set(
          String(message.name),
          createKeyRotation(message.keys as string[], message.kind as CredentialKind),
        );
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
