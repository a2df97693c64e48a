import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { ClientRecord } from '../../../gateway-stub/store/client-store.ts';
import type { GatewayStore } from '../../../gateway-stub/store/gateway-store.ts';
import type { IssuedRecords } from '../../../gateway-stub/store/key-store.ts';
import { openPostgresGatewayStore } from '../../../gateway-stub/store/postgres/open-postgres-store.ts';
import { createUsageAggregates } from '../../../gateway-stub/store/usage-aggregates.ts';
import { describeOnEachStore } from '../../helpers/gateway-stores.ts';
import { useTestPostgres } from '../../helpers/postgres-cluster.ts';

const at = '2026-11-20T10:00:00.000Z';
const minute = Math.floor(Date.parse(at) / 60_000);

/** A new key's records: consumer `consumer` (created when `created`), with one subscription. */
function toIssued(name: string, consumer = `con_${name}`, created = true): IssuedRecords {
  const client: ClientRecord = {
    id: `gc_${name}`,
    keyId: `key_${name}`,
    secretHash: randomBytes(32),
    previousSecretHash: null,
    previousSecretUntil: null,
    status: 'active',
    createdAt: at,
    updatedAt: at,
  };
  return {
    consumer: created
      ? { id: consumer, application: `App ${name}`, email: null, createdAt: at }
      : undefined,
    key: {
      id: `key_${name}`,
      consumerId: consumer,
      prefix: `gk_${name.padEnd(8, '0').slice(0, 8)}`,
      hash: randomBytes(32),
      createdAt: at,
    },
    client,
    subscription: {
      id: `sub_${name}`,
      keyId: `key_${name}`,
      api: 'colis',
      plan: 'free',
      status: 'active',
      expiresAt: null,
      scopes: null,
      requestedScopes: '[]',
      createdAt: at,
      updatedAt: at,
    },
  };
}

describeOnEachStore('the gateway store', (kind) => {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-store-'));
  let store: GatewayStore;
  before(async () => {
    store = await kind.open(dir);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a key with its consumer, client and subscription, all or nothing', async () => {
    assert.equal(await store.keys.insertIssuedKey(toIssued('alpha')), true);
    const grant = await store.keys.findGrantByPrefix('gk_alpha000');
    assert.equal(grant?.key.id, 'key_alpha');
    assert.equal(grant.application, 'App alpha');
    assert.deepEqual(
      grant.subscriptions.map((item) => `${item.api}:${item.plan}:${item.status}`),
      ['colis:free:active'],
    );
    assert.equal(Buffer.from(grant.key.hash).length, 32);
    // The same prefix again: nothing is written, the new consumer neither.
    const clash = toIssued('beta');
    clash.key.prefix = 'gk_alpha000';
    assert.equal(await store.keys.insertIssuedKey(clash), false);
    assert.equal(await store.keys.findConsumerById('con_beta'), undefined);
    assert.equal(await store.clients.findClient('gc_beta'), undefined);
    // A key for an existing consumer.
    assert.equal(await store.keys.insertIssuedKey(toIssued('gamma', 'con_alpha', false)), true);
    assert.deepEqual(
      (await store.keys.listKeysOfConsumer('con_alpha')).map((key) => key.id),
      ['key_alpha', 'key_gamma'],
    );
    assert.deepEqual(
      (await store.keys.listConsumers()).map((item) => item.id),
      ['con_alpha'],
    );
    assert.equal((await store.keys.listSubscriptions()).length, 2);
  });

  it('applies decisions to subscriptions and counts them by state', async () => {
    await store.keys.updateSubscriptions([
      { id: 'sub_alpha', updatedAt: at, status: 'revoked' },
      {
        id: 'sub_gamma',
        updatedAt: at,
        plan: 'premium',
        scopes: { granted: '["colis:lecture"]', requested: '[]' },
      },
    ]);
    const gamma = await store.keys.findSubscription('sub_gamma');
    assert.equal(gamma?.plan, 'premium');
    assert.equal(gamma.scopes, '["colis:lecture"]');
    assert.equal((await store.keys.findSubscription('sub_alpha'))?.status, 'revoked');
    const counts = await store.keys.countByState(Date.parse(at));
    assert.equal(counts.active, 1);
    assert.equal(counts.revoked, 1);
  });

  it('reads a client with its grant, rotates and revokes it, and lists revoked tokens', async () => {
    const found = await store.clients.findClientGrant('gc_gamma');
    assert.equal(found?.client.keyId, 'key_gamma');
    assert.equal(found.grant.key.prefix, 'gk_gamma000');
    assert.equal(found.grant.application, 'App alpha');
    const previous = found.client.secretHash;
    await store.clients.updateSecret('gc_gamma', randomBytes(32), previous, 1_900_000_000_000, at);
    const rotated = await store.clients.findClient('gc_gamma');
    assert.equal(rotated?.previousSecretUntil, 1_900_000_000_000);
    assert.deepEqual(Buffer.from(rotated.previousSecretHash ?? []), Buffer.from(previous));
    await store.clients.revokeCredentials('gc_gamma', 'key_gamma', at);
    assert.equal((await store.clients.findClientOfKey('key_gamma'))?.status, 'revoked');
    assert.deepEqual(
      (await store.keys.listSubscriptionsOfKey('key_gamma')).map((item) => item.status),
      ['revoked'],
    );
    await store.clients.revokeToken('jti-old', 100, 50);
    await store.clients.revokeToken('jti-new', 300, 150);
    // The older one expired before the second revocation: forgotten.
    assert.deepEqual(await store.clients.listRevokedTokens(150), ['jti-new']);
  });

  it('keeps one signing key in use, and retires it when rotating', async () => {
    const key = (kid: string, createdAt: number) => ({
      kid,
      privateJwk: '{}',
      publicJwk: '{}',
      createdAt,
      retiredAt: null,
    });
    await store.signingKeys.insertFirstKey(key('sig_a', 1_000));
    await store.signingKeys.insertFirstKey(key('sig_b', 2_000));
    assert.deepEqual(
      (await store.signingKeys.listKeys()).map((item) => item.kid),
      ['sig_a'],
    );
    await store.signingKeys.rotate(key('sig_c', 3_000), 0);
    assert.deepEqual(
      (await store.signingKeys.listKeys()).map((item) => [item.kid, item.retiredAt]),
      [
        ['sig_a', 3_000],
        ['sig_c', null],
      ],
    );
  });

  it('adds usage counts up, rolls them up, drops minutes past the retention, and reads them back', async () => {
    const usage = createUsageAggregates(store.usage);
    const old = minute - 100 * 1440;
    const now = minute * 60_000;
    usage.record(old, 'colis', 'v1', 'getParcel', 'con_alpha', 'free', 200, 4, false);
    usage.record(old + 30, 'colis', 'v1', 'getParcel', 'con_alpha', 'free', 200, 4, false);
    usage.record(minute, 'colis', 'v1', 'getParcel', 'con_alpha', 'free', 429, 0.5, true);
    assert.equal(await usage.flush(now), 3);
    usage.record(minute, 'colis', 'v1', 'getParcel', 'con_alpha', 'free', 429, 0.25, true);
    assert.equal(await usage.flush(now), 1);
    assert.equal(usage.pending, 0);
    // The old day's two minutes, of every dimension and of the status class alone.
    assert.equal(await store.usage.applyRetention(90, now), 4);
    const rows = await store.usage.query(
      `SELECT resolution, minute, SUM(requests) AS requests, SUM(quota_refusals) AS refused,
         SUM(latency_sum_ms) AS latency FROM usage_aggregates
         WHERE grain = 'all' AND resolution IN ('minute', 'day') AND minute >= ?
         GROUP BY resolution, minute ORDER BY minute`,
      [0],
    );
    assert.deepEqual(
      rows.map((row) => ({ ...row })),
      [
        { resolution: 'day', minute: old - (old % 1440), requests: 2, refused: 0, latency: 8 },
        { resolution: 'minute', minute, requests: 2, refused: 2, latency: 0.75 },
      ],
    );
    const daily = await store.usage.query(
      'SELECT day, consumer_id AS consumer, requests FROM usage WHERE day >= ? ORDER BY day',
      ['2000-01-01'],
    );
    assert.deepEqual(
      daily.map((row) => ({ ...row })),
      [
        {
          day: new Date(old * 60_000).toISOString().slice(0, 10),
          consumer: 'con_alpha',
          requests: 2,
        },
        { day: at.slice(0, 10), consumer: 'con_alpha', requests: 2 },
      ],
    );
  });

  it('records the first secret check it is given, and answers that one after', async () => {
    assert.equal(await store.claimSecretCheck('first'), 'first');
    assert.equal(await store.claimSecretCheck('second'), 'first');
  });

  if (kind.kind !== 'postgres') return;

  it('tells a gateway listening when another one changed what it caches', async () => {
    const other = await kind.open(dir);
    try {
      const told = new Promise<void>((resolve) => {
        store.watch.onChange(resolve);
      });
      await other.keys.updateSubscriptions([{ id: 'sub_gamma', updatedAt: at, plan: 'free' }]);
      // Waits for the state, not for a time: the announcement arrives, or the test times out.
      await told;
    } finally {
      await other.close();
    }
  });

  it('migrates once and makes one signing key when three instances open a new database at once', async () => {
    const fresh = await (await useTestPostgres()).createDatabase('fresh');
    const opened = await Promise.all(
      [1, 2, 3].map(() => openPostgresGatewayStore({ url: fresh, onNotice: () => undefined })),
    );
    try {
      await Promise.all(
        opened.map(async (each, index) => {
          await each.signingKeys.insertFirstKey({
            kid: `sig_${String(index)}`,
            privateJwk: '{}',
            publicJwk: '{}',
            createdAt: index,
            retiredAt: null,
          });
        }),
      );
      const keys = await opened[0]?.signingKeys.listKeys();
      assert.equal(keys?.length, 1);
    } finally {
      await Promise.all(opened.map((each) => each.close()));
    }
  });
});
