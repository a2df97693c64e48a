import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeOnEachStore } from '../../helpers/gateway-stores.ts';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.ts';

const portal = 'http://127.0.0.1:4321';

describeOnEachStore('self-service trial keys and CORS', (store) => {
  let upstream: EchoUpstream;
  let test: TestGateway;

  before(async () => {
    upstream = await startEchoUpstream();
    test = await startTestGateway(upstream.url, { trialKeysPerHour: 4, ...store.gatewayOptions });
  });
  after(async () => {
    await test.close();
    await upstream.close();
  });

  const askForKey = (body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${test.baseUrl}/_guichet/trial-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: portal, ...headers },
      body: JSON.stringify(body),
    });

  it('gives an active free key for a public API, usable at once from the portal', async () => {
    const response = await askForKey({
      application: 'Mon appli',
      email: 'dev@example.org',
      api: 'colis',
      acceptTerms: true,
    });
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    assert.equal(response.headers.get('access-control-allow-origin'), portal);
    const issued = (await response.json()) as Record<string, string>;
    assert.deepEqual(Object.keys(issued).sort(), [
      'api',
      'clientId',
      'clientSecret',
      'consumerId',
      'key',
      'plan',
      'prefix',
      'requestedScopes',
      'scopes',
      'status',
    ]);
    assert.equal(issued.status, 'active');
    // The trial application's OAuth 2.0 client, shown this once beside the key.
    assert.match(issued.clientId ?? '', /^gc_[A-Za-z0-9_-]{16}$/);
    assert.match(issued.clientSecret ?? '', /^gs_[A-Za-z0-9_-]{32}$/);
    assert.equal(issued.plan, 'free');
    assert.equal(issued.api, 'colis');
    assert.equal(issued.prefix, issued.key?.slice(0, 11));

    const call = await fetch(`${test.baseUrl}/colis/v2/parcels/AB1234`, {
      headers: { 'x-api-key': issued.key ?? '', origin: portal },
    });
    assert.equal(call.status, 200);
    assert.equal(call.headers.get('access-control-allow-origin'), portal);
    assert.equal(call.headers.get('vary'), 'Origin');
    const exposed = (call.headers.get('access-control-expose-headers') ?? '').split(', ');
    for (const name of [
      'RateLimit',
      'RateLimit-Policy',
      'Retry-After',
      'X-Request-ID',
      'Deprecation',
      'Sunset',
    ]) {
      assert.ok(exposed.includes(name), name);
    }
  });

  it('keeps a key for a restricted API pending until an administrator approves it', async () => {
    const response = await askForKey({
      application: 'Partenaire',
      email: 'p@example.org',
      api: 'annuaire-agents',
      acceptTerms: true,
    });
    assert.equal(response.status, 201);
    const issued = (await response.json()) as { key: string; prefix: string; status: string };
    assert.equal(issued.status, 'pending');
    const before = await fetch(`${test.baseUrl}/annuaire-agents/v1/agents`, {
      headers: { 'x-api-key': issued.key },
    });
    assert.equal(before.status, 403);
    assert.equal(
      ((await before.json()) as { type: string }).type,
      '/problems/subscription-pending',
    );
    const approved = await fetch(`${test.adminUrl}/keys/${issued.prefix}/approve`, {
      method: 'POST',
      headers: test.admin,
    });
    assert.equal(approved.status, 200);
    const after = await fetch(`${test.baseUrl}/annuaire-agents/v1/agents`, {
      headers: { 'x-api-key': issued.key },
    });
    assert.equal(after.status, 200);
  });

  it('lists every invalid field in a 400 problem', async () => {
    const response = await askForKey({
      application: 'A',
      email: 'not-an-email',
      api: 'nope',
      acceptTerms: false,
    });
    assert.equal(response.status, 400);
    const problem = (await response.json()) as {
      type: string;
      detail: string;
      errors: { pointer: string }[];
    };
    assert.equal(problem.type, '/problems/invalid-request');
    assert.deepEqual(
      problem.errors.map((error) => error.pointer),
      ['#/application', '#/email', '#/acceptTerms'],
    );
    assert.equal(problem.detail, 'Champ(s) invalide(s) : application, email, acceptTerms.');

    const unknownApi = await askForKey({
      application: 'Mon appli',
      email: 'dev@example.org',
      api: 'nope',
      acceptTerms: true,
    });
    assert.deepEqual(((await unknownApi.json()) as { errors: unknown }).errors, [
      { pointer: '#/api', detail: 'ne nomme aucune API du bac à sable' },
    ]);
    // Each field's sentence follows the language of the refusal, as its title and detail do.
    const inEnglish = await askForKey(
      { application: 'Mon appli', email: 'dev@example.org', api: 'nope', acceptTerms: true },
      { 'accept-language': 'en' },
    );
    assert.deepEqual(((await inEnglish.json()) as { errors: unknown }).errors, [
      { pointer: '#/api', detail: 'names no API of the sandbox' },
    ]);
    const notJson = await fetch(`${test.baseUrl}/_guichet/trial-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    assert.equal(notJson.status, 400);
    const wrongType = await fetch(`${test.baseUrl}/_guichet/trial-keys`, {
      method: 'POST',
      body: 'x',
    });
    assert.equal(wrongType.status, 415);
    const wrongMethod = await fetch(`${test.baseUrl}/_guichet/trial-keys`);
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('allow'), 'POST');
  });

  it('limits trial keys per client address', async () => {
    // Two keys were issued above; the limit is four an hour.
    const valid = {
      application: 'Encore',
      email: 'dev@example.org',
      api: 'colis',
      acceptTerms: true,
    };
    assert.equal((await askForKey(valid)).status, 201);
    assert.equal((await askForKey(valid)).status, 201);
    const refused = await askForKey(valid);
    assert.equal(refused.status, 429);
    const problem = (await refused.json()) as { type: string };
    assert.equal(problem.type, '/problems/too-many-trial-keys');
    const wait = Number(refused.headers.get('retry-after'));
    assert.ok(wait > 3_000 && wait <= 3_600, String(wait));
  });

  it('answers preflights from the portal without a key, and refuses other origins', async () => {
    const preflight = await fetch(`${test.baseUrl}/colis/v2/parcels`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:4321',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-api-key, content-type, prefer',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:4321');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /\bPOST\b/);
    const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').split(', ');
    for (const name of ['x-api-key', 'content-type', 'prefer', 'x-request-id'])
      assert.ok(allowed.includes(name), name);

    const stranger = await fetch(`${test.baseUrl}/colis/v2/parcels`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    assert.equal(stranger.status, 403);
    assert.equal(stranger.headers.get('access-control-allow-origin'), null);
    const strangerCall = await fetch(`${test.baseUrl}/colis/v2/parcels`, {
      headers: { origin: 'https://evil.example' },
    });
    assert.equal(
      ((await strangerCall.json()) as { type: string }).type,
      '/problems/origin-not-allowed',
    );
  });
});
