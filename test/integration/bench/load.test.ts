import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';

const roleEntry = resolve('bench/lib/gateway/run-role.ts');

describe("bench:gateway's load generator", () => {
  const seen = new Map<string, number>();
  let answered = 0;
  // Answers 200, except the first request and every tenth, refused as a quota would be: the
  // first so that a slow machine, which sends few requests in the slice, still meets a 429.
  const server = createServer((req, res) => {
    const key = String(req.headers['x-api-key']);
    seen.set(key, (seen.get(key) ?? 0) + 1);
    answered += 1;
    res.writeHead(answered === 1 || answered % 10 === 0 ? 429 : 200).end('{}');
  });
  const load = spawn(process.execPath, [roleEntry, '--role', 'load'], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let url = '';
  before(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  });
  after(async () => {
    load.kill('SIGTERM');
    server.close();
    await once(load, 'exit');
  });

  it('sends the keys of a pool in turn and counts every status it receives', async () => {
    const keys = Array.from({ length: 50 }, (_, index) => `key-${String(index)}`);
    load.send({ type: 'pool', name: 'hot', keys });
    load.send({
      type: 'go',
      url,
      path: '/api/v1/thing',
      pool: 'hot',
      concurrency: 4,
      rate: 0,
      warmupMs: 50,
      durationMs: 200,
    });
    const result = await new Promise<Record<string, unknown>>((done) => {
      const listen = (message: Record<string, unknown>): void => {
        if (message.type !== 'result') return;
        load.off('message', listen);
        done(message);
      };
      load.on('message', listen);
    });
    const statuses = result.statuses as Record<string, number>;
    // Every answer counted, warm-up included, 429s beside 200s.
    assert.equal((statuses['200'] ?? 0) + (statuses['429'] ?? 0), answered);
    assert.ok((statuses['429'] ?? 0) > 0);
    // Round-robin: however many requests the machine managed to send, the n-th took the pool's
    // (n mod 50)-th key, so each key was used as often as the turns reached it.
    const turns = Math.floor(answered / keys.length);
    const expected = keys.map((_, index) => turns + (index < answered % keys.length ? 1 : 0));
    assert.deepEqual(
      keys.map((key) => seen.get(key) ?? 0),
      expected,
    );
  });
});
