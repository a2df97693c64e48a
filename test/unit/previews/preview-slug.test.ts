import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  isPreviewSlug,
  maxSlugLength,
  toPreviewSlug,
} from '../../../scripts/lib/previews/to-preview-slug.ts';

describe("a branch's preview slug (GitLab's CI_COMMIT_REF_SLUG)", () => {
  test('lowercases and turns every character outside a-z0-9 into a dash', () => {
    assert.equal(toPreviewSlug('feature/Add-API_v2'), 'feature-add-api-v2');
    assert.equal(toPreviewSlug('main'), 'main');
    assert.equal(toPreviewSlug('Release/2026.05'), 'release-2026-05');
  });

  test('keeps runs of dashes as GitLab does, without merging them', () => {
    assert.equal(toPreviewSlug('fix//double'), 'fix--double');
    assert.equal(toPreviewSlug('a + b'), 'a---b');
  });

  test('drops dashes at both ends', () => {
    assert.equal(toPreviewSlug('/feature/'), 'feature');
    assert.equal(toPreviewSlug('--x--'), 'x');
    assert.equal(toPreviewSlug('_wip_'), 'wip');
  });

  test('cuts long names at 63 characters, then drops a dash left at the cut', () => {
    const long = `feature/${'a'.repeat(100)}`;
    assert.equal(toPreviewSlug(long), `feature-${'a'.repeat(55)}`);
    assert.equal(toPreviewSlug(long).length, maxSlugLength);
    // Character 63 is a dash: cut first, trimmed after, as GitLab's `[0..62]` then `gsub`.
    assert.equal(toPreviewSlug(`${'b'.repeat(62)}/tail`), 'b'.repeat(62));
  });

  test('replaces each non-ASCII character by one dash', () => {
    assert.equal(toPreviewSlug('déploiement'), 'd-ploiement');
    assert.equal(toPreviewSlug('fix-🚀-now'), 'fix---now');
  });

  test('is empty for a name with no letter or digit', () => {
    assert.equal(toPreviewSlug('///'), '');
    assert.equal(toPreviewSlug(''), '');
  });

  test('recognises what it produces, and nothing a URL could abuse', () => {
    for (const branch of ['feature/Add-API_v2', 'x', `y/${'z'.repeat(80)}`]) {
      assert.ok(isPreviewSlug(toPreviewSlug(branch)), branch);
    }
    for (const value of ['', '-a', 'a-', 'A', '..', 'a.b', '_sandbox', 'a/b', 'c'.repeat(64)]) {
      assert.equal(isPreviewSlug(value), false, value);
    }
  });
});
