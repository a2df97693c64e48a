import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createEmptyState,
  isEmptyState,
  matchesFilters,
  parseFilterState,
  toQueryString,
  type CardFacets,
} from '../../../site/scripts/catalog-filter-state.ts';

const taxes: CardFacets = {
  tag: ['fiscalite', 'entreprises'],
  owner: ['Direction des services fiscaux'],
  lifecycle: ['stable'],
  visibility: ['public'],
};

describe('catalog filters', () => {
  test('read repeated fields from the query string and ignore the rest', () => {
    const state = parseFilterState('?tag=fiscalite&tag=social&tag=&lifecycle=beta&page=2');
    assert.deepEqual(state, {
      tag: ['fiscalite', 'social'],
      owner: [],
      lifecycle: ['beta'],
      visibility: [],
    });
  });

  test('write the state back in the order of the form', () => {
    const state = { ...createEmptyState(), lifecycle: ['beta'], tag: ['a b'] };
    assert.equal(toQueryString(state), '?tag=a+b&lifecycle=beta');
    assert.equal(toQueryString(createEmptyState()), '');
    assert.deepEqual(parseFilterState(toQueryString(state)), state);
  });

  test('match any chosen value within a field, and every field', () => {
    const pick = (search: string): boolean => matchesFilters(taxes, parseFilterState(search));
    assert.equal(pick(''), true);
    assert.equal(pick('?tag=social&tag=fiscalite'), true);
    assert.equal(pick('?tag=social'), false);
    assert.equal(pick('?tag=fiscalite&lifecycle=beta'), false);
    assert.equal(pick('?owner=Direction+des+services+fiscaux&lifecycle=stable'), true);
  });

  test('tell an empty state apart', () => {
    assert.equal(isEmptyState(createEmptyState()), true);
    assert.equal(isEmptyState(parseFilterState('?owner=x')), false);
  });
});
