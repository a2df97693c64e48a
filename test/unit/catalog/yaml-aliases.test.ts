import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCatalog } from '../../../catalog/index.ts';
import { createHostileRepo } from '../../security/helpers/hostile-repo.ts';

/** Owners who write YAML by hand share repeated answers with anchors, hundreds of times. */
function documentWithSharedAnswers(operations: number): string {
  const lines = [
    'openapi: 3.0.3',
    'info: { title: Shared answers, version: 2.1.0 }',
    'x-answers:',
    '  problem: &problem { type: about:blank, title: Not found, status: 404 }',
    '  error: &error',
    '    description: The request failed',
    '    content:',
    '      application/problem+json:',
    '        example: *problem',
    'paths:',
  ];
  for (let index = 0; index < operations; index += 1) {
    lines.push(
      `  /things-${String(index)}:`,
      '    get: &read',
      `      summary: Read thing ${String(index)}`,
      '      responses:',
      "        '200': { description: OK }",
      "        '400': *error",
      "        '404': *error",
      "        '500': *error",
      `    head: { summary: Check thing ${String(index)}, responses: { '200': { description: OK }, '404': *error } }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

test('a document sharing its answers through a thousand aliases loads as written', async () => {
  const repo = await createHostileRepo({
    'apis/shared/openapi.yaml': documentWithSharedAnswers(300),
  });
  try {
    const result = await loadCatalog({ apisDir: repo.apisDir, audience: 'internal' });
    assert.deepEqual(result.problems, []);
    const version = result.catalog.apis[0]?.versions[0];
    assert.equal(version?.operations.length, 600);
    const paths = version.document.paths as Record<string, Record<string, unknown>>;
    const answer = (paths['/things-299']?.head as { responses: Record<string, unknown> }).responses[
      '404'
    ];
    assert.deepEqual(answer, {
      description: 'The request failed',
      content: {
        'application/problem+json': {
          example: { type: 'about:blank', title: 'Not found', status: 404 },
        },
      },
    });
  } finally {
    await repo.remove();
  }
});
