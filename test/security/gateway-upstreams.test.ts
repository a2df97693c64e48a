/**
 * What a partner's call, or a mock server's health answer, could do to a gateway in front of
 * several mock servers: a call is never sent twice where the first may have changed something,
 * never sent round the mock servers more than once each, never resent when it was only slow;
 * a health answer that never ends, is huge or is no health report keeps that mock server out of
 * rotation without holding the gateway. Real gateway, real sockets.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../helpers/wait-for.ts';
import {
  startEchoUpstream,
  type EchoUpstream,
} from '../integration/gateway/helpers/start-echo-upstream.ts';
import {
  issueKey,
  startTestGateway,
  type TestGateway,
} from '../integration/gateway/helpers/start-test-gateway.ts';

describe('a partner call to two mock servers', () => {
  let upstreams: EchoUpstream[] = [];
  let sandbox: TestGateway | undefined;
  let key = '';

  before(async () => {
    upstreams = await Promise.all([startEchoUpstream(300), startEchoUpstream(300)]);
    sandbox = await startTestGateway(upstreams.map((upstream) => upstream.url).join(','), {
      upstreamHealthIntervalMs: 60_000,
      upstreamTimeoutMs: 150,
    });
    ({ key } = await issueKey(sandbox, { application: 'Rejeu', api: 'colis', plan: 'premium' }));
  });
  after(async () => {
    await sandbox?.close();
    await Promise.all(upstreams.map((upstream) => upstream.close()));
  });

  const sent = (suffix: string): number =>
    upstreams.flatMap((upstream) => upstream.seen).filter((seen) => seen.url.endsWith(suffix))
      .length;
  const call = async (path: string, init: RequestInit = {}): Promise<number> => {
    const response = await fetch(`${sandbox?.baseUrl ?? ''}${path}`, {
      ...init,
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
    });
    await response.arrayBuffer();
    return response.status;
  };

  test('a POST a mock server dropped after reading it is not replayed on the other: 502, sent once', async () => {
    assert.equal(await call('/colis/v2/broken', { method: 'POST', body: '{"id":1}' }), 502);
    assert.equal(sent('/broken'), 1);
  });

  test('a PATCH dropped the same way is not replayed either (not idempotent)', async () => {
    const before = sent('/broken');
    assert.equal(await call('/colis/v2/broken', { method: 'PATCH', body: '{}' }), 502);
    assert.equal(sent('/broken'), before + 1);
  });

  test('a GET every mock server drops is sent once to each, never round again: 502', async () => {
    const before = sent('/broken');
    assert.equal(await call('/colis/v2/broken'), 502);
    assert.equal(sent('/broken'), before + 2);
  });

  test('a GET that is only slow is answered 504 and sent to no other mock server', async () => {
    assert.equal(await call('/colis/v2/slow'), 504);
    // The echo answers after 300 ms, the gateway gave up at 150: wait for it to have seen it.
    await waitFor('the slow call reached a mock server', () => sent('/slow') >= 1);
    assert.equal(sent('/slow'), 1);
  });
});

/** A mock server answering calls with 200, and its health check with `health`. */
async function startUpstream(
  health: (res: ServerResponse) => void,
): Promise<{ url: string; calls: () => number; close(): Promise<void> }> {
  let calls = 0;
  const server = createServer((req, res) => {
    if (req.url === '/_mock/health') {
      health(res);
      return;
    }
    calls += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    calls: () => calls,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

const healthy = (res: ServerResponse): void => {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"loading":0,"ready":1}');
};

/**
 * Each case: its name, the hostile health answer, the reason the gateway must give, and the
 * gateway's upstream time limit. Only the answer that never ends needs a short limit to be
 * taken out; the others get one far beyond their work, so a loaded machine cannot turn their
 * reason into "no answer in time" (it once did at 500 ms).
 */
const hostileHealth: [string, (res: ServerResponse) => void, RegExp, number][] = [
  [
    'a health answer that never ends',
    (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"loading":0,');
      const timer = setInterval(() => res.write(' '), 20);
      res.once('close', () => {
        clearInterval(timer);
      });
    },
    /no answer in time/,
    2_000,
  ],
  [
    'a health answer of 2 MiB',
    (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(`{"loading":0,"pad":"${'x'.repeat(2 * 1_048_576)}"}`);
    },
    /more than a health report/,
    60_000,
  ],
  [
    'a health answer that is no report (loading as a string)',
    (res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"loading":"0"}');
    },
    /no health report/,
    60_000,
  ],
  [
    'a health answer that is not JSON',
    (res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>ok</h1>');
    },
    /no health report/,
    60_000,
  ],
];

describe('a mock server whose health check is hostile', () => {
  for (const [name, health, reason, timeoutMs] of hostileHealth) {
    test(`${name} keeps it out of rotation; calls go to the healthy one`, async () => {
      const hostile = await startUpstream(health);
      const good = await startUpstream(healthy);
      const notices: string[] = [];
      const gateway = await startTestGateway(`${hostile.url},${good.url}`, {
        upstreamHealthIntervalMs: 50,
        upstreamTimeoutMs: timeoutMs,
        onNotice: (line) => notices.push(line),
      });
      try {
        await waitFor('the hostile mock server is taken out', () =>
          notices.some((line) => line.includes(hostile.url)),
        );
        assert.match(notices.find((line) => line.includes(hostile.url)) ?? '', reason);
        const { key } = await issueKey(gateway, { application: 'Sonde', api: 'colis' });
        const calls = hostile.calls();
        for (let n = 0; n < 6; n += 1) {
          const response = await fetch(`${gateway.baseUrl}/colis/v2/parcels/AB1234`, {
            headers: { 'x-api-key': key },
          });
          assert.equal(response.status, 200);
          await response.arrayBuffer();
        }
        assert.equal(hostile.calls(), calls, 'no call went to the hostile mock server');
        assert.ok(!notices.some((line) => line.includes(good.url)), notices.join(' | '));
      } finally {
        await gateway.close();
        await Promise.all([hostile.close(), good.close()]);
      }
    });
  }
});
