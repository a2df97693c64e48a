import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startMockServer, type TestMockServer } from './helpers/start-mock-server.ts';

/**
 * A `$ref` inside an example is the owner's data, not a reference: the version must still be
 * mocked, and the sandbox must never follow it (here, to the cloud metadata address).
 */
describe('an example holding a $ref to another host', () => {
  let test: TestMockServer;

  before(async () => {
    test = await startMockServer({}, 'test/integration/mock-server/fixtures/literal-refs');
    await test.mock.prepareAll();
  });
  after(async () => {
    await test.close();
  });

  it('is mocked, the reference dropped from the answer rather than followed', async () => {
    const health = test.mock.health();
    assert.deepEqual([health.ready, health.failed], [1, 0]);
    const response = await fetch(`${test.baseUrl}/subventions/v1/aides/AIDE-1`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { id: 'AIDE-1', meta: {} });
  });
});
