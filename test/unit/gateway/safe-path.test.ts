import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toContainedPath } from '../../../gateway-stub/routing/safe-path.ts';

describe('toContainedPath', () => {
  it('passes ordinary paths through untouched', () => {
    assert.equal(
      toContainedPath('/colis/v2/parcels/AB1234?x=1', 'colis', 'v2'),
      '/colis/v2/parcels/AB1234?x=1',
    );
    assert.equal(toContainedPath('/colis/v2/files/a%20b', 'colis', 'v2'), '/colis/v2/files/a%20b');
  });

  it('resolves dot segments that stay inside the version', () => {
    assert.equal(toContainedPath('/colis/v2/a/../parcels?q', 'colis', 'v2'), '/colis/v2/parcels?q');
  });

  it('refuses paths that would reach another API or version', () => {
    for (const path of [
      '/colis/v2/../../annuaire-agents/v1/agents',
      '/colis/v2/%2e%2e/%2e%2e/annuaire-agents/v1/agents',
      '/colis/v2/..%2f..%2fannuaire-agents/v1/agents',
      '/colis/v2/..\\..\\annuaire-agents/v1/agents',
      '/colis/v2/../v1/parcels',
    ]) {
      assert.equal(toContainedPath(path, 'colis', 'v2'), undefined, path);
    }
  });
});
