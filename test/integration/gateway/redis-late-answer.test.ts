/**
 * A quota decision whose answer Redis gave in time must not be declared late because this
 * gateway's event loop was busy: the answer waits in the socket while the loop works, and the
 * timer that bounds the wait comes due meanwhile. A real redis-server, the gateway's own Redis
 * connection and shared quota; the loop is blocked synchronously until Redis is seen to have
 * written its answer and the timeout has passed several times over (a state, not a race).
 * A Redis that is truly frozen still gets the call decided by the policy.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { createRedisQuota, type SharedQuota } from '../../../gateway-stub/quota/redis-quota.ts';
import { quotaScriptSha } from '../../../gateway-stub/quota/quota-script.ts';
import { createSlidingWindow } from '../../../gateway-stub/quota/sliding-window.ts';
import { openRedis, type RedisConnection } from '../../../gateway-stub/redis/open-redis.ts';
import { startRedisServer, type RedisServer } from '../../helpers/redis-server.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const timeoutMs = 40;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Runs one command with Debian's redis-cli, synchronously: the event loop stays blocked. */
function askSync(port: number, args: string[]): string {
  return execFileSync('/usr/bin/redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' });
}

/**
 * Blocks the event loop until Redis has run an EVALSHA for a client and written the whole
 * answer to its socket (`obl=0`, nothing left in its output buffer: on loopback the answer is
 * then in our socket, unread), and until `timeoutMs` has passed three times over.
 */
function blockUntilAnswered(port: number): void {
  const started = performance.now();
  for (;;) {
    const answered = askSync(port, ['CLIENT', 'LIST'])
      .split('\n')
      .some((line) => / cmd=evalsha /.test(line) && / obl=0 /.test(line) && / oll=0 /.test(line));
    if (answered && performance.now() - started > timeoutMs * 3) return;
    Atomics.wait(pause, 0, 0, 5);
  }
}

describe('a Redis answer read after the event loop was busy', () => {
  let redis: RedisServer;
  let connection: RedisConnection;
  let quota: SharedQuota;
  const notices: string[] = [];
  before(async () => {
    redis = await startRedisServer();
    connection = await openRedis(redis.url);
    quota = createRedisQuota({
      redis: connection,
      prefix: 'guichet:',
      windowMs: 60_000,
      timeoutMs,
      // A wrongly late answer would give no decision at all: plain to see.
      policy: 'fail-closed',
      fallback: createSlidingWindow(60_000),
      onNotice: (line) => notices.push(line),
    });
    // The script loaded ahead, so the decision is one EVALSHA and nothing follows it.
    await waitFor(
      'the quota script loaded',
      () => askSync(redis.port, ['SCRIPT', 'EXISTS', quotaScriptSha]).trim() === '1',
    );
  });
  after(async () => {
    quota.close();
    await connection.close();
    await redis.stop();
  });

  it('is Redis’s decision, not the failure policy’s', async () => {
    const decision = quota.take('sub_busy', 5);
    assert.ok(decision instanceof Promise);
    // The client writes commands in a setImmediate queued before this one.
    await new Promise((resolve) => setImmediate(resolve));
    blockUntilAnswered(redis.port);
    assert.deepEqual(await decision, { allowed: true, remaining: 4, resetSeconds: 60 });
    assert.deepEqual(notices, []);
    assert.match(quota.renderMetrics(), /^guichet_gateway_quota_shared 1$/m);
  });

  it('still lets the policy decide when Redis is frozen', async () => {
    redis.freeze();
    try {
      assert.equal(await quota.take('sub_frozen', 5), undefined);
    } finally {
      redis.thaw();
    }
    assert.equal(notices.length, 1);
    assert.match(notices[0] ?? '', /does not decide quotas \(no answer within 40 ms\)/);
    await waitFor('Redis deciding again', () => notices.length === 2);
    assert.match(notices[1] ?? '', /decides quotas again, shared/);
    assert.equal((await quota.take('sub_frozen', 5))?.allowed, true);
  });
});
