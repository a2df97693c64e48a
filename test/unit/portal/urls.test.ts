import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createUrls, toBasePath, toSandboxUrl } from '../../../site/lib/urls.ts';

describe('portal URLs', () => {
  test('live at the root by default', () => {
    const urls = createUrls('/');
    assert.equal(urls.home, '/');
    assert.equal(urls.catalog, '/apis/');
    assert.equal(urls.search, '/search/');
    assert.equal(urls.catalogJson, '/catalog.json');
    assert.equal(urls.api('tax-filing'), '/apis/tax-filing/');
    assert.equal(urls.reference('tax-filing', 'v2'), '/apis/tax-filing/v2/reference/');
    assert.equal(urls.guide('tax-filing', 'quick-start'), '/apis/tax-filing/guides/quick-start/');
    assert.equal(urls.bundledDocument('tax-filing', 'v2'), '/apis/tax-filing/v2/openapi.json');
    assert.equal(urls.consoleDocument('tax-filing', 'v2'), '/apis/tax-filing/v2/console.json');
  });

  test('carry the base path of a preview everywhere', () => {
    const urls = createUrls('/preview/my-branch/');
    assert.equal(urls.home, '/preview/my-branch/');
    assert.equal(urls.api('a'), '/preview/my-branch/apis/a/');
    assert.equal(urls.asset('pagefind/pagefind.js'), '/preview/my-branch/pagefind/pagefind.js');
    assert.equal(
      urls.asset('/_scalar/standalone.esm.js'),
      '/preview/my-branch/_scalar/standalone.esm.js',
    );
  });

  test('send the current version to the API page and older ones to their own page', () => {
    const urls = createUrls('/');
    assert.equal(urls.version('a', 'v2', 'v2'), '/apis/a/');
    assert.equal(urls.version('a', 'v1', 'v2'), '/apis/a/v1/');
    assert.equal(urls.operation('/apis/a/', 'get-agents-id'), '/apis/a/#get-agents-id');
  });

  test('keep the folder layout of source files and escape odd names', () => {
    const urls = createUrls('/');
    assert.equal(
      urls.sourceFile('a', 'v1', 'paths/slot list.yaml'),
      '/apis/a/v1/source/paths/slot%20list.yaml',
    );
  });

  test('normalise a base path however it is written', () => {
    assert.equal(toBasePath(''), '/');
    assert.equal(toBasePath('preview/x'), '/preview/x/');
    assert.equal(toBasePath('//preview//x//'), '/preview/x/');
  });

  test('give each version its sandbox base URL', () => {
    assert.equal(
      toSandboxUrl('http://127.0.0.1:8000/', 'tax', 'v2'),
      'http://127.0.0.1:8000/tax/v2',
    );
    assert.equal(
      toSandboxUrl('https://sandbox.example.org/preview/x', 'tax', 'v2'),
      'https://sandbox.example.org/preview/x/tax/v2',
    );
  });
});
