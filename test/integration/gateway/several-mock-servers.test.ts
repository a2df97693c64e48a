import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSteadyLoad } from '../../helpers/steady-load.ts';
import { waitFor } from '../../helpers/wait-for.ts';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import {
  startRestartableMockServer,
  type RestartableMockServer,
} from './helpers/restartable-mock-server.ts';
import { issueKey, startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

/** Nothing listens on the discard port: connections to it are refused. */
const refusingUrl = 'http://127.0.0.1:9';

describe('a gateway in front of several mock servers', () => {
  let first: RestartableMockServer;
  let second: RestartableMockServer;
  let test: TestGateway;
  let key: string;
  const notices: string[] = [];

  before(async () => {
    [first, second] = await Promise.all([
      startRestartableMockServer(),
      startRestartableMockServer(),
    ]);
    test = await startTestGateway(`${first.url},${second.url}`, {
      upstreamHealthIntervalMs: 100,
      onNotice: (line) => notices.push(line),
    });
    ({ key } = await issueKey(test, { application: 'Load', api: 'colis', plan: 'premium' }));
  });
  after(async () => {
    // Whatever `before` managed to start, so a failed start leaves nothing running.
    await (test as TestGateway | undefined)?.close();
    const mocks: (RestartableMockServer | undefined)[] = [first, second];
    await Promise.all(mocks.map((mock) => mock?.close() ?? Promise.resolve()));
  });

  const read = (): Promise<Response> =>
    fetch(`${test.baseUrl}/colis/v2/parcels/AB1234`, { headers: { 'x-api-key': key } });

  it('shares the calls between them', async () => {
    const before = [first.served(), second.served()];
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const response = await read();
        await response.arrayBuffer();
        return response.status;
      }),
    );
    assert.deepEqual(statuses, Array(20).fill(200));
    assert.ok(first.served() > (before[0] ?? 0), 'the first mock server got calls');
    assert.ok(second.served() > (before[1] ?? 0), 'the second mock server got calls');
  });

  it('lets one be restarted under steady load without a failed request', async () => {
    const load = startSteadyLoad(8, () => read());
    await waitFor('calls reach both mock servers', () => first.served() > 20);
    await first.stop();
    const whileDown = second.served();
    await waitFor('the other mock server takes the load', () => second.served() > whileDown + 200);
    const servedBefore = first.served();
    const { prepared } = await first.start();
    await prepared;
    // Back in rotation only once its health check says every version is prepared.
    await waitFor(
      'the restarted mock server gets calls again',
      () => first.served() > servedBefore + 20,
    );
    const outcome = await load.stop();
    assert.deepEqual(outcome.unexpected, []);
    assert.deepEqual(Object.keys(outcome.statuses), ['200']);
    assert.equal(first.servedWhilePreparing(), 0, 'no call went to it while it was preparing');
    console.log(
      `restart under load: ${String(outcome.answered)} calls, all 200; ${String(first.served() - servedBefore)} to the restarted mock server once back`,
    );
    assert.ok(notices.some((line) => line.includes(first.url) && /out of rotation/.test(line)));
    assert.ok(notices.some((line) => line.includes(first.url) && /back in rotation/.test(line)));
  });

  it('sends a request whose connection was refused to another mock server, POST included', async () => {
    const seen: string[] = [];
    // No health check before the first calls: the refusal is met on the way.
    const other = await startTestGateway(`${refusingUrl},${second.url}`, {
      upstreamHealthIntervalMs: 60_000,
      onNotice: (line) => seen.push(line),
    });
    try {
      const issued = await issueKey(other, { application: 'Retry', api: 'colis', plan: 'premium' });
      const statuses = await Promise.all(
        Array.from({ length: 4 }, async () => {
          const response = await fetch(`${other.baseUrl}/colis/v2/parcels`, {
            method: 'POST',
            headers: { 'x-api-key': issued.key, 'content-type': 'application/json' },
            body: JSON.stringify({ recipient: 'Jeanne Martin' }),
          });
          await response.arrayBuffer();
          return response.status;
        }),
      );
      assert.deepEqual(statuses, [201, 201, 201, 201]);
      assert.ok(
        seen.some((line) => line.includes(refusingUrl) && /out of rotation/.test(line)),
        `the refused mock server was taken out: ${seen.join(' | ')}`,
      );
    } finally {
      await other.close();
    }
  });
});

describe('a request cut after it was sent to one of several mock servers', () => {
  let upstreams: EchoUpstream[];
  let test: TestGateway;
  let key: string;

  before(async () => {
    upstreams = await Promise.all([startEchoUpstream(), startEchoUpstream()]);
    test = await startTestGateway(upstreams.map((upstream) => upstream.url).join(','), {
      upstreamHealthIntervalMs: 60_000,
    });
    ({ key } = await issueKey(test, { application: 'Cut', api: 'colis', plan: 'premium' }));
  });
  after(async () => {
    await (test as TestGateway | undefined)?.close();
    await Promise.all(upstreams.map((upstream) => upstream.close()));
  });

  const broken = (): number =>
    upstreams.flatMap((upstream) => upstream.seen).filter((seen) => seen.url.endsWith('/broken'))
      .length;

  it('is not sent again when it may have changed something (POST): 502', async () => {
    const response = await fetch(`${test.baseUrl}/colis/v2/broken`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(response.status, 502);
    await response.arrayBuffer();
    assert.equal(broken(), 1);
  });

  it('is sent once more, to the other mock server, when it is idempotent (GET)', async () => {
    const sent = broken();
    const response = await fetch(`${test.baseUrl}/colis/v2/broken`, {
      headers: { 'x-api-key': key },
    });
    assert.equal(response.status, 502);
    await response.arrayBuffer();
    assert.equal(broken(), sent + 2);
    const hosts = new Set(
      upstreams.filter((upstream) => upstream.seen.some((seen) => seen.method === 'GET')),
    );
    assert.equal(hosts.size, 2, 'each mock server saw the GET once');
  });
});
