import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  renderNotFoundPage,
  renderPreviewsPage,
} from '../../../scripts/lib/previews/render-previews-page.ts';
import type { PreviewListing } from '../../../scripts/lib/previews/preview-registry.ts';

const listing = {
  manifest: {
    slug: 'feature-x',
    branch: 'feature/x',
    commit: '0123456789abcdef',
    builtAt: '2026-12-01T09:30:12.000Z',
    audience: 'public',
  },
  sandbox: 'stopped',
} as unknown as PreviewListing;

describe('the previews server’s own pages, in the language of the request', () => {
  test('the index in French, from the portal’s dictionary', () => {
    const page = renderPreviewsPage([listing], 'fr');
    assert.match(page, /<html lang="fr">/);
    assert.match(page, /<h1>Prévisualisations des branches<\/h1>/);
    assert.match(page, /démarre au premier appel/);
    assert.doesNotMatch(page, /Branch previews|starts on the first call/);
  });

  test('the index in English', () => {
    const page = renderPreviewsPage([], 'en');
    assert.match(page, /<html lang="en">/);
    assert.match(page, /<h1>Branch previews<\/h1>/);
    assert.match(page, /No preview yet/);
  });

  test('the 404 page in both languages', () => {
    assert.match(renderNotFoundPage('/nope/', 'fr'), /<h1>Aucune prévisualisation ici<\/h1>/);
    assert.match(renderNotFoundPage('/nope/', 'en'), /<h1>No such preview<\/h1>/);
    assert.match(renderNotFoundPage('/<b>/', 'fr'), /&lt;b&gt;/);
  });
});
