import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createStaticServer } from '../../../scripts/lib/portal/create-static-server.ts';
import { isBuildStale } from '../../../scripts/lib/portal/is-build-stale.ts';
import { isUnsafeOutDir } from '../../../scripts/lib/portal/prepare-out-dir.ts';

describe('static server', () => {
  let dir: string;
  let origin: string;
  const server = { close: (): void => undefined };
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'guichet-serve-'));
    await mkdir(join(dir, 'apis', 'tax'), { recursive: true });
    await writeFile(join(dir, 'index.html'), '<h1>home</h1>');
    await writeFile(join(dir, 'apis', 'tax', 'index.html'), '<h1>tax</h1>');
    await writeFile(join(dir, '404.html'), '<h1>not found</h1>');
    const running = createStaticServer({ dir, base: '/preview/x/' }).listen(0, '127.0.0.1');
    await once(running, 'listening');
    origin = `http://127.0.0.1:${String((running.address() as AddressInfo).port)}`;
    server.close = () => {
      running.closeAllConnections();
      running.close();
    };
  });
  after(async () => {
    server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('serves pages under the base path, folders by their index.html', async () => {
    const response = await fetch(`${origin}/preview/x/apis/tax/`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), '<h1>tax</h1>');
  });

  test('answers unknown paths, and paths outside the base, with the 404 page', async () => {
    for (const path of ['/preview/x/apis/nope/', '/apis/tax/', '/']) {
      const response = await fetch(`${origin}${path}`);
      assert.equal(response.status, 404, path);
      assert.equal(await response.text(), '<h1>not found</h1>');
    }
  });

  test('adds the missing slash to the base path', async () => {
    const response = await fetch(`${origin}/preview/x`, { redirect: 'manual' });
    assert.equal(response.status, 308);
    assert.equal(response.headers.get('location'), '/preview/x/');
  });

  test('only reads', async () => {
    const response = await fetch(`${origin}/preview/x/`, { method: 'POST' });
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'GET, HEAD');
  });
});

describe('output folder', () => {
  const cwd = resolve('/work/project');

  test('refuses the project, its ancestors, the home folder and source folders', () => {
    for (const target of [
      '/work/project',
      '/work',
      '/',
      homedir(),
      '/work/project/apis',
      '/work/project/site/pages',
    ]) {
      assert.equal(isUnsafeOutDir(resolve(target), cwd), true, target);
    }
  });

  test('accepts a folder of its own, inside or outside the project', () => {
    for (const target of [
      '/work/project/dist',
      '/work/project/.guichet/e2e/dist',
      '/srv/www/portal',
      '/work/other',
    ]) {
      assert.equal(isUnsafeOutDir(resolve(target), cwd), false, target);
    }
  });
});

describe('stale build', () => {
  test('is rebuilt when missing or older than the APIs, not otherwise', async () => {
    const root = await mkdtemp(join(tmpdir(), 'guichet-stale-'));
    try {
      const apis = join(root, 'apis');
      const out = join(root, 'dist');
      await mkdir(join(apis, 'tax'), { recursive: true });
      await writeFile(join(apis, 'tax', 'openapi.yaml'), 'openapi: 3.1.0');
      assert.equal(await isBuildStale(out, apis), true);

      await mkdir(out);
      await writeFile(join(out, 'index.html'), '');
      const past = new Date(Date.now() - 60_000);
      for (const path of [apis, join(apis, 'tax'), join(apis, 'tax', 'openapi.yaml')]) {
        await utimes(path, past, past);
      }
      assert.equal(await isBuildStale(out, apis), false);

      const future = new Date(Date.now() + 60_000);
      await utimes(join(apis, 'tax', 'openapi.yaml'), future, future);
      assert.equal(await isBuildStale(out, apis), true);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
