import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  parseSearchState,
  pickSubResults,
  splitExcerpt,
  toSearchQueryString,
  type PagefindResultData,
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

  test('link the best-matching sections of a page, never the page itself', () => {
    const data: PagefindResultData = {
      url: '/apis/a/',
      excerpt: '',
      meta: { title: 'A' },
      sub_results: [
        { title: 'A', url: '/apis/a/', excerpt: '', weighted_locations: [{ weight: 9 }] },
        {
          title: 'List',
          url: '/apis/a/#get-list',
          excerpt: '',
          weighted_locations: [{ weight: 1 }],
        },
        {
          title: 'Create',
          url: '/apis/a/#post-list',
          excerpt: '',
          weighted_locations: [{ weight: 2 }, { weight: 1 }],
        },
        { title: 'Other', url: '/apis/a/#get-other', excerpt: '' },
      ],
    };
    assert.deepEqual(
      pickSubResults(data).map((sub) => sub.url),
      ['/apis/a/#post-list', '/apis/a/#get-list', '/apis/a/#get-other'],
    );
    assert.equal(pickSubResults(data, 1).length, 1);
  });
});
