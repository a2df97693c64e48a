import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeSnapshot } from '../../../catalog/index.ts';
import { startEchoUpstream } from './helpers/start-echo-upstream.ts';
import { startMockProcess } from './helpers/start-mock-process.ts';
import {
  issueKey,
  loadFixtureCatalog,
  startTestGateway,
  type TestGateway,
} from './helpers/start-test-gateway.ts';

/** Status and problem type of one answer. */
async function readAnswer(response: Response): Promise<string> {
  const type = response.headers.get('content-type')?.startsWith('application/problem+json')
    ? ((await response.json()) as { type: string }).type
    : (await response.arrayBuffer(), 'body');
  return `${String(response.status)} ${type}`;
}

describe('a mock server that does not answer', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-hung-'));
  after(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers each queued request by its own deadline, not once a connection frees up', async () => {
    const upstream = await startEchoUpstream();
    // Two connections to the mock server, both kept busy by answers that trickle for 20 s.
    const test = await startTestGateway(upstream.url, {
      upstreamConnections: 2,
      upstreamTimeoutMs: 1_000,
    });
    try {
      const { key } = await issueKey(test, { application: 'Queue', api: 'colis', plan: 'premium' });
      const headers = { 'x-api-key': key };
      const trickles = await Promise.all(
        [0, 1].map(() => fetch(`${test.baseUrl}/colis/v2/trickle`, { headers })),
      );
      let trickling = trickles.length;
      for (const trickle of trickles) {
        assert.equal(trickle.status, 200);
        // Ends after 20 s, or is cut when the test closes the gateway.
        const ended = (): void => {
          trickling -= 1;
        };
        void trickle.arrayBuffer().then(ended, ended);
      }
      // These wait for a connection: only their own deadline can answer them while both stream.
      const queued = await Promise.all(
        Array.from({ length: 6 }, () =>
          fetch(`${test.baseUrl}/colis/v2/parcels/AB1234`, { headers }).then(readAnswer),
        ),
      );
      assert.equal(trickling, 2, 'both trickling answers are still streaming');
      assert.deepEqual(queued, Array(6).fill('504 /problems/upstream-timeout'));
    } finally {
      await closeAll(test, upstream);
    }
  });

  it('answers 504 to every request while the mock server process is stopped (SIGSTOP)', async () => {
    const snapshot = join(dataDir, 'catalog.json');
    await writeSnapshot(await loadFixtureCatalog(), snapshot);
    const mock = await startMockProcess(snapshot, '/colis/v2/parcels/AB1234');
    const connections = 4;
    const test = await startTestGateway(mock.url, {
      upstreamConnections: connections,
      upstreamTimeoutMs: 300,
    });
    try {
      const { key } = await issueKey(test, { application: 'Hung', api: 'colis', plan: 'premium' });
      const call = (): Promise<string> =>
        fetch(`${test.baseUrl}/colis/v2/parcels/AB1234`, { headers: { 'x-api-key': key } }).then(
          readAnswer,
        );
      assert.equal(await call(), '200 body');
      mock.child.kill('SIGSTOP');
      // Four times the pool: three quarters of them wait in the gateway's queue.
      const answers = await Promise.all(Array.from({ length: connections * 4 }, call));
      // The mock server never answered any: each 504 came from the gateway's own deadline.
      assert.equal(mock.isStopped(), true);
      assert.deepEqual(answers, Array(connections * 4).fill('504 /problems/upstream-timeout'));
    } finally {
      await test.close();
      await mock.stop();
    }
  });
});

describe('a request answered at its deadline', () => {
  // One connection to an upstream where `/hang` never answers and `/stream` sends its headers,
  // then holds its answer open until the test ends it.
  const seen: string[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(req.url ?? '');
    if (req.url?.endsWith('/hang') === true) {
      held.push(res);
      return;
    }
    if (req.url?.endsWith('/stream') === true) {
      res.writeHead(200, { 'content-type': 'text/plain' }).write('.');
      held.push(res);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  let test: TestGateway;
  let call: (path: string) => Promise<Response>;
  before(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const upstreamUrl = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
    test = await startTestGateway(upstreamUrl, { upstreamConnections: 1, upstreamTimeoutMs: 300 });
    const { key } = await issueKey(test, { application: 'Cut', api: 'colis', plan: 'premium' });
    call = (path) => fetch(`${test.baseUrl}/colis/v2/${path}`, { headers: { 'x-api-key': key } });
  });
  after(async () => {
    await test.close();
    server.closeAllConnections();
    server.close();
  });
  const nextHeld = async (): Promise<ServerResponse> => {
    const count = held.length;
    while (held.length === count) await new Promise((resolve) => setImmediate(resolve));
    return held.at(-1) as ServerResponse;
  };

  it('is cut at the mock server when it was sent, freeing its connection', async () => {
    seen.length = 0;
    const holding = nextHeld();
    const answer = call('parcels/hang').then(readAnswer);
    const cut = once(await holding, 'close');
    assert.equal(await answer, '504 /problems/upstream-timeout');
    // Aborted: the mock server's side of the request closes, and the connection serves again.
    await cut;
    assert.equal(await call('parcels/AB1234').then(readAnswer), '200 body');
    assert.deepEqual(seen, ['/colis/v2/parcels/hang', '/colis/v2/parcels/AB1234']);
  });

  it('is never sent when it was still waiting for a connection', async () => {
    seen.length = 0;
    const holding = nextHeld();
    const streaming = await call('parcels/stream');
    assert.equal(streaming.status, 200);
    const stream = await holding;
    // The only connection streams a healthy answer: this one waits in the queue until its deadline.
    assert.equal(await call('parcels/queued').then(readAnswer), '504 /problems/upstream-timeout');
    stream.end('.');
    await streaming.arrayBuffer();
    // Freed, the connection takes the next call; the one answered at its deadline was dropped.
    assert.equal(await call('parcels/AB1234').then(readAnswer), '200 body');
    assert.deepEqual(seen, ['/colis/v2/parcels/stream', '/colis/v2/parcels/AB1234']);
  });
});

async function closeAll(test: TestGateway, upstream: { close(): Promise<void> }): Promise<void> {
  await test.close();
  await upstream.close();
}
