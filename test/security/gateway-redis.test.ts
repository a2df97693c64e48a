/**
 * Hostile inputs to the gateway's Redis side: a `GUICHET_REDIS_URL` that points somewhere wrong
 * (an HTTP server, a port that accepts and never answers, a closed port, a Redis that wants
 * another password, a URL of another scheme) stops the real gateway process with one line
 * naming the host, never the password, within the bounded wait; settings out of their bounds
 * are refused by the env schema; a server posing as Redis that answers the quota script with
 * something else gets calls decided by the failure policy, never a 500; and subjects carrying
 * colons, percent signs, CR LF with commands, glob characters or lone surrogates each get a
 * key of their own under the prefix, touching no other key.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeSnapshot } from '../../catalog/index.ts';
import { createRedisQuota } from '../../gateway-stub/quota/redis-quota.ts';
import { createSlidingWindow } from '../../gateway-stub/quota/sliding-window.ts';
import { openRedis, type RedisConnection } from '../../gateway-stub/redis/open-redis.ts';
import { findFreePort } from '../helpers/find-free-port.ts';
import { startRedisServer, type RedisServer } from '../helpers/redis-server.ts';
import {
  loadGatewayFixtureCatalog,
  startFixtureMockServer,
  startGatewaySandbox,
} from './helpers/gateway-sandbox.ts';
import {
  assertRefusedInOneLine,
  runGatewayUntilExit,
  startHttpServer,
  startSilentServer,
  type ExitedProcess,
  type WrongServer,
} from './helpers/refused-start.ts';

const password = 'R3dis-pa55_never-printed';

describe('a GUICHET_REDIS_URL or Redis setting that points somewhere wrong', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-security-redis-'));
  let http: WrongServer;
  let redis: RedisServer;
  before(async () => {
    await writeSnapshot(await loadGatewayFixtureCatalog(), join(dir, 'catalog.json'));
    http = await startHttpServer('not redis');
    redis = await startRedisServer();
  });
  after(async () => {
    http.close();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The real gateway process with `env`: it must exit 1 with one line, before listening. */
  const startGateway = (env: Record<string, string>) =>
    runGatewayUntilExit({
      GUICHET_SANDBOX_SNAPSHOT: join(dir, 'catalog.json'),
      GUICHET_SANDBOX_DIR: dir,
      GUICHET_DATABASE_URL: '',
      ...env,
    });
  const refusedInOneLine = (result: ExitedProcess, start: RegExp): void => {
    assertRefusedInOneLine(result, start, password);
  };

  test('the gateway on an HTTP server’s port: one line naming the host, no hang', async () => {
    refusedInOneLine(
      await startGateway({
        GUICHET_REDIS_URL: `redis://:${password}@127.0.0.1:${String(http.port)}`,
      }),
      /^gateway: Redis at 127\.0\.0\.1:\d+ cannot be used \((the server there does not speak Redis’s protocol|it refused the credentials)/,
    );
  });

  test('the gateway on a port that accepts and never answers: stopped by the bounded wait', async () => {
    const silent = await startSilentServer();
    const result = await startGateway({
      GUICHET_REDIS_URL: `redis://:${password}@127.0.0.1:${String(silent.port)}`,
    });
    silent.close();
    refusedInOneLine(
      result,
      /^gateway: Redis at 127\.0\.0\.1:\d+ cannot be used \(no answer within 3 s/,
    );
  });

  test('the gateway on a port where nothing listens: one line', async () => {
    const port = await findFreePort();
    refusedInOneLine(
      await startGateway({ GUICHET_REDIS_URL: `redis://127.0.0.1:${String(port)}` }),
      /^gateway: Redis at 127\.0\.0\.1:\d+ cannot be used \(nothing listens there\)/,
    );
  });

  test('the gateway with a wrong password: one line naming the host, not the password', async () => {
    const admin = await openRedis(redis.url);
    try {
      await admin.send(['CONFIG', 'SET', 'requirepass', 'the-right-one'], 1_000);
      refusedInOneLine(
        await startGateway({
          GUICHET_REDIS_URL: `redis://:${password}@127.0.0.1:${String(redis.port)}`,
        }),
        /^gateway: Redis at 127\.0\.0\.1:\d+ cannot be used \(it refused the credentials/,
      );
    } finally {
      await admin.send(['CONFIG', 'SET', 'requirepass', ''], 1_000).catch(() => undefined);
      await admin.close();
    }
  });

  test('a URL of another scheme: refused by the settings, not echoed', async () => {
    refusedInOneLine(
      await startGateway({ GUICHET_REDIS_URL: `http://guichet:${password}@127.0.0.1:6379` }),
      /^gateway: GUICHET_REDIS_URL — must be a redis:\/\/ URL/,
    );
  });

  test('a failure policy, a prefix or a timeout out of their bounds: each named by the settings', async () => {
    const result = await startGateway({
      GUICHET_REDIS_URL: redis.url,
      GUICHET_REDIS_FAILURE: 'open',
      GUICHET_REDIS_PREFIX: 'other:guichet:',
      GUICHET_REDIS_TIMEOUT_MS: '0',
    });
    assert.equal(result.code, 1, result.output);
    const lines = result.output.trim().split('\n');
    assert.equal(lines.length, 3, result.output);
    assert.match(result.output, /^gateway: GUICHET_REDIS_PREFIX — must be one word/m);
    assert.match(result.output, /^gateway: GUICHET_REDIS_FAILURE — /m);
    assert.match(result.output, /^gateway: GUICHET_REDIS_TIMEOUT_MS — /m);
  });
});

describe('a server posing as Redis that answers the quota script with something else', () => {
  let impostor: TcpServer;
  const sockets: Socket[] = [];
  before(async () => {
    // Answers `+OK` to every command it reads, PING included: it passes for Redis at start.
    impostor = createTcpServer((socket) => {
      sockets.push(socket);
      socket.on('data', (chunk) => {
        const commands = chunk.toString('latin1').match(/(?:^|\r\n)\*\d+\r\n\$/g)?.length ?? 1;
        socket.write('+OK\r\n'.repeat(commands));
      });
    });
    impostor.listen(0, '127.0.0.1');
    await once(impostor, 'listening');
  });
  after(() => {
    for (const socket of sockets) socket.destroy();
    impostor.close();
  });

  test('calls are decided by this gateway’s own limiter, never a 500', async () => {
    const catalog = await loadGatewayFixtureCatalog();
    const mock = await startFixtureMockServer(catalog);
    const notices: string[] = [];
    const sandbox = await startGatewaySandbox({
      catalog,
      upstreamUrl: mock.url,
      options: {
        redisUrl: `redis://127.0.0.1:${String((impostor.address() as AddressInfo).port)}`,
        onNotice: (line) => notices.push(line),
      },
    });
    try {
      const { key } = await sandbox.issueKey({ application: 'Imposture', api: 'guichet-ouvert' });
      for (let index = 0; index < 3; index += 1) {
        const response = await fetch(`${sandbox.baseUrl}/guichet-ouvert/v1/demarches`, {
          headers: { 'x-api-key': key },
        });
        await response.arrayBuffer();
        assert.equal(response.status, 200);
        assert.match(response.headers.get('ratelimit') ?? '', /^"free";r=\d+;t=\d+$/);
      }
      assert.ok(
        notices.some((line) =>
          /does not decide quotas .*counts them alone \(fail-open\)/.test(line),
        ),
        notices.join('\n'),
      );
    } finally {
      await sandbox.close();
      await mock.close();
    }
  });
});

describe('quota subjects built from hostile ids', () => {
  let redis: RedisServer;
  let connection: RedisConnection;
  before(async () => {
    redis = await startRedisServer();
    connection = await openRedis(redis.url);
  });
  after(async () => {
    await connection.close();
    await redis.stop();
  });

  test('never share a key, stay under the prefix, and run no command', async () => {
    await connection.send(['SET', 'witness', 'kept'], 1_000);
    await connection.send(['SET', 'other:quota:a', 'kept'], 1_000);
    const quota = createRedisQuota({
      redis: connection,
      prefix: 'guichet:',
      windowMs: 60_000,
      timeoutMs: 5_000,
      policy: 'fail-closed',
      fallback: createSlidingWindow(60_000),
      onNotice: () => undefined,
    });
    const subjects = [
      'a:b',
      'a%003Ab',
      'a%3Ab',
      'a',
      'x\r\nFLUSHALL\r\n',
      'x',
      '*',
      '?',
      '{tag}',
      '',
      '\uD800',
      '\uFFFD',
      '../../a',
      'anonymous:guichet-ouvert:AAAA',
      'anonymous:guichet:ouvert:AAAA',
    ];
    try {
      for (const subject of subjects) {
        // A limit of one: a second subject sharing a key would be refused.
        const decision = await quota.take(subject, 1);
        assert.equal(decision?.allowed, true, JSON.stringify(subject));
      }
      for (const subject of subjects) {
        assert.equal((await quota.take(subject, 1))?.allowed, false, JSON.stringify(subject));
      }
    } finally {
      quota.close();
    }
    const keys = (await connection.send(['KEYS', '*'], 1_000)) as string[];
    const ours = keys.filter((key) => key.startsWith('guichet:'));
    assert.equal(ours.length, subjects.length);
    for (const key of ours) assert.match(key, /^guichet:quota:[A-Za-z0-9_.%-]*$/);
    assert.deepEqual(keys.filter((key) => !key.startsWith('guichet:')).sort(), [
      'other:quota:a',
      'witness',
    ]);
    assert.equal(await connection.send(['GET', 'witness'], 1_000), 'kept');
  });
});
