import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../../gateway-stub/store/open-database.ts';
import { startRealMockServer, type RealMockServer } from './helpers/start-real-mock-server.ts';
import { issueKey, startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

describe('gateway in front of the real mock server (Prism)', () => {
  let mock: RealMockServer;
  let test: TestGateway;
  let key: string;
  let consumerId: string;

  before(async () => {
    mock = await startRealMockServer();
    test = await startTestGateway(mock.url);
    ({ key, consumerId } = await issueKey(test));
  });
  after(async () => {
    await test.close();
    await mock.close();
  });

  const call = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${test.baseUrl}${path}`, {
      ...init,
      headers: { 'x-api-key': key, ...(init.headers as Record<string, string> | undefined) },
    });

  it("serves the document's example with the gateway's headers, and hides the operation header", async () => {
    const response = await call('/colis/v2/parcels/AB1234', {
      headers: { 'x-request-id': 'trace-prism-1' },
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { id: 'AB1234', status: 'sent' });
    assert.equal(response.headers.get('x-request-id'), 'trace-prism-1');
    assert.equal(response.headers.get('ratelimit-policy'), '"free";q=50;w=60');
    assert.match(response.headers.get('ratelimit') ?? '', /^"free";r=\d+;t=\d+$/);
    assert.equal(response.headers.get('x-guichet-operation'), null);
  });

  it("passes the mock server's own refusals through, with the request id as their instance", async () => {
    const invalid = await call('/colis/v2/parcels', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-prism-2' },
      body: JSON.stringify({}),
    });
    assert.equal(invalid.status, 422);
    assert.equal(invalid.headers.get('content-type'), 'application/problem+json');
    const problem = (await invalid.json()) as { instance: string; violations: unknown[] };
    assert.equal(problem.instance, 'trace-prism-2');
    assert.ok(problem.violations.length > 0);
    assert.equal(invalid.headers.get('ratelimit-policy'), '"free";q=50;w=60');

    const missing = await call('/colis/v2/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-type'), 'application/problem+json');
  });

  it('forwards a valid body to a deprecated version and announces its end', async () => {
    const created = await call('/colis/v1/parcels', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: 'Jeanne Martin' }),
    });
    assert.equal(created.status, 201);
    // The sandbox remembers parcels: the new one gets an id of its own, of the path's pattern.
    const parcel = (await created.json()) as { id: string };
    assert.deepEqual(Object.keys(parcel), ['id']);
    assert.match(parcel.id, /^[A-Z0-9]{6}$/);
    assert.equal(created.headers.get('deprecation'), '@1738281600');
    assert.equal(created.headers.get('sunset'), 'Thu, 31 Dec 2026 00:00:00 GMT');
  });

  it('counts usage per operation the mock server matched (none for an unknown path)', async () => {
    await test.gateway.flush();
    const db = openDatabase(test.dataDir);
    try {
      const rows = db
        .prepare(
          'SELECT version, operation, SUM(requests) AS requests FROM usage WHERE consumer_id = ? GROUP BY version, operation ORDER BY version, operation',
        )
        .all(consumerId)
        .map((row) => ({ ...row }));
      assert.deepEqual(rows, [
        { version: 'v1', operation: 'createParcel', requests: 1 },
        { version: 'v2', operation: 'createParcel', requests: 1 },
        { version: 'v2', operation: 'getParcel', requests: 1 },
      ]);
    } finally {
      db.close();
    }
  });
});
