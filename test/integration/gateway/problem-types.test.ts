import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

describe('problem type URIs resolved against the sandbox', () => {
  let upstream: EchoUpstream;
  let withPortal: TestGateway;
  let withoutPortal: TestGateway;
  before(async () => {
    upstream = await startEchoUpstream();
    withPortal = await startTestGateway(upstream.url, {
      portalUrl: 'http://127.0.0.1:4321/preview/main',
    });
    withoutPortal = await startTestGateway(upstream.url);
  });
  after(async () => {
    await Promise.all([withPortal.close(), withoutPortal.close()]);
    await upstream.close();
  });

  it('lead to the portal page explaining the type', async () => {
    const response = await fetch(`${withPortal.baseUrl}/problems/quota-exceeded`, {
      redirect: 'manual',
    });
    assert.equal(response.status, 302);
    assert.equal(
      response.headers.get('location'),
      'http://127.0.0.1:4321/preview/main/problems/quota-exceeded/',
    );
  });

  it('answer a problem for an unknown type, or when no portal is configured', async () => {
    const unknown = await fetch(`${withPortal.baseUrl}/problems/no-such-type`, {
      redirect: 'manual',
    });
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { type: string }).type, '/problems/not-found');
    const unconfigured = await fetch(`${withoutPortal.baseUrl}/problems/quota-exceeded`, {
      redirect: 'manual',
      headers: { 'accept-language': 'en' },
    });
    assert.equal(unconfigured.status, 404);
    assert.match(
      ((await unconfigured.json()) as { detail: string }).detail,
      /\/problems\/ page lists them all/,
    );
  });
});
