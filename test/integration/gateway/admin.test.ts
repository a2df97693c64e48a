import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { writeSnapshot } from '../../../catalog/index.ts';
import { describeOnEachStore } from '../../helpers/gateway-stores.ts';
import { runKeysCli } from './helpers/run-keys-cli.ts';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import {
  issueKey,
  loadFixtureCatalog,
  startTestGateway,
  type TestGateway,
} from './helpers/start-test-gateway.ts';

describeOnEachStore('admin API and keys CLI', (store) => {
  let upstream: EchoUpstream;
  let test: TestGateway;

  before(async () => {
    upstream = await startEchoUpstream();
    test = await startTestGateway(upstream.url, store.gatewayOptions);
    // The CLI checks API ids against the sandbox's snapshot in the data folder.
    await writeSnapshot(await loadFixtureCatalog(), join(test.dataDir, 'catalog.json'));
  });
  after(async () => {
    await test.close();
    await upstream.close();
  });

  /** `npm run keys` in its own process, on the suite's store. */
  const cli = (args: string[]): ReturnType<typeof runKeysCli> =>
    runKeysCli(test.dataDir, args, store.env);
  const call = (key: string, path = '/colis/v2/parcels/AB1234'): Promise<Response> =>
    fetch(`${test.baseUrl}${path}`, { headers: { 'x-api-key': key } });
  const typeOf = async (response: Response): Promise<string> =>
    ((await response.json()) as { type: string }).type;

  it('requires the bearer token', async () => {
    const missing = await fetch(`${test.adminUrl}/keys`);
    assert.equal(missing.status, 401);
    assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="guichet-admin"');
    assert.equal(await typeOf(missing), '/problems/admin-token-required');
    const wrong = await fetch(`${test.adminUrl}/metrics`, {
      headers: { authorization: 'Bearer nope' },
    });
    assert.equal(wrong.status, 401);
  });

  it('issues, lists and decides on keys, and never shows a key or its hash again', async () => {
    const invalid = await fetch(`${test.adminUrl}/keys`, {
      method: 'POST',
      headers: test.admin,
      body: JSON.stringify({ api: 'colis', plan: 'gold' }),
    });
    assert.equal(invalid.status, 400);
    const problem = (await invalid.json()) as { errors: { pointer: string }[] };
    assert.deepEqual(problem.errors.map((error) => error.pointer).sort(), [
      '#/application',
      '#/plan',
    ]);
    const unknownApi = await fetch(`${test.adminUrl}/keys`, {
      method: 'POST',
      headers: test.admin,
      body: JSON.stringify({ application: 'App', api: 'nope' }),
    });
    assert.equal(unknownApi.status, 400);

    const issued = await issueKey(test, {
      application: 'Portail RH',
      email: 'rh@example.org',
      api: 'annuaire-agents',
      plan: 'premium',
    });
    assert.equal((await call(issued.key, '/annuaire-agents/v1/agents')).status, 200);
    const listing = await fetch(`${test.adminUrl}/keys`, { headers: test.admin }).then((response) =>
      response.text(),
    );
    assert.doesNotMatch(listing, new RegExp(issued.key.slice(11)));
    assert.doesNotMatch(listing, /"hash"/);
    const keys = (
      JSON.parse(listing) as {
        keys: {
          prefix: string;
          consumer: { application: string };
          subscriptions: { plan: string; state: string }[];
        }[];
      }
    ).keys;
    const listed = keys.find((key) => key.prefix === issued.prefix);
    assert.equal(listed?.consumer.application, 'Portail RH');
    assert.deepEqual(
      listed.subscriptions.map((item) => `${item.plan}:${item.state}`),
      ['premium:active'],
    );
    const consumers = (await fetch(`${test.adminUrl}/consumers`, { headers: test.admin }).then(
      (response) => response.json(),
    )) as { consumers: { id: string; keys: string[] }[] };
    assert.deepEqual(
      consumers.consumers.find((consumer) => consumer.id === issued.consumerId)?.keys,
      [issued.prefix],
    );

    const revoked = await fetch(`${test.adminUrl}/keys/${issued.keyId}/revoke`, {
      method: 'POST',
      headers: test.admin,
    });
    assert.equal(revoked.status, 200);
    assert.equal(
      await typeOf(await call(issued.key, '/annuaire-agents/v1/agents')),
      '/problems/subscription-revoked',
    );
    const again = await fetch(`${test.adminUrl}/keys/${issued.prefix}/approve`, {
      method: 'POST',
      headers: test.admin,
    });
    assert.equal(again.status, 409);
    assert.equal(await typeOf(again), '/problems/conflicting-state');
    const nobody = await fetch(`${test.adminUrl}/keys/gk_ZZZZZZZZ/revoke`, {
      method: 'POST',
      headers: test.admin,
    });
    assert.equal(nobody.status, 404);
    assert.equal(await typeOf(nobody), '/problems/unknown-subscription');
  });

  it('applies a revocation made by the CLI in another process on the very next request', async () => {
    const created = await cli([
      'create',
      '--app',
      'Appli CLI',
      '--api',
      'colis',
      '--email',
      'cli@example.org',
    ]);
    assert.equal(created.code, 0, created.stderr);
    const key = created.stdout.trimEnd().split('\n').at(-1) ?? '';
    assert.match(key, /^gk_[A-Za-z0-9_-]{32}$/);
    // The gateway caches the key on first use…
    assert.equal((await call(key)).status, 200);
    assert.equal((await call(key)).status, 200);
    const revoked = await cli(['revoke', key.slice(0, 11)]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /colis: revoked/);
    // …and drops it as soon as another connection has committed.
    assert.equal(await typeOf(await call(key)), '/problems/subscription-revoked');
  });

  it('applies an approval made by the CLI on the very next request', async () => {
    const created = await cli([
      'create',
      '--app',
      'Partenaire',
      '--api',
      'annuaire-agents',
      '--pending',
    ]);
    const key = created.stdout.trimEnd().split('\n').at(-1) ?? '';
    assert.equal(
      await typeOf(await call(key, '/annuaire-agents/v1/agents')),
      '/problems/subscription-pending',
    );
    const approved = await cli(['approve', key.slice(0, 11), '--api', 'annuaire-agents']);
    assert.equal(approved.code, 0, approved.stderr);
    assert.equal((await call(key, '/annuaire-agents/v1/agents')).status, 200);
    const moved = await cli(['plan', key.slice(0, 11), 'internal']);
    assert.equal(moved.code, 0, moved.stderr);
    const response = await call(key, '/annuaire-agents/v1/agents');
    assert.equal(response.headers.get('ratelimit-policy'), '"internal";q=5000;w=60');
  });

  it('explains CLI mistakes without a stack trace', async () => {
    const unknownApi = await cli(['create', '--app', 'X', '--api', 'nope']);
    assert.equal(unknownApi.code, 1);
    assert.equal(
      unknownApi.stderr,
      'keys: no API "nope" in the sandbox\'s catalog\n  hint: use one of: annuaire-agents, colis\n',
    );
    const usage = await cli(['frobnicate']);
    assert.equal(usage.code, 2);
    assert.match(
      usage.stderr,
      /^keys: unknown command "frobnicate"\n\nUsage: npm run keys -- <command>/,
    );
    const badPlan = await cli(['plan', 'gk_AAAAAAAA', 'gold']);
    assert.equal(badPlan.code, 2);
    assert.match(badPlan.stderr, /^keys: unknown plan "gold": use free, premium, internal/);
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /create --app <name> --api <api-id>/);
    for (const run of [unknownApi, usage, badPlan]) assert.doesNotMatch(run.stderr, /\n\s+at /);
  });

  it('serves Prometheus metrics with the expected series', async () => {
    const response = await fetch(`${test.adminUrl}/metrics`, { headers: test.admin });
    assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    assert.match(
      text,
      /^guichet_gateway_requests_total\{api="colis",version="v2",status="200"\} \d+$/m,
    );
    assert.match(
      text,
      /^guichet_gateway_requests_total\{api="annuaire-agents",version="v1",status="403"\} \d+$/m,
    );
    assert.match(
      text,
      /^guichet_gateway_request_duration_seconds_bucket\{api="colis",version="v2",status_class="2xx",le="\+Inf"\} \d+$/m,
    );
    assert.match(text, /^# TYPE guichet_gateway_quota_refusals_total counter$/m);
    assert.match(text, /^guichet_gateway_subscriptions\{state="active"\} 1$/m);
    assert.match(text, /^guichet_gateway_subscriptions\{state="revoked"\} 2$/m);
  });

  // After the metrics: the keys issued here would change their counts.
  it('attaches a key to an existing consumer when its id is given, never by name', async () => {
    const body = { application: 'Appli suivie', email: 'suivi@example.org', api: 'colis' };
    const first = await issueKey(test, body);
    const sameName = await issueKey(test, body);
    assert.notEqual(sameName.consumerId, first.consumerId);
    const attached = await issueKey(test, { consumerId: first.consumerId, api: 'annuaire-agents' });
    assert.equal(attached.consumerId, first.consumerId);
    const consumers = (
      (await fetch(`${test.adminUrl}/consumers`, { headers: test.admin }).then((response) =>
        response.json(),
      )) as { consumers: { id: string; application: string; keys: string[] }[] }
    ).consumers.filter((consumer) => consumer.application === 'Appli suivie');
    // Listed apart, each with its own keys (two consumers may share a name and an email).
    const keysOf = (id: string): string[] | undefined =>
      consumers.find((consumer) => consumer.id === id)?.keys;
    assert.equal(consumers.length, 2);
    assert.deepEqual(keysOf(first.consumerId)?.sort(), [first.prefix, attached.prefix].sort());
    assert.deepEqual(keysOf(sameName.consumerId), [sameName.prefix]);

    const post = (value: unknown): Promise<Response> =>
      fetch(`${test.adminUrl}/keys`, {
        method: 'POST',
        headers: { ...test.admin, 'content-type': 'application/json' },
        body: JSON.stringify(value),
      });
    const nobody = await post({ consumerId: 'con_nobody', api: 'colis' });
    assert.equal(nobody.status, 400);
    assert.match(
      ((await nobody.json()) as { detail: string }).detail,
      /: no consumer "con_nobody"/,
    );
    const both = await post({ consumerId: first.consumerId, application: 'Autre', api: 'colis' });
    assert.deepEqual(
      ((await both.json()) as { errors: { pointer: string }[] }).errors.map((item) => item.pointer),
      ['#/consumerId'],
    );

    const created = await cli(['create', '--consumer', sameName.consumerId, '--api', 'colis']);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, new RegExp(`\\(consumer ${sameName.consumerId}\\)`));
    const list = await cli(['list']);
    assert.match(list.stdout, /^KEY +KEY ID +CONSUMER +APPLICATION /);
    const rows = list.stdout.split('\n').filter((line) => line.includes('Appli suivie'));
    assert.equal(rows.filter((line) => line.includes(sameName.consumerId)).length, 2);
    assert.equal(rows.filter((line) => line.includes(first.consumerId)).length, 2);
  });
});
