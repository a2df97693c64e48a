import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readProblem, startMockServer, type TestMockServer } from './helpers/start-mock-server.ts';

/**
 * `lent` is a 4 KB document whose schemas each point four times to the next: Prism copies every
 * shared schema wherever it is used, so preparing it never ends. It must cost its own API only.
 */
const folder = 'test/integration/mock-server/fixtures/slow';

describe('a document that takes longer than its budget', () => {
  let test: TestMockServer;

  before(async () => {
    test = await startMockServer(
      { prepareWorkers: 1, prepareCpuMs: 1000, referenceFallback: false },
      folder,
    );
    // Requests come once every preparation has settled: a request's own wait is wall time, which
    // a loaded machine stretches, while the budget under test is CPU time.
    await test.mock.prepareAll();
  });
  after(async () => {
    await test.close();
  });

  it('is given up: 503 for its API, the others answer', async () => {
    const problem = await readProblem(
      await fetch(`${test.baseUrl}/lent/v1/noeuds`, { headers: { 'accept-language': 'en' } }),
    );
    assert.deepEqual([problem.status, problem.type], [503, '/problems/api-unavailable']);
    assert.equal(
      problem.detail,
      'The sandbox cannot mock lent v1: its document needed more than 1 s of CPU to prepare.',
    );
    assert.doesNotMatch(JSON.stringify(problem), /at .*\.(js|ts):\d+/);
    const other = await fetch(`${test.baseUrl}/rapide/v1/heure`);
    assert.equal(other.status, 200);
    assert.deepEqual(await other.json(), { heure: '09:30' });
    const health = test.mock.health();
    assert.deepEqual([health.ready, health.failed], [1, 1]);
  });
});

describe('the fallback that keeps $refs', () => {
  let test: TestMockServer;

  before(async () => {
    test = await startMockServer({ prepareWorkers: 1, prepareCpuMs: 1000 }, folder);
    await test.mock.prepareAll();
  });
  after(async () => {
    await test.close();
  });

  it("mocks the document once Prism's own preparation ran out of time", async () => {
    const response = await fetch(`${test.baseUrl}/lent/v1/noeuds`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-guichet-operation'), 'listerNoeuds');
    assert.deepEqual(await response.json(), {});
    const version = test.mock.health().versions.find((item) => item.api === 'lent');
    assert.deepEqual(
      [version?.state, version?.preparation, version?.fallbackReason],
      ['ready', 'references', 'needed more than 1 s of CPU to prepare'],
    );
    // Generated answers follow the shared schemas through `$ref`s: four keys at every level.
    const dynamic = await fetch(`${test.baseUrl}/lent/v1/noeuds`, {
      headers: { prefer: 'dynamic=true' },
    });
    const body = (await dynamic.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body).sort(), ['a', 'b', 'c', 'd']);
  });
});

describe('a document still being prepared', () => {
  let test: TestMockServer;

  before(async () => {
    // A budget far beyond the test: `lent` keeps its worker busy until the server closes. The
    // request for `rapide` waits as long as it takes, so a loaded machine cannot turn it into a 503.
    test = await startMockServer(
      { prepareWorkers: 2, prepareCpuMs: 600_000, loadWaitMs: 600_000 },
      folder,
    );
  });
  after(async () => {
    await test.close();
  });

  it('does not hold back a request for another API', async () => {
    // Asked first, so its preparation occupies a worker; the request is dropped when the test ends.
    fetch(`${test.baseUrl}/lent/v1/noeuds`).catch(() => undefined);
    const isLoading = (): boolean =>
      test.mock.health().versions.find((item) => item.api === 'lent')?.state === 'loading';
    while (!isLoading()) await new Promise((resolve) => setTimeout(resolve, 20));
    const other = await fetch(`${test.baseUrl}/rapide/v1/heure`);
    assert.equal(other.status, 200);
    assert.equal(other.headers.get('x-guichet-operation'), 'donnerHeure');
  });
});
