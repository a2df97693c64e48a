import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  parseSearchState,
  splitExcerpt,
  toSearchQueryString,
} from '../../../site/scripts/search-results.ts';

describe('search page helpers', () => {
  test('read and write the query string', () => {
    const state = parseSearchState('?q=+accus%C3%A9+&lifecycle=stable&tag=&other=1');
    assert.deepEqual(state, { query: 'accusé', filters: { lifecycle: 'stable' } });
    assert.equal(toSearchQueryString(state), '?q=accus%C3%A9&lifecycle=stable');
    assert.equal(toSearchQueryString({ query: '', filters: {} }), '');
  });

  test('split an excerpt on its marks and decode entities, dropping any other tag', () => {
    assert.deepEqual(splitExcerpt('Get <mark>l&#39;accusé</mark> &amp; <b>more</b> &lt;x&gt;'), [
      { text: 'Get ', marked: false },
      { text: "l'accusé", marked: true },
      { text: ' & more <x>', marked: false },
    ]);
  });
});
