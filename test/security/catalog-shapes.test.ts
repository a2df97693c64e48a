import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { reportFor } from './helpers/catalog-report.ts';
import { documentWithPathItem } from './helpers/hostile-repo.ts';

describe('odd shapes of files are named for what they are', () => {
  test('a $ref to a loop of symbolic links, a.yaml → b.yaml → a.yaml', async () => {
    assert.deepEqual(
      await reportFor({
        'apis/loop/openapi.yaml': documentWithPathItem('$ref: ./a.yaml'),
        'apis/loop/a.yaml': { linkTo: 'b.yaml' },
        'apis/loop/b.yaml': { linkTo: 'a.yaml' },
      }),
      [
        'apis/loop/openapi.yaml:7 — paths./things.$ref — points to a loop of symbolic links (./a.yaml) — replace the links with the file itself',
      ],
    );
  });

  test('a mapping whose key is itself a list (`? [a, b] : 1`)', async () => {
    const document = [
      'openapi: 3.0.3',
      'info: { title: Odd, version: 1.0.0 }',
      'paths: {}',
      'x-odd:',
      '  ? [a, b]',
      '  : 1',
      '',
    ].join('\n');
    assert.deepEqual(await reportFor({ 'apis/odd/openapi.yaml': document }), [
      'apis/odd/openapi.yaml:5 — (keys) — uses a list or a mapping as a key (? …), which JSON cannot hold — write the key as plain text',
    ]);
  });
});
