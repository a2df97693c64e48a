import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { writeSnapshot } from '../../../catalog/index.ts';
import { openRedis, type RedisConnection } from '../../../gateway-stub/redis/open-redis.ts';
import { openRedisChangeChannel } from '../../../gateway-stub/store/redis-change-channel.ts';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.ts';
import { runKeysCli } from './helpers/run-keys-cli.ts';
import { loadFixtureCatalog } from './helpers/start-test-gateway.ts';

/** Polls until `check` holds: a state to reach, whatever the machine's speed. */
async function waitFor(what: string, check: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 3_000; attempt += 1) {
    if (check()) return;
    await sleep(10);
  }
  throw new Error(`never reached: ${what}`);
}

describe('change announcements over Redis pub/sub', () => {
  let redis: RedisServer;
  const connections: RedisConnection[] = [];
  const connect = async (): Promise<RedisConnection> => {
    const connection = await openRedis(redis.url);
    connections.push(connection);
    return connection;
  };
  before(async () => {
    redis = await startRedisServer();
  });
  after(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await redis.stop();
  });

  it('reach another process’s channel, not the sender’s own, and the delay is printed', async () => {
    const heard = { sender: 0, listener: 0 };
    let heardAt = 0;
    const sender = await openRedisChangeChannel({
      redis: await connect(),
      prefix: 'guichet:',
      onChange: () => {
        heard.sender += 1;
      },
      onNotice: () => undefined,
    });
    await openRedisChangeChannel({
      redis: await connect(),
      prefix: 'guichet:',
      onChange: () => {
        heard.listener += 1;
        heardAt = performance.now();
      },
      onNotice: () => undefined,
    });
    const start = performance.now();
    sender.announce();
    await waitFor('the announcement heard', () => heard.listener === 1);
    console.log(
      `a change announced on Redis heard by another process after ${(heardAt - start).toFixed(2)} ms (goal: within 1 s)`,
    );
    await sender.close();
    assert.equal(heard.sender, 0, 'a process does not hear its own announcements');
  });

  it('tells its listener after Redis came back, since announcements were missed, and hears again', async () => {
    let heard = 0;
    const notices: string[] = [];
    const sender = await openRedisChangeChannel({
      redis: await connect(),
      prefix: 'guichet:',
      onNotice: (line) => notices.push(line),
    });
    await openRedisChangeChannel({
      redis: await connect(),
      prefix: 'guichet:',
      onChange: () => {
        heard += 1;
      },
      onNotice: () => undefined,
    });
    await redis.restart();
    await waitFor('the missed announcements made up for', () => heard === 1);
    // Announce until one gets through: the sender's own connection comes back by itself.
    for (let attempt = 0; heard < 2; attempt += 1) {
      assert.ok(attempt < 600, 'an announcement gets through once Redis is back');
      sender.announce();
      await sleep(50);
    }
    await sender.close();
  });

  it('carries the changes of npm run keys', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'guichet-redis-cli-'));
    // The fixture catalog, as a running sandbox leaves it: the command reads no apis/.
    await writeSnapshot(await loadFixtureCatalog(), join(dataDir, 'catalog.json'));
    const messages: string[] = [];
    const listener = await connect();
    await listener.subscribe(
      'guichet:changes',
      (message) => messages.push(message),
      () => undefined,
    );
    try {
      const env = { GUICHET_REDIS_URL: redis.url, GUICHET_DATABASE_URL: '' };
      const created = await runKeysCli(
        dataDir,
        ['create', '--app', 'Annoncée', '--api', 'colis'],
        env,
      );
      assert.equal(created.code, 0, created.stderr);
      await waitFor('the creation announced', () => messages.length === 1);
      const prefix = /gk_[A-Za-z0-9_-]{8}/.exec(created.stdout)?.[0];
      assert.ok(prefix, created.stdout);
      const revoked = await runKeysCli(dataDir, ['revoke', prefix], env);
      assert.equal(revoked.code, 0, revoked.stderr);
      await waitFor('the revocation announced', () => messages.length === 2);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
