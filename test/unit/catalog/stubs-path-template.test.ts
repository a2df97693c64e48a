import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  findPathTemplate,
  isTemplatedPath,
  matchPathTemplate,
  parsePathTemplate,
} from '../../../catalog/openapi/path-template.ts';

/** The rules stubs and the mock server share to tie a concrete path to an operation. */
describe('path templates of stubs', () => {
  test('placeholders match one segment, or part of one, and come back decoded', () => {
    const template = parsePathTemplate('/entreprises/{siren}/documents/{nom}.pdf');
    assert.deepEqual(
      matchPathTemplate(template, '/entreprises/412345670/documents/bilan%202025.pdf'),
      {
        siren: '412345670',
        nom: 'bilan 2025',
      },
    );
    assert.equal(
      matchPathTemplate(template, '/entreprises/412345670/documents/a/b.pdf'),
      undefined,
    );
    assert.equal(matchPathTemplate(template, '/entreprises//documents/bilan.pdf'), undefined);
  });

  test('regular-expression characters in a template are taken literally', () => {
    const template = parsePathTemplate('/v1.0/items(all)');
    assert.deepEqual(matchPathTemplate(template, '/v1.0/items(all)'), {});
    assert.equal(matchPathTemplate(template, '/v1x0/items(all)'), undefined);
  });

  test('a literal template wins over a placeholder, then the fewest placeholders', () => {
    const operations = [
      { path: '/users/{id}' },
      { path: '/users/{id}/{tab}' },
      { path: '/users/me' },
    ];
    assert.equal(findPathTemplate(operations, '/users/me')?.path, '/users/me');
    assert.equal(findPathTemplate(operations, '/users/42')?.path, '/users/{id}');
    assert.equal(findPathTemplate(operations, '/users/42/keys')?.path, '/users/{id}/{tab}');
    assert.equal(findPathTemplate(operations, '/groups/42'), undefined);
  });

  test('a path is templated when it holds a placeholder', () => {
    assert.equal(isTemplatedPath('/entreprises/{siren}'), true);
    assert.equal(isTemplatedPath('/entreprises/000000000'), false);
  });
});
