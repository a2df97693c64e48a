import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalog } from '../../../catalog/index.ts';
import { createHostileRepo, documentWithPathItem } from '../../security/helpers/hostile-repo.ts';

test('links that stay inside the API folder are followed like the files they lead to', async () => {
  const repo = await createHostileRepo({
    'apis/linked/openapi.yaml': { linkTo: 'source/openapi.yaml' },
    'apis/linked/source/openapi.yaml': documentWithPathItem('$ref: ./shared/things.yaml'),
    'apis/linked/shared/things.yaml': { linkTo: '../parts/things.yaml' },
    'apis/linked/source/shared': { linkTo: '../shared' },
    'apis/linked/parts/things.yaml': [
      'get:',
      '  summary: List things',
      '  responses:',
      "    '200':",
      '      description: OK',
    ].join('\n'),
    'apis/linked/guides/01-start.md': { linkTo: '../docs/start.md' },
    'apis/linked/docs/start.md': '# Start here\n\nCall GET /things.\n',
  });
  try {
    const result = await loadCatalog({ apisDir: repo.apisDir, audience: 'internal' });
    assert.deepEqual(result.problems, []);
    const api = result.catalog.apis[0];
    assert.equal(api?.versions[0]?.operations[0]?.summary, 'List things');
    assert.deepEqual(
      api.guides.map((guide) => guide.title),
      ['Start here'],
    );
  } finally {
    await repo.remove();
  }
});
