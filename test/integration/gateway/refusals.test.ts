import assert from 'node:assert/strict';
import { request } from 'node:http';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, before, describe, it } from 'node:test';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { issueKey, startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

/** Asserts an answer is the problem `slug` with `status`, and returns its body. */
async function expectProblem(
  response: Response,
  status: number,
  slug: string,
): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>;
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  assert.equal(body.type, `/problems/${slug}`);
  assert.equal(body.status, status);
  assert.equal(body.instance, response.headers.get('x-request-id'));
  assert.equal(typeof body.title, 'string');
  assert.equal(typeof body.detail, 'string');
  return body;
}

describe('gateway refusals', () => {
  let upstream: EchoUpstream;
  let test: TestGateway;
  let key: string;

  before(async () => {
    // The slow path answers well after the gateway's limit (undici checks it about every second).
    upstream = await startEchoUpstream(5_000);
    test = await startTestGateway(upstream.url, {
      upstreamTimeoutMs: 200,
      maxBodyBytes: 1_000,
      maxHeaderBytes: 4_096,
    });
    key = (await issueKey(test)).key;
  });
  after(async () => {
    await test.close();
    await upstream.close();
  });

  const call = (path: string, init: RequestInit = {}, withKey = true): Promise<Response> =>
    fetch(`${test.baseUrl}${path}`, {
      ...init,
      headers: {
        ...(withKey ? { 'x-api-key': key } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  it('401 without a key, naming the X-Api-Key scheme', async () => {
    const response = await call('/colis/v2/parcels/AB1234', {}, false);
    await expectProblem(response, 401, 'missing-key');
    assert.equal(response.headers.get('www-authenticate'), 'X-Api-Key realm="guichet-sandbox"');
  });

  it('401 for an unknown or malformed key', async () => {
    const unknown = await call(
      '/colis/v2/parcels/AB1234',
      { headers: { 'x-api-key': `gk_${'A'.repeat(32)}` } },
      false,
    );
    await expectProblem(unknown, 401, 'unknown-key');
    assert.equal(unknown.headers.get('www-authenticate'), 'X-Api-Key realm="guichet-sandbox"');
    // Right prefix, wrong secret part: found by prefix, refused by the hash.
    const forged = `${key.slice(0, 11)}${'B'.repeat(24)}`;
    await expectProblem(
      await call('/colis/v2/x', { headers: { 'x-api-key': forged } }, false),
      401,
      'unknown-key',
    );
    await expectProblem(
      await call('/colis/v2/x', { headers: { 'x-api-key': 'secret' } }, false),
      401,
      'unknown-key',
    );
  });

  it('403 with a distinct type for each reason a subscription refuses', async () => {
    await expectProblem(await call('/annuaire-agents/v1/agents'), 403, 'not-subscribed');
    const cases: [string, string][] = [
      ['approve', 'subscription-pending'],
      ['reject', 'subscription-rejected'],
      ['revoke', 'subscription-revoked'],
    ];
    for (const [action, slug] of cases) {
      const pending = await issueKey(test, {
        application: `App ${action}`,
        api: 'annuaire-agents',
        status: 'pending',
      });
      if (action !== 'approve') {
        const decided = await fetch(`${test.adminUrl}/keys/${pending.prefix}/${action}`, {
          method: 'POST',
          headers: test.admin,
        });
        assert.equal(decided.status, 200);
      }
      await expectProblem(
        await call('/annuaire-agents/v1/agents', { headers: { 'x-api-key': pending.key } }, false),
        403,
        slug,
      );
    }
    // An end date already passed cannot be given any more: it passed while the key was kept.
    const expired = await issueKey(test, { application: 'Old app', api: 'colis' });
    const db = new DatabaseSync(join(test.dataDir, 'gateway.sqlite'));
    db.prepare('UPDATE subscriptions SET expires_at = ? WHERE key_id = ?').run(
      '2020-01-01T00:00:00.000Z',
      expired.keyId,
    );
    db.close();
    const body = await expectProblem(
      await call('/colis/v2/x', { headers: { 'x-api-key': expired.key } }, false),
      403,
      'subscription-expired',
    );
    assert.match(String(body.detail), /a expiré le 2020-01-01T00:00:00\.000Z/);
  });

  it('404 for an unknown API or version, 410 for a retired version', async () => {
    await expectProblem(await call('/nope/v1/x'), 404, 'unknown-api');
    const version = await expectProblem(await call('/colis/v9/x'), 404, 'unknown-version');
    assert.match(String(version.detail), /elle a v2, v1, v0 \(actuelle : v2\)/);
    const retired = await call('/colis/v0/parcels/AB1234');
    await expectProblem(retired, 410, 'version-retired');
    assert.equal(retired.headers.get('sunset'), 'Sun, 30 Jun 2024 00:00:00 GMT');
    await expectProblem(await call('/'), 404, 'not-found');
    await expectProblem(await call('/_guichet/nothing'), 404, 'not-found');
  });

  it('404 for a path that climbs out of its API with dot segments', async () => {
    const before = upstream.seen.length;
    // Sent raw: fetch would resolve the dot segments before sending.
    for (const path of [
      '/colis/v2/../../annuaire-agents/v1/agents',
      '/colis/v2/%2e%2e/%2E%2E/annuaire-agents/v1/agents',
    ]) {
      const answer = await rawGet(test.baseUrl, path, { 'x-api-key': key });
      assert.equal(answer.status, 404, path);
      assert.equal((JSON.parse(answer.body) as { type: string }).type, '/problems/not-found');
    }
    assert.equal(upstream.seen.length, before);
  });

  it('413 for a body over the limit, declared or streamed', async () => {
    const declared = await call('/colis/v2/parcels', {
      method: 'POST',
      body: 'x'.repeat(1_001),
      headers: { 'content-type': 'text/plain' },
    });
    await expectProblem(declared, 413, 'body-too-large');
    const streamed = await call('/colis/v2/parcels', {
      method: 'POST',
      body: new ReadableStream({
        start(controller) {
          for (let index = 0; index < 5; index += 1)
            controller.enqueue(new TextEncoder().encode('y'.repeat(300)));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    await expectProblem(streamed, 413, 'body-too-large');
  });

  it('431 for request headers over the limit, as a problem', async () => {
    const { status, headers, body } = await rawGet(test.baseUrl, '/colis/v2/x', {
      'x-api-key': key,
      'x-padding': 'p'.repeat(5_000),
    });
    assert.equal(status, 431);
    assert.equal(headers['content-type'], 'application/problem+json');
    const problem = JSON.parse(body) as Record<string, unknown>;
    assert.equal(problem.type, '/problems/headers-too-large');
    assert.equal(problem.instance, headers['x-request-id']);
  });

  it('502 when the mock server drops the connection, 504 when it is too slow', async () => {
    await expectProblem(await call('/colis/v2/broken'), 502, 'upstream-failed');
    const slow = await expectProblem(await call('/colis/v2/slow'), 504, 'upstream-timeout');
    assert.match(String(slow.detail), /en 200 ms/);
  });

  it('503 when the mock server is not running, with the quota headers still set', async () => {
    const down = await startTestGateway('http://127.0.0.1:9', { connectTimeoutMs: 500 });
    try {
      const issued = await issueKey(down);
      const response = await fetch(`${down.baseUrl}/colis/v2/x`, {
        headers: { 'x-api-key': issued.key },
      });
      const body = await expectProblem(response, 503, 'upstream-unavailable');
      assert.doesNotMatch(JSON.stringify(body), /127\.0\.0\.1|ECONNREFUSED/);
      assert.equal(response.headers.get('ratelimit-policy'), '"free";q=50;w=60');
    } finally {
      await down.close();
    }
  });
});

/** A GET through `node:http`, which sends headers of any size (fetch may refuse to). */
function rawGet(
  base: string,
  path: string,
  headers: Record<string, string>,
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = request({ hostname, port, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
