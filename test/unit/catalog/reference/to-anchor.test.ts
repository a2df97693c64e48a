import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listOperations } from '../../../../catalog/openapi/list-operations.ts';
import { createAnchorSet, toSlug } from '../../../../catalog/reference/to-anchor.ts';

test('anchors keep accented letters as their base letter', () => {
  assert.equal(toSlug('Départements'), 'departements');
  assert.equal(toSlug('Jours fériés'), 'jours-feries');
  assert.equal(toSlug('Cœur de métier — Straße'), 'coeur-de-metier-strasse');
  assert.equal(toSlug('<script>alert(1)</script>'), 'script-alert-1-script');
  assert.equal(toSlug('日本'), '');
});

test('anchors are unique on a page, and never empty', () => {
  const anchors = createAnchorSet(['tag-other']);
  assert.deepEqual(
    [
      anchors.take('tag-', 'Other', 'tag'),
      anchors.take('tag-', 'other', 'tag'),
      anchors.take('tag-', '日本', 'tag'),
    ],
    ['tag-other-2', 'tag-other-3', 'tag-tag'],
  );
});

test('an operation on an accented path gets a readable anchor', () => {
  const operations = listOperations({
    paths: { '/départements/{code}': { get: { responses: {} } } },
  });
  assert.deepEqual(
    operations.map((operation) => operation.anchor),
    ['get-departements-code'],
  );
});
