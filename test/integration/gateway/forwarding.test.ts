import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { issueKey, startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

describe('forwarding to the mock server', () => {
  let upstream: EchoUpstream;
  let test: TestGateway;
  let key: string;

  before(async () => {
    upstream = await startEchoUpstream();
    test = await startTestGateway(upstream.url, { portalUrl: 'http://127.0.0.1:4321' });
    key = (await issueKey(test)).key;
  });
  after(async () => {
    await test.close();
    await upstream.close();
  });

  it('passes path, query, method and body, and never the key', async () => {
    const response = await fetch(`${test.baseUrl}/colis/v2/parcels?sort=desc&page=2`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json', prefer: 'code=201' },
      body: JSON.stringify({ recipient: 'Jeanne Martin' }),
    });
    assert.equal(response.status, 200);
    const seen = upstream.seen.at(-1);
    assert.equal(seen?.method, 'POST');
    assert.equal(seen.url, '/colis/v2/parcels?sort=desc&page=2');
    assert.equal(seen.body, '{"recipient":"Jeanne Martin"}');
    assert.equal(seen.headers.prefer, 'code=201');
    assert.equal(seen.headers['content-type'], 'application/json');
    assert.equal(seen.headers['x-api-key'], undefined);
    assert.doesNotMatch(JSON.stringify(seen), new RegExp(key));
  });

  it('echoes a well-formed X-Request-ID and forwards it, or generates one', async () => {
    const kept = await fetch(`${test.baseUrl}/colis/v2/parcels/AB1234`, {
      headers: { 'x-api-key': key, 'x-request-id': 'partner-trace:42' },
    });
    assert.equal(kept.headers.get('x-request-id'), 'partner-trace:42');
    assert.equal(upstream.seen.at(-1)?.headers['x-request-id'], 'partner-trace:42');

    const replaced = await fetch(`${test.baseUrl}/colis/v2/parcels/AB1234`, {
      headers: { 'x-api-key': key, 'x-request-id': 'no spaces allowed' },
    });
    const generated = replaced.headers.get('x-request-id') ?? '';
    assert.match(generated, /^[0-9a-f]{12}-[0-9a-z]+$/);
    assert.equal(upstream.seen.at(-1)?.headers['x-request-id'], generated);

    const refused = await fetch(`${test.baseUrl}/colis/v2/parcels/AB1234`);
    const problem = (await refused.json()) as { instance: string };
    assert.equal(problem.instance, refused.headers.get('x-request-id'));
  });

  it('keeps the operation header internal and the gateway headers authoritative', async () => {
    const response = await fetch(`${test.baseUrl}/colis/v2/parcels/AB1234`, {
      headers: { 'x-api-key': key, 'x-request-id': 'mine' },
    });
    assert.equal(response.headers.get('x-guichet-operation'), null);
    // The echo upstream sets its own X-Request-ID; the gateway's wins.
    assert.equal(response.headers.get('x-request-id'), 'mine');
    assert.equal(response.headers.get('content-type'), 'application/json');
  });

  it('announces deprecation and sunset on a deprecated version only', async () => {
    const deprecated = await fetch(`${test.baseUrl}/colis/v1/parcels/AB1234`, {
      headers: { 'x-api-key': key },
    });
    assert.equal(deprecated.status, 200);
    assert.equal(deprecated.headers.get('deprecation'), '@1738281600');
    assert.equal(deprecated.headers.get('sunset'), 'Thu, 31 Dec 2026 00:00:00 GMT');
    assert.equal(
      deprecated.headers.get('link'),
      '<http://127.0.0.1:4321/apis/colis/>; rel="deprecation"; type="text/html"',
    );
    const refused = await fetch(`${test.baseUrl}/colis/v1/parcels/AB1234`);
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('deprecation'), '@1738281600');
    const current = await fetch(`${test.baseUrl}/colis/v2/parcels/AB1234`, {
      headers: { 'x-api-key': key },
    });
    assert.equal(current.headers.get('deprecation'), null);
    assert.equal(current.headers.get('sunset'), null);
  });
});
