import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { rankResults } from '../../../site/scripts/search-ranking.ts';
import { splitExcerpt, type PagefindResultData } from '../../../site/scripts/search-results.ts';
import {
  dropSearchWords,
  isPathQuery,
  toExactSearchWords,
  toPathSearchWord,
  toSummarySearchWord,
} from '../../../site/scripts/search-words.ts';

describe('an operation’s path and summary as search words', () => {
  test('a path is one word, whatever its slashes, braces and query string', () => {
    assert.equal(toPathSearchWord('/users'), 'apipath_users');
    assert.equal(toPathSearchWord('/users/{id}'), 'apipath_users_id_');
    assert.equal(
      toPathSearchWord('/current?stations={stations}'),
      'apipath_current_stations_stations_',
    );
    assert.equal(toPathSearchWord('/Départements/{code}'), 'apipath_départements_code_');
    assert.equal(toPathSearchWord('/'), 'apipath_');
  });

  test('a summary is one word, without case or accents, as typed or not', () => {
    assert.equal(toSummarySearchWord('Réserver un créneau.'), 'apisummary_reserver_un_creneau');
    assert.equal(toSummarySearchWord('« Update a file »'), 'apisummary_update_a_file');
    assert.equal(
      toSummarySearchWord('  Gets an app’s deployment slots '),
      toSummarySearchWord("gets an app's deployment slots"),
    );
  });

  test('a pasted path is searched as its word, any other query as a summary’s', () => {
    assert.equal(isPathQuery(' /users '), true);
    assert.equal(isPathQuery('users'), false);
    assert.equal(isPathQuery('/users and more'), false);
    assert.deepEqual(toExactSearchWords(' /users '), ['apipath_users']);
    assert.deepEqual(toExactSearchWords('Edit a video'), ['apisummary_edit_a_video']);
    assert.deepEqual(toExactSearchWords('  '), []);
  });

  test('the operation holding the path word comes first, before a longer path of the page', () => {
    // Pagefind's content: each path's words, then the path as written.
    const content =
      'Get a user. GET apipath_users_id_. apisummary_get_a_user. /users/{id} Get one. List users. GET apipath_users. apisummary_list_users. /users';
    const data: PagefindResultData = {
      url: '/apis/a/',
      excerpt: '',
      meta: { title: 'A' },
      content,
      sub_results: [
        {
          title: 'Get a user',
          url: '/apis/a/#get-users-id',
          excerpt: '',
          weighted_locations: [{ weight: 1, balanced_score: 300, location: 4 }],
        },
        {
          title: 'List users',
          url: '/apis/a/#get-users',
          excerpt: '',
          weighted_locations: [{ weight: 1, balanced_score: 200, location: 12 }],
        },
      ],
    };
    assert.deepEqual(
      rankResults([data], '/users')[0]?.sections.map((sub) => sub.url),
      ['/apis/a/#get-users', '/apis/a/#get-users-id'],
    );
  });

  test('a pasted path lands on its operation, before a guide quoting the path with a higher score', () => {
    const guide: PagefindResultData = {
      url: '/apis/a/guides/start/',
      excerpt: '',
      meta: { title: 'Start' },
      content: 'Call /users first',
      sub_results: [
        {
          title: 'Start',
          url: '/apis/a/guides/start/#call',
          excerpt: '',
          weighted_locations: [{ weight: 6, balanced_score: 9000, location: 1 }],
        },
      ],
    };
    const api: PagefindResultData = {
      url: '/apis/a/',
      excerpt: '',
      meta: { title: 'A' },
      content: 'List users. GET apipath_users. apisummary_list_users. /users',
      sub_results: [
        {
          title: 'List users',
          url: '/apis/a/#get-users',
          excerpt: '',
          weighted_locations: [{ weight: 0.04, balanced_score: 1, location: 3 }],
        },
      ],
    };
    assert.deepEqual(
      rankResults([guide, api], '/users').map((result) => result.data.url),
      ['/apis/a/', '/apis/a/guides/start/'],
    );
  });

  test('excerpts show the path and summary as written, never their words', () => {
    assert.equal(
      dropSearchWords(
        'Get one. GET <mark>apipath_users</mark>. apisummary_list_users. /users Returns users.',
      ),
      'Get one. GET /users Returns users.',
    );
    assert.deepEqual(
      splitExcerpt(
        'GET apipath_users_id_. <mark>apisummary_get_a_user</mark>. /users/{<mark>id</mark>}',
      ),
      [
        { text: 'GET /users/{', marked: false },
        { text: 'id', marked: true },
        { text: '}', marked: false },
      ],
    );
  });
});
