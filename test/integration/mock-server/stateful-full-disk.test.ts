import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { formatProblem, loadCatalog } from '../../../catalog/index.ts';
import { mountSmallDisk, type SmallDisk } from '../gateway/helpers/mount-small-disk.ts';
import { startMockServer, type TestMockServer } from './helpers/start-mock-server.ts';

describe('the consumers’ objects on a full disk', () => {
  let disk: SmallDisk;
  let server: TestMockServer;

  before(async () => {
    disk = mountSmallDisk(2_048);
    const loaded = await loadCatalog({
      apisDir: 'test/fixtures/stateful/apis',
      mocksDir: 'test/fixtures/stateful/valid',
      audience: 'internal',
    });
    if (loaded.failed) throw new Error(loaded.problems.map(formatProblem).join('\n'));
    server = await startMockServer({ dataDir: disk.dir }, 'unused', loaded.catalog);
    await server.mock.prepareAll();
  });
  after(async () => {
    await server.close();
    disk.remove();
  });

  const create = (etat: string): Promise<Response> =>
    fetch(`${server.baseUrl}/dossiers/v1/dossiers`, {
      method: 'POST',
      headers: { 'x-guichet-consumer': 'con_full', 'content-type': 'application/json' },
      body: JSON.stringify({ etat }),
    });
  const read = (path: string): Promise<Response> =>
    fetch(`${server.baseUrl}/dossiers/v1/${path}`, {
      headers: { 'x-guichet-consumer': 'con_full' },
    });

  it('answers 507 insufficient-storage, keeps what it stored and reads on, and stores again once freed', async () => {
    const first = await create('avant');
    assert.equal(first.status, 201);
    const location = first.headers.get('location') ?? '';

    disk.fill();
    // The write-ahead log may still have room for a few commits: create until it has none.
    let refused: Response | undefined;
    for (let index = 0; refused === undefined; index += 1) {
      const response = await create(`pendant ${String(index)}`);
      if (response.status === 201) await response.arrayBuffer();
      else refused = response;
      assert.ok(index < 1_000, 'the store must fill up');
    }
    assert.equal(refused.status, 507);
    const problem = (await refused.json()) as { type: string; detail: string };
    assert.equal(problem.type, '/problems/insufficient-storage');
    assert.doesNotMatch(problem.detail, /SQLITE|sqlite|errcode/);

    const kept = await read(location);
    assert.equal(kept.status, 200);
    assert.equal(((await kept.json()) as { etat: string }).etat, 'avant');

    disk.free();
    assert.equal((await create('après')).status, 201);
  });
});
