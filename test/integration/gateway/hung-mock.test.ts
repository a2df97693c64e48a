import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
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

async function closeAll(test: TestGateway, upstream: { close(): Promise<void> }): Promise<void> {
  await test.close();
  await upstream.close();
}
