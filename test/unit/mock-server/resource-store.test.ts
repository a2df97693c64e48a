import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { StoreDamagedError } from '../../../catalog/sqlite/store-errors.ts';
import { openPostgresResourceStore } from '../../../mock-server/store/postgres-resource-store.ts';
import {
  openResourceStore,
  resourcesFileName,
} from '../../../mock-server/store/sqlite-resource-store.ts';
import type { ResourceStore, Scope } from '../../../mock-server/store/resource-store.ts';
import { useTestPostgres } from '../../helpers/postgres-cluster.ts';

const folders: string[] = [];
function newFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'guichet-resources-'));
  folders.push(dir);
  return dir;
}
after(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const hour = 3_600_000;
const alice: Scope = { consumer: 'con_alice', api: 'dossiers', version: 'v1' };
const bob: Scope = { consumer: 'con_bob', api: 'dossiers', version: 'v1' };
const dossiers = { resource: '/dossiers', parent: '' };
const seeds = () => [{ ...dossiers, id: '7', text: '{"id":7,"etat":"ouvert"}' }];

/** Limits of a case, and the clock it moves. */
type Limits = { maxObjects?: number; maxBytes?: number };

/**
 * A kind of store, as the cases use it: `place()` is where a store keeps its data (a folder
 * for SQLite, a database of its own for PostgreSQL); two stores opened on one place share it.
 */
interface StoreKind {
  name: string;
  place(): Promise<string>;
  open(place: string, clock: { now: number }, limits?: Limits): Promise<ResourceStore>;
}

const limitsOf = (clock: { now: number }, limits: Limits = {}) => ({
  idleMs: 24 * hour,
  maxObjectsPerConsumer: limits.maxObjects ?? 100,
  maxBytesPerConsumer: limits.maxBytes ?? 100_000,
  now: () => clock.now,
});

const sqlite: StoreKind = {
  name: 'SQLite, one file in the data folder',
  place: () => Promise.resolve(newFolder()),
  open: (dataDir, clock, limits) =>
    Promise.resolve(openResourceStore({ dataDir, ...limitsOf(clock, limits) })),
};

const postgres: StoreKind = {
  name: 'PostgreSQL, one database',
  place: async () => (await useTestPostgres()).createDatabase('resources'),
  async open(url, clock, limits) {
    const store = openPostgresResourceStore({ url, ...limitsOf(clock, limits) });
    await store.opened;
    return store;
  },
};

/** Opens a store on a place of its own. */
async function openAlone(kind: StoreKind, clock: { now: number }, limits?: Limits) {
  return kind.open(await kind.place(), clock, limits);
}

for (const kind of [sqlite, postgres])
  describe(`the resource store (${kind.name})`, () => {
    test('objects are kept per consumer, in the order they were made, seeds first', async () => {
      const store = await openAlone(kind, { now: 0 });
      await store.enter(alice, seeds);
      await store.enter(bob, seeds);
      assert.deepEqual(await store.insert(alice, dossiers, '8', '{"id":8}'), { ok: true });
      assert.deepEqual(await store.insert(alice, dossiers, '8', '{"id":8}'), {
        ok: false,
        reason: 'exists',
      });
      assert.deepEqual(
        (await store.list(alice, dossiers)).map((item) => item.id),
        ['7', '8'],
      );
      assert.deepEqual(
        (await store.list(bob, dossiers)).map((item) => item.id),
        ['7'],
      );
      assert.equal(await store.read(bob, dossiers, '8'), undefined);
      assert.deepEqual(await store.replace(alice, dossiers, '8', '{"id":8,"etat":"ferme"}'), {
        ok: true,
      });
      assert.equal(await store.read(alice, dossiers, '8'), '{"id":8,"etat":"ferme"}');
      assert.deepEqual(await store.replace(bob, dossiers, '8', '{}'), {
        ok: false,
        reason: 'missing',
      });
      assert.equal(await store.remove(alice, dossiers, '8'), true);
      assert.equal(await store.remove(alice, dossiers, '8'), false);
      assert.equal(await store.maxNumericId(alice, dossiers), 7);
      await store.close();
    });

    test('a nested collection is one per parent', async () => {
      const store = await openAlone(kind, { now: 0 });
      await store.enter(alice, () => []);
      const pieces7 = { resource: '/dossiers/{dossierId}/pieces', parent: '["7"]' };
      const pieces9 = { resource: '/dossiers/{dossierId}/pieces', parent: '["9"]' };
      await store.insert(alice, pieces7, 'p-1', '{}');
      assert.equal(await store.read(alice, pieces9, 'p-1'), undefined);
      assert.deepEqual(await store.list(alice, pieces9), []);
      await store.close();
    });

    test('what a consumer made survives a restart; reset empties it and seeds come back', async () => {
      const place = await kind.place();
      const clock = { now: 0 };
      const first = await kind.open(place, clock);
      await first.enter(alice, seeds);
      await first.insert(alice, dossiers, '8', '{"id":8}');
      await first.remove(alice, dossiers, '7');
      await first.close();
      const second = await kind.open(place, clock);
      // Seeds are made once: the one deleted stays deleted.
      await second.enter(alice, seeds);
      assert.deepEqual(
        (await second.list(alice, dossiers)).map((item) => item.id),
        ['8'],
      );
      assert.equal(await second.reset(alice), 1);
      await second.enter(alice, seeds);
      assert.deepEqual(
        (await second.list(alice, dossiers)).map((item) => item.id),
        ['7'],
      );
      await second.close();
    });

    test('idle data expire: at the next call, and by the sweep', async () => {
      const clock = { now: 0 };
      const store = await openAlone(kind, clock);
      await store.enter(alice, seeds);
      await store.enter(bob, seeds);
      await store.insert(alice, dossiers, '8', '{}');
      await store.insert(bob, dossiers, '8', '{}');
      clock.now = 23 * hour;
      await store.enter(bob, seeds);
      clock.now = 25 * hour;
      // Alice was idle for 25 hours: her data are gone, the seeds are back.
      await store.enter(alice, seeds);
      assert.deepEqual(
        (await store.list(alice, dossiers)).map((item) => item.id),
        ['7'],
      );
      clock.now = 48 * hour;
      assert.equal(await store.expireIdle(), 1);
      assert.deepEqual((await store.summarize(bob)).objects, 0);
      await store.close();
    });

    test('each consumer is bounded in objects and bytes, over all its APIs', async () => {
      const store = await openAlone(kind, { now: 0 }, { maxObjects: 3, maxBytes: 1_000 });
      const other: Scope = { ...alice, api: 'autre' };
      await store.enter(alice, seeds);
      await store.enter(other, () => []);
      await store.insert(alice, dossiers, '1', '{}');
      await store.insert(other, dossiers, '1', '{}');
      assert.deepEqual(await store.insert(alice, dossiers, '2', '{}'), {
        ok: false,
        reason: 'objects-limit',
      });
      await store.remove(other, dossiers, '1');
      const large = JSON.stringify({ text: 'x'.repeat(2_000) });
      assert.deepEqual(await store.insert(alice, dossiers, '2', large), {
        ok: false,
        reason: 'bytes-limit',
      });
      assert.deepEqual(await store.replace(alice, dossiers, '1', large), {
        ok: false,
        reason: 'bytes-limit',
      });
      const summary = await store.summarize(alice);
      assert.equal(summary.consumer.objects, 2);
      assert.deepEqual(summary.resources, [{ resource: '/dossiers', objects: 2 }]);
      await store.close();
    });
  });

describe('the resource store (SQLite only)', () => {
  test('a damaged file stops the opening with its path', () => {
    const dataDir = newFolder();
    writeFileSync(join(dataDir, resourcesFileName), 'this is not a database'.repeat(400));
    assert.throws(() => openResourceStore({ dataDir, ...limitsOf({ now: 0 }) }), StoreDamagedError);
  });
});

describe('the resource store (PostgreSQL: several mock servers on one database)', () => {
  const openTwo = async (limits?: Limits): Promise<[ResourceStore, ResourceStore]> => {
    const place = await postgres.place();
    const clock = { now: 0 };
    // Opened together on a fresh database: the schema steps are applied once, under the lock.
    return Promise.all([postgres.open(place, clock, limits), postgres.open(place, clock, limits)]);
  };

  test('two stores racing past the limit store exactly the limit, and the totals agree', async () => {
    const [one, two] = await openTwo({ maxObjects: 10 });
    await Promise.all([one.enter(alice, () => []), two.enter(alice, () => [])]);
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        (index % 2 === 0 ? one : two).insert(alice, dossiers, `n${String(index)}`, '{}'),
      ),
    );
    assert.equal(outcomes.filter((outcome) => outcome.ok).length, 10);
    assert.deepEqual(
      new Set(outcomes.flatMap((o) => (o.ok ? [] : [o.reason]))),
      new Set(['objects-limit']),
    );
    assert.equal((await one.list(alice, dossiers)).length, 10);
    assert.equal((await two.summarize(alice)).consumer.objects, 10);
    // A removal through one frees a place for the other.
    assert.equal(
      await one.remove(alice, dossiers, (await one.list(alice, dossiers))[0]?.id ?? ''),
      true,
    );
    assert.deepEqual(await two.insert(alice, dossiers, 'after', '{}'), { ok: true });
    assert.deepEqual(await one.insert(alice, dossiers, 'more', '{}'), {
      ok: false,
      reason: 'objects-limit',
    });
    await Promise.all([one.close(), two.close()]);
  });

  test('the same id made through two stores at once: one wins, the other hears it is taken', async () => {
    const [one, two] = await openTwo({ maxBytes: 2_000 });
    await one.enter(alice, () => []);
    const outcomes = await Promise.all([
      one.insert(alice, dossiers, 'same', '{"by":1}'),
      two.insert(alice, dossiers, 'same', '{"by":2}'),
    ]);
    assert.deepEqual(outcomes.map((o) => o.ok).sort(), [false, true]);
    assert.equal((await one.summarize(alice)).consumer.objects, 1);
    const large = JSON.stringify({ text: 'x'.repeat(800) });
    const bytes = await Promise.all([
      one.insert(alice, dossiers, 'big-1', large),
      two.insert(alice, dossiers, 'big-2', large),
      one.insert(alice, dossiers, 'big-3', large),
    ]);
    assert.equal(bytes.filter((o) => o.ok).length, 2);
    assert.ok((await two.summarize(alice)).consumer.bytes <= 2_000);
    await Promise.all([one.close(), two.close()]);
  });

  test('a first entry through two stores at once lays the seeds once; a reset through one is seen by the other', async () => {
    const [one, two] = await openTwo();
    await Promise.all([one.enter(alice, seeds), two.enter(alice, seeds)]);
    assert.deepEqual(
      (await two.list(alice, dossiers)).map((item) => item.id),
      ['7'],
    );
    await two.insert(alice, dossiers, '8', '{}');
    assert.equal(await one.read(alice, dossiers, '8'), '{}');
    assert.equal(await one.reset(alice), 2);
    // `two` entered a moment ago, yet finds the scope gone and lays the seeds again.
    await two.enter(alice, seeds);
    assert.deepEqual(
      (await two.list(alice, dossiers)).map((item) => item.id),
      ['7'],
    );
    assert.equal((await one.summarize(alice)).consumer.objects, 1);
    await Promise.all([one.close(), two.close()]);
  });
});
