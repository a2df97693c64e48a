import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { toSearchKey } from '../../../site/scripts/search-key.ts';
import { rankResults } from '../../../site/scripts/search-ranking.ts';
import type {
  PagefindResultData,
  PagefindSubResult,
} from '../../../site/scripts/search-results.ts';

/**
 * A page as Pagefind's `data()` describes it, from its sections: each a title, an anchor and
 * the words Pagefind matched in it with their weights (4 an operation's heading, 1 text). The
 * page's content is the sections' words in order, so locations index into it as Pagefind's do.
 */
function toPage(
  url: string,
  sections: { title: string; anchor?: string; matched: [string, number][] }[],
  extra: Partial<PagefindResultData> = {},
): PagefindResultData {
  const words: string[] = [];
  const subResults: PagefindSubResult[] = sections.map((section) => ({
    title: section.title,
    url: section.anchor ? `${url}#${section.anchor}` : url,
    excerpt: '',
    weighted_locations: section.matched.map(([word, weight]) => {
      words.push(word);
      return { weight, balanced_score: weight * weight * 512, location: words.length - 1 };
    }),
  }));
  return {
    url,
    excerpt: '',
    meta: { title: sections[0]?.title ?? url },
    content: words.join(' '),
    sub_results: subResults,
    ...extra,
  };
}

/** The section links one page shows for the query. */
const linksOf = (data: PagefindResultData, query: string, limit?: number): string[] =>
  rankResults([data], query, limit)[0]?.sections.map((sub) => sub.url) ?? [];

/** The pages of a batch in the order shown. */
const pagesOf = (batch: PagefindResultData[], query: string): string[] =>
  rankResults(batch, query).map((result) => result.data.url);

describe('search ranking', () => {
  test('compares text without case or accents, and with one apostrophe', () => {
    assert.equal(
      toSearchKey('  Réserver l’accusé  de RÉCEPTION '),
      "reserver l'accuse de reception",
    );
  });

  test('the section whose title is the query comes first, before a longer one repeating its words', () => {
    const page = toPage('/apis/rendez-vous/', [
      { title: 'Rendez-vous en points d’accueil', matched: [['Rendez-vous', 7]] },
      {
        title: 'Présentation',
        anchor: 'about',
        matched: [
          ['rendez-vous', 1],
          ['un', 1],
          ['réservation', 1],
          ['un', 1],
          ['rendez-vous', 1],
          ['une', 1],
        ],
      },
      {
        title: 'Consulter un rendez-vous',
        anchor: 'get-rendez-vous-reference',
        matched: [
          ['un', 4],
          ['rendez-vous.', 4],
          ['réservé', 1],
        ],
      },
      {
        title: 'Réserver un rendez-vous',
        anchor: 'post-rendez-vous',
        matched: [
          ['Réserver', 4],
          ['un', 4],
          ['rendez-vous.', 4],
        ],
      },
    ]);
    assert.deepEqual(linksOf(page, 'reserver un rendez-vous'), [
      '/apis/rendez-vous/#post-rendez-vous',
      '/apis/rendez-vous/#get-rendez-vous-reference',
      '/apis/rendez-vous/#about',
    ]);
  });

  test('each word of the query counts once, at its best match in a section', () => {
    const page = toPage('/apis/a/', [
      {
        title: 'Schemas',
        anchor: 'schemas',
        matched: Array.from({ length: 40 }, (): [string, number] => ['entreprise', 1]),
      },
      {
        title: 'Lister les dirigeants',
        anchor: 'get-dirigeants',
        matched: [
          ['dirigeants', 4],
          ['entreprise', 1],
        ],
      },
    ]);
    assert.deepEqual(linksOf(page, 'dirigeants entreprise'), [
      '/apis/a/#get-dirigeants',
      '/apis/a/#schemas',
    ]);
  });

  test('a one-word query held whole (a path, an operationId) beats the same word inside a longer one', () => {
    const page = toPage('/apis/entreprises/', [
      {
        title: 'Lister les dirigeants',
        anchor: 'get-entreprises-siren-dirigeants',
        matched: [['/entreprises/{siren}/dirigeants', 4]],
      },
      {
        title: 'Consulter une entreprise',
        anchor: 'get-entreprises-siren',
        matched: [['/entreprises/{siren}', 1]],
      },
    ]);
    assert.deepEqual(linksOf(page, '/entreprises/{siren}'), [
      '/apis/entreprises/#get-entreprises-siren',
      '/apis/entreprises/#get-entreprises-siren-dirigeants',
    ]);
    assert.deepEqual(linksOf(page, 'consulterEntreprise').length, 2);
  });

  test('only sections with an anchor are linked, at most five by default', () => {
    const sections = Array.from({ length: 7 }, (_, index) => ({
      title: `Operation ${String(index)}`,
      anchor: `op-${String(index)}`,
      matched: [['operation', 4]] as [string, number][],
    }));
    const page = toPage('/apis/a/', [{ title: 'A', matched: [['operation', 7]] }, ...sections]);
    assert.deepEqual(linksOf(page, 'operation'), [
      '/apis/a/#op-0',
      '/apis/a/#op-1',
      '/apis/a/#op-2',
      '/apis/a/#op-3',
      '/apis/a/#op-4',
    ]);
    assert.equal(linksOf(page, 'operation', 1).length, 1);
  });

  test('without content or scores, sections rank by their matches’ weights', () => {
    const data: PagefindResultData = {
      url: '/apis/a/',
      excerpt: '',
      meta: { title: 'A' },
      sub_results: [
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
    assert.deepEqual(linksOf(data, 'items'), [
      '/apis/a/#post-list',
      '/apis/a/#get-list',
      '/apis/a/#get-other',
    ]);
  });

  test('a page holding the query as a title outranks a guide whose title only holds its words', () => {
    const guide = toPage('/apis/rendez-vous/guides/reserver/', [
      {
        title: 'Réserver un rendez-vous pour un usager',
        matched: [
          ['Réserver', 7],
          ['un', 7],
          ['rendez-vous', 7],
        ],
      },
    ]);
    const api = toPage('/apis/rendez-vous/', [
      { title: 'Rendez-vous en points d’accueil', matched: [['Rendez-vous', 7]] },
      {
        title: 'Réserver un rendez-vous',
        anchor: 'post-rendez-vous',
        matched: [
          ['Réserver', 4],
          ['un', 4],
          ['rendez-vous.', 4],
        ],
      },
    ]);
    const other = toPage('/apis/b/', [{ title: 'B', anchor: 'b', matched: [['un', 1]] }]);
    assert.deepEqual(pagesOf([guide, other, api], 'Réserver un rendez-vous'), [
      '/apis/rendez-vous/',
      '/apis/rendez-vous/guides/reserver/',
      '/apis/b/',
    ]);
    // A guide's own title is an exact match too.
    assert.deepEqual(pagesOf([api, guide], 'réserver un rendez-vous pour un usager'), [
      '/apis/rendez-vous/guides/reserver/',
      '/apis/rendez-vous/',
    ]);
  });

  test('pages rank by their best section: an operation named by the word before a page mentioning it', () => {
    const guide = toPage('/apis/rendez-vous/guides/reserver/', [
      { title: 'Réserver un rendez-vous pour un usager', matched: [['annulation', 1]] },
    ]);
    const api = toPage('/apis/rendez-vous/', [
      {
        title: 'Annuler un rendez-vous',
        anchor: 'post-annulation',
        matched: [
          ['Annuler', 6],
          ['annulation', 1],
        ],
      },
    ]);
    assert.deepEqual(pagesOf([guide, api], 'annul'), [
      '/apis/rendez-vous/',
      '/apis/rendez-vous/guides/reserver/',
    ]);
  });

  test('the current version outranks an older one that matches as well, not a better match', () => {
    const section = {
      title: 'Créer une déclaration',
      anchor: 'post-declarations',
      matched: [
        ['Créer', 4],
        ['une', 4],
        ['déclaration.', 4],
      ] as [string, number][],
    };
    const older = toPage('/apis/impots/v1/', [section], {
      filters: { lifecycle: ['deprecated'], release: ['older'] },
    });
    const current = toPage('/apis/impots/', [section], {
      filters: { lifecycle: ['stable'], release: ['current'] },
    });
    const onlyOlder = toPage(
      '/apis/impots/v1/',
      [{ title: 'Consulter l’accusé', anchor: 'get-accuse', matched: [['accusé', 4]] }],
      { filters: { release: ['older'] } },
    );
    assert.deepEqual(pagesOf([older, current], 'creer une declaration'), [
      '/apis/impots/',
      '/apis/impots/v1/',
    ]);
    assert.deepEqual(pagesOf([onlyOlder, current], 'Consulter l’accusé'), [
      '/apis/impots/v1/',
      '/apis/impots/',
    ]);
  });
});
