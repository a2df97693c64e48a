import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeOnEachStore } from '../../helpers/gateway-stores.ts';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { issueKey, startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

/** The state of a key's only subscription as `GET /keys` shows it. */
async function stateInAdmin(test: TestGateway, prefix: string): Promise<string> {
  const response = await fetch(`${test.adminUrl}/keys`, { headers: test.admin });
  const { keys } = (await response.json()) as {
    keys: { prefix: string; subscriptions: { state: string }[] }[];
  };
  return keys.find((key) => key.prefix === prefix)?.subscriptions[0]?.state ?? '(none)';
}

/** `guichet_gateway_subscriptions{state}` of `/metrics`. */
async function countInMetrics(test: TestGateway, state: string): Promise<number> {
  const text = await (await fetch(`${test.adminUrl}/metrics`, { headers: test.admin })).text();
  const match = new RegExp(
    `^guichet_gateway_subscriptions\\{state="${state}"\\} (\\d+)$`,
    'm',
  ).exec(text);
  return Number(match?.[1] ?? Number.NaN);
}

describeOnEachStore('subscription end dates', (store) => {
  let upstream: EchoUpstream;
  let test: TestGateway;
  const call = (key: string): Promise<Response> =>
    fetch(`${test.baseUrl}/colis/v2/parcels/AB1234`, { headers: { 'x-api-key': key } });
  /** Writes an end date straight into the store, as an older gateway or a hand edit left it. */
  const storeExpiry = (keyId: string, expiresAt: string): Promise<void> =>
    store.execute(test.dataDir, 'UPDATE subscriptions SET expires_at = ? WHERE key_id = ?', [
      expiresAt,
      keyId,
    ]);

  before(async () => {
    upstream = await startEchoUpstream();
    test = await startTestGateway(upstream.url, store.gatewayOptions);
  });
  after(async () => {
    await test.close();
    await upstream.close();
  });

  it('refuses an end date past year 9999 or already passed, naming the field', async () => {
    for (const expiresAt of ['99999-01-01', '9999-12-31T23:00:00-05:00', '2020-01-01', 'soon']) {
      const response = await fetch(`${test.adminUrl}/keys`, {
        method: 'POST',
        headers: { ...test.admin, 'content-type': 'application/json' },
        body: JSON.stringify({ application: 'Dated app', api: 'colis', expiresAt }),
      });
      const problem = (await response.json()) as {
        type: string;
        errors: { pointer: string; detail: string }[];
      };
      assert.equal(response.status, 400, expiresAt);
      assert.equal(problem.type, '/problems/invalid-request');
      assert.deepEqual(
        problem.errors.map((error) => error.pointer),
        ['#/expiresAt'],
        expiresAt,
      );
      assert.match(problem.errors[0]?.detail ?? '', /9999-12-31/);
    }
  });

  it('shows the same state in the admin API, the metrics and the key, whatever the stored text', async () => {
    const cases = [
      // What V8 writes for year 99999: far in the future, though it sorts before "2…" as text.
      { stored: '+099999-01-01T00:00:00.000Z', state: 'active', status: 200 },
      { stored: '2999-01-01T00:00:00.000Z', state: 'active', status: 200 },
      { stored: '2020-01-01T00:00:00.000Z', state: 'expired', status: 403 },
      // Unreadable: the key is closed rather than left open forever.
      { stored: 'next tuesday', state: 'expired', status: 403 },
    ];
    const issued = [];
    for (const [index, item] of cases.entries()) {
      const key = await issueKey(test, {
        application: `Stored date ${String(index)}`,
        api: 'colis',
      });
      await storeExpiry(key.keyId, item.stored);
      issued.push({ ...item, ...key });
    }
    for (const item of issued) {
      assert.equal(await stateInAdmin(test, item.prefix), item.state, item.stored);
      const response = await call(item.key);
      assert.equal(response.status, item.status, item.stored);
      if (item.status === 403) {
        const problem = (await response.json()) as { type: string };
        assert.equal(problem.type, '/problems/subscription-expired');
      } else {
        await response.arrayBuffer();
      }
    }
    assert.equal(await countInMetrics(test, 'active'), 2);
    assert.equal(await countInMetrics(test, 'expired'), 2);
  });
});
