import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { writeSnapshot } from '../../../catalog/index.ts';
import { useTestPostgres } from '../../helpers/postgres-cluster.ts';
import { startTcpRelay, type TcpRelay } from '../../helpers/tcp-relay.ts';
import { runKeysCli } from './helpers/run-keys-cli.ts';
import { startEchoUpstream, type EchoUpstream } from './helpers/start-echo-upstream.ts';
import {
  issueKey,
  loadFixtureCatalog,
  startTestGateway,
  type TestGateway,
} from './helpers/start-test-gateway.ts';

/** Polls until `check` holds: a state to reach, whatever the machine's speed. */
async function waitFor(what: string, check: () => Promise<boolean> | boolean): Promise<void> {
  for (let attempt = 0; attempt < 3_000; attempt += 1) {
    if (await check()) return;
    await sleep(20);
  }
  throw new Error(`never reached: ${what}`);
}

describe('the gateway when PostgreSQL goes away, then comes back', () => {
  let upstream: EchoUpstream;
  let relay: TcpRelay;
  let test: TestGateway;
  let directUrl = '';
  const notices: string[] = [];
  let seen: Awaited<ReturnType<typeof issueKey>>;
  let unseen: Awaited<ReturnType<typeof issueKey>>;

  const call = (key: string): Promise<Response> =>
    fetch(`${test.baseUrl}/colis/v2/parcels/AB1234`, { headers: { 'x-api-key': key } });
  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  /**
   * The problem of a store away: a 503 from the catalog, nothing of the cause leaked; where the
   * store is, only to administrators (on the admin port).
   */
  const assertStoreUnavailable = async (
    response: Response,
    what: string,
    port: 'public' | 'admin' = 'public',
  ): Promise<void> => {
    assert.equal(response.status, 503, what);
    assert.equal(response.headers.get('content-type'), 'application/problem+json', what);
    const text = await response.text();
    const problem = JSON.parse(text) as { type: string; detail: string };
    assert.equal(problem.type, '/problems/store-unavailable', what);
    assert.match(problem.detail, /rien n’a été changé/, what);
    assert.doesNotMatch(text, /ECONNREFUSED|\n\s+at |password|guichet:/, what);
    if (port === 'public') assert.doesNotMatch(text, /127\.0\.0\.1|outage_/, what);
  };

  before(async () => {
    const cluster = await useTestPostgres();
    directUrl = await cluster.createDatabase('outage');
    const through = new URL(directUrl);
    relay = await startTcpRelay(Number(through.port));
    through.port = String(relay.port);
    upstream = await startEchoUpstream();
    test = await startTestGateway(upstream.url, {
      databaseUrl: through.href,
      onNotice: (line) => notices.push(line),
    });
    await writeSnapshot(await loadFixtureCatalog(), join(test.dataDir, 'catalog.json'));
    seen = await issueKey(test);
    unseen = await issueKey(test);
    assert.equal((await call(seen.key)).status, 200);
  });
  after(async () => {
    await test.close();
    await upstream.close();
    await relay.close();
  });

  it('keeps keys already seen working, answers 503 for the rest, and never fails otherwise', async () => {
    await relay.cut();
    // The key in use answers from memory, as often as it is called.
    for (let index = 0; index < 5; index += 1) assert.equal((await call(seen.key)).status, 200);
    // A key the gateway never saw cannot be checked: no verdict, a 503.
    await assertStoreUnavailable(await call(unseen.key), 'a first use');
    await assertStoreUnavailable(
      await post(`${test.adminUrl}/keys`, { application: 'Pendant', api: 'colis' }, test.admin),
      'an administrator issuing a key',
      'admin',
    );
    await assertStoreUnavailable(
      await post(`${test.adminUrl}/keys/${seen.keyId}/revoke`, {}, test.admin),
      'an administrator revoking a key',
      'admin',
    );
    await assertStoreUnavailable(
      await post(`${test.baseUrl}/_guichet/trial-keys`, {
        application: 'Essai pendant la coupure',
        email: 'essai@example.org',
        api: 'colis',
        acceptTerms: true,
      }),
      'a trial key',
    );
    // The metrics still answer, with the subscriptions as last counted.
    const metrics = await fetch(`${test.adminUrl}/metrics`, { headers: test.admin });
    assert.equal(metrics.status, 200);
    await metrics.arrayBuffer();
    await waitFor('the lost session told once', () =>
      notices.some((line) =>
        /cannot be reached: keys and clients already used keep working/.test(line),
      ),
    );
    // Meanwhile an administrator on another host, who reaches the database, revokes the key.
    const revoked = await runKeysCli(test.dataDir, ['revoke', seen.prefix], {
      GUICHET_DATABASE_URL: directUrl,
    });
    assert.equal(revoked.code, 0, revoked.stderr);
  });

  it('recovers by itself once it is back: writes commit, and what changed meanwhile applies', async () => {
    await relay.restore();
    // The session listening for changes comes back, and drops what was cached meanwhile.
    await waitFor('the session back', () => notices.some((line) => /answers again/.test(line)));
    const refused = await call(seen.key);
    assert.equal(refused.status, 403);
    assert.equal(
      ((await refused.json()) as { type: string }).type,
      '/problems/subscription-revoked',
    );
    assert.equal((await call(unseen.key)).status, 200);
    const issued = await post(
      `${test.adminUrl}/keys`,
      { application: 'Après', api: 'colis' },
      test.admin,
    );
    assert.equal(issued.status, 201);
    const fresh = (await issued.json()) as { key: string };
    assert.equal((await call(fresh.key)).status, 200);
    // The calls answered while it was away are counted in the usage, none lost.
    const report = await fetch(`${test.adminUrl}/usage?api=colis`, { headers: test.admin });
    assert.equal(report.status, 200);
    const { totals } = (await report.json()) as { totals: { requests: number } };
    // 1 before; 5 from memory and a first use during; 3 after. The trial key refused during
    // is no call to the API (a trial-key request counts for none since the usage pages).
    assert.equal(totals.requests, 10);
  });
});
