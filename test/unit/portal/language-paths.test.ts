import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  listLanguageRoutes,
  toLanguagePath,
  toLanguagePrefix,
  toPathLanguage,
  type LanguagePlan,
} from '../../../config/language-paths.ts';

const rootFrench: LanguagePlan = {
  language: 'fr',
  languages: ['fr', 'en'],
  prefixDefaultLanguage: false,
};
const bothPrefixed: LanguagePlan = { ...rootFrench, prefixDefaultLanguage: true };
const pagesDir = fileURLToPath(new URL('../../../site/pages/', import.meta.url));

describe('language paths', () => {
  test('the default language is at the root, the other under its prefix', () => {
    assert.equal(toLanguagePrefix(rootFrench, 'fr'), '');
    assert.equal(toLanguagePrefix(rootFrench, 'en'), 'en/');
    assert.equal(toLanguagePrefix(bothPrefixed, 'fr'), 'fr/');
    assert.equal(toPathLanguage(rootFrench, 'apis/x/'), 'fr');
    assert.equal(toPathLanguage(rootFrench, 'en/apis/x/'), 'en');
    assert.equal(toPathLanguage(rootFrench, 'en'), 'en');
    // An API whose id is a language code is still an API of the root language.
    assert.equal(toPathLanguage(rootFrench, 'apis/en/'), 'fr');
    assert.equal(toPathLanguage(bothPrefixed, 'fr/apis/'), 'fr');
    // With every language prefixed, the root holds no language: it leads to the default one.
    assert.equal(toPathLanguage(bothPrefixed, 'apis/x/'), undefined);
  });

  test('switching language keeps the page', () => {
    assert.equal(toLanguagePath(rootFrench, 'apis/x/v1/', 'en'), 'en/apis/x/v1/');
    assert.equal(toLanguagePath(rootFrench, 'en/apis/x/v1/', 'fr'), 'apis/x/v1/');
    assert.equal(toLanguagePath(rootFrench, '', 'en'), 'en/');
    assert.equal(toLanguagePath(bothPrefixed, 'fr/search/', 'en'), 'en/search/');
  });

  test('every page kind gets a route per prefixed language; files are not built twice', async () => {
    const routes = await listLanguageRoutes(pagesDir, rootFrench);
    const patterns = routes.map((route) => route.pattern).sort();
    assert.ok(patterns.includes('/en'));
    assert.ok(patterns.includes('/en/apis/[api]/[version]/reference'));
    assert.ok(patterns.includes('/en/apis/[api]/guides/[slug]'));
    assert.ok(patterns.includes('/en/apis/[api]/[version]/tags/[tag]'));
    assert.ok(patterns.includes('/en/404'));
    assert.ok(patterns.includes('/en/accessibility'));
    assert.ok(!patterns.some((pattern) => pattern.endsWith('.json') || pattern.endsWith('.md')));
    assert.ok(!patterns.some((pattern) => pattern.startsWith('/fr')));
  });

  test('with every language prefixed, each gets its routes', async () => {
    const routes = await listLanguageRoutes(pagesDir, bothPrefixed);
    assert.ok(routes.some((route) => route.pattern === '/fr/apis/[api]'));
    assert.ok(routes.some((route) => route.pattern === '/en/apis/[api]'));
    assert.ok(routes.every((route) => route.entrypoint.startsWith('site/pages/')));
  });
});
