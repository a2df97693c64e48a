import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { StoreDamagedError } from '../../../catalog/sqlite/store-errors.ts';
import {
  openResourceStore,
  resourcesFileName,
} from '../../../mock-server/store/sqlite-resource-store.ts';
import type { ResourceStore, Scope } from '../../../mock-server/store/resource-store.ts';

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

function open(
  dataDir: string | undefined,
  clock: { now: number },
  limits: { maxObjects?: number; maxBytes?: number } = {},
): ResourceStore {
  return openResourceStore({
    dataDir,
    idleMs: 24 * hour,
    maxObjectsPerConsumer: limits.maxObjects ?? 100,
    maxBytesPerConsumer: limits.maxBytes ?? 100_000,
    now: () => clock.now,
  });
}

describe('the resource store (SQLite, one file in the data folder)', () => {
  test('objects are kept per consumer, in the order they were made, seeds first', async () => {
    const store = open(undefined, { now: 0 });
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
    const store = open(undefined, { now: 0 });
    await store.enter(alice, () => []);
    const pieces7 = { resource: '/dossiers/{dossierId}/pieces', parent: '["7"]' };
    const pieces9 = { resource: '/dossiers/{dossierId}/pieces', parent: '["9"]' };
    await store.insert(alice, pieces7, 'p-1', '{}');
    assert.equal(await store.read(alice, pieces9, 'p-1'), undefined);
    assert.deepEqual(await store.list(alice, pieces9), []);
    await store.close();
  });

  test('what a consumer made survives a restart; reset empties it and seeds come back', async () => {
    const dataDir = newFolder();
    const clock = { now: 0 };
    const first = open(dataDir, clock);
    await first.enter(alice, seeds);
    await first.insert(alice, dossiers, '8', '{"id":8}');
    await first.remove(alice, dossiers, '7');
    await first.close();
    const second = open(dataDir, clock);
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
    const store = open(undefined, clock);
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
    const store = open(undefined, { now: 0 }, { maxObjects: 3, maxBytes: 1_000 });
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

  test('a damaged file stops the opening with its path', () => {
    const dataDir = newFolder();
    writeFileSync(join(dataDir, resourcesFileName), 'this is not a database'.repeat(400));
    assert.throws(() => open(dataDir, { now: 0 }), StoreDamagedError);
  });
});
